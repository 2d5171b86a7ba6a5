import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// A scan that spills to a temporary file it cannot write stops with an I/O error that
/// says where and what to do, not a trap.
@Suite struct SpillFileTests {
    @Test func aTemporaryFileThatCannotBeWrittenIsAnIOErrorNamingTheFolder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        let spill = folder.appendingPathComponent("spill")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: spill, withIntermediateDirectories: true)
        // Enough shingles for the spill file to be written to (a chunk is 2^18 of them).
        for (index, document) in GeneratedCorpus(documents: 1500, templates: 10, seed: 3).documents.enumerated() {
            try Data(document.bytes).write(to: corpus.appendingPathComponent("\(index).txt"))
        }
        let environment = ["REFRAIN_SPILL_ABOVE": "0", "TMPDIR": spill.path]
        let arguments = ["scan", corpus.path, "--quiet", "--format", "json"]

        // A file size limit makes writes fail (EFBIG) once the file would grow past it;
        // refrain ignores SIGXFSZ itself, so the write returns the error instead of the signal
        // killing the process.
        let limited = try runRefrain(arguments, environment: environment, script: "ulimit -f 64; exec \"$0\" \"$@\"")
        #expect(limited.status == 74, "\(limited.error)")
        #expect(limited.error.contains("cannot write a temporary file in \(spill.path)"), "\(limited.error)")
        #expect(limited.error.contains("TMPDIR"))
        #expect(!limited.error.contains("Fatal error"))

        // The same scan with room: it spills and succeeds.
        let unlimited = try runRefrain(arguments, environment: environment)
        #expect(unlimited.status == 0, "\(unlimited.error)")
        #expect(!unlimited.error.contains("warning"), "\(unlimited.error)")

        // No folder to make the file in: the scan keeps the data in memory, and says so.
        let missing = folder.appendingPathComponent("missing").path
        let inMemory = try runRefrain(arguments, environment: ["REFRAIN_SPILL_ABOVE": "0", "TMPDIR": missing])
        #expect(inMemory.status == 0, "\(inMemory.error)")
        #expect(inMemory.error.contains("warning: cannot make a temporary file in \(missing)"), "\(inMemory.error)")
        #expect(inMemory.error.components(separatedBy: "temporary file").count == 2, "once: \(inMemory.error)")
    }

    /// Bytes read back equal the bytes written, at any offset and length: across direct
    /// blocks, inside the staged tail, and straddling both; buffered and direct alike.
    @Test(arguments: [false, true])
    func readsReturnWhatWasWritten(direct: Bool) {
        var generator = SplitMix64(seed: direct ? 7 : 8)
        let file = SpillFile(direct: direct)
        var written: [UInt8] = []
        // Appends of odd sizes, so blocks fill mid-append (some appends span several blocks),
        // to a bit over eight blocks.
        while written.count < 8 * SpillFile.blockBytes + 12345 {
            let count = Int(generator.next() % 3_000_000) + 1
            let seed = generator.next()
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: seed &* UInt64($0 &+ 1) >> 29) }
            bytes.withUnsafeBytes { file.append($0) }
            written += bytes
        }
        #expect(file.count == written.count)
        var ranges = [0..<written.count, 0..<1, (written.count - 1)..<written.count]
        ranges.append((SpillFile.blockBytes - 3)..<(SpillFile.blockBytes + 5))
        ranges.append((8 * SpillFile.blockBytes - 100)..<(written.count - 7))
        for _ in 0..<40 {
            let start = Int(generator.next() % UInt64(written.count))
            let length = Int(generator.next() % UInt64(min(written.count - start, 2 * SpillFile.blockBytes)))
            ranges.append(start..<(start + length))
        }
        for range in ranges {
            var read = [UInt8](repeating: 0, count: range.count)
            read.withUnsafeMutableBytes { file.read(at: range.lowerBound, into: $0) }
            // A Bool, not the arrays: a failure would print megabytes.
            let same = read.elementsEqual(written[range])
            #expect(same, "\(range), direct \(file.isDirect)")
        }
    }
}
