import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct CorpusTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func folderIsReadRecursivelyWithRelativeIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        try Data("two".utf8).write(to: folder.appendingPathComponent("b/c/two.txt"))
        try Data("one".utf8).write(to: folder.appendingPathComponent("one.txt"))
        try Data("not text".utf8).write(to: folder.appendingPathComponent("image.png"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["b/c/two.txt", "one.txt"])
        #expect(corpus.problems.isEmpty)
    }

    @Test func filesAreReadInIDOrderWhateverTheArgumentOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.txt", "a.txt", "c.txt"] { try Data(name.utf8).write(to: folder.appendingPathComponent(name)) }
        let paths = ["c.txt", "a.txt", "b.txt"].map { folder.appendingPathComponent($0).path }
        #expect(try Corpus.read(paths).documents.map(\.id) == ["a.txt", "b.txt", "c.txt"])
        #expect(try Corpus.read(paths.reversed()).documents.map(\.id) == ["a.txt", "b.txt", "c.txt"])
    }

    @Test func jsonLinesWithMetadataAndBadLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            #"{"id": "a", "text": "Alpha text.", "source": "Trend", "date": "2020-10-31"}"#,
            #"{"id": "b", "text": "#,
            #"{"id": "c"}"#,
            "",
            #"{"text": "No id here."}"#,
            #"{"id": 7, "text": "Numeric id."}"#,
            #"{"id": "a", "text": "Duplicate id."}"#,
        ]
        let file = folder.appendingPathComponent("feed.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let corpus = try Corpus.read([file.path])
        #expect(corpus.documents.map(\.id) == ["a", "5", "7", "a@feed.jsonl:7"])
        #expect(corpus.documents[0].source == "Trend")
        #expect(corpus.documents[0].date == "2020-10-31")
        #expect(corpus.documents[0].origin.hasSuffix("feed.jsonl:1"))
        let skipped = corpus.problems.filter { $0.severity == .skipped }
        #expect(skipped.map(\.line) == [2, 3])
        #expect(skipped.allSatisfy { $0.path == file.path })
        #expect(skipped.allSatisfy { !$0.message.contains(".)") }, "Foundation's period is dropped inside the message")
        #expect(corpus.problems.filter { $0.severity == .warning }.compactMap(\.line) == [4, 6, 7])
    }

    @Test func jsonLinesEveryBadRecordIsNamedWithItsLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]  // a byte-order mark
        let lines: [[UInt8]] = [
            Array(#"{"id": "a", "text": "First."}\#r"#.utf8),  // CRLF
            Array(#"{"id": true, "text": "Boolean id."}"#.utf8),
            Array(#"{"id": ["x"], "text": "Array id."}"#.utf8),
            Array(#"{"id": "n", "text": null}"#.utf8),
            Array(#"{"id": "five", "text": 5}"#.utf8),
            Array(#"[1, 2]"#.utf8),
            Array(#""just a string""#.utf8),
            Array(#"{"id": "bad", "text": "Invalid "#.utf8) + [0xFF, 0xFE] + Array(#" bytes."}"#.utf8),
            Array(" \t ".utf8),
            Array(#"{"id": "a", "text": "Same id again."}"#.utf8),
            Array(#"{"id": "u", "text": "Escaped \u00e9 and \ud83d\ude00."}"#.utf8),
            Array(#"{"id": "2.txt", "text": "The id of a file."}"#.utf8),
        ]
        for line in lines { bytes += line + [0x0A] }  // the final line feed ends the file: no blank line
        let file = folder.appendingPathComponent("feed.ndjson")
        try Data(bytes).write(to: file)
        try Data("Plain text.".utf8).write(to: folder.appendingPathComponent("2.txt"))
        let corpus = try Corpus.read([folder.path])
        // The folder's files in id order: 2.txt, then feed.ndjson's records in line order.
        #expect(corpus.documents.map(\.id) == ["2.txt", "a", "2", "3", "a@feed.ndjson:10", "u", "2.txt@feed.ndjson:12"])
        #expect(corpus.documents.first { $0.id == "u" }?.text == "Escaped é and 😀.")
        #expect(corpus.documents.first { $0.id == "a" }?.text == "First.")
        let skipped = corpus.problems.filter { $0.severity == .skipped }
        #expect(skipped.map(\.line) == [4, 5, 6, 7, 8])
        #expect(skipped.allSatisfy { $0.path == file.path && $0.description.contains("feed.ndjson:\($0.line!)") })
        let warnings = corpus.problems.filter { $0.severity == .warning }
        #expect(warnings.map(\.line) == [2, 3, 9, 10, 12])
    }

    /// A file of several MiB is read in pieces on all jobs: every line, long or short, blank
    /// or bad, at a piece's edge or not, is read once with its own line number; a repeated
    /// id is renamed after its line; problems come in line order.
    @Test(arguments: [1, 2, 3])
    func largeJSONLinesFileIsReadLineByLine(jobs: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 17)
        var bytes: [UInt8] = []
        var expectedIDs: [String] = []
        var warningLines: [Int] = []
        var badLines: [Int] = []
        var renames = 0
        var line = 0
        while bytes.count < 5 << 20 {
            line += 1
            let kind = UInt8.random(in: 0..<50, using: &generator)
            if kind == 0 {
                warningLines.append(line)
                bytes += Array(" ".utf8)
            } else if kind == 1 {
                badLines.append(line)
                bytes += Array(#"{"id": "bad"#.utf8)
            } else {
                var id = "d\(line)"
                if kind == 2, let earlier = expectedIDs.last(where: { !$0.contains("@") }) {
                    id = earlier  // a repeat: listed as "earlier@large.jsonl:line"
                    expectedIDs.append("\(earlier)@large.jsonl:\(line)")
                    renames += 1
                    // Three warnings by name, then one for the rest at the fourth's line.
                    if renames <= 4 { warningLines.append(line) }
                } else {
                    expectedIDs.append(id)
                }
                let words = Int.random(in: 1...(line % 7 == 0 ? 40_000 : 200), using: &generator)
                bytes += Array(#"{"id": "\#(id)", "text": "\#(String(repeating: "word ", count: words))\#(line)"}"#.utf8)
            }
            bytes.append(0x0A)
        }
        let file = folder.appendingPathComponent("large.jsonl")
        try Data(bytes).write(to: file)
        let corpus = try Corpus.read([file.path], jobs: jobs)
        #expect(corpus.documents.map(\.id) == expectedIDs)
        #expect(renames > 4)
        #expect(expectedIDs.contains { $0.contains("@") })
        #expect(corpus.documents.allSatisfy { $0.text.hasSuffix(" " + $0.origin.split(separator: ":").last!) })
        #expect(corpus.problems.filter { $0.severity == .warning }.compactMap(\.line) == warningLines)
        #expect(corpus.problems.filter { $0.severity == .skipped }.compactMap(\.line) == badLines)
        let lines = corpus.problems.compactMap(\.line)
        #expect(lines == lines.sorted())
    }

    @Test func emptyAndBlankJSONLinesFiles() throws {
        let empty = try Corpus.read(["-"], standardInput: { Array("{}".utf8) })
        #expect(empty.documents.isEmpty && empty.problems.map(\.line) == [1])
        let blank = try Corpus.read(["-"], standardInput: { Array("{\"text\": \"x\"}\n\n\n".utf8) })
        #expect(blank.documents.map(\.id) == ["1"])
        #expect(blank.problems.map(\.line) == [2, 3])
        #expect(blank.problems.allSatisfy { $0.severity == .warning })
    }

    @Test func standardInputIsOneDocumentOrJSONLines() throws {
        let text = try Corpus.read(["-"], standardInput: { Array("Plain text.".utf8) })
        #expect(text.documents.map(\.id) == ["stdin"])
        let lines = try Corpus.read(["-"], standardInput: { Array(#"{"id": "x", "text": "From a pipe."}"#.utf8) })
        #expect(lines.documents.map(\.id) == ["x"])
        let empty = try Corpus.read(["-"], standardInput: { [] })
        #expect(empty.documents.count == 1 && empty.documents[0].bytes.isEmpty)
    }

    @Test func missingPathIsAnError() {
        #expect(throws: RefrainError.pathNotFound("/no/such/refrain/path")) {
            try Corpus.read(["/no/such/refrain/path"])
        }
        #expect(RefrainError.pathNotFound("x").exitCode == 66)
    }

    @Test func binaryFilesAreSkippedAndNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("program.txt"))
        try Data("Good text.".utf8).write(to: folder.appendingPathComponent("good.txt"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["good.txt"])
        #expect(corpus.problems.count == 1)
        #expect(corpus.problems[0].path.hasSuffix("program.txt"))
        #expect(corpus.problems[0].severity == .skipped)
    }
}
