import Foundation
import Testing

@_spi(CommandLine) @testable import Refrain

/// gzip-compressed input, as news crawls ship it: every member read as `gzip -dc` reads
/// them, and every way the data can be bad named.
@Suite struct GzipTests {
    /// Bytes compressed by the system's `gzip`, the tool that made the files users have.
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain")
        try Data(bytes).write(to: plain)
        try runShell("gzip -c '\(plain.path)' > '\(plain.path).gz'")
        return Array(try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz")))
    }

    func decompress(_ bytes: [UInt8], limit: Int = .max) -> Result<[UInt8], Gzip.Failure> {
        do {
            return .success(try bytes.withUnsafeBytes { input throws(Gzip.Failure) in try Gzip.decompress(input, limit: limit) })
        } catch {
            return .failure((error as? Gzip.Failure) ?? .damaged("not a gzip failure: \(error)"))
        }
    }

    let text = Array(String(repeating: "The council met on Tuesday to discuss the budget for next year.\n", count: 3_000).utf8)

    @Test func membersPaddingAndEmptyInputAreReadAsGzipReadsThem() throws {
        let first = try gzip(text)
        let second = try gzip(Array("A second member, as pigz and cat make.\n".utf8))
        #expect(try decompress(first).get() == text)
        // Sized from the trailer: a folder of small files holds no spare room per text.
        #expect(try decompress(first).get().capacity < text.count * 5 / 4)
        #expect(try decompress(first + second).get() == text + Array("A second member, as pigz and cat make.\n".utf8))
        #expect(try decompress(first + [UInt8](repeating: 0, count: 512)).get() == text)
        // An empty file is a download cut short, as gzip -t says, not an empty text.
        #expect(decompress([]) == .failure(.empty))
        #expect(decompress(try gzip(first)) == .failure(.compressedTwice))
    }

    @Test func badDataIsNamedForWhatIsWrong() throws {
        let good = try gzip(text)
        #expect(decompress(Array("plain text".utf8)) == .failure(.notGzip))
        #expect(decompress(Array(good.prefix(good.count / 2))) == .failure(.cutShort))
        #expect(decompress(good + Array("trailer".utf8)) == .failure(.trailing(offset: good.count)))
        // The trailer's CRC-32 no longer matches the text.
        var damaged = good
        damaged[good.count - 8] ^= 0xFF
        guard case .failure(.damaged(let message)) = decompress(damaged) else {
            Issue.record("damaged data read as \(decompress(damaged))")
            return
        }
        #expect(!message.isEmpty)
        #expect(decompress(good, limit: text.count - 1) == .failure(.tooLarge(limit: text.count - 1)))
        #expect(try decompress(good, limit: text.count).get() == text)
    }

