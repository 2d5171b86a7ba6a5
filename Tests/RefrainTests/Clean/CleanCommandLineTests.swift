import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `clean` and every `--output` through the built binary: nothing written outside the
/// output, never into an input, never a device replaced, no document dropped.
@Suite struct CleanCommandLineTests {
    let fileManager = FileManager.default

    func write(_ text: String, _ name: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(name)
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func contents(_ url: URL) -> String? { (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } }

    /// Every file below a folder, as relative paths.
    func tree(_ folder: URL) -> [String] {
        (fileManager.subpaths(atPath: folder.path) ?? []).sorted()
    }

    /// The manifest of a clean output rebuilds every original it names, and names every file.
    func expectComplete(_ output: URL, originals: [String: [UInt8]]) throws {
        let manifest = try String(contentsOf: output.appendingPathComponent(CleanManifest.fileName), encoding: .utf8)
        var seen = Set<String>()
        var files: [String: [UInt8]] = [:]
        var lineCache: [String: [ArraySlice<UInt8>]] = [:]
        for line in manifest.split(separator: "\n") {
            let record = try CleanManifest.parse(String(line))
            seen.insert(record.id)
            if files[record.output] == nil {
                files[record.output] = Array(try Data(contentsOf: output.appendingPathComponent(record.output)))
            }
            var cleaned = files[record.output]!
            if let line = record.line {
                if lineCache[record.output] == nil {
                    lineCache[record.output] = cleaned.split(separator: 0x0A, omittingEmptySubsequences: false)
                }
                let lines = lineCache[record.output]!
                let object = try JSONSerialization.jsonObject(with: Data(lines[line - 1])) as? [String: Any]
                cleaned = Array(((object?["text"] as? String) ?? "").utf8)
            }
            let rebuilt = Cleaner.rebuild(cleaned: cleaned, removed: record.removed) == originals[record.id]
            #expect(rebuilt, "\(record.id)")
        }
        #expect(seen == Set(originals.keys))
    }

    let template = "Background paragraph that every article from the agency carries at the end of each story it sends."

    // MARK: JSON Lines

    /// Writes `CleanerEditsTests.documents` as text files in `folder/in`.
    ///
    /// - Returns: The `in` folder.
    func writeEditsCorpus(in folder: URL) throws -> URL {
        let input = folder.appendingPathComponent("in")
        for document in CleanerEditsTests.documents {
            try write(document.text, document.id + ".txt", in: input)
        }
        return input
    }

    /// `--keep-edits` through the binary: an edited copy's own words stay, and restore
    /// still rebuilds every file.
    @Test func keepEditsKeepsAnEditedCopysOwnWords() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = try writeEditsCorpus(in: folder)
        let output = folder.appendingPathComponent("out")
        let result = try runRefrain(["clean", input.path, "-o", output.path, "--keep-edits", "-q"])
        #expect(result.status == 0, "\(result.error)")
        #expect(contents(output.appendingPathComponent("edited.txt")) == "Lead about a hard quarter.\n\nloss widened 9.7")
        let plain = folder.appendingPathComponent("plain")
        #expect(try runRefrain(["clean", input.path, "-o", plain.path, "-q"]).status == 0)
        #expect(contents(plain.appendingPathComponent("edited.txt")) == "Lead about a hard quarter.")
        try expectComplete(
            output, originals: Dictionary(uniqueKeysWithValues: CleanerEditsTests.documents.map { ($0.id + ".txt", $0.bytes) }))
    }

