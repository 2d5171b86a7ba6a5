import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `clean` over its own earlier output: names are compared and removed by their bytes, and
/// only an edit, not a later file time, stops the replacement.
@Suite struct CleanReplaceTests {
    let template = "Background paragraph that every article from the agency carries at the end of each story it sends."

    /// Writes a file whose name is given as bytes (not necessarily UTF-8).
    func write(_ text: String, name: [UInt8], in folder: URL) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = Corpus.withCPath(path) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
    }

    /// The entries of a folder, as bytes, in byte order.
    func entries(_ folder: URL) -> [[UInt8]] {
        guard let stream = opendir(folder.path) else { return [] }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != Array(".".utf8), name != Array("..".utf8) { names.append(name) }
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// A corpus of three stories sharing the template, one file named `odd`.
    func corpus(in folder: URL, odd: [UInt8]) throws -> [String] {
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try write("Roads story.\n\n\(template)\n", name: Array("a.txt".utf8), in: input)
        try write("Bridges story.\n\n\(template)\n", name: Array("b.txt".utf8), in: input)
        try write("Tunnels story.\n\n\(template)\n", name: odd, in: input)
        return ["clean", input.path, "--output", folder.appendingPathComponent("out").path, "--quiet"]
    }

    /// The corpus (`c.txt` its third file) cleaned once: the arguments that run the clean.
    func cleanedOnce(in folder: URL) throws -> [String] {
        let arguments = try corpus(in: folder, odd: Array("c.txt".utf8))
        let first = try runRefrain(arguments)
        #expect(first.status == 0, "\(first.error)")
        return arguments
    }

    /// A manifest as a version without the `written` field wrote it.
    func withoutWrittenChecksums(_ manifest: String) -> String {
        manifest.replacingOccurrences(of: #", "written": \{[^}]*\}"#, with: "", options: .regularExpression)
    }

    /// Rewrites an output's manifest as a version without the `written` field wrote it.
    func makeOlder(_ output: URL) throws {
        let manifest = output.appendingPathComponent(CleanManifest.fileName)
        let lines = try String(contentsOf: manifest, encoding: .utf8)
        let older = withoutWrittenChecksums(lines)
        #expect(older != lines)
        try older.write(to: manifest, atomically: false, encoding: .utf8)
    }

    /// Gives `file` the time of the manifest in `output`, to the nanosecond: as an edit in
    /// clean's last clock tick, or one whose time was put back.
    func giveTheManifestsTime(to file: URL, in output: URL) {
        var status = stat()
        #expect(stat(output.appendingPathComponent(CleanManifest.fileName).path, &status) == 0)
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
    }

    /// Gives `file` a time a minute ahead, as `touch` or a copy that keeps no times does, and
    /// runs the clean again: the earlier output is replaced.
    func expectReplacedWhenTouched(_ file: URL, _ arguments: [String]) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: file.path)
        let touched = try runRefrain(arguments)
        #expect(touched.status == 0, "\(touched.error)")
    }

    /// Runs the clean again: it refuses with exit 64, saying `reason`.
    func expectRefused(_ arguments: [String], saying reason: String) throws {
        let result = try runRefrain(arguments)
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains(reason), "\(result.error)")
    }

    /// Writes `edited` to `file`, with a time a minute ahead, and runs the clean again: it
    /// refuses, naming the file, and the edit stays.
    func expectRefusedWhenEdited(_ file: URL, to edited: Data, _ arguments: [String]) throws {
        try edited.write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: file.path)
        try expectRefused(arguments, saying: "\(file.lastPathComponent) was changed after clean wrote it")
        #expect(try Data(contentsOf: file) == edited)
    }

    @Test(arguments: [Array("caf\u{e9}.txt".utf8.prefix(3)) + [0xE9] + Array(".txt".utf8), Array(#"back\slash.txt"#.utf8)])
    func anEarlierOutputIsReplacedWholeWhateverItsNames(odd: [UInt8]) throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try corpus(in: folder, odd: odd)
        let first = try runRefrain(arguments)
        #expect(first.status == 0, "\(first.error)")
        let output = folder.appendingPathComponent("out")
        #expect(entries(output).contains(odd))
        let again = try runRefrain(arguments)
        #expect(again.status == 0, "an untouched earlier output is replaced: \(again.error)")
        #expect(entries(output).contains(odd))
        // Nothing of the old output stays behind beside the new one.
        #expect(entries(folder) == [Array("in".utf8), Array("out".utf8)])
    }

    @Test func aFileAddedUnderANameThatIsNotUTF8StopsTheReplacement() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try cleanedOnce(in: folder)
        let output = folder.appendingPathComponent("out")
        let added = Array("notes".utf8) + [0xFF] + Array(".txt".utf8)
        try write("keep me", name: added, in: output)
        try expectRefused(arguments, saying: #"notes\xff.txt"#)
        #expect(entries(output).contains(added))
    }

    @Test func aLaterTimeAloneDoesNotStopTheReplacementButAnEditDoes() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try cleanedOnce(in: folder)
        let cleaned = folder.appendingPathComponent("out/b.txt")
        try expectReplacedWhenTouched(cleaned, arguments)
        try expectRefusedWhenEdited(cleaned, to: try Data(contentsOf: cleaned) + Data("My own note.\n".utf8), arguments)
    }

    @Test func aJSONLinesOutputIsCheckedByItsRecordsNotItsTime() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let records = ["Roads story.", "Bridges story.", "Tunnels story."].enumerated().map { index, lead in
            #"{"id": "\#(index)", "text": "\#(lead)\n\n\#(template)"}"#
        }
        try write(records.joined(separator: "\n") + "\n", name: Array("news.jsonl".utf8), in: input)
        let arguments = ["clean", input.path, "--output", folder.appendingPathComponent("out").path, "--quiet"]
        #expect(try runRefrain(arguments).status == 0)
        let cleaned = folder.appendingPathComponent("out/news.jsonl")
        try expectReplacedWhenTouched(cleaned, arguments)
        let edited = Data(
            String(decoding: try Data(contentsOf: cleaned), as: UTF8.self).replacingOccurrences(of: "Roads", with: "Rivers").utf8)
        try expectRefusedWhenEdited(cleaned, to: edited, arguments)
    }

    /// How an edit may carry no later time than the manifest's.
    enum HiddenEdit: CaseIterable {
        /// Made in clean's last clock tick: the file's time is the manifest's.
        case sameTick
        /// The manifest touched after the edit.
        case manifestTouched
    }

    @Test(arguments: HiddenEdit.allCases, [false, true])
    func anEditIsCaughtWhateverTheTimesSay(_ hidden: HiddenEdit, jsonLines: Bool) throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try corpus(in: folder, odd: Array("c.txt".utf8))
        if jsonLines {
            let records = ["Harbours story.", "Canals story."].enumerated().map { index, lead in
                #"{"id": "\#(index)", "text": "\#(lead)\n\n\#(template)"}"#
            }
            try write(records.joined(separator: "\n") + "\n", name: Array("b.jsonl".utf8), in: folder.appendingPathComponent("in"))
        }
        #expect(try runRefrain(arguments).status == 0)
        let output = folder.appendingPathComponent("out")
        let manifest = output.appendingPathComponent(CleanManifest.fileName)
        let cleaned = output.appendingPathComponent(jsonLines ? "b.jsonl" : "b.txt")
        let edited = Data(
            String(decoding: try Data(contentsOf: cleaned), as: UTF8.self).replacingOccurrences(
                of: jsonLines ? "Canals" : "Bridges", with: "Ferries"
            ).utf8)
        #expect(try edited != Data(contentsOf: cleaned))
        try edited.write(to: cleaned)
        switch hidden {
        case .sameTick: giveTheManifestsTime(to: cleaned, in: output)
        case .manifestTouched:
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(120)], ofItemAtPath: manifest.path)
        }
        try expectRefused(arguments, saying: "\(cleaned.lastPathComponent) was changed after clean wrote it")
        #expect(try Data(contentsOf: cleaned) == edited)
    }

    @Test func anInputLinkedIntoTheEarlierOutputStopsTheReplacement() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try cleanedOnce(in: folder)
        let cleaned = folder.appendingPathComponent("out/a.txt")
        let before = try Data(contentsOf: cleaned)
        // Read through the link, the cleaned file is an input: replacing it would change it.
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("in/link.txt"), withDestinationURL: cleaned)
        try expectRefused(arguments, saying: "its a.txt is the input")
        #expect(try Data(contentsOf: cleaned) == before)
    }

    @Test func aFileListedWithoutItsChecksumOrNoLongerAFileStopsTheReplacement() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try cleanedOnce(in: folder)
        let output = folder.appendingPathComponent("out")
        // One line's checksum taken out: its file is not taken on trust, nor by its time.
        let manifest = output.appendingPathComponent(CleanManifest.fileName)
        let lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.contains(#""output": "b.txt""#) })
        var edited = lines
        edited[first] = Substring(withoutWrittenChecksums(String(lines[first])))
        #expect(edited != lines)
        try edited.joined(separator: "\n").write(to: manifest, atomically: false, encoding: .utf8)
        try expectRefused(arguments, saying: "its b.txt has no checksum in")
        try lines.joined(separator: "\n").write(to: manifest, atomically: false, encoding: .utf8)
        // A folder where clean wrote a file.
        let cleaned = output.appendingPathComponent("a.txt")
        try FileManager.default.removeItem(at: cleaned)
        try FileManager.default.createDirectory(at: cleaned, withIntermediateDirectories: false)
        let folderThere = try runRefrain(arguments)
        #expect(folderThere.status == 64, "\(folderThere.error)")
        #expect(
            folderThere.error.contains("its a.txt is no longer the file clean wrote there (it is now a folder)"), "\(folderThere.error)")
    }

    @Test func anOlderManifestWithoutWrittenChecksumsGoesByTime() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try cleanedOnce(in: folder)
        let output = folder.appendingPathComponent("out")
        try makeOlder(output)
        let cleaned = output.appendingPathComponent("b.txt")
        try expectReplacedWhenTouched(cleaned, arguments)
        try makeOlder(output)
        try expectRefusedWhenEdited(cleaned, to: try Data(contentsOf: cleaned) + Data("My own note.\n".utf8), arguments)
        // An edit given back the manifest's time changes the file's size, which the line gives.
        try FileManager.default.removeItem(at: output)
        #expect(try runRefrain(arguments).status == 0)
        try makeOlder(output)
        let edited = try Data(contentsOf: cleaned) + Data("My own note.\n".utf8)
        try edited.write(to: cleaned)
        giveTheManifestsTime(to: cleaned, in: output)
        let result = try runRefrain(arguments)
        #expect(result.status == 64, "\(result.error)")
        #expect(try Data(contentsOf: cleaned) == edited)
    }

    @Test func anInputLinksSecondNameReplacedByAnEditedFileIsCaught() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try corpus(in: folder, odd: Array("c.txt".utf8))
        let input = folder.appendingPathComponent("in")
        #expect(link(input.appendingPathComponent("b.txt").path, input.appendingPathComponent("b-again.txt").path) == 0)
        #expect(try runRefrain(arguments).status == 0)
        // A hard link of an output touched through either name is no edit.
        let output = folder.appendingPathComponent("out")
        try expectReplacedWhenTouched(output.appendingPathComponent("b.txt"), arguments)
        // A copy that kept no links (`cp -r`) holds the same bytes: no edit either.
        let second = output.appendingPathComponent("b-again.txt")
        let copied = try Data(contentsOf: second)
        try FileManager.default.removeItem(at: second)
        try copied.write(to: second)
        try expectReplacedWhenTouched(second, arguments)
        // A symbolic link that leads elsewhere now was changed.
        try FileManager.default.removeItem(at: second)
        try FileManager.default.createSymbolicLink(atPath: second.path, withDestinationPath: "a.txt")
        let retargeted = try runRefrain(arguments)
        #expect(retargeted.status == 64, "\(retargeted.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: second.path) == "a.txt")
        try FileManager.default.removeItem(at: second)
        try copied.write(to: second)
        // As `sed -i` does: a new file in the second name's place, with an edit.
        let edited = try Data(contentsOf: second) + Data("My own note.\n".utf8)
        try FileManager.default.removeItem(at: second)
        try expectRefusedWhenEdited(second, to: edited, arguments)
    }

    @Test func anOlderManifestsSecondNameIsHeldToTheFileItNames() throws {
        let folder = try makeTemporaryFolder()
        defer { SafeWriting.removeTree(atPath: folder.path) }
        let arguments = try corpus(in: folder, odd: Array("c.txt".utf8))
        let input = folder.appendingPathComponent("in")
        #expect(link(input.appendingPathComponent("b.txt").path, input.appendingPathComponent("b-again.txt").path) == 0)
        #expect(try runRefrain(arguments).status == 0)
        let output = folder.appendingPathComponent("out")
        let lines = try String(contentsOf: output.appendingPathComponent(CleanManifest.fileName), encoding: .utf8)
        try makeOlder(output)
        // An edited copy in the second name's place (`b-again.txt` sorts first, so it is the
        // file and `b.txt` its second name), given the manifest's time.
        #expect(lines.contains(#""output": "b.txt", "bytes""#) && lines.contains(#""aliasOf": "b-again.txt""#))
        let second = output.appendingPathComponent("b.txt")
        let edited = try Data(contentsOf: second) + Data("My own note.\n".utf8)
        try FileManager.default.removeItem(at: second)
        try edited.write(to: second)
        giveTheManifestsTime(to: second, in: output)
        try expectRefused(arguments, saying: "its b.txt was changed after clean wrote it")
        #expect(try Data(contentsOf: second) == edited)
    }

    @Test func removeTreeRemovesNamesThatAreNotUTF8() throws {
        let folder = try makeTemporaryFolder()
        let inner = Array(folder.path.utf8) + Array("/sub".utf8) + [0xFF]
        #expect(Corpus.withCPath(inner) { mkdir($0, 0o755) } == 0)
        try write("text", name: Array("sub".utf8) + [0xFF] + Array("/f".utf8) + [0xE9], in: folder)
        try write("text", name: [0xC3, 0x28], in: folder)
        SafeWriting.removeTree(atPath: folder.path)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
