import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The `refrain` executable end to end: exit statuses, refusals, output files.
@Suite struct CommandLineTests {
    @Test func scanSamplesPrintsTheSummary() throws {
        let result = try runRefrain(["scan", samplesFolder])
        #expect(result.status == 0)
        #expect(result.output.contains("5 documents · 69 paragraphs · 13,704 bytes"))
        #expect(result.output.contains("14 bands × 4 rows"))
    }

    @Test func jsonReportFollowsTheContract() throws {
        let result = try runRefrain(["scan", samplesFolder, "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["summary", "parameters", "documents", "families", "duplicates"])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["documents", "paragraphs", "bytes", "recycledBytes", "recycledShare", "families"])
        let parameters = try #require(object["parameters"] as? [String: Any])
        #expect(Set(parameters.keys) == ["shingle", "threshold", "permutations", "bands", "rows", "minDocuments"])
        let document = try #require((object["documents"] as? [[String: Any]])?.first)
        #expect(Set(document.keys) == ["id", "bytes", "recycledBytes", "recycledShare", "recycled", "paragraphs"])
        let paragraph = try #require((document["paragraphs"] as? [[String: Any]])?.first)
        #expect(Set(paragraph.keys) == ["start", "end", "label", "family", "similarity"])
        let family = try #require((object["families"] as? [[String: Any]])?.first)
        #expect(Set(family.keys) == ["id", "documents", "members", "text"])
    }

    @Test func missingPathExits66AndNamesIt() throws {
        let result = try runRefrain(["scan", "/no/such/folder"])
        #expect(result.status == 66)
        #expect(result.error.contains("/no/such/folder"))
    }

    @Test func badOptionExits64WithAdvice() throws {
        let result = try runRefrain(["scan", samplesFolder, "--threshold", "1.5"])
        #expect(result.status == 64)
        #expect(result.error.contains("--threshold must be from 0.01 to 1"))
    }

    /// A threshold is one reports can show: text and JSON give the value the scan used.
    @Test func thresholdIsOneTheReportsCanShow() throws {
        for refused in ["1e-9", "0.00001", "0.005", "0.12345", "0", "-0.5"] {
            let result = try runRefrain(["scan", samplesFolder, "--threshold=\(refused)"])
            #expect(result.status == 64, "\(refused)")
            #expect(result.error.contains("--threshold must be from 0.01 to 1 with at most 4 decimals"), "\(refused): \(result.error)")
        }
        for (accepted, shown) in [("0.01", "0.01"), ("0.0125", "0.0125"), ("0.3", "0.3"), ("1", "1")] {
            let text = try runRefrain(["scan", samplesFolder, "--threshold", accepted, "-q", "--width", "200"])
            #expect(text.status == 0, "\(accepted): \(text.error)")
            #expect(text.output.contains("threshold \(shown) "), "\(accepted): \(text.output)")
            let json = try runRefrain(["scan", samplesFolder, "--threshold", accepted, "-q", "--format", "json"])
            #expect(json.output.contains("\"threshold\": \(shown),"), "\(accepted)")
        }
    }

    @Test func cleanRefusesToWriteIntoItsInput() throws {
        let inside = try runRefrain(["clean", samplesFolder, "--output", samplesFolder + "/cleaned"])
        #expect(inside.status == 64)
        #expect(inside.error.contains("refusing to write into the input"))
        let overFile = try runRefrain(["clean", samplesFolder + "/000_96c4b650bc7dc9e5.txt", "--output", samplesFolder])
        #expect(overFile.status == 64)
        #expect(overFile.error.contains("refusing to overwrite the input file"))
        #expect(!FileManager.default.fileExists(atPath: samplesFolder + "/cleaned"))
    }

    /// An --output that is a link into an input folder is refused saying where it leads, not
    /// that the link itself is inside the folder (review 61).
    @Test func anOutputLinkIntoAnInputSaysWhereItLeads() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("Officials said the conference opens next week.\n".utf8).write(to: input.appendingPathComponent("1.txt"))
        let link = folder.appendingPathComponent("out.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "in/1.txt")
        let result = try runRefrain(["scan", input.path, "-o", link.path])
        #expect(result.status == 64)
        #expect(result.error.contains("out.json is a link to "), "\(result.error)")
        #expect(result.error.contains("in/1.txt, inside it"), "\(result.error)")
    }

    @Test func restoreOfAFileSaysItIsNoFolder() throws {
        let run = try runRefrain(["restore", samplesFolder + "/000_96c4b650bc7dc9e5.txt", "-o", "/tmp/refrain-never-written"])
        #expect(run.status == 64)
        #expect(run.error.contains("is not a folder"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/refrain-never-written"))
    }

    @Test func quittingEndsTheRun() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        let errors = folder.appendingPathComponent("errors.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let executable = try #require(refrainExecutable())
        let process = Process()
        process.executableURL = executable
        process.arguments = ["scan", "-", "--format", "json", "-o", report.path]
        // Standard input held open: the run waits for it until the signal comes.
        let input = Pipe()
        process.standardInput = input
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        input.fileHandleForWriting.write(Data("An article that is still coming in.\n".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGQUIT)
        Thread.sleep(forTimeInterval: 0.3)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        // Ended as an interrupt (128 + SIGQUIT, saying nothing was written), not on to a
        // report and exit 0.
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGQUIT, "\(process.terminationStatus)")
        #expect(!FileManager.default.fileExists(atPath: report.path))
        let said = try String(contentsOf: errors, encoding: .utf8)
        #expect(!said.contains("crashed"))
        #expect(said.contains("interrupted (signal 3); nothing was written"), "\(said)")
    }

    @Test func theFileRedirectedIntoStandardInputIsNeverAnOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let article = folder.appendingPathComponent("article.txt")
        let original = try Data(contentsOf: URL(fileURLWithPath: samplesFolder + "/000_96c4b650bc7dc9e5.txt"))
        try original.write(to: article)
        try FileManager.default.linkItem(at: article, to: folder.appendingPathComponent("link.txt"))
        // "$1" is the folder; standard input is its article.
        for (command, output) in [
            ("scan -", "article.txt"), ("scan - --format jsonl", "/dev/stdin"), ("scan -", "link.txt"),
            ("diff - '\(samplesFolder)'", "article.txt"), ("families - '\(samplesFolder)'", "article.txt"),
            ("report - '\(samplesFolder)'", "article.txt"), ("clean -", "."), ("clean -", ".."),
        ] {
            let run = try runRefrain([folder.path], script: "cd \"$1\" && exec \"$0\" \(command) -q -o \(output) < article.txt")
            #expect(run.status == 64, "\(command) -o \(output): \(run.error)")
            #expect(run.error.contains("refusing to"), "\(command) -o \(output): \(run.error)")
            #expect(try Data(contentsOf: article) == original, "\(command) -o \(output)")
        }
        // Nor the pipe standard input reads: the report would be lost in it, or block.
        let intoPipe = try runRefrain([folder.path], script: "cd \"$1\" && cat article.txt | exec \"$0\" scan - -q -o /dev/stdin")
        #expect(intoPipe.status == 64, "\(intoPipe.error)")
        #expect(intoPipe.error.contains("it is what standard input reads"), "\(intoPipe.error)")
        // Nor that pipe named by a path.
        for (article, output) in [("/dev/stdin", "/dev/fd/0"), ("/proc/self/fd/0", "/dev/stdin")] {
            let named = try runRefrain(
                [folder.path, samplesFolder],
                script: "cd \"$1\" && cat article.txt | exec \"$0\" diff \(article) \"$2\" -q -o \(output)")
            #expect(named.status == 64, "\(article) -o \(output): \(named.error)")
            #expect(named.error.contains("it is the pipe the input"), "\(named.error)")
        }
        // Piped, or redirected from elsewhere, standard input leaves the output free.
        let piped = try runRefrain([folder.path], script: "cd \"$1\" && cat article.txt | exec \"$0\" scan - -q -o report.txt")
        #expect(piped.status == 0, "\(piped.error)")
        let elsewhere = try runRefrain([folder.path], script: "cd \"$1\" && exec \"$0\" scan - -q -o article.txt < report.txt")
        #expect(elsewhere.status == 0, "\(elsewhere.error)")
    }

    @Test func cleanWritesAMirroredTreeAndAManifestThatRebuildsEverySample() throws {
        let output = try makeTemporaryFolder().appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let result = try runRefrain(["clean", samplesFolder, "--output", output.path])
        #expect(result.status == 0)
        let manifest = try String(contentsOf: output.appendingPathComponent(CleanManifest.fileName), encoding: .utf8)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let record = try CleanManifest.parse(String(line))
            let cleaned = Array(try Data(contentsOf: output.appendingPathComponent(record.output)))
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: samplesFolder).appendingPathComponent(record.id)))
            #expect(Cleaner.rebuild(cleaned: cleaned, removed: record.removed) == original)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".refrain-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func cleanKeepsJSONLinesAsJSONLinesWithMetadata() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = "Background paragraph that every article from the agency carries at the end of the story."
        let lines = [
            #"{"id": "a", "source": "Agency", "date": "2020-10-30", "text": "Roads story.\n\n\#(template)"}"#,
            #"{"id": "b", "source": "Agency", "date": "2020-10-31", "text": "Bridges story.\n\n\#(template)"}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("feed.jsonl"))
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("feed.jsonl").path, "--output", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0)
        let cleaned = try Corpus.read([folder.appendingPathComponent("out/feed.jsonl").path])
        #expect(cleaned.documents.map(\.id) == ["a", "b"])
        #expect(cleaned.documents.map(\.text) == ["Roads story.", "Bridges story."])
        #expect(cleaned.documents.map(\.source) == ["Agency", "Agency"])
        #expect(cleaned.documents.map(\.date) == ["2020-10-30", "2020-10-31"])
    }

    @Test func diffIsPlainWhenPipedAndMarksChanges() throws {
        let result = try runRefrain(["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt", "--width", "100"])
        #expect(result.status == 0)
        #expect(!result.output.contains("\u{1B}["))
        #expect(result.output.contains("[-the-]"))
    }

    @Test func unwritableOutputExits74() throws {
        let result = try runRefrain(["scan", samplesFolder, "--format", "json", "--output", "/proc/refrain/report.json"])
        #expect(result.status == 74)
        #expect(result.error.contains("/proc/refrain/report.json"))
    }
}