    /// Copies of a whole article come out empty, and clean says so and how to keep one;
    /// with `--keep-first` it has nothing to say.
    @Test func cleanSaysWhenWholeCopiesComeOutEmpty() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        let article = "The ministry of finance said on Tuesday that the quarterly figures would be published in full next week.\n"
        for name in ["a.txt", "b.txt", "c.txt"] { try write(article, name, in: input) }
        try write("Gamma orchestra cancelled its tour after the conductor broke his wrist.\n", "d.txt", in: input)
        let plain = try runRefrain(["clean", input.path, "-o", folder.appendingPathComponent("plain").path])
        #expect(plain.status == 0, "\(plain.error)")
        #expect(
            plain.error.contains("2 documents repeat an earlier one whole; with the 1 they repeat, they come out empty"), "\(plain.error)")
        #expect(plain.error.contains("--keep-first keeps the earliest"))
        let first = try runRefrain(["clean", input.path, "-o", folder.appendingPathComponent("first").path, "--keep-first"])
        #expect(first.status == 0 && !first.error.contains("an earlier one whole"), "\(first.error)")
    }

    /// What clean did not read is in no output and no restore: its last line says how much.
    @Test func cleanSaysHowMuchOfTheInputItDidNotRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = try writeEditsCorpus(in: folder)
        let read = try runRefrain(["clean", input.path, "-o", folder.appendingPathComponent("all").path])
        #expect(read.status == 0, "\(read.error)")
        #expect(!read.error.contains("of the input were not read"), "\(read.error)")
        try write("photo", "photo.jpg", in: input)
        try write("notes", ".notes.txt", in: input)
        try Data([0x62, 0x00, 0x69, 0x6E]).write(to: input.appendingPathComponent("blob.txt"))
        let some = try runRefrain(["clean", input.path, "-o", folder.appendingPathComponent("some").path, "--skip-invalid"])
        #expect(some.status == 0, "\(some.error)")
        #expect(
            some.error.contains("refrain: 3 files or folders of the input were not read or held no document (see above): not in "),
            "\(some.error)")
        #expect(some.error.contains("restore cannot give them back"))
        // JSON Lines files without a document (empty, blank, lines all unreadable, CR line
        // ends read as one line) have no output either, and say so (review 67, case 3).
        try write("", "empty.jsonl", in: input)
        // A link to a folder of the corpus is read once, not written: counted (review 69).
        try fileManager.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try write("A lone story about a harbour.\n", "harbour.txt", in: input.appendingPathComponent("sub"))
        #expect(symlink("sub", input.appendingPathComponent("sub-link").path) == 0)
        // Its second names are not written either, and are counted (review 69).
        #expect(link(input.appendingPathComponent("empty.jsonl").path, input.appendingPathComponent("empty-hard.jsonl").path) == 0)
        try write("\n\n", "blank.jsonl", in: input)
        try write(#"{"id":"x","text":"hello"}"# + "\r" + #"{"id":"y","text":"more"}"# + "\r", "mac.jsonl", in: input)
        // Skipped whole and named as such: not named again, nor counted twice (review 68).
        try Data(#"{"id":"u","text":"Some text of a record."}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: input.appendingPathComponent("utf16.jsonl"))
        let more = try runRefrain(["clean", input.path, "-o", folder.appendingPathComponent("more").path, "--skip-invalid"])
        #expect(more.status == 0, "\(more.error)")
        // The hard link's two names: whichever is read is named, the other is a second name.
        #expect(more.error.contains("empty-hard.jsonl holds no document") || more.error.contains("/empty.jsonl holds no document"))
        #expect(more.error.contains(".jsonl: a second name of empty"), "\(more.error)")
        for name in ["blank.jsonl", "mac.jsonl"] {
            #expect(more.error.contains("\(name) holds no document (no line with a text): not written to "), "\(more.error)")
        }
        #expect(!more.error.contains("utf16.jsonl holds no document"), "\(more.error)")
        #expect(more.error.contains("refrain: 9 files or folders of the input were not read or held no document"), "\(more.error)")
        // JSON Lines piped in with no document is named too (review 68).
        let piped = try runRefrain(
            ["clean", input.appendingPathComponent("sub").path, "-", "-o", folder.appendingPathComponent("piped").path, "--skip-invalid"],
            standardInput: Data("{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":5}\n".utf8))
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.error.contains("standard input holds no document (no line with a text): not written to "), "\(piped.error)")
        #expect(piped.error.contains("1 file or folder of the input was not read or held no document"), "\(piped.error)")
        #expect(more.error.contains("mac.jsonl:1: skipped: not valid JSON") && more.error.contains("tr '\\r' '\\n'"), "\(more.error)")
    }

    /// A link that leads nowhere by a name no file is read under may have been a folder of
    /// the corpus: it is named, and counted among what a clean output lacks (review 92, case 01).
    @Test func aLinkThatLeadsNowhereIsNamedAndCounted() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = try writeEditsCorpus(in: folder)
        #expect(symlink("../gone", input.appendingPathComponent("older").path) == 0)
        #expect(symlink("loop", input.appendingPathComponent("loop").path) == 0)
        #expect(symlink("../gone", input.appendingPathComponent("excluded").path) == 0)
        // A dead link whose name would be read is left out by --exclude too (review 99, case 05).
        #expect(symlink("../gone.txt", input.appendingPathComponent("gone.txt").path) == 0)
        let result = try runRefrain([
            "clean", input.path, "-o", folder.appendingPathComponent("out").path, "--exclude", "excluded", "--exclude", "gone.txt",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("older: warning: a symbolic link to a missing file or folder; not followed."), "\(result.error)")
        #expect(result.error.contains("loop: warning: a symbolic-link loop; not followed."), "\(result.error)")
        #expect(!result.error.contains("excluded:"), "\(result.error)")
        #expect(!result.error.contains("gone.txt"), "\(result.error)")
        #expect(result.error.contains("4 files or folders of the input were not read or held no document"), "\(result.error)")
    }

    @Test func jsonLinesRecordsKeepEveryFieldInOrder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let lines = [
            #"{"url": "https://x.test/a", "id": "a", "title": "Roads {\"quoted\"}", "tags": ["roads", {"nested": [1, 2]}], "source": {"name": "Agency", "id": 7}, "date": 20201030, "text": "Roads story.\n\n\#(template)", "extra": null}"#,
            #"{"id":"b","text":"Bridges story.\n\n\#(template)","source":12,"date":{"y":2020},"meta":{"text":"not this one"}}"#,
        ]
        try write(lines.joined(separator: "\n") + "\n", "feed.jsonl", in: folder)
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("feed.jsonl").path, "--output", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0, "\(result.error)")
        let output = contents(folder.appendingPathComponent("out/feed.jsonl")) ?? ""
        let outputLines = output.split(separator: "\n").map { Array($0.utf8) }
        #expect(outputLines.count == 2)
        for (input, cleaned) in zip(lines.map { Array($0.utf8) }, outputLines) {
            let inputText = try #require(JSONRecordSplice.textValueRange(in: input))
            let cleanedText = try #require(JSONRecordSplice.textValueRange(in: cleaned))
            #expect(Array(input[..<inputText.lowerBound]) == Array(cleaned[..<cleanedText.lowerBound]))
            #expect(Array(input[inputText.upperBound...]) == Array(cleaned[cleanedText.upperBound...]))
        }
        let reread = try Corpus.read([folder.appendingPathComponent("out/feed.jsonl").path])
        #expect(reread.documents.map(\.text) == ["Roads story.", "Bridges story."])
    }

    // MARK: Inputs never written

    @Test(arguments: ["scan", "families", "diff"]) func reportOutputNeverReplacesAnInput(command: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        let input = folder.appendingPathComponent("in")
        let article = input.appendingPathComponent("a.txt").path
        let leading = command == "diff" ? [article, input.path] : [input.path]
        for target in [article, input.appendingPathComponent("report.json").path] {
            let result = try runRefrain([command] + leading + ["--output", target])
            #expect(result.status == 64, "\(command) -o \(target): \(result.error)")
            #expect(result.error.contains("refusing"))
        }
        #expect(contents(input.appendingPathComponent("a.txt")) == "Roads story.\n\n\(template)\n")
        #expect(tree(input) == ["a.txt", "b.txt"])
    }

    @Test func reportOutputToAFIFOIsWrittenNotReplaced() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let received = LockedBytes()
        let reader = Thread {
            let descriptor = open(fifo, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                received.append(buffer[..<count])
            }
            close(descriptor)
            received.finish()
        }
        reader.start()
        let result = try runRefrain(["scan", samplesFolder, "--format", "json", "--output", fifo])
        #expect(result.status == 0, "\(result.error)")
        received.wait()
        #expect(received.bytes.starts(with: Array(#"{"#.utf8)))
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func plantedTemporaryLinkIsNeverFollowed() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("victim", "victim.txt", in: folder)
        let report = folder.appendingPathComponent("report.json").path
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent(".report.json.refrain-tmp").path, withDestinationPath: "victim.txt")
        let result = try runRefrain(["scan", samplesFolder, "--format", "json", "--output", report])
        #expect(result.status == 0, "\(result.error)")
        #expect(contents(folder.appendingPathComponent("victim.txt")) == "victim")
        #expect(contents(URL(fileURLWithPath: report))?.hasPrefix("{") == true)
    }

    @Test func cleanNeverWritesThroughALinkInItsOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/x/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/x/b.txt", in: folder)
        let input = folder.appendingPathComponent("in"), output = folder.appendingPathComponent("out")
        #expect(try runRefrain(["clean", input.path, "--output", output.path]).status == 0)
        // An earlier output whose folder is now a link into the input.
        try fileManager.removeItem(at: output.appendingPathComponent("x"))
        try fileManager.createSymbolicLink(atPath: output.appendingPathComponent("x").path, withDestinationPath: "../in/x")
        // The link is not what the manifest lists, so the folder is no longer an earlier
        // output: refused, and nothing written through the link.
        let result = try runRefrain(["clean", input.path, "--output", output.path])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("x"))
        #expect(contents(input.appendingPathComponent("x/a.txt")) == "Roads story.\n\n\(template)\n")
        #expect(tree(input) == ["x", "x/a.txt", "x/b.txt"])
        var status = stat()
        #expect(lstat(output.appendingPathComponent("x").path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func cleanRefusesAnOutputBelowALinkIntoTheInput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "in")
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("link/new/deeper").path,
        ])
        #expect(result.status == 64)
        #expect(tree(folder.appendingPathComponent("in")) == ["a.txt", "b.txt"])
    }

    @Test func cleanRefusesAFolderThatIsNotAnEarlierOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        try write("keep me", "out/notes.txt", in: folder)
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status == 64)
        #expect(tree(folder.appendingPathComponent("out")) == ["notes.txt"])
    }

    @Test func cleanRefusesAFolderWhoseManifestIsNotRefrains() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        try write("x\n", "out/thesis/chapter1.tex", in: folder)
        try write("x\n", "out/notes.md", in: folder)
        for manifest in ["", "not json\n", #"{"id": "a"}"# + "\n"] {
            try write(manifest, "out/" + CleanManifest.fileName, in: folder)
            let out = folder.appendingPathComponent("out").path
            let result = try runRefrain(["clean", folder.appendingPathComponent("in").path, "--output", out])
            #expect(result.status == 64, "\(manifest): \(result.error)")
            #expect(
                result.error.contains(out) && result.error.contains("notes.md") && result.error.contains("empty or new folder"),
                "\(result.error)")
            #expect(tree(folder.appendingPathComponent("out")) == ["notes.md", CleanManifest.fileName, "thesis", "thesis/chapter1.tex"])
        }
    }

    @Test func cleanRefusesAnEarlierOutputWithFilesAddedSince() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/sub/b.txt", in: folder)
        let arguments = ["clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("out").path]
        #expect(try runRefrain(arguments).status == 0)
        #expect(try runRefrain(arguments).status == 0, "an untouched earlier output is replaced")
        for added in ["sub/mine.txt", "zz/empty/", "a.txt.orig"] {
            let url = folder.appendingPathComponent("out/" + added)
            if added.hasSuffix("/") {
                try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try write("keep me", "out/" + added, in: folder)
            }
            let result = try runRefrain(arguments)
            #expect(result.status == 64, "\(added): \(result.error)")
            #expect(result.error.contains(added.hasSuffix("/") ? "zz" : added), "\(result.error)")
            #expect(fileManager.fileExists(atPath: url.path))
            try fileManager.removeItem(at: url)
            if added.hasSuffix("/") { try fileManager.removeItem(at: folder.appendingPathComponent("out/zz")) }
        }
        #expect(try runRefrain(arguments).status == 0)
    }

    func mode(_ url: URL) -> mode_t {
        var status = stat()
        return lstat(url.path, &status) == 0 ? status.st_mode & 0o7777 : 0
    }

    @Test func cleanKeepsTheFolderModeAndMakesNothingMoreReadableThanItsInput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/sub/b.txt", in: folder)
        try write("Rails story.\n\n\(template)\n", "in/c.txt", in: folder)
        chmod(folder.appendingPathComponent("in/a.txt").path, 0o600)
        chmod(folder.appendingPathComponent("in/sub/b.txt").path, 0o640)
        chmod(folder.appendingPathComponent("in/c.txt").path, 0o604)
        // A name that spells another's escape in ASCII: each output takes its own input's mode.
        try write("Ferries story.\n\n\(template)\n", #"in/x\xff.txt"#, in: folder)
        chmod(folder.appendingPathComponent(#"in/x\xff.txt"#).path, 0o640)
        let raw = Array(folder.path.utf8) + Array("/in/x".utf8) + [0xFF] + Array(".txt".utf8)
        let descriptor = Corpus.withCPath(raw) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o604) }
        #expect(descriptor >= 0)
        let text = Array("Canals story.\n\n\(template)\n".utf8)
        _ = text.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        #expect(Corpus.withCPath(raw) { chmod($0, 0o604) } == 0)
        let output = folder.appendingPathComponent("out")
        try fileManager.createDirectory(at: output, withIntermediateDirectories: false)
        chmod(output.path, 0o700)
        let arguments = ["clean", folder.appendingPathComponent("in").path, "--output", output.path]
        for folderMode: mode_t in [0o700, 0o750] {
            chmod(output.path, folderMode)
            let result = try runRefrain(arguments)
            #expect(result.status == 0, "\(result.error)")
            #expect(mode(output) == folderMode)
            #expect(mode(output.appendingPathComponent("a.txt")) == 0o600)
            #expect(mode(output.appendingPathComponent("sub/b.txt")) == 0o640)
            #expect(mode(output.appendingPathComponent("c.txt")) == 0o604)
            #expect(mode(output.appendingPathComponent(#"x\xff.txt"#)) == 0o640)
            var status = stat()
            let rawOutput = Array(output.path.utf8) + Array("/x".utf8) + [0xFF] + Array(".txt".utf8)
            #expect(Corpus.withCPath(rawOutput) { lstat($0, &status) } == 0 && status.st_mode & 0o7777 == 0o604)
            #expect(mode(output.appendingPathComponent(CleanManifest.fileName)) == 0o600, "the most restrictive of the inputs")
        }
    }

    @Test func cleanRefusesAnOutputThatHoldsTheCurrentDirectory() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        let output = folder.appendingPathComponent("out")
        let input = folder.appendingPathComponent("in").path
        #expect(try runRefrain(["clean", input, "--output", output.path]).status == 0)
        try fileManager.createDirectory(at: folder.appendingPathComponent("empty/deeper"), withIntermediateDirectories: true)
        let cases: [(directory: String, output: String)] = [
            ("out", "."), ("out", output.path), ("empty", "."), ("empty/deeper", ".."),
            ("empty/deeper", folder.appendingPathComponent("empty").path),
        ]
        for (directory, target) in cases {
            let before =
                mode(folder.appendingPathComponent(directory)) != 0
                ? try fileManager.attributesOfItem(atPath: folder.appendingPathComponent(directory).path)[.systemFileNumber] as? Int : nil
            let process = Process()
            process.executableURL = try #require(refrainExecutable())
            process.arguments = ["clean", input, "--output", target]
            process.currentDirectoryURL = folder.appendingPathComponent(directory)
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 64, "\(directory) -o \(target): \(message)")
            #expect(message.contains("current directory"), "\(message)")
            let after = try fileManager.attributesOfItem(atPath: folder.appendingPathComponent(directory).path)[.systemFileNumber] as? Int
            #expect(before == after, "\(directory) was replaced")
        }
    }

    @Test func cleanIntoAMissingFolderCreatesItAndItsParents() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let output = folder.appendingPathComponent("a/b/out")
        let result = try runRefrain(["clean", samplesFolder, "--output", output.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(tree(output).count == 6)
        #expect(tree(folder.appendingPathComponent("a/b")).allSatisfy { $0.hasPrefix("out") })
    }

    @Test func cleanedFilesKeepTheirTrailingNewline() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("\(template)\n\nBridges story.\n", "in/b.txt", in: folder)
        #expect(
            try runRefrain(["clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("out").path])
                .status == 0)
        #expect(contents(folder.appendingPathComponent("out/a.txt")) == "Roads story.\n")
        #expect(contents(folder.appendingPathComponent("out/b.txt")) == "Bridges story.\n")
    }

    // MARK: Output names

    @Test func collidingOutputNamesAreAnErrorNamingBoth() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try write("Roads story.\n\n\(template)\n", "d1/!/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "other/a.txt", in: folder)
        try write("Rails story.\n\n\(template)\n", "stdin.txt", in: folder)
        try write(#"{"id": "p", "text": "Ports story."}"# + "\n", "refrain-manifest.jsonl", in: folder)
        try write(#"{"id": "f", "text": "Feed story."}"# + "\n", "in/feed.jsonl", in: folder)
        try write(#"{"id": "g", "text": "Sub story."}"# + "\n", "in/sub/feed.jsonl", in: folder)
        let out = folder.appendingPathComponent("out").path
        let cases: [([String], String?)] = [
            ([folder.appendingPathComponent("d1/!/a.txt").path, folder.appendingPathComponent("other/a.txt").path], nil),
            ([folder.path + "/d1/!/a.txt", folder.path + "/d1/../../" + folder.lastPathComponent + "/other/a.txt"], nil),
            (["-", folder.appendingPathComponent("stdin.txt").path], "Trains story.\n\n\(template)\n"),
            ([folder.appendingPathComponent("refrain-manifest.jsonl").path, folder.appendingPathComponent("stdin.txt").path], nil),
            ([folder.appendingPathComponent("in/feed.jsonl").path, folder.appendingPathComponent("in/sub/feed.jsonl").path], nil),
        ]
        for (inputs, standardInput) in cases {
            let result = try runRefrain(["clean"] + inputs + ["--output", out], standardInput: standardInput.map { Data($0.utf8) })
            #expect(result.status == 64, "\(inputs): \(result.error)")
            let named = inputs.map { $0 == "-" ? "standard input" : $0 }
            #expect(named.allSatisfy { result.error.contains($0) } || inputs.first!.hasSuffix("manifest.jsonl"), "\(result.error)")
            #expect(!fileManager.fileExists(atPath: out))
        }
        #expect(!fileManager.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("other").path))
    }

    @Test func distinctInputsKeepDistinctOutputs() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let nfc = "\u{E9}.txt", nfd = "e\u{301}.txt"
        try write("Roads story.\n\n\(template)\n", "in/" + nfc, in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/" + nfd, in: folder)
        try write("Rails story.\n\n\(template)\n", "in/report:12.txt", in: folder)
        try write(#"{"id": "f", "text": "Feed story.\n\n\#(template)"}"# + "\n", "in/feed.jsonl", in: folder)
        try write(#"{"id": "g", "text": "Sub story.\n\n\#(template)"}"# + "\n", "in/sub/feed.jsonl", in: folder)
        let output = folder.appendingPathComponent("out")
        let result = try runRefrain(["clean", folder.appendingPathComponent("in").path, "--output", output.path])
        #expect(result.status == 0, "\(result.error)")
        let names = Set(((try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []).map { Array($0.utf8) })
        #expect(names.contains(Array(nfc.utf8)) && names.contains(Array(nfd.utf8)))
        #expect(contents(output.appendingPathComponent("report:12.txt")) == "Rails story.\n")
        #expect(contents(output.appendingPathComponent("feed.jsonl"))?.contains("Feed story.") == true)
        #expect(contents(output.appendingPathComponent("sub/feed.jsonl"))?.contains("Sub story.") == true)
    }

    // MARK: Concurrent and interrupted runs

    /// A corpus large enough that a clean takes a while: generated JSON Lines.
    func largeCorpus(in folder: URL, documents: Int) throws -> [String: [UInt8]] {
        let corpus = GeneratedCorpus(documents: documents, templates: 20, seed: 11)
        var text = ""
        var originals: [String: [UInt8]] = [:]
        for document in corpus.documents {
            var writer = JSONWriter()
            writer.string(document.text)
            text += #"{"id": "\#(document.id)", "text": \#(writer.output)}"# + "\n"
            originals[document.id] = document.bytes
        }
        try write(text, "in/feed.jsonl", in: folder)
        return originals
    }

    @Test func concurrentCleansLeaveOneCompleteRun() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let originals = try largeCorpus(in: folder, documents: 150)
        let output = folder.appendingPathComponent("out")
        let processes = try (0..<3).map { index in
            try start(["clean", folder.appendingPathComponent("in").path, "--output", output.path] + (index == 1 ? ["--keep-first"] : []))
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        try expectComplete(output, originals: originals)
        #expect(try fileManager.contentsOfDirectory(atPath: folder.path).sorted() == ["in", "out"])
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT]) func interruptedCleanLeavesTheOldRunOrTheNew(signal: Int32) throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let originals = try largeCorpus(in: folder, documents: 200)
        let output = folder.appendingPathComponent("out")
        let arguments = ["clean", folder.appendingPathComponent("in").path, "--output", output.path]
        #expect(try runRefrain(arguments).status == 0)
        let messages = folder.appendingPathComponent("stderr.txt")
        defer { try? fileManager.removeItem(at: messages) }
        for delay in [0.05, 0.2, 0.4, 0.7] {
            let process = try start(arguments + ["--keep-first"], standardError: messages)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // A signal that comes before refrain installs its handlers (a loaded machine can
            // take longer than the first delay to start it) ends it before it wrote anything.
            if process.terminationReason == .uncaughtSignal {
                #expect(process.terminationStatus == signal, "killed by another signal at \(delay) s")
            } else {
                #expect([0, 128 + signal].contains(process.terminationStatus))
            }
            if process.terminationReason == .exit, process.terminationStatus == 128 + signal {
                // Even under --quiet, the interrupted run says so and what it took back.
                let said = try String(contentsOf: messages, encoding: .utf8)
                #expect(said.contains("refrain: interrupted (signal \(signal))"), "\(said)")
            }
            try? fileManager.removeItem(at: messages)
            try expectComplete(output, originals: originals)
            #expect(try fileManager.contentsOfDirectory(atPath: folder.path).sorted() == ["in", "out"])
        }
    }

    /// A corpus of many small text files in a few folders, so a clean spends a while
    /// creating (and an interrupt removing) its files.
    func manyFiles(in folder: URL, documents: Int) throws {
        for index in 0..<documents {
            let url = folder.appendingPathComponent("in/f\(index % 20)/\(index).txt")
            if index < 20 { try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) }
            try Data("Story \(index) about roads.\n\n\(template)\n".utf8).write(to: url)
        }
    }

    /// A child `refrain` started with every signal unblocked and at its default action: the
    /// test runner's threads block some, and a child started with `Process` inherits that.
    final class Child {
        let pid: pid_t
        private(set) var status: Int32?

        init(_ arguments: [String]) throws {
            let executable = try #require(refrainExecutable()).path
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for descriptor: Int32 in [0, 1, 2] {
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            }
            let argv = ([executable] + arguments + ["--quiet"]).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            try #require(result == 0)
            self.pid = pid
        }

        var isRunning: Bool {
            guard status == nil else { return false }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            return status == nil
        }

        /// Waits for the child; returns its exit status, or `nil` when a signal ended it.
        func exitStatus() -> Int32? {
            var raw: Int32 = 0
            if status == nil {
                while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
                status = raw
            }
            let value = status!
            return value & 0x7F == 0 ? (value >> 8) & 0xFF : nil
        }
    }

    /// Waits (up to 60 s) until `condition` holds or the child ends.
    func waitUntil(_ child: Child, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(60)
        while child.isRunning, !condition(), Date() < deadline { usleep(1000) }
    }

    @Test func interruptedCleanRemovesItsStagingAndSucceedsOnceInstalled() throws {
        let folder = try makeTemporaryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try manyFiles(in: folder, documents: 8000)
        let output = folder.appendingPathComponent("out")
        let manifest = output.appendingPathComponent(CleanManifest.fileName)
        let arguments = ["clean", folder.appendingPathComponent("in").path, "--output", output.path]
        #expect(try runRefrain(arguments).status == 0)
        func outputFolder() -> ino_t {
            var status = stat()
            return lstat(output.path, &status) == 0 ? status.st_ino : 0
        }
        var keepFirst = false  // which run the output holds
        // (signal, when): while the staging folder is being written (after a delay), or right
        // after the new output was renamed into place (the old one is still being removed).
        let cases: [(Int32, Double?)] = [(SIGTERM, 0.2), (SIGINT, 0.6), (SIGHUP, 1.2), (SIGINT, nil), (SIGTERM, nil)]
        for (signal, delay) in cases {
            let before = contents(manifest)
            let folderBefore = outputFolder()
            let child = try Child(arguments + (keepFirst ? [] : ["--keep-first"]))
            if let delay {
                waitUntil(child) {
                    ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.contains("refrain-staging") }
                }
                Thread.sleep(forTimeInterval: delay)
            } else {
                waitUntil(child) { outputFolder() != folderBefore }
            }
            kill(child.pid, signal)
            let status = child.exitStatus()
            let label = "signal \(signal) at \(delay.map { "\($0) s into writing" } ?? "install")"
            #expect(status == 0 || status == 128 + signal, "\(label): \(String(describing: status))")
            let installed = contents(manifest) != before
            // Exit 0 exactly when the new run was installed: never a failure after it.
            #expect((status == 0) == installed, "status \(String(describing: status)), new output installed: \(installed); \(label)")
            if delay == nil { #expect(status == 0, "\(label)") }
            if installed { keepFirst.toggle() }
            let left = try fileManager.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(left == ["in", "out"], "\(label)")
            for name in left where name.contains("refrain-staging") { try? fileManager.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }

    @Test func abandonedStagingFoldersAreRemovedAndLiveOnesKept() throws {
        let folder = try makeTwoStoryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let gone = try endedProcessID()
        let abandoned = leftoverName(of: "out", pid: gone, staging: true)
        let live = leftoverName(of: "out", pid: getpid(), staging: true)
        try write("half", abandoned + "/sub/x.txt", in: folder)
        try write("half", live + "/x.txt", in: folder)
        let locked = leftoverName(of: "out", pid: gone, random: "locked0000000", staging: true)
        try write("half", locked + "/x.txt", in: folder)
        let lock = open(folder.appendingPathComponent(locked).path, O_RDONLY | O_DIRECTORY)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        try backdate(folder)
        // Just made, it may be a live run's in another container, not locked yet.
        let fresh = leftoverName(of: "out", pid: gone, random: "fresh00000000", staging: true)
        try write("half", fresh + "/x.txt", in: folder)
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(fileManager.fileExists(atPath: folder.appendingPathComponent(fresh + "/x.txt").path))
        #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent(abandoned).path))
        #expect(fileManager.fileExists(atPath: folder.appendingPathComponent(live + "/x.txt").path))
        #expect(fileManager.fileExists(atPath: folder.appendingPathComponent(locked + "/x.txt").path))
    }

    /// Only entries named as refrain names its leftovers are passed over in an output
    /// folder to replace: a user's hidden file or folder that merely looks like one stops it.
    @Test func anOutputFolderHoldingLookalikesOfLeftoversIsNotReplaced() throws {
        let folder = try makeTwoStoryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let arguments = ["clean", folder.appendingPathComponent("in").path, "--output", folder.appendingPathComponent("out").path]
        for lookalike in [".photos.refrain-staging-2019/img1.jpg", ".settings.refrain-tmp", ".notes.123-abc.refrain-tmp/a.txt"] {
            try write("mine", "out/" + lookalike, in: folder)
            let result = try runRefrain(arguments)
            #expect(result.status == 64, "\(lookalike): \(result.error)")
            #expect(contents(folder.appendingPathComponent("out/" + lookalike)) == "mine")
            try fileManager.removeItem(at: folder.appendingPathComponent("out"))
        }
        // Refrain's own leftovers in an earlier output do not stop it.
        #expect(try runRefrain(arguments).status == 0)
        try write("half", "out/.a.txt.123-0123456789abc.refrain-tmp", in: folder)
        try write("half", "out/.sub.refrain-staging-123-0123456789abc/x.txt", in: folder)
        let again = try runRefrain(arguments)
        #expect(again.status == 0, "\(again.error)")
    }

    @Test func abandonedTemporaryFilesAreRemovedAndLiveOnesKept() throws {
        let folder = try makeTwoStoryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let gone = try endedProcessID()
        let random = Self.leftoverRandom
        let abandoned = leftoverName(of: "report.json", pid: gone, staging: false)
        let live = leftoverName(of: "report.json", pid: getpid(), staging: false)
        let otherTarget = leftoverName(of: "report.json.old", pid: gone, staging: false)
        let noProcess = ".report.json.abc.refrain-tmp"
        // Names refrain never makes: a sign, a leading zero, capitals in the random part.
        let unlike = [
            "+\(gone)-\(random)", "0\(gone)-\(random)",
            "\(gone)-\(random.uppercased())", "\(gone)-abc",
        ].map {
            ".report.json.\($0).refrain-tmp"
        }
        for name in [abandoned, live, otherTarget, noProcess] + unlike { try write("half", name, in: folder) }
        // A folder so named is not a temporary file; a locked file is a live run's in
        // another container, whose process id only looks gone.
        let folderLike = leftoverName(of: "report.json", pid: gone, random: "folder0000000", staging: false)
        try write("mine", folderLike + "/mine.txt", in: folder)
        let locked = leftoverName(of: "report.json", pid: gone, random: "locked0000000", staging: false)
        try write("half", locked, in: folder)
        let lock = open(folder.appendingPathComponent(locked).path, O_RDONLY)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        // An abandoned-looking link is removed itself, never what it points to.
        try write("victim", "victim/x.txt", in: folder)
        let link = leftoverName(of: "report.json", pid: gone, random: "link000000000", staging: false)
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent(link).path, withDestinationPath: "victim")
        try backdate(folder)
        let result = try runRefrain([
            "scan", folder.appendingPathComponent("in").path, "--format", "json", "--output",
            folder.appendingPathComponent("report.json").path,
        ])
        #expect(result.status == 0, "\(result.error)")
        let left = Set(try fileManager.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set(["in", "report.json", "victim", live, otherTarget, noProcess, folderLike, locked] + unlike))
        #expect(contents(folder.appendingPathComponent("victim/x.txt")) == "victim")
        #expect(contents(folder.appendingPathComponent(folderLike + "/mine.txt")) == "mine")
    }

    /// A working directory whose name is not UTF-8 has no String spelling: the output goes
    /// into it, never into a sibling named with U+FFFD for its bytes.
    @Test func aWorkingDirectoryNotInUTF8GetsTheOutput() throws {
        let folder = try makeTwoStoryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        try runShell("mkdir \"$(printf '\(folder.path)/d\\377')\"")
        let input = folder.appendingPathComponent("in").path
        let enter = "cd \"$(printf '\(folder.path)/d\\377')\" && exec \"$0\" \"$@\""
        for arguments in [["scan", input, "-o", "report.txt"], ["clean", input, "-o", "cleaned"]] {
            let result = try runRefrain(arguments, script: enter)
            #expect(result.status == 0, "\(arguments): \(result.error)")
        }
        let entries = try fileManager.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(entries.count == 2 && entries.contains("in"), "\(entries)")
        try runShell("test -f \"$(printf '\(folder.path)/d\\377/report.txt')\" && test -d \"$(printf '\(folder.path)/d\\377/cleaned')\"")
    }

    /// A target name up to the file system's 255 bytes leaves room for its leftovers' names.
    @Test func theLongestNamesCanBeWritten() throws {
        let folder = try makeTwoStoryFolder()
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in").path
        let report = folder.appendingPathComponent(String(repeating: "r", count: 250) + "é").path
        let cleaned = folder.appendingPathComponent(String(repeating: "c", count: 253)).path
        for arguments in [["scan", input, "-o", report], ["scan", input, "-o", report], ["clean", input, "-o", cleaned]] {
            let result = try runRefrain(arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.error)")
        }
        #expect(fileManager.fileExists(atPath: report) && fileManager.fileExists(atPath: cleaned))
    }

    /// The random part of the leftovers the tests plant: 13 base-36 digits, as refrain's.
    static let leftoverRandom = "0123456789abc"

    /// A leftover's name as refrain makes it beside `target`: a staging folder
    /// `.TARGET.refrain-staging-PID-RANDOM`, else a temporary file `.TARGET.PID-RANDOM.refrain-tmp`.
    func leftoverName(of target: String, pid: Int32, random: String = leftoverRandom, staging: Bool) -> String {
        staging ? ".\(target).refrain-staging-\(pid)-\(random)" : ".\(target).\(pid)-\(random).refrain-tmp"
    }

    /// A new temporary folder holding `in/a.txt` and `in/b.txt`, two stories that share the
    /// template.
    func makeTwoStoryFolder() throws -> URL {
        let folder = try makeTemporaryFolder()
        try write("Roads story.\n\n\(template)\n", "in/a.txt", in: folder)
        try write("Bridges story.\n\n\(template)\n", "in/b.txt", in: folder)
        return folder
    }

    /// The id of a process that has just ended: a killed run's, as far as a sweep can tell.
    func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Sets the modification time of a folder's entries an hour back: the sweep leaves alone
    /// what changed in the last seconds, which may be a live run's entry not yet locked.
    func backdate(_ folder: URL) throws {
        for name in try fileManager.contentsOfDirectory(atPath: folder.path) {
            try? fileManager.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
    }

    /// Starts `refrain` without waiting for it.
    func start(_ arguments: [String], standardError: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try #require(refrainExecutable())
        process.arguments = arguments + ["--quiet"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        if let standardError {
            fileManager.createFile(atPath: standardError.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: standardError)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }
}

/// Bytes a reader thread collects, and a signal when it is done.
final class LockedBytes: @unchecked Sendable {
    private let condition = NSCondition()
    private var collected: [UInt8] = []
    private var done = false

    func append(_ more: ArraySlice<UInt8>) {
        condition.lock()
        collected += more
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while !done { condition.wait() }
        condition.unlock()
    }

    var bytes: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return collected
    }
}
