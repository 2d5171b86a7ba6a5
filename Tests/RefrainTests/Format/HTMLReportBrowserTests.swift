import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Headless Chromium, found on the PATH or installed with apt-get (Debian's `chromium`)
/// the first time a test asks for it.
enum Chromium {
    /// The browser's path, or `nil` when it is missing and cannot be installed here.
    static let executable: String? = find() ?? install()

    /// Why the browser tests are skipped, shown by the test runner.
    static let missing: Comment =
        "headless Chromium is not installed and `apt-get install -y chromium` failed (it needs root and the network); the browser tests are skipped"

    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") + ["/usr/bin"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Installs Debian's `chromium` as root, updating the package lists when the first try fails.
    static func install() -> String? {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else { return nil }
        print("Chromium is missing: installing Debian's chromium with apt-get for the browser tests…")
        let install = ["/usr/bin/apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]
        if (try? run(install, seconds: 900))?.status != 0 {
            _ = try? run(["/usr/bin/apt-get", "update", "-qq"], seconds: 300)
            _ = try? run(install, seconds: 900)
        }
        return find()
    }

    /// Runs a command under `timeout`, its output in a file so that no pipe can fill up.
    ///
    /// - Returns: The exit status (124 when the time ran out) and the output with errors.
    static func run(_ arguments: [String], seconds: Int) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-chromium-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "10", String(seconds)] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    /// The flags every run needs: headless, no sandbox (tests run as root in CI, where
    /// Chromium's sandbox refuses to start), no GPU, a profile of its own.
    static func flags(profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--hide-scrollbars", "--user-data-dir=\(profile.path)",
        ]
    }

    /// The DOM of a page after loading it and running whatever it runs.
    static func dumpDOM(_ page: URL) throws -> String {
        let profile = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let output = profile.appendingPathComponent("dom.html")
        // The DOM alone on standard output: written by a shell to a file, Chromium's logs apart.
        let command = [executable!] + flags(profile: profile) + ["--virtual-time-budget=2000", "--dump-dom", page.absoluteString]
        let result = try run(["/bin/sh", "-c", "exec \"$@\" > \"$0\"", output.path] + command, seconds: 120)
        guard result.status == 0 else { throw ChromiumFailure(status: result.status, output: result.output) }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A PNG screenshot of a page.
    static func screenshot(_ page: URL, width: Int, height: Int) throws -> Data {
        let profile = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let output = profile.appendingPathComponent("shot.png")
        let result = try run(
            [executable!] + flags(profile: profile) + [
                "--window-size=\(width),\(height)", "--screenshot=\(output.path)", page.absoluteString,
            ],
            seconds: 120)
        guard result.status == 0 else { throw ChromiumFailure(status: result.status, output: result.output) }
        return try Data(contentsOf: output)
    }

    struct ChromiumFailure: Error, CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String { "chromium ended with \(status)\(status == 124 ? " (timed out)" : ""): \(output.suffix(2000))" }
    }
}

/// Issue 21: the page as a browser shows it.
@Suite(.serialized, .enabled(if: Chromium.executable != nil, Chromium.missing))
struct HTMLReportBrowserTests {
    @Test func hostileInputRunsNoScriptAndAddsNoElementInTheBrowser() throws {
        let corpus = try HTMLReportTests.hostileCorpus()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let out = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let page = out.appendingPathComponent("report.html")
        let result = try runRefrain(["report", corpus.path, "--output", page.path, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        let written = htmlTokens(try String(contentsOf: page, encoding: .utf8))
        let dom = try Chromium.dumpDOM(page)
        let tokens = htmlTokens(dom)
        // Had any script run, it would have set the title or marked the body.
        #expect(tokens.title == written.title)
        #expect(tokens.title.hasPrefix("Refrain report: 6 documents"))
        #expect(!dom.contains("pwned\""), "an attribute or title set by script")
        #expect(tokens.tags("body").first?.isEmpty == true, "the body has no attribute")
        for element in ["script", "img", "iframe", "b", "object", "embed"] {
            #expect(tokens.tags(element).isEmpty, "<\(element)> in the DOM")
        }
        HTMLReportTests.expectOnlyOwnMarkup(Array(dom.utf8))
        // The browser built the structure written: nothing from the input swallowed or added elements.
        for (element, className) in [("article", "document"), ("article", "family"), ("a", "r")] {
            #expect(tokens.count(element, class: className) == written.count(element, class: className), "\(element).\(className)")
        }
        #expect(tokens.count("article", class: "document") == 6)
        #expect(tokens.marks().count == written.marks().count)
        #expect(tokens.tags("rect").count == written.tags("rect").count)
        for id in HTMLReportTests.hostileIDs { #expect(tokens.allText.contains(id), "id shown as text: \(id)") }
    }

    @Test func samplesShowEveryDocumentFamilyAndRecycledSpan() throws {
        let out = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let page = out.appendingPathComponent("samples.html")
        let result = try runRefrain(["report", samplesFolder, "--output", page.path, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        let scan = try runRefrain(["scan", samplesFolder, "--format", "json", "--quiet"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scan.output.utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        let families = try #require(json["families"] as? [[String: Any]])
        let tokens = htmlTokens(try Chromium.dumpDOM(page))
        #expect(tokens.count("article", class: "document") == documents.count)
        #expect(tokens.count("article", class: "family") == families.count)
        let marks = tokens.marks()
        for (index, document) in documents.enumerated() {
            let id = try #require(document["id"] as? String)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: samplesFolder).appendingPathComponent(id)))
            let spans = try #require(document["recycled"] as? [[Int]])
            let expected = spans.map { String(decoding: bytes[$0[0]..<$0[1]], as: UTF8.self) }.joined()
            let shown = marks.filter { $0.article == "d-\(index)" }
            #expect(shown.map(\.text).joined() == expected, "recycled text of \(id)")
            #expect(shown.allSatisfy { $0.href?.hasPrefix("#f-") == true }, "every mark of \(id) links to its family")
        }
        #expect(
            marks.filter { $0.article?.hasPrefix("d-") == true }.count
                >= documents.map { ($0["recycled"] as? [[Int]])?.count ?? 0 }.reduce(0, +))
    }

    @Test func screenshotsOnALaptopAndAPhone() throws {
        let out = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let corpus = out.appendingPathComponent("outlets.jsonl")
        try Data(ReportCommandTests.multiOutletCorpus().utf8).write(to: corpus)
        let page = out.appendingPathComponent("outlets.html")
        let result = try runRefrain(["report", corpus.path, "--output", page.path, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        // Headless Chromium draws a blank screenshot when scrolled to an anchor, so the laptop
        // view is a short page whole: the overview, three families, three documents.
        let short = out.appendingPathComponent("short.html")
        let shortResult = try runRefrain(["report", corpus.path, "--output", short.path, "--families", "3", "--documents", "3", "--quiet"])
        #expect(shortResult.status == 0, "\(shortResult.error)")
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs")
        for (name, url, width, height) in [("report-screenshot.png", short, 1280, 2900), ("report-phone.png", page, 390, 1500)] {
            let png = try Chromium.screenshot(url, width: width, height: height)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
            // The width and height in the PNG header are the window's.
            let header = Array(png.prefix(24))
            #expect(header.count == 24)
            let shotWidth = header[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(shotWidth == width)
            #expect(png.count > 20_000, "\(name) shows more than a blank page")
            if ProcessInfo.processInfo.environment["REFRAIN_UPDATE_SCREENSHOTS"] == "1" {
                try png.write(to: docs.appendingPathComponent(name))
            }
        }
    }
}
