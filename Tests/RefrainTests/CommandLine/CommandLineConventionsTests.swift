import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Issue 16, "Conventions and consistency": the options and output every command shares.
@Suite struct CommandLineConventionsTests {
    @Test func versionPrintsTheOneVersionConstant() throws {
        let result = try runRefrain(["--version"])
        #expect(result.status == 0)
        #expect(result.output == RefrainVersion.current + "\n")
    }

    /// `scan --format html` names the command that writes the page (review 102, case 08);
    /// the formats scan has are still the ones listed.
    @Test func scanFormatHTMLNamesTheReportCommand() throws {
        let result = try runRefrain(["scan", samplesFolder, "--format", "html"])
        #expect(result.status == 64)
        #expect(result.error.contains("refrain report PATH -o report.html"), "\(result.error)")
        let help = try runRefrain(["scan", "--help"])
        #expect(!help.output.contains("html"), "\(help.output)")
        let invalid = try runRefrain(["scan", samplesFolder, "--format", "xml"])
        #expect(invalid.status == 64 && invalid.error.contains("'text', 'json', 'jsonl' or 'csv'"), "\(invalid.error)")
    }

    /// `--top`, `--all` and `--width` shape the text summary only: with another format a note
    /// says so, once, and `-q` silences it (review 102, case 08).
    @Test func summaryOptionsWithAnotherFormatAreNoted() throws {
        let noted = try runRefrain(["scan", samplesFolder, "--format", "json", "--top", "2", "--width", "50"])
        #expect(noted.status == 0, "\(noted.error)")
        #expect(noted.error.contains("the text summary's options (--top, --width) do not apply to --format json"), "\(noted.error)")
        let quiet = try runRefrain(["scan", samplesFolder, "--format", "json", "--top", "2", "-q"])
        #expect(!quiet.error.contains("text summary"), "\(quiet.error)")
        let text = try runRefrain(["scan", samplesFolder, "--top", "2"])
        #expect(!text.error.contains("text summary"), "\(text.error)")
    }

    /// `families` on a corpus without any says so and what a family needs, not "0 families
    /// …, largest first" (review 102, case 06).
    @Test func familiesWithNoneSaysWhatAFamilyNeeds() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Alpha beta gamma delta epsilon.\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "Completely different words here now.\n".write(
            to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let result = try runRefrain(["families", folder.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("No families in a corpus of 2 documents"), "\(result.output)")
        #expect(!result.output.contains("largest first") && result.output.contains("--min-documents"), "\(result.output)")
    }

    /// Standard input is not a file: with nothing read from it, the message says so.
    @Test func standardInputThatHeldNoDocumentIsNamedAsSuch() throws {
        let result = try runRefrain(["scan", "-"], standardInput: Data([0x00, 0x01, 0x02, 0xFF, 0x00] + Array("text".utf8)))
        #expect(result.status != 0)
        #expect(result.error.contains("no documents: standard input held none"), "\(result.error)")
        #expect(!result.error.contains("file found in -"))
    }

    @Test func shortFlagsForJobsQuietAndOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let result = try runRefrain(["scan", samplesFolder, "-j", "1", "-q", "-o", report, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: report))
    }

    @Test func negativeJobsIsRefusedWithWhatToPass() throws {
        let result = try runRefrain(["scan", samplesFolder, "--jobs", "-1"])
        #expect(result.status == 64)
        #expect(result.error.contains("--jobs must be 1 or more (got -1)"))
        #expect(result.error.contains("Leave it out to use all"))
        #expect(result.error.contains("--jobs 1"))
        // Past the bound, counts of jobs overflowed, and a million threads' buffers took gigabytes.
        for command in ["scan", "families", "diff", "clean", "report"] {
            let arguments = command == "diff" ? [samplesFolder + "/000_96c4b650bc7dc9e5.txt", samplesFolder] : [samplesFolder]
            for jobs in ["1025", "576460752303423488", "9223372036854775807"] {
                let huge = try runRefrain([command] + arguments + ["--jobs", jobs, "-o", "/dev/null"])
                #expect(huge.status == 64, "\(command) --jobs \(jobs): \(huge.error)")
                #expect(huge.error.contains("--jobs must be at most 1,024"), "\(command): \(huge.error)")
            }
        }
        let most = try runRefrain(["scan", samplesFolder, "--jobs", "1024", "-q", "--format", "json"])
        #expect(most.status == 0, "\(most.error)")
    }