    @Test func namesSayWhichFilesAreGzip() {
        for name in ["news.jsonl.gz", "a/b.txt.GZ", "x.gz"] { #expect(Gzip.isCompressedName(Array(name.utf8)), "\(name)") }
        for name in ["news.tar.gz", "NEWS.TAR.GZ", ".gz", "dir/.gz", "news.jsonl", "news.tgz"] {
            #expect(!Gzip.isCompressedName(Array(name.utf8)), "\(name)")
        }
        #expect(Corpus.isJSONLines("feed.ndjson.gz") && !Corpus.isJSONLines("story.txt.gz"))
    }

    /// A folder of `.txt.gz` and a `.jsonl.gz` file give the report, the clean output and
    /// the restored corpus that their decompressed forms give, under the names without `.gz`.
    @Test func compressedCorpusScansCleansAndRestoresAsItsDecompressedForm() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples").path
        let plain = root.appendingPathComponent("plain").path
        let packed = root.appendingPathComponent("packed").path
        try runShell(
            "mkdir -p '\(plain)' '\(packed)' && cp '\(samples)'/*.txt '\(plain)/' && for f in '\(plain)'/*.txt; do gzip -c \"$f\" > '\(packed)'/$(basename \"$f\").gz; done"
        )
        let expected = try runRefrain(["scan", plain, "--format", "json"])
        let scanned = try runRefrain(["scan", packed, "--format", "json"])
        #expect(expected.status == 0 && scanned.status == 0, "\(scanned.error)")
        #expect(scanned.output == expected.output)

        let cleanPlain = root.appendingPathComponent("clean-plain").path
        let cleanPacked = root.appendingPathComponent("clean-packed").path
        let restored = root.appendingPathComponent("restored").path
        #expect(try runRefrain(["clean", plain, "-o", cleanPlain, "-q"]).status == 0)
        let cleaned = try runRefrain(["clean", packed, "-o", cleanPacked, "-q"])
        #expect(cleaned.status == 0, "\(cleaned.error)")
        #expect(try runRefrain(["restore", cleanPacked, "-o", restored, "-q"]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: plain).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: restored).sorted() == names)
        for name in names {
            #expect(
                FileManager.default.contents(atPath: "\(cleanPacked)/\(name)")
                    == FileManager.default.contents(atPath: "\(cleanPlain)/\(name)"),
                "\(name)")
            #expect(FileManager.default.contents(atPath: "\(restored)/\(name)") == FileManager.default.contents(atPath: "\(plain)/\(name)"))
        }

        // JSON Lines: one file of records, decompressed into a temporary file and read as the file.
        let lines = try names.map { name in
            let text = try String(contentsOfFile: "\(plain)/\(name)", encoding: .utf8)
            let record = try JSONSerialization.data(withJSONObject: ["id": name, "text": text])
            return String(decoding: record, as: UTF8.self)
        }
        let feed = root.appendingPathComponent("feed.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: feed))
        try runShell("gzip -k '\(feed)'")
        let feedExpected = try runRefrain(["scan", feed, "--format", "json"])
        let feedScanned = try runRefrain(["scan", feed + ".gz", "--format", "json"])
        #expect(feedScanned.status == 0 && feedScanned.output == feedExpected.output, "\(feedScanned.error)")
        let feedClean = root.appendingPathComponent("feed-clean").path
        let feedRestored = root.appendingPathComponent("feed-restored").path
        let feedCleaned = try runRefrain(["clean", feed + ".gz", "-o", feedClean])
        #expect(feedCleaned.status == 0)
        #expect(feedCleaned.error.contains("1 compressed input was written decompressed ("), "\(feedCleaned.error)")
        #expect(try runRefrain(["restore", feedClean, "-o", feedRestored, "-q"]).status == 0)
        #expect(FileManager.default.contents(atPath: "\(feedRestored)/feed.jsonl") == FileManager.default.contents(atPath: feed))

        // The distributed job's first stage reads them as scan does.
        for (plainInput, packedInput) in [(plain, packed), (feed, feed + ".gz")] {
            let expectedRecords = try runRefrain(["stage", "read", plainInput])
            let records = try runRefrain(["stage", "read", packedInput])
            #expect(records.status == 0 && !records.output.isEmpty, "\(records.error)")
            #expect(records.output == expectedRecords.output, "\(packedInput)")
        }

        // diff reads a compressed article, named without .gz as the corpus names it.
        let article = try runRefrain(["diff", "\(packed)/\(names[0]).gz", packed, "--color", "never"])
        #expect(article.status == 0 && article.output.hasPrefix(names[0] + " · "), "\(article.output.prefix(200))\(article.error)")
    }

