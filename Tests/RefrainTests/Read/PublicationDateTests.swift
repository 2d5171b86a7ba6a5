import Foundation
import Testing

@_spi(CommandLine) @testable import Refrain

/// Documents are ordered by the instant their `date` names, not by its text.
@Suite struct PublicationDateTests {
    @Test func instantsOrderAcrossOffsetsFractionsAndDatesAlone() throws {
        func instant(_ date: String) throws -> PublicationDate { try #require(PublicationDate(date), "\(date)") }
        // 04:00 UTC on the 2nd, against 01:00 UTC: later, though first as text.
        #expect(try instant("2020-01-02T01:00:00Z") < instant("2020-01-01T23:00:00-05:00"))
        #expect(try instant("2020-01-01T23:00:00-05:00") == instant("2020-01-02T04:00:00Z"))
        #expect(try instant("2020-01-02T05:30+05:30") == instant("2020-01-02T00:00:00Z"))
        #expect(try instant("2020-01-02") == instant("2020-01-02T00:00Z"))
        #expect(try instant("2020-01-02T00:00:00.5Z") < instant("2020-01-02T00:00:00.51Z"))
        #expect(try instant("2020-01-02T00:00:00.123456789123Z").nanoseconds == 123_456_789)
        #expect(try instant("1970-01-01T00:00:00Z").seconds == 0)
        #expect(try instant("2000-03-01").seconds == 951_868_800)
        #expect(try instant("1969-12-31T23:59:59Z").seconds == -1)
        #expect(try instant("2016-12-31T23:59:59.9Z") < instant("2016-12-31T23:59:60Z"))
        #expect(try instant("2016-12-31T23:59:60.5Z") < instant("2017-01-01T00:00:00Z"))
        for text in ["!not a date", "=HYPERLINK(\"x\")", "2024-13-01", "2023-02-29", "Jan 5, 2024", "2020-01-02T25:00Z", ""] {
            #expect(PublicationDate(text) == nil, "\(text)")
        }
        #expect(Document.calendarDay("2020-01-01T23:00:00-05:00") == "2020-01-01")
    }

    @Test func aDateThatIsNotOneNeitherPublishesFirstNorBoundsAFamilysDates() throws {
        let shared = "This shared paragraph is copied across every single article in the test corpus today."
        let records: [(String, String)] = [
            ("early", "2020-01-01T20:00:00Z"), ("bogus", "!not a date"), ("offset", "2020-01-01T23:00:00-05:00"),
            ("utc", "2020-01-02T01:00:00Z"),
        ]
        let lines = try records.map { id, date in
            String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    "id": id, "text": "\(shared)\n\nNovel words from \(id) alone.", "date": date, "source": id,
                ]), as: UTF8.self)
        }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("feed.jsonl")
        // The bogus date first in input order, where input order broke ties and text sorted it first.
        try Data((lines[1] + "\n" + lines[0] + "\n" + lines[2] + "\n" + lines[3] + "\n").utf8).write(to: file)
        let corpus = try Corpus.read([file.path])
        let report = Pipeline(configuration: Configuration()).scan(corpus.documents)
        let family = try #require(report.families.first { $0.documents == 4 })
        #expect(report.documents[report.firstPublished(of: family)].id == "early")
        #expect(report.documentsInPublicationOrder(of: family).map { report.documents[$0].id } == ["early", "utc", "offset", "bogus"])
        let range = try #require(report.dateRange(of: family.members.map(\.document)))
        #expect(range.first == "2020-01-01T20:00:00Z" && range.last == "2020-01-01T23:00:00-05:00")
        let listing = FamilyListing(report: report, documents: corpus.documents)
        let entry = try #require(listing.entries.first { $0.family.id == family.id })
        #expect(entry.firstDate == range.first && entry.lastDate == range.last)
    }
}
