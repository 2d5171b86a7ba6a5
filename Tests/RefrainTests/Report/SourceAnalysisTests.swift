import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Per source, own boilerplate apart from shared text; per family, the first publisher and
/// copies per source; who carries whose text (issue 21, the media analyst).
@Suite struct SourceAnalysisTests {
    let documents = OutletCorpus.documents()

    func family(containing text: String, in report: ScanReport) throws -> Int {
        try #require(report.families.firstIndex { $0.text.contains(text) })
    }

    /// Documents are summed in chunks on several threads: the measures are those of one.
    @Test func theAnswerDoesNotDependOnTheThreads() {
        let report = Pipeline().scan(documents)
        let one = SourceAnalysis(report: report, documents: documents)
        for jobs in [2, 3, 16] {
            let many = SourceAnalysis(report: report, documents: documents, jobs: jobs)
            #expect(many.measures == one.measures, "jobs \(jobs)")
            #expect(many.spreads == one.spreads && many.carried == one.carried, "jobs \(jobs)")
        }
        #expect(one.measures.contains { $0.ownShare > 0 })
    }

    /// A paragraph's only recycled span is weighed by the paragraph's recycled weight, not
    /// by reading the text again: the same own shares as weighing every span in the text.
    @Test func paragraphWeightsGiveTheSharesTheTextGives() {
        // Each footer ends a paragraph of new sentences: its paragraph is partly recycled.
        let documents = self.documents.map { document in
            var text = document.text
            for source in Set(OutletCorpus.sources) {
                text = text.replacingOccurrences(of: "\n\n" + OutletCorpus.footer(source), with: " " + OutletCorpus.footer(source))
            }
            return Document(id: document.id, text: text, source: document.source, date: document.date)
        }
        let report = Pipeline().scan(documents)
        #expect(report.documents.contains { $0.paragraphs.contains { $0.label == .partial } })
        let fromParagraphs = SourceAnalysis(report: report, documents: documents)
        var unpaired = report
        for index in unpaired.documents.indices {
            // Spans no longer found paragraph by paragraph: each is weighed in the text.
            unpaired.documents[index].paragraphs = unpaired.documents[index].paragraphs.map {
                var paragraph = $0
                paragraph.recycled = []
                return paragraph
            }
        }
        let fromText = SourceAnalysis(report: unpaired, documents: documents)
        #expect(fromParagraphs.measures.contains { $0.ownShare > 0 })
        #expect(fromParagraphs.measures == fromText.measures)
    }

    /// The first publisher found without sorting is the first of the publication order.
    @Test func firstPublishedIsTheFirstInPublicationOrder() {
        let report = Pipeline().scan(documents)
        #expect(!report.families.isEmpty)
        for family in report.families {
            #expect(report.firstPublished(of: family) == report.documentsInPublicationOrder(of: family).first)
        }
    }

    @Test func splitsOwnBoilerplateFromSharedTextAndFindsFirstPublishers() throws {
        let report = Pipeline().scan(documents)
        let analysis = SourceAnalysis(report: report, documents: documents)
        #expect(report.families.count == 5)
        #expect(analysis.sources.map { $0 ?? "" } == ["Alpha Wire", "Beta Times", "Gamma Post"])
        #expect(analysis.measures.map(\.ownFamilies) == [1, 1, 1])
        #expect(analysis.measures.map(\.sharedFamilies) == [2, 1, 2])
        #expect(analysis.measures.map(\.firstPublished) == [0, 1, 1])
        #expect(analysis.measures.map(\.documents) == [3, 2, 2])
        for measure in analysis.measures {
            #expect(measure.ownShare > 0 && measure.sharedShare > 0)
            #expect(abs(measure.ownShare + measure.sharedShare - measure.recycledShare) < 1e-9)
        }
        // The group measure agrees on the whole.
        let groups = report.measures(by: .source)
        #expect(groups.map(\.recycledShare) == analysis.measures.map(\.recycledShare))

        // Background 1: first in story-1 (Beta, 2024-01-01), though story-0 comes first in input order.
        let background1 = analysis.spreads[try family(containing: "water plan", in: report)]
        #expect(background1.firstDocument == 1)
        #expect(!background1.isOwnBoilerplate)
        #expect(background1.copiesBySource.map { $0.source ?? "" } == ["Alpha Wire", "Beta Times", "Gamma Post"])
        #expect(background1.copiesBySource.map(\.copies) == [1, 1, 1])
        let background2 = analysis.spreads[try family(containing: "bridge closure", in: report)]
        #expect(background2.firstDocument == 5)
        let footer = analysis.spreads[try family(containing: "morning newsletter", in: report)]
        #expect(footer.isOwnBoilerplate)
        #expect(footer.copiesBySource.map { $0.source ?? "" } == ["Beta Times"])
        #expect(footer.firstDocument == 1)

        // Rows publish first, columns carry: Beta's background 1 is in all three, Gamma's
        // background 2 in Alpha and Gamma; Alpha published no shared text first.
        #expect(analysis.carried == [[0, 0, 0], [1, 1, 1], [1, 0, 1]])
    }

