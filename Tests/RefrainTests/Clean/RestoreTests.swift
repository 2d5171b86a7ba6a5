import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `restore` gives back every input file of a `clean`, byte for byte.
@Suite struct RestoreTests {
    let fileManager = FileManager.default

    /// Every regular file below a folder, by relative path.
    func files(_ folder: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for path in fileManager.subpaths(atPath: folder.path) ?? [] {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            result[path] = Array(try Data(contentsOf: url))
        }
        return result
    }

    /// Cleans `input`, restores the output, and expects every input file back.
    func expectRoundTrip(_ input: URL, in folder: URL, options: [String] = [], sourceLabel: Comment) throws {
        let cleaned = folder.appendingPathComponent("cleaned-\(UUID().uuidString)")
        let rebuilt = folder.appendingPathComponent("rebuilt-\(UUID().uuidString)")
        let clean = try runRefrain(["clean", input.path, "--output", cleaned.path, "--skip-invalid", "--quiet"] + options)
        #expect(clean.status == 0, "\(clean.error)")
        let restore = try runRefrain(["restore", cleaned.path, "--output", rebuilt.path])
        #expect(restore.status == 0, "\(restore.error)")
        let originals = try files(input)
        let restored = try files(rebuilt)
        #expect(originals.keys.sorted() == restored.keys.sorted(), sourceLabel)
        for (path, bytes) in originals {
            #expect(restored[path] == bytes, "\(path) is rebuilt byte for byte (\(sourceLabel))")
        }
        #expect(try files(cleaned) != originals)
    }