    @Test func anEmptyPatternIsRefused() throws {
        for option in ["--include", "--exclude"] {
            let result = try runRefrain(["scan", samplesFolder, option, ""])
            #expect(result.status == 64)
            #expect(result.error.contains("\(option) needs a pattern"), "\(result.error)")
        }
    }

    @Test func negativeCountsOfTheReportAreExplained() throws {
        for option in ["--documents", "--families"] {
            let result = try runRefrain(["report", samplesFolder, "-o", "/dev/null", option, "-1"])
            #expect(result.status == 64)
            #expect(result.error.contains("\(option) must be 0 or more (got -1)"), "\(result.error)")
        }
    }

    @Test func jobsDefaultIsPrintedOnceInHelp() throws {
        let help = try runRefrain(["scan", "--help"]).output.collapsingWhiteSpace
        let jobs = try #require(help.range(of: "-j, --jobs <n>"))
        let line = String(help[jobs.lowerBound...].prefix(160))
        #expect(line.contains("(default: all cores, \(Configuration.allCores) here)"))
        #expect(line.components(separatedBy: "default").count == 2, "\(line)")
    }

    @Test func colorAlwaysNeverAndTheEnvironment() throws {
        let file = samplesFolder + "/000_96c4b650bc7dc9e5.txt"
        let escape = "\u{1B}["
        // Piped with NO_COLOR set (the helper's default): plain.
        #expect(!(try runRefrain(["diff", file]).output.contains(escape)))
        // --color always wins over NO_COLOR and a pipe, for less -R.
        let always = try runRefrain(["diff", file, "--color", "always"])
        #expect(always.status == 0)
        #expect(always.output.contains(escape))
        // FORCE_COLOR and CLICOLOR_FORCE turn auto into always; "0" does not.
        #expect(try runRefrain(["diff", file], environment: ["FORCE_COLOR": "1"]).output.contains(escape))
        #expect(try runRefrain(["diff", file], environment: ["CLICOLOR_FORCE": "1"]).output.contains(escape))
        #expect(!(try runRefrain(["diff", file], environment: ["FORCE_COLOR": "0"]).output.contains(escape)))
        // --color never and --no-color beat the variables.
        #expect(!(try runRefrain(["diff", file, "--color", "never"], environment: ["FORCE_COLOR": "1"]).output.contains(escape)))
        #expect(!(try runRefrain(["diff", file, "--no-color"], environment: ["FORCE_COLOR": "1"]).output.contains(escape)))
        #expect(try runRefrain(["diff", file, "--color", "sometimes"]).status == 64)
    }

    /// Every command that prints for people takes the colour options README lists for them.
    @Test(arguments: ["scan", "families", "diff"])
    func colorOptionsAreAcceptedByEveryDisplayCommand(command: String) throws {
        let input = command == "diff" ? samplesFolder + "/000_96c4b650bc7dc9e5.txt" : samplesFolder
        let plain = try runRefrain([command, input, "-q"])
        for flags in [["--no-color"], ["--color", "never"], ["--color", "auto"]] {
            let result = try runRefrain([command, input, "-q"] + flags)
            #expect(result.status == 0, "\(command) \(flags): \(result.error)")
            #expect(result.output == plain.output, "\(command) \(flags)")
        }
        #expect(try runRefrain([command, input, "--color", "always"]).status == 0)
        #expect(try runRefrain([command, input, "--no-color", "--color", "always"]).status == 64)
    }