    /// A review's findings: many compressed JSON Lines files under a low open-file limit,
    /// `clean -` on gzip piped in, links to compressed files, `--exclude` by the name without
    /// `.gz`, texts read again from compressed files, and ids cut byte-wise.
    @Test func manyFilesStandardInputLinksAndExcludes() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let packed = root.appendingPathComponent("packed").path
        let plain = root.appendingPathComponent("plain").path
        // 300 feeds of two records: each shares a paragraph with the others.
        try runShell("mkdir -p '\(packed)' '\(plain)'")
        for index in 0..<300 {
            let records = (0..<2).map { record in
                #"{"id": "f\#(index)-\#(record)", "text": "Story \#(index)-\#(record) of its own, told in a paragraph long enough to count.\n\nThe ministry said the talks would resume next week in the capital, officials told reporters."}"#
            }
            try Data((records.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: "\(plain)/f\(index).jsonl"))
        }
        try runShell("cd '\(plain)' && for f in *.jsonl; do gzip -c \"$f\" > '\(packed)'/\"$f\".gz; done")
        let expected = try runRefrain(["scan", plain, "--format", "json"])
        // Small files are read in memory: no descriptor held per file.
        let small = try runRefrain(["scan", packed, "--format", "json"], fileLimit: 64)
        #expect(small.status == 0 && small.output == expected.output, "\(small.error.prefix(300))")
        // Past the text budget each is copied to disk and holds a descriptor: past the limit, named so.
        let copied = try runRefrain(["scan", packed, "--format", "json"], environment: ["REFRAIN_SPILL_ABOVE": "1"])
        #expect(copied.status == 0 && copied.output == expected.output, "\(copied.error.prefix(300))")
        let limited = try runRefrain(["scan", packed, "-q"], environment: ["REFRAIN_SPILL_ABOVE": "1"], fileLimit: 256)
        #expect(limited.status == 65)
        #expect(limited.error.contains("open-file limit (ulimit -n, 256) is reached; raise it"), "\(limited.error.prefix(300))")

        // clean - with gzip JSON Lines piped in writes the records cleaned.
        let newRecord =
            #"{"id": "new", "text": "A new story, told in a paragraph long enough to count.\n\nThe ministry said the talks would resume next week in the capital, officials told reporters."}"#
        try Data((newRecord + "\n").utf8).write(to: root.appendingPathComponent("new.jsonl"))
        try runShell("gzip '\(root.path)/new.jsonl'")
        let feed = try Data(contentsOf: root.appendingPathComponent("new.jsonl.gz"))
        let piped = try runRefrain(["clean", "-", plain, "-o", root.appendingPathComponent("piped").path, "-q"], standardInput: feed)
        #expect(piped.status == 0, "\(piped.error)")
        let cleanedLine = try String(contentsOfFile: root.appendingPathComponent("piped/stdin.jsonl").path, encoding: .utf8)
        #expect(cleanedLine.contains("A new story") && !cleanedLine.contains("talks would resume"), "\(cleanedLine)")

        // Texts read again from compressed files (past the budget) give the same report.
        let texts = root.appendingPathComponent("texts").path
        try runShell(
            "mkdir -p '\(texts)/plain' '\(texts)/packed' && for i in 1 2 3 4; do printf 'Lead %s of its own.\\n\\nThe ministry said the talks would resume next week in the capital, officials told reporters.\\n' $i > '\(texts)'/plain/t$i.txt; gzip -c '\(texts)'/plain/t$i.txt > '\(texts)'/packed/t$i.txt.gz; done"
        )
        let textsExpected = try runRefrain(["scan", "\(texts)/plain", "--format", "json"])
        let textsDeferred = try runRefrain(["scan", "\(texts)/packed", "--format", "json"], environment: ["REFRAIN_SPILL_ABOVE": "1"])
        #expect(textsDeferred.status == 0 && textsDeferred.output == textsExpected.output, "\(textsDeferred.error)")