    /// A JSON string literal in the style of Python's `json.dumps`: non-ASCII as `\u` escapes, `/` as `\/`.
    func asciiLiteral(_ text: String, slash: Bool = true) -> String {
        var result = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x2F where slash: result += "\\/"
            case 0x0A: result += "\\n"
            case 0x20..<0x7F: result += String(UnicodeScalar(UInt8(unit)))
            default: result += String(format: "\\u%04x", unit)
            }
        }
        return result + "\""
    }

    @Test func samplesComeBackByteForByte() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../samples")
            .standardized
        try expectRoundTrip(samples, in: folder, sourceLabel: "samples")
        try expectRoundTrip(samples, in: folder, options: ["--keep-first"], sourceLabel: "samples, --keep-first")
    }

    @Test func generatedCorpusComesBackByteForByte() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let corpus = GeneratedCorpus(documents: 120, templates: 12, seed: 2027)
        let input = folder.appendingPathComponent("in")
        var feed = ""
        for (number, document) in corpus.documents.enumerated() {
            // Text files, some with CRLF line ends and accents; the rest as JSON Lines
            // records written three ways, and lines that are no documents between them.
            var text = document.text
            if number % 5 == 1 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            if number % 7 == 2 { text = "Été — \(text) / fin" }
            if number < 60 {
                let url = input.appendingPathComponent("texts/\(number % 3)/\(document.id).txt")
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                continue
            }
            var writer = JSONWriter()
            writer.string(text)
            switch number % 3 {
            case 0: feed += #"{"id": "\#(document.id)", "text": \#(writer.output), "n": \#(number)}"# + "\n"
            case 1: feed += #"{"text":\#(asciiLiteral(text)),"id":"\#(document.id)"}"# + "\r\n"
            default: feed += #" { "meta": {"text": 1}, "text" : \#(writer.output) , "id": "\#(document.id)" } "# + "\n"
            }
            if number % 11 == 0 { feed += "\n{\"id\": \"broken\", \"text\": \n" }
        }
        try Data(feed.utf8).write(to: input.appendingPathComponent("feed.jsonl"))
        try expectRoundTrip(input, in: folder, sourceLabel: "generated")
        try expectRoundTrip(input, in: folder, options: ["--keep-first"], sourceLabel: "generated, --keep-first")
    }

    @Test func jsonLinesWithEveryKindOfLineComesBackByteForByte() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        try Data(CleanEveryLineTests.messyFeed()).write(to: input.appendingPathComponent("messy.jsonl"))
        let template = CleanEveryLineTests.template
        let crlf = "Plain text story.\r\n\r\n\(template)\r\n"
        try Data(crlf.utf8).write(to: input.appendingPathComponent("plain.txt"))
        try expectRoundTrip(input, in: folder, sourceLabel: "messy")
        try expectRoundTrip(input, in: folder, options: ["--keep-first"], sourceLabel: "messy, --keep-first")
    }

    @Test func restoreRefusesTheCleanFolderAndDamagedManifests() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        try Data(CleanEveryLineTests.messyFeed()).write(to: input.appendingPathComponent("feed.jsonl"))
        let cleaned = folder.appendingPathComponent("cleaned")
        #expect(try runRefrain(["clean", input.path, "--output", cleaned.path, "--skip-invalid", "-q"]).status == 0)
        let before = try files(cleaned)
        for (target, relation) in [
            (cleaned, "is the clean folder"), (cleaned.appendingPathComponent("inside"), "is inside it"), (folder, "holds it"),
        ] {
            let result = try runRefrain(["restore", cleaned.path, "--output", target.path])
            #expect(result.status == 64)
            #expect(
                result.error.contains("refusing to write into the clean folder \(cleaned.path): \(target.path) \(relation)."),
                "\(result.error)")
        }
        #expect(try files(cleaned) == before)
        // Not a clean output at all.
        #expect(try runRefrain(["restore", input.path, "--output", folder.appendingPathComponent("r1").path]).status == 65)
        // No folder there: restore's advice, not a corpus's.
        let missing = try runRefrain([
            "restore", folder.appendingPathComponent("nope").path, "--output", folder.appendingPathComponent("r5").path,
        ])
        #expect(missing.status == 66)
        #expect(missing.error.contains("refrain clean wrote") && !missing.error.contains(".jsonl file"), "\(missing.error)")
        // A cleaned file edited afterwards: an error, not a crash nor a wrong file.
        let feed = cleaned.appendingPathComponent("feed.jsonl")
        try Data(Array(try Data(contentsOf: feed)).prefix(40)).write(to: feed)
        let edited = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r2").path])
        #expect(edited.status == 65, "\(edited.error)")
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r2").path))
        // A cleaned file gone: the message names it once as unreadable, and does not give
        // a corpus's advice to leave it out, which restore cannot take.
        try fileManager.removeItem(at: feed)
        let gone = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r4").path])
        #expect(gone.status == 65, "\(gone.error)")
        #expect(gone.error.contains(feed.path) && gone.error.contains("restore needs every file"), "\(gone.error)")
        #expect(gone.error.components(separatedBy: "cannot be read").count == 2 && !gone.error.contains("leave it out"), "\(gone.error)")
        // A manifest pointing outside the folder.
        let manifest = cleaned.appendingPathComponent(CleanManifest.fileName)
        try Data(#"{"id": "x", "output": "../escape.txt", "bytes": 0, "removed": []}"#.utf8).write(to: manifest)
        let escaping = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r3").path])
        #expect(escaping.status == 65)
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r3").path))
    }

    /// A JSON Lines file's entries each name a line of their own: one named twice is damage.
    @Test func aJSONLinesLineNamedTwiceIsADamagedManifest() throws {
        func entry(_ line: Int) -> String {
            CleanManifest.line(id: "d\(line)", output: "feed.jsonl", line: line, originalBytes: 3, removed: [])
        }
        #expect(try Restorer.files(manifest: Array((entry(1) + entry(2)).utf8)).first?.entries.count == 2)
        #expect(throws: Restorer.Problem.self) { try Restorer.files(manifest: Array((entry(1) + entry(2) + entry(2)).utf8)) }
    }

    @Test func restorerRebuildsEveryGeneratedDocumentThroughItsManifestLine() throws {
        let corpus = GeneratedCorpus(documents: 200, templates: 15, seed: 7)
        let report = Pipeline(configuration: Configuration()).scan(corpus.documents)
        let cleaned = Cleaner.clean(report, documents: corpus.documents)
        for (document, result) in zip(corpus.documents, cleaned) {
            let line = CleanManifest.line(
                id: document.id, output: "x.txt", line: nil, originalBytes: document.bytes.count, removed: result.removed)
            let files = try Restorer.files(manifest: Array(line.utf8))
            #expect(try Restorer.restore(path: "x.txt", cleaned: result.text, entries: files[0].entries) == document.bytes)
            var damaged = files[0].entries[0]
            damaged.originalBytes = document.bytes.count + 1
            #expect(throws: Restorer.Problem.self) { try Restorer.restore(path: "x.txt", cleaned: result.text, entries: [damaged]) }
        }
    }

    /// Every regular file below a folder, keyed by its relative path's bytes (names need not
    /// be UTF-8, and NFC and NFD spellings are distinct files).
    func filesByBytes(_ folder: URL) -> [[UInt8]: [UInt8]] {
        var result: [[UInt8]: [UInt8]] = [:]
        var stack: [[UInt8]] = [[]]
        let root = Array(folder.path.utf8)
        while let relative = stack.popLast() {
            let path = relative.isEmpty ? root : root + [UInt8(ascii: "/")] + relative
            var problems: [InputProblem] = []
            for (name, _) in Corpus.FolderWalk.names(in: path, problems: &problems, display: "") ?? [] {
                let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                let full = root + [UInt8(ascii: "/")] + child
                var status = stat()
                guard Corpus.withCPath(full, { lstat($0, &status) }) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    stack.append(child)
                } else if case .success(let bytes) = Corpus.readFile(full, display: "", limit: Int.max) {
                    result[child] = bytes
                }
            }
        }
        return result
    }

    /// Writes a file named by bytes into a folder.
    func write(_ text: String, named name: [UInt8], in folder: URL) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
        if let slash = path.lastIndex(of: UInt8(ascii: "/")) {
            _ = Corpus.withCPath(Array(path[..<slash])) { mkdir($0, 0o755) }
        }
        let descriptor = Corpus.withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
    }

    /// A small corpus whose documents share a template, so clean removes something from each.
    func templated(_ lead: String) -> String {
        "\(lead) opens this story with words of its own.\n\n\(CleanEveryLineTests.template)\n"
    }

    @Test func namesThatAreNotUTF8OrDifferOnlyInNormalizationComeBackByteForByte() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        let names: [[UInt8]] = [
            Array("x".utf8) + [0xFF] + Array(".txt".utf8),  // not UTF-8
            Array(#"x\xff.txt"#.utf8),  // literally the escaped spelling of the first
            Array("caf\u{E9}.txt".utf8),  // NFC
            Array("cafe\u{301}.txt".utf8),  // NFD: the same String, another file
            // Folders too: each pair is two folders, one file in each.
            Array("d".utf8) + [0xFF] + Array("/a.txt".utf8),
            Array(#"d\xff/b.txt"#.utf8),
            Array("r\u{E9}/a.txt".utf8),
            Array("re\u{301}/b.txt".utf8),
            [0xC3, 0x28] + Array(".jsonl".utf8),  // not UTF-8, JSON Lines
        ]
        for (number, name) in names.enumerated() {
            if number == names.count - 1 {
                try write(
                    #"{"id": "a", "text": "First record here. \#(CleanEveryLineTests.template)"}"# + "\n"
                        + #"{"id": "b", "text": "Second one. \#(CleanEveryLineTests.template)"}"# + "\n",
                    named: name, in: input)
            } else {
                try write(templated("Document \(number)"), named: name, in: input)
            }
        }
        let originals = filesByBytes(input)
        #expect(originals.count == names.count)
        let cleaned = folder.appendingPathComponent("cleaned")
        let clean = try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"])
        #expect(clean.status == 0, "\(clean.error)")
        #expect(filesByBytes(cleaned).count == names.count + 1)
        let rebuilt = folder.appendingPathComponent("rebuilt")
        let restore = try runRefrain(["restore", cleaned.path, "--output", rebuilt.path, "-q"])
        #expect(restore.status == 0, "\(restore.error)")
        let restored = filesByBytes(rebuilt)
        #expect(Set(restored.keys) == Set(originals.keys))
        for (name, bytes) in originals {
            #expect(restored[name] == bytes, "\(DocumentLocation.displayName(name)) is rebuilt byte for byte")
        }
    }

    @Test func aManifestThatDoesNotAccountForTheCleanFolderIsRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        for number in 0..<3 {
            try Data(templated("Document \(number)").utf8).write(to: input.appendingPathComponent("\(number).txt"))
        }
        let cleaned = folder.appendingPathComponent("cleaned")
        #expect(try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"]).status == 0)
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        let manifest = Array(try Data(contentsOf: manifestURL))
        let firstLine = Array(manifest.prefix { $0 != 0x0A }) + [0x0A]
        let damaged: [(String, [UInt8])] = [
            ("empty", []),
            ("cut inside a line", Array(manifest.dropLast(7))),
            ("cut at a line end", firstLine),
        ]
        for (number, (label, bytes)) in damaged.enumerated() {
            try Data(bytes).write(to: manifestURL)
            let target = folder.appendingPathComponent("r\(number)")
            let result = try runRefrain(["restore", cleaned.path, "--output", target.path])
            #expect(result.status == 65, "\(label): \(result.error)")
            #expect(!fileManager.fileExists(atPath: target.path), "\(label): nothing written")
        }
        // The whole manifest, but a file clean did not write.
        try Data(manifest).write(to: manifestURL)
        try fileManager.createDirectory(at: cleaned.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: cleaned.appendingPathComponent("sub/extra.txt"))
        let extra = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r9").path])
        #expect(extra.status == 65, "\(extra.error)")
        #expect(extra.error.contains("sub/extra.txt"))
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r9").path))
        // Without it, the same folder restores, also with what a file browser leaves in it.
        try fileManager.removeItem(at: cleaned.appendingPathComponent("sub"))
        for name in [".DS_Store", "._0.txt", "Thumbs.db"] { try Data([0, 1, 2]).write(to: cleaned.appendingPathComponent(name)) }
        let browsed = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r10").path])
        #expect(browsed.status == 0, "\(browsed.error)")
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r10/.DS_Store").path))
    }

    /// A manifest that names one text file twice is damaged (exit 65), not a failure to write
    /// (74); a file as --output is refused with what restore takes.
    @Test func aTextFileNamedTwiceOrAFileAsOutputIsRefusedWithWhatIsWrong() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let cleaned = folder.appendingPathComponent("cleaned")
        #expect(try runRefrain(["clean", samplesFolder, "--output", cleaned.path, "-q"]).status == 0)
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        var lines = try String(contentsOf: manifestURL, encoding: .utf8).split(separator: "\n").map(String.init)
        var first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        var second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        let removedFile = try #require(second["output"] as? String)
        second["output"] = first["output"]
        for key in ["documents", "xxh3"] {
            first[key] = nil
            second[key] = nil
        }
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        lines[1] = String(decoding: try JSONSerialization.data(withJSONObject: second), as: UTF8.self)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifestURL)
        try fileManager.removeItem(at: cleaned.appendingPathComponent(removedFile))
        let twice = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r").path])
        #expect(twice.status == 65, "\(twice.error)")
        #expect(twice.error.contains("line 2: it names \(first["output"] as! String) again, as a text file"), "\(twice.error)")

        let file = folder.appendingPathComponent("file")
        try Data().write(to: file)
        let onFile = try runRefrain(["restore", cleaned.path, "--output", file.path])
        #expect(onFile.status == 64)
        #expect(onFile.error.contains("--output must be a new folder or an empty one."), "\(onFile.error)")
    }

    /// A document's file, or the folder it is in, replaced by a link to an identical copy
    /// outside the clean folder: every checksum holds, but restore would read through the link
    /// (an attacker's, to a file of the same size, with an old manifest); it is refused.
    @Test func aLinkWhereCleanWroteAFileOrFolderIsRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for number in 0..<3 {
            try Data(templated("Document \(number)").utf8).write(to: input.appendingPathComponent("sub/\(number).txt"))
        }
        let cleaned = folder.appendingPathComponent("cleaned")
        #expect(try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"]).status == 0)
        let outside = folder.appendingPathComponent("outside")
        try fileManager.copyItem(at: cleaned.appendingPathComponent("sub"), to: outside)
        let file = cleaned.appendingPathComponent("sub/1.txt")
        try fileManager.removeItem(at: file)
        try fileManager.createSymbolicLink(at: file, withDestinationURL: outside.appendingPathComponent("1.txt"))
        let linkedFile = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r1").path])
        #expect(linkedFile.status == 65, "\(linkedFile.error)")
        #expect(
            linkedFile.error.contains("1.txt does not match the manifest (it is a link, where clean wrote a file)"), "\(linkedFile.error)")
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r1").path))

        try fileManager.removeItem(at: cleaned.appendingPathComponent("sub"))
        try fileManager.createSymbolicLink(at: cleaned.appendingPathComponent("sub"), withDestinationURL: outside)
        try fileManager.removeItem(at: outside.appendingPathComponent("1.txt"))
        try fileManager.copyItem(at: input.appendingPathComponent("sub/1.txt"), to: outside.appendingPathComponent("1.txt"))
        let linkedFolder = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r2").path])
        #expect(linkedFolder.status == 65, "\(linkedFolder.error)")
        #expect(
            linkedFolder.error.contains("sub does not match the manifest (it is a link, where clean wrote a folder)"),
            "\(linkedFolder.error)")
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("r2").path))
    }

    /// Edits that keep every offset in range, a manifest cut at a line end inside one JSON
    /// Lines file, and an edited line without a document: each is refused, nothing written.
    @Test func editsTheOffsetsCannotSeeAreCaughtByTheChecksums() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        let leads = ["Ferries stopped at the harbour", "Farmers sold apples", "A choir sang carols", "Bakers queued at dawn"]
        for number in 0..<3 {
            let text = "\(leads[number]).\n\n\(CleanEveryLineTests.template)\n"
            try Data(text.utf8).write(to: input.appendingPathComponent("\(number).txt"))
        }
        let stories = ["The river rose overnight", "Snow closed two roads", "Tram fares went up", "A library reopened"]
        let records = (0..<4).map { number -> String in
            let text = "\(stories[number]).\\n\\n\(CleanEveryLineTests.template)"
            return #"{"id": "r\#(number)", "text": "\#(text)"}"#
        }
        // A line without a document sits between the records.
        let feed = records[0] + "\n" + records[1] + "\n{\"note\": \"no text here\"}\n" + records[2] + "\n" + records[3] + "\n"
        try Data(feed.utf8).write(to: input.appendingPathComponent("feed.jsonl"))
        let cleaned = folder.appendingPathComponent("cleaned")
        let clean = try runRefrain(["clean", input.path, "--output", cleaned.path, "--skip-invalid", "-q"])
        #expect(clean.status == 0, "\(clean.error)")
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        let manifest = Array(try Data(contentsOf: manifestURL))
        let entries = try String(decoding: manifest, as: UTF8.self).split(separator: "\n").map { try CleanManifest.parse(String($0)) }
        #expect(entries.allSatisfy { $0.checksum != nil && $0.documents == entries.count })
        #expect(entries.filter { $0.file != nil }.count == 1, "one whole-file checksum, on the JSON Lines file's first entry")

        func expectRefused(_ label: String, contains phrase: String) throws {
            let target = folder.appendingPathComponent("r-\(UUID().uuidString)")
            let result = try runRefrain(["restore", cleaned.path, "--output", target.path])
            #expect(result.status == 65, "\(label): \(result.error)")
            #expect(result.error.contains(phrase), "\(label): \(result.error)")
            #expect(!fileManager.fileExists(atPath: target.path), "\(label): nothing written")
        }
        func replacingFirst(_ old: String, with new: String, in url: URL) throws -> [UInt8] {
            let original = Array(try Data(contentsOf: url))
            let text = String(decoding: original, as: UTF8.self)
            let range = try #require(text.range(of: old))
            try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url)
            return original
        }
        // A word changed in a cleaned text file, same length: every offset stays in range.
        let text = cleaned.appendingPathComponent("0.txt")
        let textBefore = try replacingFirst("harbour", with: "harbeur", in: text)
        try expectRefused("edited text file", contains: "checksum differs")
        try Data(textBefore).write(to: text)
        // The same inside a record.
        let jsonl = cleaned.appendingPathComponent("feed.jsonl")
        let jsonlBefore = try replacingFirst("river", with: "rivet", in: jsonl)
        try expectRefused("edited record", contains: "checksum differs")
        // The line without a document edited.
        try Data(jsonlBefore).write(to: jsonl)
        _ = try replacingFirst("no text here", with: "no text HERE", in: jsonl)
        try expectRefused("edited other line", contains: "checksum differs")
        try Data(jsonlBefore).write(to: jsonl)
        // The manifest cut at a line end, leaving the JSON Lines file's last record out.
        let lines = manifest.split(separator: 0x0A, omittingEmptySubsequences: false)
        let shorter = Array(lines.dropLast(2).joined(separator: [0x0A])) + [0x0A]
        try Data(shorter).write(to: manifestURL)
        try expectRefused("manifest cut at a line end", contains: "cut short")
        // Undamaged, it restores.
        try Data(manifest).write(to: manifestURL)
        let target = folder.appendingPathComponent("whole")
        let result = try runRefrain(["restore", cleaned.path, "--output", target.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(try files(target) == files(input))
    }

    @Test func aManifestWithoutChecksumsRestoresWithAWarningSayingWhatWasChecked() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        let leads = ["Ferries stopped at the harbour", "Farmers sold apples", "A choir sang carols"]
        for number in 0..<3 {
            try Data("\(leads[number]).\n\n\(CleanEveryLineTests.template)\n".utf8).write(to: input.appendingPathComponent("\(number).txt"))
        }
        let cleaned = folder.appendingPathComponent("cleaned")
        let clean = try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"])
        #expect(clean.status == 0, "\(clean.error)")
        // A manifest with checksums restores without a word of warning.
        let checked = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("a").path])
        #expect(checked.status == 0, "\(checked.error)")
        #expect(!checked.error.contains("warning"), "\(checked.error)")
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        // Without the checksums of the output files, which restore does not read, and which
        // the edits below would leave unreadable.
        let manifest = String(decoding: try Data(contentsOf: manifestURL), as: UTF8.self)
            .replacingOccurrences(of: #", "written": \{[^}]*\}"#, with: "", options: .regularExpression)
        // One line's checksum taken out, or all of them with the line counts kept: edits
        // meant to pass a changed file unchecked, refused before anything is written.
        let oneOut = manifest.replacingOccurrences(
            of: #", "xxh3": "[0-9a-f]+""#, with: "", options: .regularExpression,
            range: manifest.startIndex..<manifest.index(after: manifest.firstIndex(of: "\n")!))
        let allOut = manifest.replacingOccurrences(of: #", "xxh3": "[0-9a-f]+""#, with: "", options: .regularExpression)
        for (name, edited) in [("one", oneOut), ("all", allOut)] {
            #expect(edited != manifest)
            try Data(edited.utf8).write(to: manifestURL)
            let refused = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent(name).path])
            #expect(refused.status == 65, "\(name): \(refused.error)")
            #expect(
                refused.error.contains("line 1: it has no \"xxh3\" checksum, though the manifest has checksums or its line count"),
                "\(refused.error)")
            #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent(name).path))
        }
        // The same manifest as an earlier clean wrote it: no "xxh3", no "documents".
        let old = manifest.replacingOccurrences(of: #", "xxh3": "[0-9a-f]+""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #", "documents": [0-9]+"#, with: "", options: .regularExpression)
        #expect(old != manifest && !old.contains("xxh3"))
        try Data(old.utf8).write(to: manifestURL)
        let target = folder.appendingPathComponent("b")
        let result = try runRefrain(["restore", cleaned.path, "--output", target.path, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        #expect(try files(target) == files(input))
        #expect(result.error.contains("predates checksums"), "\(result.error)")
        #expect(result.error.contains("all 3 documents were checked only by their length"), "\(result.error)")
        #expect(result.error.contains("line count"), "\(result.error)")
    }

    /// A JSON Lines file's whole-file checksum taken out of a checked manifest is an edit,
    /// not an old manifest: refused.
    @Test func aJSONLinesFileWithoutItsWholeFileChecksumIsRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
        let records = ["Ferries stopped at the harbour", "Farmers sold apples", "A choir sang carols"].enumerated().map { number, lead in
            String(
                decoding: try! JSONSerialization.data(withJSONObject: [
                    "id": "r\(number)", "text": "\(lead).\n\n\(CleanEveryLineTests.template)",
                ]), as: UTF8.self)
        }
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: input.appendingPathComponent("feed.jsonl"))
        let cleaned = folder.appendingPathComponent("cleaned")
        #expect(try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"]).status == 0)
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        let manifest = String(decoding: try Data(contentsOf: manifestURL), as: UTF8.self)
        let edited = manifest.replacingOccurrences(
            of: #", "file": \{"bytes": [0-9]+, "xxh3": "[0-9a-f]+"\}"#, with: "", options: .regularExpression)
        #expect(edited != manifest)
        try Data(edited.utf8).write(to: manifestURL)
        let refused = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("out").path])
        #expect(refused.status == 65, "\(refused.error)")
        #expect(refused.error.contains("no line of feed.jsonl has the whole file's checksum"), "\(refused.error)")
    }

    /// A hard link in one folder input to a file of another comes back as a hard link: the
    /// inputs' files come out in one folder. It was left out, with a warning and exit 0.
    @Test func aHardLinkAcrossFolderInputsComesBack() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let (first, second) = (folder.appendingPathComponent("in1"), folder.appendingPathComponent("in2"))
        for input in [first, second] { try fileManager.createDirectory(at: input, withIntermediateDirectories: true) }
        let leads = ["Ferries stopped at the harbour", "Farmers sold apples", "A choir sang carols"]
        for number in 0..<3 {
            try Data("\(leads[number]).\n\n\(CleanEveryLineTests.template)\n".utf8).write(
                to: (number < 2 ? first : second).appendingPathComponent("\(number).txt"))
        }
        #expect(link(first.appendingPathComponent("0.txt").path, second.appendingPathComponent("hard.txt").path) == 0)
        let cleaned = folder.appendingPathComponent("cleaned")
        let clean = try runRefrain(["clean", first.path, second.path, "--output", cleaned.path])
        #expect(clean.status == 0, "\(clean.error)")
        #expect(!clean.error.contains("not read twice"), "\(clean.error)")
        var one = stat(), other = stat()
        #expect(
            stat(cleaned.appendingPathComponent("0.txt").path, &one) == 0
                && stat(cleaned.appendingPathComponent("hard.txt").path, &other) == 0)
        #expect(one.st_ino == other.st_ino)
        let rebuilt = folder.appendingPathComponent("rebuilt")
        #expect(try runRefrain(["restore", cleaned.path, "--output", rebuilt.path, "-q"]).status == 0)
        #expect(try Data(contentsOf: rebuilt.appendingPathComponent("hard.txt")) == Data(contentsOf: first.appendingPathComponent("0.txt")))
        #expect(
            stat(rebuilt.appendingPathComponent("0.txt").path, &one) == 0
                && stat(rebuilt.appendingPathComponent("hard.txt").path, &other) == 0)
        #expect(one.st_ino == other.st_ino)
    }

    @Test func hardAndSymbolicLinksInACorpusComeBackAsLinks() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try fileManager.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let leads = ["Ferries stopped at the harbour", "Farmers sold apples", "A choir sang carols"]
        for number in 0..<3 {
            try Data("\(leads[number]).\n\n\(CleanEveryLineTests.template)\n".utf8).write(to: input.appendingPathComponent("\(number).txt"))
        }
        #expect(link(input.appendingPathComponent("0.txt").path, input.appendingPathComponent("hard.txt").path) == 0)
        #expect(symlink("../1.txt", input.appendingPathComponent("sub/soft.txt").path) == 0)
        // A JSON Lines file's second names too (review 68: clean left them out).
        let record = try JSONSerialization.data(withJSONObject: ["id": "r1", "text": "A school closed.\n\n\(CleanEveryLineTests.template)"])
        try (record + Data("\n".utf8)).write(to: input.appendingPathComponent("feed.jsonl"))
        #expect(link(input.appendingPathComponent("feed.jsonl").path, input.appendingPathComponent("feed-hard.jsonl").path) == 0)
        #expect(symlink("../feed.jsonl", input.appendingPathComponent("sub/feed-soft.jsonl").path) == 0)
        // Read once each: a hard link alone is not a second document.
        let scan = try runRefrain(["scan", input.path, "--format", "json"])
        #expect(scan.status == 0, "\(scan.error)")
        #expect(scan.output.contains("\"documents\": 4"), "\(scan.output.prefix(200))")
        #expect(scan.error.contains("once under their first name"), "\(scan.error)")
        let cleaned = folder.appendingPathComponent("cleaned")
        let clean = try runRefrain(["clean", input.path, "--output", cleaned.path])
        #expect(clean.status == 0, "\(clean.error)")
        #expect(clean.error.contains("4 second names"), "\(clean.error)")
        // The cleaned folder has them too, as links to the cleaned texts.
        #expect(try fileManager.destinationOfSymbolicLink(atPath: cleaned.appendingPathComponent("sub/soft.txt").path) == "../1.txt")
        #expect(
            try Data(contentsOf: cleaned.appendingPathComponent("hard.txt")) == Data(contentsOf: cleaned.appendingPathComponent("0.txt")))
        let target = folder.appendingPathComponent("rebuilt")
        let restore = try runRefrain(["restore", cleaned.path, "--output", target.path])
        #expect(restore.status == 0, "\(restore.error)")
        #expect(!restore.error.contains("warning"), "\(restore.error)")
        #expect(try files(target) == files(input))
        #expect(try fileManager.destinationOfSymbolicLink(atPath: target.appendingPathComponent("sub/soft.txt").path) == "../1.txt")
        #expect(
            try fileManager.destinationOfSymbolicLink(atPath: target.appendingPathComponent("sub/feed-soft.jsonl").path)
                == "../feed.jsonl")
        var first = stat()
        var second = stat()
        #expect(
            stat(target.appendingPathComponent("0.txt").path, &first) == 0
                && stat(target.appendingPathComponent("hard.txt").path, &second) == 0)
        #expect(first.st_ino == second.st_ino, "hard.txt is a hard link to 0.txt again")
        // A manifest naming a second name of a file it does not name is damaged.
        let manifestURL = cleaned.appendingPathComponent(CleanManifest.fileName)
        let manifest = String(decoding: try Data(contentsOf: manifestURL), as: UTF8.self)
        try Data(manifest.replacingOccurrences(of: #""aliasOf": "0.txt""#, with: #""aliasOf": "9.txt""#).utf8).write(to: manifestURL)
        let damaged = try runRefrain(["restore", cleaned.path, "--output", folder.appendingPathComponent("r2").path])
        #expect(damaged.status == 65, "\(damaged.error)")
    }

    /// A feed written by Python's `json.dumps` (every non-ASCII character escaped) or PHP's
    /// `json_encode` (`/` escaped too) is cleaned in its own spelling, and its manifest keeps
    /// only what was removed, not every record whole.
    @Test func escapedFeedsAreCleanedInTheirSpellingAndRestoredFromRemovedSpans() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let corpus = GeneratedCorpus(documents: 40, templates: 6, seed: 91)
        for slash in [false, true] {
            let input = folder.appendingPathComponent("in-\(slash)")
            try fileManager.createDirectory(at: input, withIntermediateDirectories: true)
            var feed = ""
            for (number, document) in corpus.documents.enumerated() {
                let text = "Été à Zürich, 1/2 — \(number) « 😀 »\n\n" + document.text
                feed += #"{"id": "\#(document.id)", "text": \#(asciiLiteral(text, slash: slash))}"# + "\n"
            }
            try Data(feed.utf8).write(to: input.appendingPathComponent("feed.jsonl"))
            try expectRoundTrip(input, in: folder, sourceLabel: "escaped, slash \(slash)")
            let cleaned = folder.appendingPathComponent("cleaned-\(slash)")
            #expect(try runRefrain(["clean", input.path, "--output", cleaned.path, "-q"]).status == 0)
            let output = Array(try Data(contentsOf: cleaned.appendingPathComponent("feed.jsonl")))
            #expect(output.allSatisfy { $0 < 0x80 }, "cleaned records keep the input's ASCII spelling")
            let manifest = String(decoding: try Data(contentsOf: cleaned.appendingPathComponent(CleanManifest.fileName)), as: UTF8.self)
            let entries = try manifest.split(separator: "\n").map { try CleanManifest.parse(String($0)) }
            #expect(entries.count == corpus.documents.count)
            #expect(entries.allSatisfy { $0.record == nil }, "no record kept whole")
            #expect(entries.allSatisfy { $0.spelling == (slash ? .asciiSlash : .ascii) })
            #expect(entries.contains { !$0.removed.isEmpty })
        }
    }
}