    @Test func scanReportsSourcesInTextAndJSON() throws {
        let file = try OutletCorpus.write()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let text = try runRefrain(["scan", file.path, "--width", "200"])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("Recycled text per source: own boilerplate, and text shared with other sources"))
        #expect(text.output.contains("first in Beta Times, 2024-01-01"))
        #expect(text.output.contains("Shared families first published by each source (row) and carried by each (column)"))

        let json = try runRefrain(["scan", file.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let sources = try #require(object["sources"] as? [String: Any])
        let measures = try #require(sources["measures"] as? [[String: Any]])
        #expect(measures.map { $0["source"] as? String ?? "" } == ["Alpha Wire", "Beta Times", "Gamma Post"])
        #expect(measures.map { $0["ownFamilies"] as? Int ?? -1 } == [1, 1, 1])
        let carried = try #require(sources["carried"] as? [String: Any])
        #expect(carried["families"] as? [[Int]] == [[0, 0, 0], [1, 1, 1], [1, 0, 1]])
        let families = try #require(object["families"] as? [[String: Any]])
        let background = try #require(families.first { ($0["text"] as? String)?.contains("water plan") == true })
        #expect((background["firstPublisher"] as? [String: Any])?["document"] as? String == "story-1")
        #expect((background["copiesBySource"] as? [Any])?.count == 3)
        #expect(background["ownBoilerplate"] as? Bool == false)
        // Existing fields unchanged.
        #expect(background["id"] is Int && background["documents"] as? Int == 3 && background["members"] is [Any])

        // A corpus without sources has no such section or fields.
        let plain = try runRefrain(["scan", samplesFolder, "--format", "json"])
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(plain.output.utf8)) as? [String: Any])
        #expect(plainObject["sources"] == nil)
        #expect((plainObject["families"] as? [[String: Any]])?.first?["firstPublisher"] == nil)
    }

    /// The shared share shown is the recycled share shown less the own share shown: rounded
    /// alone, 0.3916 + 0.1958 was shown beside 0.5875 (review 94, case 03).
    @Test func theSharesShownAddUp() {
        var measure = SourceAnalysis.Measure(
            source: "A", documents: 2, bytes: 10, recycledShare: 0.587_46, ownShare: 0.391_64, sharedShare: 0.195_82,
            ownFamilies: 1, sharedFamilies: 1, firstPublished: 0)
        #expect(measure.sharedShare(roundedTo: 4) == 0.1959)
        #expect(measure.sharedShare(roundedTo: 3) == 0.195)
        measure.ownShare = measure.recycledShare
        #expect(measure.sharedShare(roundedTo: 4) == 0)
        // In every report of random corpora: own + shared = recycled, to the last digit shown.
        var generator = SeededGenerator(seed: 94)
        for _ in 0..<200 {
            let recycled = Double.random(in: 0...1, using: &generator)
            let own = Double.random(in: 0...recycled, using: &generator)
            let whole = SourceAnalysis.Measure(
                source: nil, documents: 1, bytes: 1, recycledShare: recycled, ownShare: own, sharedShare: recycled - own,
                ownFamilies: 0, sharedFamilies: 0, firstPublished: 0)
            let sum = (own * 10_000).rounded() + (whole.sharedShare(roundedTo: 4) * 10_000).rounded()
            #expect(sum == (recycled * 10_000).rounded())
        }
    }

    /// A source not all recycled never shows a part of 100.0%: the shared share shown,
    /// rounded from the whole, was 100.0% beside 99.9% (review 99, case 04).
    @Test func aSourceBelowTheWholeShowsNoPartOf100Percent() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 7)
        let words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split(
            separator: " ")
        let paragraphs = (0..<40).map { _ in
            (0..<40).map { _ in String(words.randomElement(using: &generator)!) }.joined(separator: " ") + "."
        }
        let whole = paragraphs.joined(separator: "\n\n")
        let records: [[String: String]] = [
            ["id": "d1", "text": whole, "source": "S1"], ["id": "d2", "text": paragraphs[0] + "\n\nX", "source": "S1"],
            ["id": "d3", "text": whole, "source": "S2"],
        ]
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let file = folder.appendingPathComponent("feed.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let text = try runRefrain(["scan", file.path, "--width", "200"])
        let row = try #require(
            text.output.split(separator: "\n").first { $0.contains(" S1 ") && $0.hasSuffix(" 0") || $0.contains("  S1  ") })
        #expect(!row.contains("100.0%"), "\(text.output)")
    }

    /// `"source": ""` names no outlet in every report, as `--group-by source` had it; a first
    /// publisher without a source is named by its document (review 94, cases 04 and 05).
    @Test func anEmptySourceIsNoSourceAndAPublisherWithoutOneIsItsDocument() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = "The regional office said the figures would be revised once all the districts had reported their results."
        let lines = [
            #"{"id":"x1","text":"A fire broke out at the port on Sunday evening.\n\n\#(shared)","source":"A","date":"2024-01-03"}"#,
            #"{"id":"x2","text":"Farmers protested against new water limits in the valley.\n\n\#(shared)","source":""}"#,
            #"{"id":"x3","text":"The mayor opened a new bridge over the river today.\n\n\#(shared)","date":"2024-01-02"}"#,
        ]
        let file = folder.appendingPathComponent("feed.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let json = try runRefrain(["families", file.path, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let family = try #require((object["families"] as? [[String: Any]])?.first)
        #expect(family["sources"] as? [String] == ["A"], "\(json.output)")
        let text = try runRefrain(["scan", file.path, "--width", "200"])
        #expect(text.output.contains("first in x3, 2024-01-02"), "\(text.output)")
        #expect(text.output.contains("(no source) 2"), "\(text.output)")
    }

    /// A source spelled decomposed is each document's composed source, the bytes of its row
    /// in the sources table, in the JSON and the CSV documents table (review 102, case 16).
    @Test func eachDocumentsSourceHasTheBytesOfItsSourceRow() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = "The regional office said the figures would be revised once all the districts had reported their results."
        let lines = [
            #"{"id":"d1","text":"A fire broke out at the port on Sunday evening.\n\n\#(shared)","source":"Caf\u00e9"}"#,
            #"{"id":"d2","text":"Farmers protested against new water limits in the valley.\n\n\#(shared)","source":"Cafe\u0301"}"#,
        ]
        let file = folder.appendingPathComponent("feed.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let composed = Array("Caf\u{E9}".utf8)
        let json = try runRefrain(["scan", file.path, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        // Read as bytes: Strings compare both spellings equal.
        let decomposedBytes = Array("Cafe\u{301}".utf8)
        let output = Array(json.output.utf8)
        #expect(!output.indices.contains { output[$0...].starts(with: decomposedBytes) }, "\(json.output)")
        #expect(output.indices.filter { output[$0...].starts(with: composed) }.count >= 3, "\(json.output)")
        let csv = try runRefrain(["scan", file.path, "--format", "csv", "--table", "documents"])
        #expect(csv.status == 0, "\(csv.error)")
        let rows = Array(csv.output.utf8)
        #expect(!rows.indices.contains { rows[$0...].starts(with: decomposedBytes) }, "\(csv.output)")
    }

    /// White space around a source is no part of its name: "A", "A " and " A" printed alike
    /// as three rows (review 102, case 12); a source of white space alone is none.
    @Test func whiteSpaceAroundASourceIsDropped() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = "The regional office said the figures would be revised once all the districts had reported their results."
        let lines = [("d1", "A"), ("d2", "A "), ("d3", " A"), ("d4", "\u{A0}A\t"), ("d5", "  ")].map { id, source in
            let encoded = String(decoding: try! JSONSerialization.data(withJSONObject: source, options: .fragmentsAllowed), as: UTF8.self)
            return #"{"id":"\#(id)","text":"Story \#(id) opened with its own news of the day.\n\n\#(shared)","source":\#(encoded)}"#
        }
        let file = folder.appendingPathComponent("feed.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let json = try runRefrain(["scan", file.path, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.map { $0["source"] as? String } == ["A", "A", "A", "A", nil], "\(documents.map { $0["source"] ?? "-" })")
        let measures = try #require((object["sources"] as? [String: Any])?["measures"] as? [[String: Any]])
        #expect(measures.compactMap { $0["source"] as? String } == ["A"], "\(measures)")
    }

    /// JSON Lines is one object per line, the sources record too: it was written across a
    /// line per source, and line-by-line readers failed on its first line.
    @Test func jsonLinesWithSourcesIsOneObjectPerLine() throws {
        let file = try OutletCorpus.write()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try runRefrain(["scan", file.path, "--format", "jsonl"])
        #expect(run.status == 0, "\(run.error)")
        let lines = run.output.split(separator: "\n")
        let records = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(records.filter { $0["type"] as? String == "document" }.count == documents.count)
        let sources = try #require(records.first { $0["type"] as? String == "sources" })
        #expect(
            (sources["measures"] as? [[String: Any]])?.map { $0["source"] as? String ?? "" } == ["Alpha Wire", "Beta Times", "Gamma Post"])
        #expect((sources["carried"] as? [String: Any])?["families"] as? [[Int]] == [[0, 0, 0], [1, 1, 1], [1, 0, 1]])
    }
}
