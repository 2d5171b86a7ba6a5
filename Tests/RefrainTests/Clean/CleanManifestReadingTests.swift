import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The byte reader of manifest lines reads what `CleanManifest.line` writes as Foundation does.
@Suite struct CleanManifestReadingTests {
    /// Lines with every field, odd names, escapes, invalid UTF-8 and kept records.
    func lines() -> [String] {
        var random = SeededGenerator(seed: 404)
        var result: [String] = []
        let pieces = ["Été", "\"quoted\"", "line\nbreak", "tab\t", "\u{1}", "😀", "\u{2028}", "/", "\\", "plain words"]
        for number in 0..<200 {
            var removed: [RemovedSpan] = []
            var start = 0
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                start += Int.random(in: 0...20, using: &random)
                var bytes = Array(pieces.randomElement(using: &random)!.utf8)
                if Bool.random(using: &random), number % 3 == 0 { bytes.append(0xFF) }
                let families = (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 1...999, using: &random) }
                removed.append(
                    RemovedSpan(
                        span: ByteRange(start, start + bytes.count), families: families, isWhitespace: families.isEmpty, bytes: bytes))
                start += bytes.count
            }
            let id = "doc \(number) " + pieces.randomElement(using: &random)!
            let outputBytes: [UInt8] = number % 7 == 0 ? Array("dir/n\u{e9}".utf8) + [0xFE] : Array("dir/\(number).txt".utf8)
            let record: [UInt8]? = number % 5 == 0 ? Array(#"{"id": "x", "text": "\u00e9"}"#.utf8) + (number % 10 == 0 ? [0xFF] : []) : nil
            result.append(
                CleanManifest.line(
                    id: id, output: DocumentLocation.displayName(outputBytes), outputBytes: outputBytes,
                    line: number % 2 == 0 ? number + 1 : nil, originalBytes: start + 10, removed: removed, record: record,
                    checksum: number % 4 == 0 ? nil : UInt64.random(in: 0...UInt64.max, using: &random),
                    documents: number % 4 == 0 ? nil : 200,
                    file: number % 3 == 0 ? CleanManifest.Entry.FileChecksum(bytes: number * 100, checksum: UInt64(number)) : nil,
                    written: number % 2 == 1 ? CleanManifest.Entry.FileChecksum(bytes: number * 90, checksum: ~UInt64(number)) : nil,
                    spelling: CleanManifest.TextSpelling.allCases[number % 4]))
        }
        return result
    }

    @Test func theByteReaderAgreesWithFoundationOnEveryWrittenLine() throws {
        for line in lines() {
            var bytes = Array(line.utf8)
            #expect(bytes.removeLast() == 0x0A)
            let read = try #require(
                bytes.withUnsafeBufferPointer { buffer -> CleanManifest.Entry? in
                    var reader = JSONRecordParser.Reader(bytes: buffer)
                    return CleanManifest.EntryReader.entry(&reader)
                }, "the byte reader takes \(line)")
            #expect(read == (try CleanManifest.parse(line)), "\(line)")
            #expect(line.contains(#""written": {"bytes""#) == (read.written != nil), "\(line)")
        }
    }

    @Test func aLineTooLargeForFoundationIsReadByBytes() throws {
        // Larger than Foundation is given, so only the byte reader can read it.
        let text = String(repeating: "Große Wörter \"zitiert\" / ", count: CleanManifest.largestFallbackLine / 10)
        let record = Array(#"{"id": "big", "text": "\#(text)"}"#.utf8)
        let removed = [RemovedSpan(span: ByteRange(0, text.utf8.count), families: [3], bytes: Array(text.utf8))]
        let line = CleanManifest.line(
            id: "big", output: "big.jsonl", line: 1, originalBytes: text.utf8.count, removed: removed, record: record)
        #expect(line.utf8.count > 2 * CleanManifest.largestFallbackLine)
        let entry = try CleanManifest.parse(bytes: Array(line.utf8.dropLast()))
        #expect(entry.removed == removed)
        #expect(entry.record == record)
    }

    @Test func damagedLinesAreRefused() {
        for line in [
            #"{"id": "x", "output": "x", "removed": [{"start": 1, "end": 2}]}"#,  // no text
            #"{"id": "x", "output": "x"}"#,  // no removed
            #"{"id": "x", "output": "x", "removed": [], "xxh3": "12"}"#,  // short checksum
            #"{"id": "x", "output": "x", "removed": [], "spelling": "latin1"}"#,
            #"{"id": "x", "output": "x", "removed": [], "written": {"bytes": 3}}"#,  // no checksum
            #"{"id": "x", "output": "x", "removed": []"#,  // cut off
            #"["id", "x"]"#,
            // A span that ends before it starts, read by the byte reader and, with a
            // fraction it does not take, by Foundation's parser.
            #"{"id": "x", "output": "x", "removed": [{"start": 5, "end": 2, "text": "abc"}]}"#,
            #"{"id": "x", "output": "x", "removed": [{"start": 5.0, "end": 2, "text": "abc"}]}"#,
        ] {
            #expect(throws: (any Error).self, "\(line)") { try CleanManifest.parse(bytes: Array(line.utf8)) }
        }
    }
}
