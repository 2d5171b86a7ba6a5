import Foundation
import Testing

@_spi(CommandLine) @testable import Refrain

/// Files with NUL bytes: UTF-16 text is named as such, with the conversion that reads it;
/// anything else is binary data.
@Suite struct NotTextReasonTests {
    let text = "BAKU, Azerbaijan, Nov.3\n\nTrend:\n"

    func utf16(bigEndian: Bool, mark: Bool) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func utf16IsNamedWithItsConversion(bigEndian: Bool, mark: Bool) throws {
        let bytes = utf16(bigEndian: bigEndian, mark: mark)
        let reason = try #require(Corpus.notTextReason(bytes, nulOffset: bytes.firstIndex(of: 0)!))
        #expect(reason.hasPrefix("UTF-16 text (\(bigEndian ? "big" : "little")-endian"), "\(reason)")
        let encoding = mark ? "UTF-16 " : bigEndian ? "UTF-16BE " : "UTF-16LE "
        #expect(reason.contains("iconv -f \(encoding)-t UTF-8"), "\(reason)")
    }

    /// JSON Lines saved as UTF-16 is named as such, as a .txt is, with or without a mark:
    /// it was read line by line and failed on a NUL "line" that never named the encoding.
    @Test(arguments: [(false, true), (true, true), (false, false)])
    func utf16JSONLinesIsNamed(bigEndian: Bool, mark: Bool) throws {
        let lines = (0..<3).map { #"{"id": "r\#($0)", "text": "Officials said the conference opens next week."}"# }
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in (lines.joined(separator: "\n") + "\n").utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent("wide.jsonl"))
        try Data(#"{"id": "ok", "text": "An ordinary story."}"#.utf8 + [0x0A]).write(to: folder.appendingPathComponent("ok.jsonl"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["ok"])
        #expect(corpus.problems.count == 1)
        #expect(corpus.problems.first?.message.hasPrefix("UTF-16 text") == true, "\(corpus.problems)")
        // UTF-32 without a mark, in either order (review 64: one was read, one failed unnamed).
        var wide: [UInt8] = []
        for scalar in (lines.joined(separator: "\n") + "\n").unicodeScalars {
            let value = scalar.value
            let bytes = [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
            wide += bigEndian ? bytes.reversed() : bytes
        }
        try Data(wide).write(to: folder.appendingPathComponent("wide.jsonl"))
        let thirtyTwo = try Corpus.read([folder.path])
        #expect(thirtyTwo.documents.map(\.id) == ["ok"])
        #expect(thirtyTwo.problems.first?.message.hasPrefix("UTF-32 text") == true, "\(thirtyTwo.problems)")
    }

    /// A byte-order mark is enough, NUL bytes or not: CJK text in UTF-16 may have none, and
    /// was read as a document of garbage.
    @Test func aByteOrderMarkNamesTheEncodingWithoutANulByte() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "新闻稿模板文字".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(!bytes.contains(0))
        #expect(Corpus.byteOrderMarkReason(bytes)?.hasPrefix("UTF-16 text (little-endian, byte-order mark FF FE)") == true)
        #expect(Corpus.byteOrderMarkReason([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0])?.hasPrefix("UTF-32 text") == true)
        #expect(Corpus.byteOrderMarkReason([0xEF, 0xBB, 0xBF] + Array("UTF-8 with its mark".utf8)) == nil)

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent("zh.txt"))
        try Data("An ordinary story of its own.\n".utf8).write(to: folder.appendingPathComponent("en.txt"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["en.txt"])
        #expect(corpus.problems.first?.message.hasPrefix("UTF-16 text") == true, "\(corpus.problems)")
    }

    /// Without a mark, text in any script: Cyrillic and CJK have a 0 byte only beside spaces,
    /// punctuation and line breaks, not beside every letter.
    /// (一 and 最 put their 0 byte on the low side; form feeds and C1 characters are text.)
    @Test(arguments: [
        "Баку, Азербайджан, 3 ноября.\nТренд:\n", "新闻稿模板文字。\n第二行。\n", "Αθήνα, 3 Νοεμβρίου 😀\n",
        "一年一度的春节即将到来，万家灯火，一派喜庆祥和的景象。\n", "Page one.\u{0C}\nPage two \u{92}quoted\u{92}.\n",
    ])
    func utf16WithoutAMarkIsNamedInAnyScript(text: String) throws {
        for bigEndian in [false, true] {
            var bytes: [UInt8] = []
            for unit in text.utf16 {
                bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            let reason = try #require(Corpus.notTextReason(bytes, nulOffset: bytes.firstIndex(of: 0) ?? 0))
            #expect(reason.hasPrefix("UTF-16 text (\(bigEndian ? "big" : "little")-endian, no byte-order mark)"), "\(reason)")
        }
    }

    @Test func binaryDataIsNotUTF16() {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0, 1, 0, 0, 0]
        #expect(Corpus.notTextReason(elf, nulOffset: 7) == "binary data (a NUL byte at offset 7), not text")
        let late = Array("A long line of ordinary text".utf8) + [0]
        #expect(Corpus.notTextReason(late, nulOffset: late.count - 1)?.hasPrefix("binary data") == true)
        // Random bytes with a 0 byte: no byte order reads them as text.
        var state: UInt64 = 1
        let random = (0..<4096).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(state >> 56)
        }
        let nul = try! #require(random.firstIndex(of: 0))
        #expect(Corpus.notTextReason(random, nulOffset: nul)?.hasPrefix("binary data") == true)
        // Text with NUL bytes between its words, and UTF-16 text that ends in binary data.
        for bytes in [Array("hello\0world\n".utf8), Array("./a.txt\0./b c.txt\0./d.txt\0python3\0-c\0print(1)\0".utf8)] {
            #expect(Corpus.notTextReason(bytes, nulOffset: 5)?.hasPrefix("binary data") == true, "\(bytes)")
        }
        var mixed: [UInt8] = []
        for unit in String(repeating: "A line of text.\n", count: 400).utf16 { mixed += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(Corpus.notTextReason(mixed, nulOffset: 1)?.hasPrefix("UTF-16") == true)
        #expect(Corpus.notTextReason(mixed + random, nulOffset: 1)?.hasPrefix("binary data") == true)
    }
}

/// Compressed files, as news crawls ship: named with the tool that decompresses them, in a
/// file's message and in the note on a folder's files left out.
@Suite struct CompressedInputTests {
    @Test func compressedDataIsNamedWithItsTool() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("news.jsonl").path
        try Data(#"{"id": "a", "text": "A story of its own, long enough to be a paragraph."}"#.utf8).write(to: URL(fileURLWithPath: path))
        try runShell("gzip '\(path)'")
        let reason = Corpus.notTextReason(Array(try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))), nulOffset: 3)
        #expect(reason == "gzip-compressed data, not text: decompress it first (gzip -dc FILE.gz > FILE)")
        let zstd: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00]
        #expect(Corpus.notTextReason(zstd, nulOffset: 5)?.hasPrefix("zstd-compressed data") == true)

        // gzip is read itself; another format in a folder is left out with its tool.
        try runShell("zstd -q '\(folder.path)/news.jsonl.gz' -o '\(folder.path)/other.jsonl.zst'")
        let walked = try runRefrain(["scan", folder.path, "--format", "jsonl"])
        #expect(walked.status == 0 && walked.output.contains(#""id": "a""#), "\(walked.error)")
        #expect(
            walked.error.contains(
                "left out 1 file by extension (.zst); unpack or decompress the .zst files first (zstd -dc FILE.zst > FILE)"),
            "\(walked.error)")
        // Gzip data under a name without .gz is named so, with the command.
        try runShell("cp '\(path).gz' '\(folder.path)/news.txt'")
        let disguised = try runRefrain(["scan", folder.appendingPathComponent("news.txt").path])
        #expect(disguised.error.contains("gzip-compressed data under a name that does not say so"), "\(disguised.error)")
    }

    /// An archive of many files is unpacked into a folder, not decompressed into one file
    /// whose articles would run together.
    /// PDF, RTF and office files are named with the tool that turns them into text, the
    /// ASCII-only ones too (a PDF of ASCII was scanned as an article, review 47); a .docx is
    /// not called a zip archive to unpack, and a folder's note does not offer --include for them.
    @Test func documentsOfOtherFormatsAreNamedWithTheirConversion() throws {
        let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".utf8)
        #expect(Corpus.notTextReason(pdf, nulOffset: nil)?.contains("pdftotext") == true)
        #expect(Corpus.notTextReason(Array("{\\rtf1\\ansi Hello}".utf8), nulOffset: nil)?.hasPrefix("an RTF document") == true)
        let zipHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26)
        let docx = zipHeader + Array("[Content_Types].xml".utf8)
        #expect(Corpus.notTextReason(docx, nulOffset: 4)?.hasPrefix("an office document") == true)
        #expect(Corpus.notTextReason(zipHeader + Array("story.txt".utf8), nulOffset: 4)?.contains("unzip") == true)
        #expect(Corpus.notTextReason(Array("PDF files are documents.".utf8), nulOffset: nil) == nil)
        #expect(Corpus.notTextReason(Array("%PDF-A is an archival format, the agency said.".utf8), nulOffset: nil) == nil)

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(pdf).write(to: folder.appendingPathComponent("report.pdf"))
        try Data(docx).write(to: folder.appendingPathComponent("memo.docx"))
        try Data("A story about the harbour.".utf8).write(to: folder.appendingPathComponent("story.txt"))
        let corpus = try Corpus.read([folder.path])
        let note = try #require(corpus.notes.first { $0.contains("left out") })
        #expect(note.contains("convert the .docx, .pdf files to text first"), "\(note)")
        #expect(!note.contains("--include"), "\(note)")
        let url = try runRefrain(["scan", "https://example.com/news.jsonl"])
        #expect(url.status == 66 && url.error.contains("not URLs"), "\(url.error)")
    }

    @Test func archivesAreUnpackedIntoAFolder() {
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]
        for name in ["news.tgz", "news.tar.gz", "NEWS.TAR.GZ"] {
            let reason = Corpus.notTextReason(gzip, nulOffset: 3, name: name)
            #expect(
                reason?.hasPrefix("a compressed tar archive, not text: unpack it into a folder first") == true,
                "\(name): \(reason ?? "nil")")
        }
        #expect(Corpus.notTextReason(gzip, nulOffset: 3, name: "news.jsonl.gz")?.contains("gzip -dc FILE.gz > FILE") == true)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]
        #expect(Corpus.notTextReason(zip, nulOffset: 5, name: "news.zip")?.contains("unzip FILE.zip -d FOLDER") == true)
        #expect(Corpus.decompressCommand(".tgz") == "mkdir FOLDER && tar -xzf FILE.tgz -C FOLDER")
    }

    /// A record with a raw Latin-1 byte is skipped with the byte, its place in the line and
    /// the conversion, not Foundation's count from an offset of its own.
    @Test func aRecordWithBytesThatAreNotUTF8NamesTheByteAndTheFix() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("feed.jsonl")
        try Data(Array(#"{"id":"a","text":"caf"#.utf8) + [0xE9] + Array(" au lait\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n".utf8))
            .write(to: file)
        let result = try runRefrain(["scan", file.path])
        #expect(result.status == 65)
        #expect(
            result.error.contains("feed.jsonl:1: skipped: holds bytes that are not UTF-8 (the first is 0xE9 at byte 22 of the line)"),
            "\(result.error)")
        #expect(result.error.contains("iconv -f WINDOWS-1252 -t UTF-8"))
    }

    /// Compressed bytes named `.jsonl` are named as compressed, not as a screen of invalid
    /// lines; JSON Lines under another name are warned of, since they are read as one
    /// document of text.
    @Test func compressedJSONLinesAndJSONLinesUnderAnotherName() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = (0..<5).map { #"{"id": "a\#($0)", "text": "Story \#($0) of its own, long enough to be a paragraph."}"# }
        let path = folder.appendingPathComponent("news.jsonl").path
        try Data(records.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        try runShell("gzip -c '\(path)' > '\(folder.path)/disguised.jsonl' && cp '\(path)' '\(folder.path)/feed.json'")
        let disguised = try runRefrain(["scan", folder.appendingPathComponent("disguised.jsonl").path])
        #expect(disguised.status == 65)
        #expect(disguised.error.contains("gzip-compressed data under a name that does not say so, not text"), "\(disguised.error)")
        #expect(!disguised.error.contains("not valid JSON"), "\(disguised.error)")
        let feed = try runRefrain(["scan", folder.appendingPathComponent("feed.json").path])
        #expect(feed.status == 0)
        #expect(feed.error.contains("feed.json: warning: it looks like JSON Lines"), "\(feed.error)")
        let records5 = try runRefrain(["scan", path])
        #expect(!records5.error.contains("looks like JSON Lines"), "\(records5.error)")
        // An article that opens with some other JSON line is not taken for records.
        let note = folder.appendingPathComponent("note.txt").path
        try Data("{\"editor_note\": \"corrected 5 Oct\"}\nThe council met on Tuesday to discuss the budget.\n".utf8).write(
            to: URL(fileURLWithPath: note))
        let article = try runRefrain(["scan", note])
        #expect(article.status == 0 && !article.error.contains("looks like JSON Lines"), "\(article.error)")
        // Compressed bytes under a name that does not say so go to a new file, not onto themselves.
        #expect(disguised.error.contains("gzip -dc < FILE > NEW.jsonl"), "\(disguised.error)")
        // Gzip data piped in is read as its decompressed bytes; another format is named with its tool.
        let piped = try runRefrain(
            ["scan", "-", "--format", "jsonl", "-q"],
            standardInput: try Data(contentsOf: URL(fileURLWithPath: folder.path + "/disguised.jsonl")))
        #expect(piped.status == 0 && piped.output.contains(#""id": "a4""#), "\(piped.error)")
        let zstd = try runRefrain(["scan", "-"], standardInput: Data([0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00, 0x00, 0x00]))
        #expect(
            zstd.status == 65 && zstd.error.contains("decompress it on its way in (zstd -dc FILE.zst | refrain … -)"), "\(zstd.error)")
    }
}
