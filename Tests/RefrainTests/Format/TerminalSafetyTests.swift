import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Issue 17 item 9: nothing from the input steers the terminal, and JSON escapes every control.
@Suite struct TerminalSafetyTests {
    /// OSC 0 (window title), CSI 2J (clear screen), OSC 52 (clipboard write), C1 CSI, a bidi override.
    static let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}31m\u{202E}"

    /// Whether text holds a character that a terminal would act on.
    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || value == 0x202E || value == 0x2028
        }
    }

    @Test func terminalSafeEscapesControlsVisibly() {
        #expect(Self.hostile.terminalSafe == "\\e]0;owned\\a\\e[2J\\e]52;c;ZXZpbA==\\a\\x9b31m\\u{202e}")
        #expect("tab\there\nline\u{7F}\u{2028}\u{2066}".terminalSafe == "tab\\there\\nline\\x7f\\u{2028}\\u{2066}")
        #expect("Plain text, “quoted” — é 中文".terminalSafe == "Plain text, “quoted” — é 中文")
        #expect(!Self.hasControls(Self.hostile.terminalSafe))
    }

    /// Review 102 case 18: invisible characters made one id look like another ("paypal").
    /// Names show them escaped; text keeps the joiners Persian and Indic writing need.
    @Test func namesShowInvisibleCharactersEscaped() throws {
        #expect("pay\u{200B}pal".terminalSafeName == "pay\\u{200b}pal")
        #expect("pay\u{E0041}pal\u{FEFF}".terminalSafeName == "pay\\u{e0041}pal\\u{feff}")
        #expect("Café 中文 \u{202E}".terminalSafeName == "Café 中文 \\u{202e}")
        #expect("می\u{200C}خواهم".terminalSafe == "می\u{200C}خواهم")
        // A joiner next to writing past ASCII is that writing's (review 104); between ASCII
        // letters, or at an end, it hides itself.
        for name in ["خبرگزاری\u{200C}ها", "നമ്മള്\u{200D}", "👨\u{200D}💻-coder.txt"] { #expect(name.terminalSafeName == name, "\(name)") }
        #expect("pay\u{200D}pal".terminalSafeName == "pay\\u{200d}pal")
        #expect("\u{200C}paypal".terminalSafeName == "\\u{200c}paypal")
        // Names cut in a list keep their ends, which tell them apart.
        let url = "https://www.reuters.com/markets/europe/central-bank-holds-rates-2024-01-05"
        #expect(url.shortenedInMiddle(to: 40).hasSuffix("2024-01-05") && url.shortenedInMiddle(to: 40).columns == 40)
        #expect(url.shortenedInMiddle(to: 40) != (url.dropLast() + "6").shortenedInMiddle(to: 40))
        #expect("中文新闻报道的内容很长很长".shortenedInMiddle(to: 9).columns <= 9)
        #expect("short".shortenedInMiddle(to: 40) == "short")
        // A shortened text is not cut inside a character reference (review 113, f8).
        for limit in 14...21 {
            let shortened = "the plan and the na&iuml;ve plan".shortened(to: limit)
            #expect(!shortened.contains("&") || shortened.contains("&iuml;"), "\(limit): \(shortened)")
        }
        #expect("AT&T and Q&A are names of their own".shortened(to: 12) == "AT&T and Q&…")
        // The HTML page names them so too.
        var page = HTMLBuffer { _ in }
        page.name("pay\u{200B}pal")
        #expect(String(decoding: page.bytes, as: UTF8.self) == "pay\\u{200b}pal")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = "The regional office said the figures would be revised once all the districts had reported their results."
        let longSource = String(repeating: "S", count: 5_000)
        let lines = [
            #"{"id":"paypal","text":"A fire broke out at the port on Sunday evening.\n\n\#(shared)","source":"\#(longSource)"}"#,
            #"{"id":"pay\u200bpal","text":"Farmers protested against new water limits in the valley.\n\n\#(shared)","source":"\#(longSource)"}"#,
        ]
        let file = folder.appendingPathComponent("feed.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        for command in [["scan"], ["families"]] {
            let run = try runRefrain(command + [file.path, "--width", "80", "--no-color"])
            #expect(run.status == 0, "\(run.error)")
            #expect(!run.output.unicodeScalars.contains { $0.value == 0x200B }, "\(command)")
            // A 5,000-letter source is shortened wherever it is named.
            #expect(!run.output.contains(String(repeating: "S", count: 100)), "\(command): \(run.output.prefix(2_000))")
        }
        let scan = try runRefrain(["scan", file.path, "--no-color"])
        #expect(scan.output.contains("pay\\u{200b}pal"), "\(scan.output)")
    }

    @Test func jsonWriterEscapesC0DelC1AndLineSeparators() throws {
        var writer = JSONWriter()
        writer.string("a\u{01}b\u{7F}c\u{85}d\u{9B}e\u{2028}f\u{2029}g\u{1B}h é\u{2030}")
        #expect(writer.output == "\"a\\u0001b\\u007fc\\u0085d\\u009be\\u2028f\\u2029g\\u001bh é\u{2030}\"")
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.output.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == "a\u{01}b\u{7F}c\u{85}d\u{9B}e\u{2028}f\u{2029}g\u{1B}h é\u{2030}")
    }

    /// A corpus whose file names, ids and text all carry escape sequences.
    static func hostileCorpus() throws -> URL {
        let folder = try makeTemporaryFolder()
        let shared = RobustnessTests.shared
        try Robust.write("Fresh news \(hostile) about the port.\n\n" + shared + "\n", "a\(hostile).txt", in: folder)
        try Robust.write("Other news about trade.\n\n" + shared + " \(hostile)\n", "b.txt", in: folder)
        try Robust.write([0x00, 0x01, 0x02, 0xFF, 0x00], "binary\(hostile).txt", in: folder)
        let record = try JSONSerialization.data(withJSONObject: ["id": "c\(hostile)", "text": "A third story.\n\n" + shared])
        try Robust.write(Array(record) + [0x0A], "feed.jsonl", in: folder)
        return folder
    }

    @Test func scanFamiliesDiffAndProblemLinesPrintNoRawControls() throws {
        let folder = try Self.hostileCorpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a\(Self.hostile).txt").path
        for arguments in [["scan", folder.path], ["families", folder.path], ["diff", file, folder.path]] {
            let result = try runRefrain(arguments + ["--skip-invalid"])
            #expect(result.status == 0, "\(arguments[0]): \(result.error)")
            #expect(!Self.hasControls(result.output), "\(arguments[0]) output")
            #expect(!Self.hasControls(result.error), "\(arguments[0]) standard error")
            #expect(result.error.contains("binary\\e]0;owned\\a"), "\(arguments[0]): \(result.error)")
        }
        let families = try runRefrain(["families", folder.path, "--skip-invalid"])
        #expect(families.output.contains("c\\e]0;owned\\a\\e[2J"))
        let diff = try runRefrain(["diff", file, folder.path, "--skip-invalid"])
        #expect(diff.output.contains("Fresh news \\e]0;owned\\a"))
        let json = try runRefrain(["scan", folder.path, "--skip-invalid", "--format", "json"])
        // JSON escapes C0, DEL, C1 and U+2028/2029 (bidi controls are valid JSON text).
        #expect(!json.output.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x0A) || (0x7F...0x9F).contains($0.value) })
        #expect(json.output.contains("c\\u001b]0;owned\\u0007\\u001b[2J\\u001b]52;c;ZXZpbA==\\u0007\\u009b31m\u{202E}"))
    }

    /// A line feed in a name is spelled `\n` in `families` as in `scan` and `diff`, so two
    /// names that differ in it stay two names (review 92, case 02).
    @Test func familiesSpellsALineFeedInANameAsScanDoes() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = RobustnessTests.shared
        try Robust.write("Fresh news about the port.\n\n" + shared + "\n", "x\ny.txt", in: folder)
        try Robust.write("Other news about trade.\n\n" + shared + "\n", "x y.txt", in: folder)
        let families = try runRefrain(["families", folder.path])
        #expect(families.status == 0, "\(families.error)")
        let line = families.output.split(separator: "\n").first { $0.contains("in: ") } ?? ""
        #expect(line.contains("x\\ny.txt") && line.contains("x y.txt"), "\(families.output)")
    }

    @Test func errorMessagesPrintNoRawControls() throws {
        let result = try runRefrain(["scan", "/no/such/\(Self.hostile)"])
        #expect(result.status == 66)
        #expect(!Self.hasControls(result.error))
        #expect(result.error.contains("/no/such/\\e]0;owned"))
    }
}
