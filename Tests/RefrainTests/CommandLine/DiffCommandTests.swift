import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `refrain diff`'s DOC argument: a file, a record of a JSON Lines file, standard input; never
/// a folder or binary data; never counted as its own copy (issue 16, "diff").
@Suite struct DiffCommandTests {
    let article = samplesFolder + "/000_96c4b650bc7dc9e5.txt"

    /// The header's recycled share, e.g. "75.5% recycled".
    func share(_ output: String) -> String? {
        output.split(separator: "\n").first?.split(separator: "·").first { $0.contains("recycled") && !$0.contains("with") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func aCopyOfACorpusRecordIsNotItsOwnCopy() throws {
        let inFolder = try runRefrain(["diff", article])
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("article.txt")
        try FileManager.default.copyItem(atPath: article, toPath: outside.path)
        let copy = try runRefrain(["diff", outside.path, samplesFolder])
        #expect(inFolder.status == 0 && copy.status == 0)
        #expect(share(inFolder.output) != nil)
        #expect(share(copy.output) == share(inFolder.output))
        #expect(copy.output.replacingOccurrences(of: "\n", with: " ").contains("against 5 documents"))
    }

    /// A copy saved otherwise, with line feeds dropped or added at its end, spaces at the
    /// ends of its lines, CR LF line ends or a byte-order mark, is the corpus's document too
    /// (review 105: a paste was "100.0% recycled", every paragraph a template of its own
    /// original; review 106: spaces at the ends of lines).
    @Test(arguments: ["final line feeds", "CR LF", "spaces at line ends", "byte-order mark"])
    func aCopySavedOtherwiseIsNotItsOwnCopy(change: String) throws {
        let inFolder = try runRefrain(["diff", article])
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOfFile: article, encoding: .utf8)
        switch change {
        case "final line feeds": text = text.hasSuffix("\n") ? String(text.dropLast()) : text + "\n\n"
        case "CR LF": text = text.replacingOccurrences(of: "\n", with: "\r\n")
        case "spaces at line ends": text = text.replacingOccurrences(of: "\n", with: " \t\n")
        default: text = "\u{FEFF}" + text
        }
        #expect(text.utf8.count != (try Data(contentsOf: URL(fileURLWithPath: article))).count)
        let outside = folder.appendingPathComponent("pasted.txt")
        try text.write(to: outside, atomically: true, encoding: .utf8)
        let copy = try runRefrain(["diff", outside.path, samplesFolder])
        #expect(copy.status == 0)
        #expect(share(copy.output) == share(inFolder.output), "\(copy.output.prefix(300))")
        #expect(copy.output.replacingOccurrences(of: "\n", with: " ").contains("against 5 documents"))
    }

    /// The article is found in the corpus by the file it is, not by a displayed path that
    /// another file's name spells: `caf\xe9.txt` in ASCII beside a name with the byte 0xE9.
    @Test func theArticleIsItsOwnFileWhateverItsNameSpells() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = try FileManager.default.contentsOfDirectory(atPath: samplesFolder).sorted()
        for name in samples { try FileManager.default.copyItem(atPath: samplesFolder + "/" + name, toPath: folder.path + "/" + name) }
        // The ASCII name holds the first sample (10 paragraphs), the other the second (12).
        try FileManager.default.copyItem(atPath: article, toPath: folder.path + "/caf\\xe9.txt")
        let other = Array(folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: samplesFolder + "/" + samples[1])))
        let descriptor = Corpus.withCPath(other) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(descriptor >= 0)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let result = try runRefrain(["diff", folder.path + "/caf\\xe9.txt", folder.path])
        #expect(result.status == 0, "\(result.error)")
        let header = result.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("caf\\\\xe9.txt · 10 paragraphs"), "\(header)")
        #expect(result.output.replacingOccurrences(of: "\n", with: " ").contains("against 7 documents"), "\(result.output.prefix(300))")
    }

    /// The header shows the article's id escaped, as every other line does: a newline in a
    /// name is `\n`, not a space that makes `a\nb.txt` look like `a b.txt`.
    @Test func theHeaderEscapesTheArticlesName() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // In a corpus without the sample it copies, so that the article is this file.
        let samples = try FileManager.default.contentsOfDirectory(atPath: samplesFolder).sorted().dropFirst()
        for name in samples { try FileManager.default.copyItem(atPath: samplesFolder + "/" + name, toPath: folder.path + "/" + name) }
        let named = folder.appendingPathComponent("a\nb.txt").path
        try FileManager.default.copyItem(atPath: article, toPath: named)
        let result = try runRefrain(["diff", named, folder.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("a\\nb.txt · "), "\(result.output.prefix(200))")
    }

    @Test func standardInputIsReadWithDash() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: article))
        let result = try runRefrain(["diff", "-", samplesFolder], standardInput: bytes)
        #expect(result.status == 0, "\(result.error)")
        #expect(share(result.output) == share(try runRefrain(["diff", article]).output))
    }

    @Test func linesFitTheWidthWhateverTheParagraphNumbers() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SplitMix64(seed: 11)
        let paragraphs = (0..<1_100).map { _ in
            (0..<(8 + Int(generator.next() % 20))).map { _ in
                String((0..<(3 + Int(generator.next() % 7))).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 10))) })
            }.joined(separator: " ")
        }
        try Data((paragraphs.joined(separator: "\n\n") + "\n").utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data((paragraphs.prefix(600).joined(separator: "\n\n") + "\n").utf8).write(to: folder.appendingPathComponent("b.txt"))
        let run = try runRefrain(["diff", folder.appendingPathComponent("a.txt").path, folder.path, "--width", "60"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("1100 ") })
        #expect(lines.allSatisfy { $0.columns <= 60 }, "\(lines.filter { $0.columns > 60 }.prefix(3))")
    }

    @Test func aPipeIsReadAndADeviceIsAnInputError() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let article = samplesFolder + "/000_96c4b650bc7dc9e5.txt"
        // A named pipe, as `refrain diff <(zcat article.gz) corpus` gives.
        let piped = try runRefrain(
            [folder.path, article, samplesFolder],
            script: "mkfifo \"$1/pipe\" && { cat \"$2\" > \"$1/pipe\" & } && exec \"$0\" diff \"$1/pipe\" \"$3\" --width 200")
        let file = try runRefrain(["diff", article, samplesFolder, "--width", "200"])
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output == file.output)
        // Compressed, as <(gzip -c article) gives: its bytes say so, having no name to.
        let zipped = try runRefrain(
            [folder.path, article, samplesFolder],
            script: "mkfifo \"$1/zipped\" && { gzip -c \"$2\" > \"$1/zipped\" & } && exec \"$0\" diff \"$1/zipped\" \"$3\" --width 200")
        #expect(zipped.status == 0, "\(zipped.error)")
        #expect(zipped.output == file.output)
        // A link loop exists but cannot be read: not "no such file" (66).
        let loop = folder.appendingPathComponent("loop.txt").path
        #expect(symlink(loop, loop) == 0)
        let looped = try runRefrain(["diff", loop, samplesFolder])
        #expect(looped.status == 65, "\(looped.error)")
        #expect(looped.error.contains("cannot be read"), "\(looped.error)")
        for device in ["/dev/null", "/dev/zero"] {
            let refused = try runRefrain(["diff", device, samplesFolder])
            #expect(refused.status == 65, "\(device): \(refused.error)")
            #expect(refused.error.contains("\(device): not a regular file"), "\(refused.error)")
            #expect(refused.error.contains("diff reads a file, a pipe"), "\(refused.error)")
        }
    }

    @Test func idPicksARecordOfAJSONLinesCorpus() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        for document in sampleCorpus.documents {
            var writer = JSONWriter()
            writer.raw("{\"id\": ")
            writer.string(document.id)
            writer.raw(", \"text\": ")
            writer.string(document.text)
            writer.raw("}")
            lines.append(writer.output)
        }
        // A second record with the same text: --id still reads the record it names.
        lines.append(lines[0].replacingOccurrences(of: "000_96c4b650bc7dc9e5.txt", with: "000-again"))
        let feed = folder.appendingPathComponent("news.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: feed)
        let result = try runRefrain(["diff", feed.path, "--id", "000_96c4b650bc7dc9e5.txt"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("000_96c4b650bc7dc9e5.txt"))
        let again = try runRefrain(["diff", feed.path, "--id", "000-again"])
        #expect(again.output.hasPrefix("000-again"), "\(again.output.prefix(80))")
        #expect(again.output.contains("against 6 documents"))
        let withoutID = try runRefrain(["diff", feed.path])
        #expect(withoutID.status == 64)
        #expect(withoutID.error.contains("--id"))
        let unknown = try runRefrain(["diff", feed.path, "--id", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("nope"))
    }

    @Test func aFolderIsAUsageError() throws {
        let result = try runRefrain(["diff", samplesFolder])
        #expect(result.status == 64)
        #expect(result.error.contains("folder"))
        #expect(!result.error.contains("NSCocoaErrorDomain"))
    }

    @Test func binaryDataIsAnInputError() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("some-binary.txt")
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 7) }
        try Data(bytes).write(to: binary)
        let result = try runRefrain(["diff", binary.path, samplesFolder])
        #expect(result.status == 65)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("binary"))
        let invalid = folder.appendingPathComponent("latin1.txt")
        try Data((0..<2000).map { UInt8(0x80 + $0 % 0x7F) }).write(to: invalid)
        #expect(try runRefrain(["diff", invalid.path, samplesFolder]).status == 65)
        // A Latin-1 article (a few accented letters) is read as scan reads it, with the way
        // to convert it (review 68: refused as binary data).
        let french = folder.appendingPathComponent("french.txt")
        try Data(
            Array("L'\u{E9}t\u{E9} fut tr\u{E8}s chaud \u{E0} Montr\u{E9}al cette ann\u{E9}e.\n".unicodeScalars.map { UInt8($0.value) })
        )
        .write(to: french)
        let read = try runRefrain(["diff", french.path, samplesFolder])
        #expect(read.status == 0, "\(read.error)")
        #expect(read.error.contains("bytes that are not UTF-8") && read.error.contains("iconv -f WINDOWS-1252"), "\(read.error)")
        // Standard input for both the article and the corpus is a usage error, not "empty input" (review 70).
        let twice = try runRefrain(["diff", "-", "-"], standardInput: Data(contentsOf: french))
        #expect(twice.status == 64 && twice.error.contains("not both"), "\(twice.error)")
        // An article inside its corpus folder is noted once, not as the article and again as
        // a file of the corpus (review 71).
        let inside = folder.appendingPathComponent("inside")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: french, to: inside.appendingPathComponent("french.txt"))
        for name in try FileManager.default.contentsOfDirectory(atPath: samplesFolder) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: samplesFolder + "/" + name, toPath: inside.appendingPathComponent(name).path)
        }
        let once = try runRefrain(["diff", inside.appendingPathComponent("french.txt").path, inside.path])
        #expect(once.status == 0 && once.error.components(separatedBy: "not UTF-8").count == 2, "\(once.error)")
        // -q silences the note, as it silences scan's.
        let quiet = try runRefrain(["diff", "-q", french.path, samplesFolder])
        #expect(quiet.status == 0 && !quiet.error.contains("not UTF-8"), "\(quiet.error)")
        // The same article in UTF-8 gets no note: the iconv line would garble its accents
        // (review 70: every article got it, "0 bytes").
        let utf8 = folder.appendingPathComponent("french-utf8.txt")
        try Data("L'\u{E9}t\u{E9} fut tr\u{E8}s chaud \u{E0} Montr\u{E9}al cette ann\u{E9}e.\n".utf8).write(to: utf8)
        for arguments in [["diff", utf8.path, samplesFolder], ["diff", "-", samplesFolder]] {
            let clean = try runRefrain(arguments, standardInput: arguments[1] == "-" ? Data(contentsOf: utf8) : nil)
            #expect(clean.status == 0 && !clean.error.contains("UTF-8") && !clean.error.contains("iconv"), "\(clean.error)")
        }
    }

    /// The document that holds a family's representative is compared with another copy, and
    /// the note names that copy instead of calling it the representative.
    @Test func theRepresentativesDocumentNamesTheCopyItIsComparedWith() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared =
            "The city council voted on DAY to approve the new budget for the coming year after a long debate about road "
            + "repairs and school funding across the district."
        let articles = [
            ("a.txt", "Alpha story opens with its own unique reporting about a local bakery.", "Tuesday"),
            ("b.txt", "Beta story covers a football match in the northern league this weekend.", "Wednesday"),
            ("c.txt", "Gamma reports on the weather forecast for the region next week.", "Tuesday"),
        ]
        for (name, opening, day) in articles {
            let text =
                "\(opening)\n\n\(shared.replacingOccurrences(of: "DAY", with: day))\n\nIt closes with words of its own about \(name).\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        // a.txt holds the representative (Tuesday, two copies): it is read against b.txt's copy.
        let representative = try runRefrain(["diff", folder.appendingPathComponent("a.txt").path, "--width", "200"])
        #expect(representative.status == 0, "\(representative.error)")
        #expect(representative.output.contains("1 word fewer, 1 word more than the copy in b.txt"), "\(representative.output)")
        #expect(!representative.output.contains("the representative"))
        // The others are read against the representative, and say so.
        let variant = try runRefrain(["diff", folder.appendingPathComponent("b.txt").path, "--width", "200"])
        #expect(variant.output.contains("1 word fewer, 1 word more than the representative"), "\(variant.output)")
        let same = try runRefrain(["diff", folder.appendingPathComponent("c.txt").path, "--width", "200"])
        #expect(same.output.contains("same words as the representative"), "\(same.output)")
    }

    /// An unknown id is told with the file's record count in good English.
    @Test func unknownIdCountsTheRecords() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = folder.appendingPathComponent("feed.jsonl")
        try Data("{\"id\": \"a\", \"text\": \"One short article about the harbour.\"}\n".utf8).write(to: feed)
        let result = try runRefrain(["diff", feed.path, "--id", "b"])
        #expect(result.status == 64)
        #expect(result.error.contains("(1 record, such as \"a\")"), "\(result.error)")
    }

    @Test func anEmptyArticleOrAnEmptyCorpusIsAnInputError() throws {
        // Nothing piped in: a "0 paragraphs" report with exit 0 hid the mistake.
        let empty = try runRefrain(["diff", "-", samplesFolder], standardInput: Data())
        #expect(empty.status == 65, "\(empty.output)")
        #expect(empty.error.contains("standard input is empty"), "\(empty.error)")
        let blank = try runRefrain(["diff", "-", samplesFolder], standardInput: Data(" \n\n".utf8))
        #expect(blank.status == 65)
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("e.txt"))
        for command in ["scan", "families"] {
            let result = try runRefrain([command, folder.path])
            #expect(result.status == 65, "\(command): \(result.output)")
            #expect(result.error.contains("no text: the document read from"), "\(command): \(result.error)")
        }
        // One empty document among others is read as it is.
        try Data("Some words of an article that is not empty.".utf8).write(to: folder.appendingPathComponent("f.txt"))
        #expect(try runRefrain(["scan", folder.path]).status == 0)
    }

    @Test func filesLeftOutByIncludeOrExcludeAreNamedSo() throws {
        let excluded = try runRefrain(["scan", samplesFolder, "--exclude", "*"])
        #expect(excluded.status == 66, "\(excluded.error)")
        #expect(excluded.error.contains("5 files or folders by --exclude"), "\(excluded.error)")
        #expect(excluded.error.contains("every file in"), "\(excluded.error)")
        let included = try runRefrain(["scan", samplesFolder, "--include", "*.md"])
        #expect(included.error.contains("5 files that match no --include pattern (.txt)"), "\(included.error)")
        let intoFolder = try runRefrain(["families", samplesFolder, "--output", samplesFolder])
        #expect(intoFolder.status == 64)
        #expect(intoFolder.error.contains("refusing to overwrite the input folder"), "\(intoFolder.error)")
    }
}
