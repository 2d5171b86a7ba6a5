import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `refrain report`: the page and its CSV tables, written safely.
@Suite struct ReportCommandTests {
    /// A small corpus from several outlets over several days, in JSON Lines: each outlet has
    /// its own footer, and background paragraphs are shared across outlets, some with a word
    /// changed; the rest is novel text.
    static func multiOutletCorpus(documents: Int = 24, seed: UInt64 = 21) -> String {
        var random = SeededGenerator(seed: seed)
        let words =
            ("harbour council budget minister river bridge report village school market farmers election court water "
            + "energy station railway festival museum hospital storm coast police union mayor airport factory museum "
            + "winter tunnel plan vote crops prices league match season plant road district office talks summit").split(separator: " ").map(
                String.init)
        func sentence() -> String {
            let count = Int.random(in: 9...18, using: &random)
            let text = (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
        func paragraph() -> String { (0..<Int.random(in: 2...4, using: &random)).map { _ in sentence() }.joined(separator: " ") }
        let outlets = ["North Herald", "Coast Daily", "Valley Post", "River Wire"]
        let backgrounds = [
            "The regional council approved the harbour plan in 2019 after two years of talks with the unions, and the first "
                + "works on the new bridge began in the spring of the following year.",
            "The railway line, which links the coast to the valley towns, carried more than four million passengers last "
                + "year according to figures published by the transport office.",
            "Storms in the north of the region have damaged crops and roads several times this season, and farmers have asked "
                + "the ministry for emergency support.",
        ]
        var lines: [String] = []
        for index in 0..<documents {
            let outlet = outlets[index % outlets.count]
            var paragraphs = [paragraph(), paragraph()]
            if index % 3 != 2 {
                var background = backgrounds[index % backgrounds.count]
                // Every fourth copy drops one word, as the samples' copies do.
                if index % 4 == 1,
                    let word = background.range(
                        of: "the ", range: background.index(background.startIndex, offsetBy: 20)..<background.endIndex)
                {
                    background.removeSubrange(word)
                }
                paragraphs.append(background)
            }
            paragraphs.append(paragraph())
            paragraphs.append("Follow \(outlet) for more news from the region. Copyright \(outlet), all rights reserved.")
            let record: [String: String] = [
                "id": "\(outlet.lowercased().replacingOccurrences(of: " ", with: "-"))-\(index)", "source": outlet,
                "date": "2020-10-\(String(format: "%02d", 1 + index % 6))", "text": paragraphs.joined(separator: "\n\n"),
            ]
            let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func writesThePageAndItsTablesBesideIt() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("feed.jsonl")
        try Data(Self.multiOutletCorpus().utf8).write(to: corpus)
        let page = folder.appendingPathComponent("out/feed.html")
        let result = try runRefrain(["report", corpus.path, "--output", page.path, "--documents", "5", "--families", "2", "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty)
        let html = try String(contentsOf: page, encoding: .utf8)
        let tokens = htmlTokens(html)
        #expect(tokens.count("article", class: "document") == 5)
        #expect(tokens.count("article", class: "family") == 2)
        #expect(html.contains("Recycled share per source"))
        #expect(html.contains("Recycled share per day"))
        #expect(tokens.tags("a").contains { $0.value("href") == "./feed.documents.csv" })
        #expect(tokens.tags("a").contains { $0.value("href") == "./feed.families.csv" })
        let documents = try String(contentsOf: folder.appendingPathComponent("out/feed.documents.csv"), encoding: .utf8)
        #expect(documents.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 24)
        #expect(documents.contains("north-herald-0,North Herald,2020-10-01,"))
        let families = try String(contentsOf: folder.appendingPathComponent("out/feed.families.csv"), encoding: .utf8)
        let familyRows = families.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(familyRows.count >= 1 + 4, "4 footers and the backgrounds")
        #expect(familyRows.dropFirst().filter { $0.hasSuffix(",yes") }.count == 2)
        #expect(families.contains("Follow Coast Daily for more news from the region."))

        // --output - writes the page alone to standard output.
        let standardOutput = try runRefrain(["report", corpus.path, "--output", "-", "--quiet"])
        #expect(standardOutput.status == 0)
        #expect(standardOutput.output.hasPrefix("<!DOCTYPE html>"))
        #expect(!standardOutput.output.contains(".csv"))
    }

    /// A page sent to a device writes no tables, and says so (review 61: silently none).
    @Test func aPageOnADeviceSaysItsTablesAreNotWritten() throws {
        let result = try runRefrain(["report", samplesFolder, "--output", "/dev/null"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("/dev/null is not a regular file, so the CSV tables"), "\(result.error)")
        let quiet = try runRefrain(["report", samplesFolder, "--output", "/dev/null", "-q"])
        #expect(quiet.error.isEmpty, "\(quiet.error)")
    }

    /// A link where a table goes is replaced, not written through: the user named the page,
    /// not the file the link points at (review 61 found a planted link's target overwritten).
    @Test func aLinkWhereATableGoesIsReplacedNotFollowed() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let precious = folder.appendingPathComponent("precious.rc")
        try Data("mine\n".utf8).write(to: precious)
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let table = shared.appendingPathComponent("report.families.csv")
        try FileManager.default.createSymbolicLink(atPath: table.path, withDestinationPath: "../precious.rc")
        let result = try runRefrain(["report", samplesFolder, "--output", shared.appendingPathComponent("report.html").path, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        #expect(try String(contentsOf: precious, encoding: .utf8) == "mine\n")
        let kind = try FileManager.default.attributesOfItem(atPath: table.path)[.type] as? FileAttributeType
        #expect(kind == .typeRegular)
        #expect(try String(contentsOf: table, encoding: .utf8).hasPrefix("id,documents,copies,"))
    }

    /// A page named like one of its tables is refused: it put HTML in report.documents.csv
    /// and the tables in report.documents.csv.documents.csv.
    @Test func aPageNamedLikeATableIsRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.documents.csv")
        let result = try runRefrain(["report", samplesFolder, "--output", page.path, "--quiet"])
        #expect(result.status == 64)
        #expect(result.error.contains("end it in .html"), "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func refusesToOverwriteAnInputWith64() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let article = folder.appendingPathComponent("a.txt")
        try Data("One article.\n".utf8).write(to: article)
        let before = try Data(contentsOf: article)
        let overwrite = try runRefrain(["report", article.path, "--output", article.path])
        #expect(overwrite.status == 64, "\(overwrite.error)")
        #expect(overwrite.error.contains("refusing to overwrite the input file"))
        #expect(try Data(contentsOf: article) == before)

        // A table beside the page would overwrite an input: refused before anything is written.
        let table = folder.appendingPathComponent("r.documents.csv")
        try Data("id\r\n".utf8).write(to: table)
        let beside = try runRefrain(["report", article.path, table.path, "--output", folder.appendingPathComponent("r.html").path])
        #expect(beside.status == 64, "\(beside.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.html").path))
        #expect(try String(contentsOf: table, encoding: .utf8) == "id\r\n")

        let inside = try runRefrain(["report", folder.path, "--output", folder.appendingPathComponent("r2.html").path])
        #expect(inside.status == 64, "\(inside.error)")

        let missing = try runRefrain(["report", article.path])
        #expect(missing.status == 64)
        #expect(missing.error.contains("--output"))
        let negative = try runRefrain(["report", article.path, "-o", "x.html", "--documents", "-1"])
        #expect(negative.status == 64)
    }

    @Test func refusesAFolderAsThePageBeforeTheScan() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Reading this record warns of its date: no warning means the corpus was not read.
        let article = folder.appendingPathComponent("a.jsonl")
        try Data(#"{"id": "1", "text": "One article.", "date": "not a date"}"#.utf8 + [0x0A]).write(to: article)
        let target = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        // scan, families and diff, too: a usage mistake (64), before the read.
        for command in [["report"], ["scan"], ["families"], ["diff", article.path]] {
            let result = try runRefrain(command + [article.path, "--output", target.path])
            #expect(result.status == 64, "\(command[0]): \(result.error)")
            #expect(result.error.contains(target.path) && result.error.contains("is a folder"), "\(command[0]): \(result.error)")
            #expect(!result.error.contains("date"), "\(command[0]): \(result.error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        // A folder where a CSV table goes is named as the table's place, also before the read (review 71).
        let table = folder.appendingPathComponent("page.documents.csv")
        try FileManager.default.createDirectory(at: table, withIntermediateDirectories: false)
        let beside = try runRefrain(["report", article.path, "--output", folder.appendingPathComponent("page.html").path])
        #expect(beside.status == 64, "\(beside.error)")
        #expect(beside.error.contains("page.documents.csv: is a folder, where the page's CSV table goes"), "\(beside.error)")
        #expect(!beside.error.contains("date"), "\(beside.error)")
    }
}