    @Test func helpIsSelfContained() throws {
        for command in [[], ["scan"], ["diff"], ["families"], ["clean"]] {
            let help = try runRefrain(command + ["--help"]).output
            #expect(!help.contains("DESIGN.md"), "\(command)")
        }
        let scan = try runRefrain(["scan", "--help"]).output.collapsingWhiteSpace
        for explained in [
            "80% or more of its words recycled is recycled whole", "80% or more of its non-space bytes are recycled",
            "similarity: the highest similarity", "paragraphNumber counted from 1", "recycledBytes counts every byte",
        ] {
            #expect(scan.contains(explained), "\(explained)")
        }
    }

    /// The prose of every command's help (up to USAGE) has no run of spaces inside a line:
    /// a discussion line continued without its trailing backslash brings the source's
    /// indentation into the sentence (review 90, `restore --help`).
    @Test func helpProseHasNoRunsOfSpaces() throws {
        let commands = [
            [], ["scan"], ["diff"], ["families"], ["report"], ["clean"], ["restore"], ["stage"], ["stage", "read"],
            ["stage", "sketch"], ["stage", "verify"], ["stage", "runs"],
        ]
        for command in commands {
            let help = try runRefrain(command + ["--help"]).output
            let prose = help.components(separatedBy: "USAGE:")[0]
            let runs = prose.split(separator: "\n").filter { line in
                line.drop { $0 == " " }.contains("   ")
            }
            #expect(runs.isEmpty, "\(command): \(runs)")
        }
    }

