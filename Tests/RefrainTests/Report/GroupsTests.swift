import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct GroupsTests {
    let template = "Background paragraph that every article from the agency carries at the end of the story."

    func corpus() throws -> Corpus {
        let records: [[String: String]] = [
            ["id": "a1", "source": "Agency", "date": "2020-10-30T08:00:00Z", "text": "First story about roads.\n\n" + template],
            ["id": "a2", "source": "Agency", "date": "2020-10-31", "text": "Second story about bridges.\n\n" + template],
            ["id": "p1", "source": "Paper", "date": "2020-11-02", "text": "An original report on schools with no template at all."],
            ["id": "x1", "text": "No metadata. " + template],
        ]
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("feed.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        return try Corpus.read([file.path])
    }

    @Test func recycledShareBySource() throws {
        let report = Pipeline().scan(try corpus().documents)
        let measures = report.measures(by: .source)
        #expect(measures.map(\.key) == ["Agency", "Paper", nil])
        #expect(measures.map(\.documents) == [2, 1, 1])
        #expect(measures[0].recycledShare > 0.6 && measures[0].recycledShare < 0.9)
        #expect(measures[1].recycledShare == 0)
    }

    @Test func recycledShareByDayAndMonth() throws {
        let report = Pipeline().scan(try corpus().documents)
        #expect(report.measures(by: .day).map(\.key) == ["2020-10-30", "2020-10-31", "2020-11-02", nil])
        let months = report.measures(by: .month)
        #expect(months.map(\.key) == ["2020-10", "2020-11", nil])
        #expect(months.map(\.documents) == [2, 1, 1])
        #expect(Grouping.day.key(source: nil, date: "31/10/2020") == nil)
    }

    @Test func groupsAppearInTheJSONReport() throws {
        let report = Pipeline().scan(try corpus().documents)
        let object = try JSONSerialization.jsonObject(with: Data(report.json(grouping: .source).utf8)) as! [String: Any]
        let groups = object["groups"] as! [String: Any]
        #expect(groups["by"] as? String == "source")
        #expect((groups["measures"] as! [[String: Any]]).map { $0["documents"] as! Int } == [2, 1, 1])
    }

    /// The text list per source is cut as the sources section is, to the sources with most
    /// documents (a corpus of thousands of outlets listed them all); days are not cut.
    @Test func theTextListPerSourceKeepsTheSourcesWithMostDocuments() throws {
        let report = Pipeline().scan(try corpus().documents)
        let cut = report.summaryText(width: 200, grouping: .source, maxSources: 1)
        let listed = { (text: String) in text.split(separator: "\n").filter { $0.hasSuffix("bytes") }.map { $0.split(separator: " ")[2] } }
        #expect(listed(cut) == ["Agency"])
        #expect(cut.contains("… and 2 more sources (--all, or --format csv --table groups, lists all)"))
        let all = report.summaryText(width: 200, grouping: .source, maxSources: nil)
        #expect(listed(all) == ["Agency", "Paper", "(no"] && !all.contains("more sources"))
        #expect(!report.summaryText(width: 200, grouping: .day, maxSources: 1).contains("more sources"))
    }
}
