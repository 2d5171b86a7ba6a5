import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Exact-duplicate documents are named as duplicates of the first, and `clean --keep-first`
/// keeps that one whole (issue 21, the researcher).
@Suite struct DuplicateDocumentsTests {
    /// The outlet corpus, with story-3 given a paragraph that quotes background 1 (first
    /// published by story-1) between two sentences of its own; story-7 repeats story-3 whole,
    /// later; story-8 repeats story-0 whole, under an earlier date, so it is the original.
    func corpus() -> [Document] {
        var documents = OutletCorpus.documents()
        var random = SeededGenerator(seed: 99)
        let quoting =
            OutletCorpus.novel(&random, sentences: 1) + " " + OutletCorpus.background1 + " " + OutletCorpus.novel(&random, sentences: 1)
        let three = documents[3]
        documents[3] = Document(id: three.id, text: three.text + "\n" + quoting + "\n", source: three.source, date: three.date)
        documents.append(Document(id: "story-7", text: documents[3].text, source: "Beta Times", date: "2024-01-08"))
        documents.append(Document(id: "story-8", text: documents[0].text, source: "Alpha Wire", date: "2023-12-31"))
        return documents
    }

    /// A line without a letter is never recycled, so a copy with a section break is still a
    /// duplicate (review 84, case 5).
    @Test func aSectionBreakDoesNotHideADuplicate() {
        let body = [
            "The old river bridge will reopen to traffic in May after two years of repairs, the city council said on Monday.", "* * *",
            "2024",
            "Engineers replaced the steel cables and the concrete deck, and added a protected lane for bicycles on the north side.",
        ]
        let other = "Twelve primary schools will get new heating systems before winter, the regional education office said."
        for separator in ["\n", "\n\n"] {
            let documents = [
                Document(id: "first", text: body.joined(separator: separator)),
                Document(id: "copy", text: body.joined(separator: separator)),
                Document(id: "other", text: other),
            ]
            let duplicates = DuplicateDocuments(report: Pipeline().scan(documents), documents: documents)
            #expect(duplicates.groups == [.init(original: 0, duplicates: [1])], "\(separator.debugDescription)")
        }
    }

    /// A copy saved otherwise (CR LF line ends, no final line feed, a byte-order mark, spaces
    /// at the ends of lines) is a duplicate too (reviews 105, 106).
    @Test func aCopySavedOtherwiseIsADuplicate() {
        let body =
            "The old river bridge will reopen to traffic in May after two years of repairs, the city council said on Monday.\n\n"
            + "Engineers replaced the steel cables and the concrete deck, and added a protected lane for bicycles on the north side.\n"
        let other = "Twelve primary schools will get new heating systems before winter, the regional education office said."
        let documents = [
            Document(id: "first", text: body),
            Document(id: "saved", text: "\u{FEFF}" + body.replacingOccurrences(of: "\n", with: "\r\n")),
            Document(id: "pasted", text: String(body.dropLast())),
            // Spaces at the ends of lines, and a blank line of a tab (review 106).
            Document(id: "trailing", text: body.replacingOccurrences(of: ".\n\n", with: ".  \n\t\n")),
            Document(id: "other", text: other),
        ]
        let duplicates = DuplicateDocuments(report: Pipeline().scan(documents), documents: documents)
        #expect(duplicates.groups == [.init(original: 0, duplicates: [1, 2, 3])])
        // Spaces inside a line are text.
        #expect(Document.comparableText(Array("a  b\n".utf8)) == Array("a  b".utf8))
    }