    /// Family members are numbered as `diff` numbers paragraphs: from 1, in a field that says so.
    @Test func familyMembersCarryOneBasedParagraphNumbers() throws {
        let scan = try runRefrain(["scan", samplesFolder, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(scan.output.utf8)) as? [String: Any])
        let documents = try #require(report["documents"] as? [[String: Any]])
        let families = try #require(report["families"] as? [[String: Any]])
        let listing = try runRefrain(["families", samplesFolder, "--format", "json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(listing.output.utf8)) as? [String: Any])
        let listedFamilies = try #require(listed["families"] as? [[String: Any]])
        var checked = 0
        for family in families + listedFamilies {
            for member in try #require(family["members"] as? [[String: Any]]) {
                #expect(member["paragraph"] == nil)
                let number = try #require(member["paragraphNumber"] as? Int)
                let document = try #require(documents.first { $0["id"] as? String == member["document"] as? String })
                let paragraphs = try #require(document["paragraphs"] as? [[String: Any]])
                #expect(number >= 1 && number <= paragraphs.count)
                let paragraph = paragraphs[number - 1]
                let start = try #require(member["start"] as? Int), end = try #require(member["end"] as? Int)
                #expect(try #require(paragraph["start"] as? Int) <= start && end <= (try #require(paragraph["end"] as? Int)))
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// 1,001 JSON Lines records sharing one background paragraph, the first of them first.
    static func thousandRecords() -> Data {
        var lines = ""
        for number in 0...1000 {
            let text = "Story \(number) reports \(number * 7919 % 1000) new facts on day \(number).\n\n" + RobustnessTests.shared
            let record = try! JSONSerialization.data(withJSONObject: ["id": "r\(number)", "text": text], options: [.sortedKeys])
            lines += String(decoding: record, as: UTF8.self) + "\n"
        }
        return Data(lines.utf8)
    }

    @Test func numbersAreGroupedAndNounsAgree() throws {
        #expect(1.counted("document", "documents") == "1 document")
        #expect(8376.counted("family", "families") == "8,376 families")
        #expect(0.counted("copy", "copies") == "0 copies")
        #expect((-1234567).grouped == "-1,234,567")

        let records = Self.thousandRecords()
        let scan = try runRefrain(["scan", "-"], standardInput: records)
        #expect(scan.output.contains("1,001 documents · 2,002 paragraphs"), "\(scan.output)")
        #expect(scan.output.contains("1,001 docs"))
        #expect(scan.output.contains("… and 981 more documents"))
        let families = try runRefrain(["families", "-", "--width", "60"], standardInput: records)
        #expect(families.output.hasPrefix("1 family in a corpus of 1,001 documents"), "\(families.output.prefix(200))")
        #expect(families.output.contains("1,001 documents · 1,001 copies · 1 variant"))
        #expect(families.output.contains("… 993 more"))

        let single = try runRefrain(["scan", samplesFolder, "--permutations", "8", "--threshold", "1"])
        #expect(single.output.contains("8 permutations (1 band × 2 rows)"), "\(single.output)")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Robust.write("One paragraph only.\n", "a.txt", in: folder)
        let one = try runRefrain(["scan", folder.path])
        #expect(one.output.hasPrefix("1 document · 1 paragraph · 20 bytes · 0.0% recycled · 0 families"), "\(one.output)")
        let diff = try runRefrain(["diff", folder.appendingPathComponent("a.txt").path])
        #expect(diff.output.hasPrefix("a.txt · 1 paragraph · 0 with recycled text · 0.0% recycled · against 1 document"), "\(diff.output)")
    }

    /// Every line of scan, families and diff fits --width: headers, facts, notes and "↳ family" lines too.
    @Test func everyLineFitsTheWidth() throws {
        let records = Self.thousandRecords()
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = folder.appendingPathComponent("feed.jsonl")
        try records.write(to: feed)
        let article = try Robust.write(
            "A new story about the harbour and its workers.\n\n" + RobustnessTests.shared + "\n", "article.txt", in: folder)
        // Sources with long names: their tables, and each family's copies per source under
        // its 29-column margin.
        let outlets = folder.appendingPathComponent("outlets.jsonl")
        let names = ["Shialkiasprind Times", "Grutjeastzhy Herald", "Nandstalprain Daily"]
        let lines = try (0..<6).map { index in
            let record = [
                "id": "story-\(index)", "source": names[index % 3], "date": "2020-01-0\(index + 1)",
                "text": "Story \(index) about the harbour, number \(index * 17).\n\n" + RobustnessTests.shared,
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: outlets)
        for width in [40, 47, 63] {
            let runs = [
                ["scan", samplesFolder, "--group-by", "source"], ["scan", outlets.path, "--group-by", "source"], ["scan", feed.path],
                ["families", samplesFolder],
                ["families", feed.path], ["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt"], ["diff", article.path, feed.path],
            ]
            for arguments in runs {
                let result = try runRefrain(arguments + ["--width", String(width)])
                #expect(result.status == 0, "\(arguments): \(result.error)")
                let long = result.output.split(separator: "\n").filter { line in
                    line.count > width && line.split(separator: " ").contains { $0.count <= width } && line.contains(" ")
                        && line.split(separator: " ").allSatisfy { $0.count <= width }
                }
                #expect(long.isEmpty, "\(arguments) at \(width): \(long)")
            }
        }
    }

    /// Runs `refrain` under `script`, so that its standard error is a terminal; returns everything it printed.
    func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        guard let executable = refrainExecutable(), FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let command = ([executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `-j1`, as `make -j4` taught, is `-j 1`; after `--` it is a path like any other.
    @Test func jobsWithTheCountAttached() throws {
        let attached = try runRefrain(["scan", samplesFolder, "-j1", "-q"])
        let separate = try runRefrain(["scan", samplesFolder, "-j", "1", "-q"])
        #expect(attached.status == 0, "\(attached.error)")
        #expect(attached.output == separate.output && !attached.output.isEmpty)
        let afterSeparator = try runRefrain(["scan", samplesFolder, "-q", "--", "-j3"])
        #expect(afterSeparator.status != 0 && afterSeparator.error.contains("-j3"), "\(afterSeparator.error)")
    }

    /// A shingle length far from news's runs, but says what it does to the answer; the
    /// default says nothing, and `-q` silences it (review 50: `--shingle 64` read 0% recycled).
    @Test(arguments: [(1, true), (2, true), (5, false), (11, false), (12, true), (64, true)])
    func aShingleFarFromNewsIsExplained(shingle: Int, explained: Bool) throws {
        let result = try runRefrain(["scan", samplesFolder, "--shingle", String(shingle)])
        #expect(result.status == 0)
        #expect(result.error.contains("note: --shingle \(shingle):") == explained, "\(result.error)")
        let quiet = try runRefrain(["scan", samplesFolder, "--shingle", String(shingle), "-q"])
        #expect(!quiet.error.contains("--shingle"))
    }

    /// A negative number reaches the option's own check, which says the range, rather than
    /// being read as an unknown flag ("Missing value for '--top <top>'").
    @Test(arguments: [
        (["scan", samplesFolder, "--top", "-1"], "--top must be 1 or more (got -1)"),
        (["scan", samplesFolder, "--shingle", "-3"], "(got -3)"),
        (["scan", samplesFolder, "--min-documents", "-2"], "(got -2)"),
        (["scan", samplesFolder, "--width", "-4"], "(got -4)"),
        (["families", samplesFolder, "--variants", "-1"], "(got -1)"),
        (["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt", "--fail-above", "-0.1"], "(got -0.1)"),
    ])
    func negativeNumbersAreCheckedNotTakenForFlags(arguments: [String], message: String) throws {
        let result = try runRefrain(arguments)
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
    }

    /// A name that is no command is said so (64), with the nearest command when it is a
    /// slip, and with the scan to run when it is a path; `help` of no command is an error too.
    @Test func anUnknownCommandGetsTheNearestOrTheScan() throws {
        let slip = try runRefrain(["scna", samplesFolder])
        #expect(slip.status == 64)
        #expect(slip.error.contains("scna is not a command. Did you mean scan?"), "\(slip.error)")
        let path = try runRefrain([samplesFolder])
        #expect(path.status == 64)
        #expect(path.error.contains("To scan it: refrain scan \(samplesFolder)."), "\(path.error)")
        let help = try runRefrain(["help", "nonexist"])
        #expect(help.status == 64)
        #expect(help.error.contains("nonexist is not a command to explain"), "\(help.error)")
        #expect(try runRefrain(["help", "scan"]).status == 0)
        // A format as a flag, and -v, get the option that does it (the parser offered --top).
        let json = try runRefrain(["scan", "--json", samplesFolder])
        #expect(json.status == 64 && json.error.contains("--format json"), "\(json.error)")
        let version = try runRefrain(["-v"])
        #expect(version.status == 64 && version.error.contains("refrain --version"), "\(version.error)")
    }

    /// An input named like a cluster of short options (`-dash.txt`, `-hx.txt`) is refused
    /// with the two ways to name it: the parser took its `h` for help, printed it and exited 0
    /// with nothing written (review 47). Short options and negative numbers still parse.
    @Test func aNameThatBeginsWithADashIsNotTakenForOptions() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["scan", "-dash.txt"], ["clean", "-hx.txt", "-o", folder.path + "/out"], ["stage", "read", "-dash.txt"]] {
            let result = try runRefrain(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output.prefix(80))")
            #expect(result.error.contains("write ./\(arguments[arguments[0] == "stage" ? 2 : 1])"), "\(result.error)")
            #expect(result.output.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
        let file = folder.appendingPathComponent("-dash.txt")
        try Data("A story about the harbour.".utf8).write(to: file)
        #expect(try runRefrain(["scan", "-q", "--", file.path]).status == 0)
        let article = samplesFolder + "/000_96c4b650bc7dc9e5.txt"
        #expect(try !runRefrain(["diff", article, samplesFolder, "-q", "--fail-above", "-0.5"]).error.contains("is not an option"))
        #expect(try runRefrain(["scan", "-q", "-j", "2", samplesFolder]).status == 0)
        // A short option's value after = is the parser's too (review 48).
        #expect(try runRefrain(["scan", "-q", "-j=2", "-o=\(folder.path)/report.json", samplesFolder]).status == 0)
    }

    /// A dumb terminal gets neither colour nor the progress line's escape codes.
    @Test func aDumbTerminalGetsNoEscapeCodes() throws {
        let file = samplesFolder + "/000_96c4b650bc7dc9e5.txt"
        let clean = ["NO_COLOR": "", "FORCE_COLOR": "", "CLICOLOR_FORCE": ""]
        let color = try runOnTerminal(["diff", file, samplesFolder], environment: clean.merging(["TERM": "xterm"]) { $1 })
        #expect(color.contains("\u{1B}["))
        let dumb = try runOnTerminal(["diff", file, samplesFolder], environment: clean.merging(["TERM": "dumb"]) { $1 })
        #expect(!dumb.contains("\u{1B}"), "\(dumb.prefix(300))")
        #expect(dumb.contains("recycled"))
    }

    /// A CSV table shows a hostile file name's escapes escaped, on a terminal and to a pipe
    /// (`… --format csv | head` must not steer the terminal; JSON keeps the exact bytes).
    @Test func csvOnATerminalEscapesControlCharacters() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = "x\u{1B}]0;owned\u{07}.txt"
        for (index, sample) in Robust.samples.enumerated() {
            try Robust.write(sample.bytes, index == 0 ? hostile : sample.name, in: folder)
        }
        for command in [["scan", folder.path, "--format", "csv"], ["families", folder.path, "--format", "csv"]] {
            let printed = try runOnTerminal(command)
            #expect(!printed.contains("\u{1B}]0;owned"), "\(command): \(printed)")
            if command[0] == "scan" { #expect(printed.contains("x\\e]0;owned\\a.txt"), "\(printed)") }
        }
        // Piped, too (review 70).
        let piped = try runRefrain(["scan", folder.path, "--format", "csv"])
        #expect(!piped.output.contains(hostile) && piped.output.contains("x\\e]0;owned\\a.txt"), "\(piped.output)")
    }

    /// A file or folder named on the command line in bytes that are not UTF-8 is read, not
    /// "not found": Swift's arguments carry U+FFFD where those bytes were.
    @Test func pathsThatAreNotUTF8AreRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = Array(folder.path.utf8) + [UInt8(ascii: "/")]
        let file = base + Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        let subfolder = base + [UInt8(ascii: "d"), 0xFF]
        #expect(Corpus.withCPath(subfolder) { mkdir($0, 0o755) } == 0)
        for (path, sample) in [(file, Robust.samples[0]), (subfolder + Array("/x.txt".utf8), Robust.samples[1])] {
            let descriptor = Corpus.withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
            #expect(descriptor >= 0)
            _ = sample.bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        // The shell passes the names' bytes as they are; Foundation's Process could not.
        let script = "exec \"$0\" scan --format json \"$(printf '%s/caf\\351.txt' \"$1\")\" \"$(printf '%s/d\\377' \"$1\")\""
        let run = try runRefrain([folder.path], script: script)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("\"documents\": 2"), "\(run.output.prefix(300))")
        // Shown as a folder's files with such names are: the bad bytes escaped.
        #expect(run.output.contains("caf\\\\xe9.txt"), "\(run.output.prefix(600))")

        // Where the name is taken as text (an output, diff's article), such a name is refused:
        // its U+FFFD form would write or read another file.
        for script in [
            "exec \"$0\" scan \"$1\" -o \"$(printf '%s/out\\376.json' \"$1\")\"",
            "exec \"$0\" scan \"$1\" --output=\"$(printf '%s/out\\376.json' \"$1\")\"",
            "exec \"$0\" diff \"$(printf '%s/caf\\351.txt' \"$1\")\" \"$1\"",
        ] {
            let refused = try runRefrain([folder.path], script: script)
            #expect(refused.status == 64, "\(script): \(refused.error)")
            #expect(refused.error.contains("is not a UTF-8 name"), "\(refused.error)")
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!written.contains { $0.hasPrefix("out") }, "\(written)")

        // Messages about such a path show its bytes escaped, as names in folders are.
        #expect(Corpus.withCPath(base + [UInt8(ascii: "e"), 0xFE]) { mkdir($0, 0o755) } == 0)
        let empty = try runRefrain([folder.path], script: "exec \"$0\" scan \"$(printf '%s/e\\376' \"$1\")\"")
        #expect(empty.status == 66, "\(empty.error)")
        #expect(empty.error.contains("e\\xfe") && !empty.error.contains("\u{FFFD}"), "\(empty.error)")
    }

    @Test func progressShowsEveryStageAndIsClearedBeforeOtherLines() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Robust.write([0x00, 0x01, 0xFF], "binary.txt", in: folder)
        for sample in Robust.samples { try Robust.write(sample.bytes, sample.name, in: folder) }
        let outputs = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let report = outputs.appendingPathComponent("report.json").path
        let printed = try runOnTerminal(["scan", folder.path, "-o", report, "--skip-invalid"])
        for stage in ["reading", "sketching 5/5 documents", "matching 5/5 documents", "clustering", "labelling 5/5 documents", "writing"] {
            #expect(printed.contains("refrain: " + stage), "\(stage): \(printed)")
        }
        // Every other line starts on a cleared line, never after a progress text.
        let clear = "\r\u{1B}[2K"
        #expect(printed.contains(clear + "refrain: binary.txt") || printed.contains(clear + "refrain: " + folder.path))
        // (Scalars, not characters: "\r\n" from the terminal is one character.)
        let marked = String(String.UnicodeScalarView(printed.unicodeScalars.filter { $0 != "\r" }))
            .replacingOccurrences(of: "\u{1B}[2K", with: "\u{1}")
        let lines = marked.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) }
        let skipped = lines.filter { $0.contains("skipped") }
        #expect(skipped.count == 1)
        for line in skipped {
            let shown = line.unicodeScalars.split(separator: "\u{1}").last.map { String(String.UnicodeScalarView($0)) } ?? ""
            #expect(shown.hasPrefix("refrain: ") && shown.contains("binary.txt: skipped"), "\(line)")
        }
        let quiet = try runOnTerminal(["scan", folder.path, "-o", report, "--skip-invalid", "-q"])
        #expect(!quiet.contains("sketching"))
    }

    @Test func statisticsAreReadableLines() throws {
        let result = try runRefrain(["scan", samplesFolder], environment: ["REFRAIN_STATISTICS": "1"])
        let lines = result.error.split(separator: "\n")
        #expect(lines.count >= 4)
        #expect(lines.allSatisfy { $0.hasPrefix("refrain: statistics: ") }, "\(lines)")
        #expect(!result.error.contains("ScanStatistics("))
        #expect(result.error.contains("refrain: statistics: read 5 documents in "))
        #expect(result.error.contains("candidate pairs"))
    }

    /// A report quotes its inputs: written from a private folder or file, it is private too
    /// (umask aside), as clean's output files are.
    @Test func reportsOfPrivateInputsArePrivate() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("private")
        try FileManager.default.copyItem(atPath: samplesFolder, toPath: corpus.path)
        #expect(chmod(corpus.path, 0o700) == 0)
        func mode(_ name: String) -> mode_t {
            var status = stat()
            return stat(folder.appendingPathComponent(name).path, &status) == 0 ? status.st_mode & 0o777 : 0o7777
        }
        let scan = try runRefrain(["scan", corpus.path, "-q", "--format", "json", "-o", folder.appendingPathComponent("s.json").path])
        #expect(scan.status == 0, "\(scan.error)")
        let report = try runRefrain(["report", corpus.path, "-q", "-o", folder.appendingPathComponent("r.html").path])
        #expect(report.status == 0, "\(report.error)")
        for name in ["s.json", "r.html", "r.documents.csv", "r.families.csv"] {
            #expect(mode(name) & 0o077 == 0, "\(name): \(String(mode(name), radix: 8))")
        }
        // From a folder others may read, the umask decides, as before.
        #expect(chmod(corpus.path, 0o755) == 0)
        let open = try runRefrain(["scan", corpus.path, "-q", "--format", "json", "-o", folder.appendingPathComponent("o.json").path])
        #expect(open.status == 0, "\(open.error)")
        // The process's umask, read without setting it.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let umaskLine = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        let processUmask = umaskLine.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o077
        if processUmask & 0o044 == 0 { #expect(mode("o.json") & 0o044 != 0, "\(String(mode("o.json"), radix: 8))") }
    }
}