        // A link to a compressed file is restored pointing at the decompressed file.
        try runShell("ln -s t1.txt.gz '\(texts)/packed/link.txt.gz'")
        let linkClean = root.appendingPathComponent("link-clean").path
        let linkRestored = root.appendingPathComponent("link-restored").path
        #expect(try runRefrain(["clean", "\(texts)/packed", "-o", linkClean, "-q"]).status == 0)
        #expect(try runRefrain(["restore", linkClean, "-o", linkRestored, "-q"]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(linkRestored)/link.txt") == "t1.txt")
        #expect(
            FileManager.default.contents(atPath: "\(linkRestored)/link.txt")
                == FileManager.default.contents(atPath: "\(texts)/plain/t1.txt"))
        // So is a link to a compressed JSON Lines file (review 69: it led to x.jsonl.gz).
        try runShell(
            "printf '{\"id\":\"r\",\"text\":\"A feed line.\"}\\n' | gzip -c > '\(texts)/packed/feed.jsonl.gz' && ln -s feed.jsonl.gz '\(texts)/packed/feed-link.jsonl.gz'"
        )
        let feedClean = root.appendingPathComponent("feed-clean").path
        let feedRestored = root.appendingPathComponent("feed-restored").path
        #expect(try runRefrain(["clean", "\(texts)/packed", "-o", feedClean, "-q"]).status == 0)
        #expect(try runRefrain(["restore", feedClean, "-o", feedRestored, "-q"]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(feedRestored)/feed-link.jsonl") == "feed.jsonl")
        try runShell("rm '\(texts)/packed/feed.jsonl.gz' '\(texts)/packed/feed-link.jsonl.gz'")

        // --exclude by the name without .gz, as --include picks by it.
        let excluded = try runRefrain(["scan", "\(texts)/packed", "--exclude", "t1.txt", "--format", "json", "-q"])
        #expect(!excluded.output.contains(#""id": "t1.txt""#) && excluded.output.contains(#""id": "t2.txt""#))

        // The id drops .gz byte-wise: a combining mark before the dot stays.
        try runShell("cp '\(texts)/packed/t2.txt.gz' \"\(texts)/packed/$(printf 'story\\330\\200.gz')\"")
        let marked = try runRefrain(["scan", "\(texts)/packed", "--include", "*", "--format", "json", "-q"])
        #expect(marked.output.contains("\"id\": \"story\u{0600}\""), "\(marked.output.prefix(400))")
    }

    /// A damaged or cut-short file is skipped by name, with how to check it; the run goes on.
    @Test func damagedFilesAreSkippedByName() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try gzip(text)
        try Data(good).write(to: folder.appendingPathComponent("good.txt.gz"))
        try Data(good.prefix(good.count / 2)).write(to: folder.appendingPathComponent("cut.jsonl.gz"))
        try Data("plain text\n".utf8).write(to: folder.appendingPathComponent("plain.txt.gz"))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "A line of text in UTF-16.\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(try gzip(utf16)).write(to: folder.appendingPathComponent("wide.txt.gz"))
        let result = try runRefrain(["scan", folder.path])
        #expect(result.status == 65)
        // The conversion is for the decompressed file, which the message says how to write.
        #expect(
            result.error.contains("wide.txt.gz: skipped: decompressed, it holds UTF-16 text")
                && result.error.contains("(FILE: what gzip -dc FILE.gz > FILE writes)"), "\(result.error)")
        #expect(result.error.contains("cut.jsonl.gz: skipped: its gzip data is cut short"), "\(result.error)")
        #expect(result.error.contains("plain.txt.gz: skipped: its name ends in .gz but it holds no gzip data"), "\(result.error)")
        #expect(result.output.hasPrefix("1 document"), "\(result.output.prefix(100))")
        // No temporary folder, no copy: the file is named with what to do.
        let noRoom = try runRefrain(
            ["scan", folder.appendingPathComponent("cut.jsonl.gz").path],
            environment: ["TMPDIR": folder.path + "/missing", "REFRAIN_SPILL_ABOVE": "1"])
        #expect(noRoom.error.contains("set TMPDIR to a folder with room for them all"), "\(noRoom.error)")
    }
}