    @Test func duplicatesAreNamedWithTheirFirstDocument() throws {
        let documents = corpus()
        let report = Pipeline().scan(documents)
        let duplicates = DuplicateDocuments(report: report, documents: documents)
        #expect(duplicates.groups == [.init(original: 3, duplicates: [7]), .init(original: 8, duplicates: [0])])
        #expect(duplicates.count == 2)
        let text = report.summaryText(width: 200, duplicates: duplicates)
        #expect(text.contains("Exact duplicates: 2 documents repeat an earlier one whole"))
        #expect(text.contains("story-7  duplicate of story-3"))
        #expect(text.contains("story-0  duplicate of story-8"))
        let parsed = try JSONSerialization.jsonObject(with: Data(report.json(duplicates: duplicates).utf8))
        let object = try #require(parsed as? [String: Any])
        let listed = try #require(object["duplicates"] as? [[String: String]])
        #expect(listed == [["document": "story-7", "duplicateOf": "story-3"], ["document": "story-0", "duplicateOf": "story-8"]])
        // A document with novel text is no duplicate, even when another contains it.
        #expect(DuplicateDocuments(report: sampleReport, documents: sampleCorpus.documents).groups.isEmpty)
    }

    /// JSON Lines holds what JSON holds: its summary and parameters on the first line, the
    /// duplicates, documents and families a line each, with the same values.
    @Test func jsonLinesHoldsEveryPartOfTheJSONReport() throws {
        let documents = corpus()
        let report = Pipeline().scan(documents)
        let duplicates = DuplicateDocuments(report: report, documents: documents)
        let sources = SourceAnalysis(report: report, documents: documents)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json(sources: sources, duplicates: duplicates).utf8)) as? NSDictionary)
        let lines = report.jsonLines(sources: sources, duplicates: duplicates).split(separator: "\n")
        let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        func typed(_ type: String) -> [NSDictionary] {
            records.filter { $0["type"] as? String == type }.map { record in
                var record = record
                record["type"] = nil
                return record as NSDictionary
            }
        }
        #expect(records.first?["type"] as? String == "summary")
        var summary = try #require(typed("summary").first as? [String: Any])
        #expect(summary.removeValue(forKey: "parameters") as? NSDictionary == object["parameters"] as? NSDictionary)
        #expect(summary as NSDictionary == object["summary"] as? NSDictionary)
        #expect(typed("duplicate") == object["duplicates"] as? [NSDictionary])
        #expect(typed("duplicate").count == 2)
        #expect(typed("document") == object["documents"] as? [NSDictionary])
        #expect(typed("family") == object["families"] as? [NSDictionary])
        #expect(typed("sources").first == object["sources"] as? NSDictionary)
    }

    @Test func keepFirstKeepsTheOriginalWhole() throws {
        let documents = corpus()
        let report = Pipeline().scan(documents)
        let cleaned = Cleaner.clean(report, documents: documents, keepFirst: true)
        func text(_ index: Int) -> String { String(decoding: cleaned[index].text, as: UTF8.self) }
        // story-3 keeps everything except its footer, which the earlier story-8 keeps; its
        // quoting paragraph stays whole but for background 1, which story-1 keeps.
        let original = documents[3].text
        let footer = OutletCorpus.footer("Alpha Wire")
        let quoting = original.split(separator: "\n").last!
        for paragraph in original.split(separator: "\n") where !paragraph.isEmpty && paragraph != footer && paragraph != quoting {
            #expect(text(3).contains(paragraph), "story-3 lost \(paragraph.prefix(30))")
        }
        let ownSentences = quoting.replacingOccurrences(of: OutletCorpus.background1, with: "\n").split(separator: "\n")
        for sentence in ownSentences { #expect(text(3).contains(sentence.trimmingCharacters(in: .whitespaces))) }
        #expect(!text(3).contains(footer) && !text(3).contains(OutletCorpus.background1))
        // Its duplicate keeps nothing.
        let duplicateText = text(7)
        #expect(duplicateText.allSatisfy { $0.isWhitespace })
        // Through the command: the kept document is story-3 and the manifest rebuilds both.
        let file = try OutletCorpus.write(documents)
        let output = file.deletingLastPathComponent().appendingPathComponent("clean")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try runRefrain(["clean", file.path, "--keep-first", "--output", output.path])
        #expect(run.status == 0, "\(run.error)")
        let lines = try String(contentsOf: output.appendingPathComponent("outlets.jsonl"), encoding: .utf8).split(separator: "\n")
        let parsedRecord = try JSONSerialization.jsonObject(with: Data(lines[3].utf8))
        let record = try #require(parsedRecord as? [String: Any])
        #expect(record["text"] as? String == text(3))
    }
}
