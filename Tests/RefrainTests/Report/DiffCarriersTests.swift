import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `diff` names the other documents that carry each recycled text, earliest first; `--format
/// json` carries the same facts; `--fail-above` fails a too recycled article (issue 21, editor).
@Suite struct DiffCarriersTests {
    let documents = OutletCorpus.documents()

    @Test func carriersAreTheOtherDocumentsEarliestFirst() throws {
        let report = Pipeline().scan(documents)
        let diff = DocumentDiff(report: report, documents: documents, index: 2)
        let background = try #require(
            diff.paragraphs.flatMap(\.pieces).first { $0.isRecycled && $0.diff.pieces.description.contains("water plan") })
        // Story 1 (Beta, 2024-01-01) before story 0 (Alpha, 2024-01-03), though input order is 0, 1.
        #expect(background.carriers.map(\.id) == ["story-1", "story-0"])
        #expect(background.carriers.map { $0.source ?? "" } == ["Beta Times", "Alpha Wire"])
        #expect(background.carriers.map { $0.date ?? "" } == ["2024-01-01", "2024-01-03"])
        let text = diff.render(width: 200)
        #expect(text.contains("also in story-1 (Beta Times, 2024-01-01) · story-0 (Alpha Wire, 2024-01-03)"))
        // Capped: one named, the other counted.
        #expect(diff.render(width: 200, maxCarriers: 1).contains("also in story-1 (Beta Times, 2024-01-01) · and 1 more"))
    }

    /// Review 70: a 5,000-character id was printed whole at every mention, about 60 lines each.
    @Test func longIdsAreShortenedWhereCarriersAreListed() throws {
        var corpus = documents
        let long = String(repeating: "very-long-id-", count: 400)
        corpus[1] = Document(id: long, text: corpus[1].text, source: corpus[1].source, date: corpus[1].date)
        let report = Pipeline().scan(corpus)
        let text = DocumentDiff(report: report, documents: corpus, index: 2).render(width: 200)
        #expect(text.contains("also in very-long-id-"), "\(text.prefix(2000))")
        #expect(!text.contains(long))
        #expect(text.contains("…"))
    }

    @Test func jsonHasTheFactsOfTheTextViewAndAllListsEveryCarrier() throws {
        // Seven copies of one paragraph: more than the five named by default.
        var corpus = documents
        for index in corpus.indices where !corpus[index].text.contains(OutletCorpus.background1) {
            corpus[index] = Document(
                id: corpus[index].id, text: corpus[index].text + "\n" + OutletCorpus.background1 + "\n",
                source: corpus[index].source, date: corpus[index].date)
        }
        let file = try OutletCorpus.write(corpus)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let json = try runRefrain(["diff", file.path, "--id", "story-2", "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let document = try #require(object["document"] as? [String: Any])
        #expect(document["id"] as? String == "story-2")
        #expect(document["source"] as? String == "Gamma Post")
        let pieces = try #require(object["paragraphs"] as? [[String: Any]]).flatMap { $0["pieces"] as? [[String: Any]] ?? [] }
        let background = try #require(pieces.first { ($0["text"] as? String)?.contains("water plan") == true })
        let carriers = try #require(background["carriers"] as? [[String: Any]])
        #expect(carriers.count == 5)
        #expect(background["moreCarriers"] as? Int == 1)
        #expect(carriers.first?["id"] as? String == "story-1")
        #expect(carriers.first?["date"] as? String == "2024-01-01")
        let family = try #require(background["family"] as? Int)
        // The text view names the same family and the same first carrier.
        let text = try runRefrain(["diff", file.path, "--id", "story-2", "--width", "300"])
        #expect(text.output.contains("family #\(family), in 7 documents"))
        #expect(text.output.contains("also in story-1 (Beta Times, 2024-01-01)"))
        #expect(text.output.contains("and 1 more"))
        // --all: every carrier, none counted.
        let all = try runRefrain(["diff", file.path, "--id", "story-2", "--format", "json", "--all"])
        let allPieces = try #require(
            (try JSONSerialization.jsonObject(with: Data(all.output.utf8)) as? [String: Any])?["paragraphs"] as? [[String: Any]]
        ).flatMap { $0["pieces"] as? [[String: Any]] ?? [] }
        let allBackground = try #require(allPieces.first { ($0["text"] as? String)?.contains("water plan") == true })
        #expect((allBackground["carriers"] as? [Any])?.count == 6)
        #expect(allBackground["moreCarriers"] as? Int == 0)
        #expect(!(try runRefrain(["diff", file.path, "--id", "story-2", "--all", "--width", "300"]).output.contains("more (--all")))
        // Offsets index the document's text.
        let bytes = Array(corpus[2].text.utf8)
        let start = try #require(background["start"] as? Int)
        let end = try #require(background["end"] as? Int)
        #expect(String(decoding: bytes[start..<end], as: UTF8.self) == background["text"] as? String)
    }

    @Test func failAboveExitsOneAboveTheShare() throws {
        let article = samplesFolder + "/000_96c4b650bc7dc9e5.txt"  // 28.8% recycled
        let above = try runRefrain(["diff", article, "--fail-above", "0.2"])
        #expect(above.status == 1)
        #expect(above.output.contains("28.8% recycled"))  // the report is still written
        #expect(above.error.contains("above --fail-above"))
        // Just above: enough decimals that the share reads as above it.
        let just = try runRefrain(["diff", article, "--fail-above", "0.2881"])
        #expect(just.status == 1)
        #expect(just.error.contains("28.811% recycled, above --fail-above 0.2881"), "\(just.error)")
        // A share of exactly 0.57 (228 of 400 non-space bytes) is 57.0%, never 56.9%.
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func words(_ bytes: Int, _ seed: UInt64) -> String {
            var generator = SplitMix64(seed: seed)
            var words: [String] = []
            var count = 0
            while count < bytes {
                let length = min(bytes - count, 3 + Int(generator.next() % 6))
                words.append(String((0..<length).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 26))) }))
                count += length
            }
            return words.joined(separator: " ")
        }
        let shared = words(228, 1)
        for copy in 0..<3 {
            try Data("\(shared)\n\n\(words(300, 100 + UInt64(copy)))\n".utf8).write(to: folder.appendingPathComponent("t\(copy).txt"))
        }
        let exact = folder.appendingPathComponent("art.txt")
        try Data("\(shared)\n\n\(words(172, 7))\n".utf8).write(to: exact)
        let tenth = try runRefrain(["diff", exact.path, folder.path, "--fail-above", "0.569"])
        #expect(tenth.status == 1)
        #expect(tenth.error.contains("57.0% recycled, above --fail-above 0.569"), "\(tenth.error)")
        #expect(try runRefrain(["diff", article, "--fail-above", "0.3"]).status == 0)
        #expect(try runRefrain(["diff", article, "--fail-above", "1"]).status == 0)
        for bad in ["1.5", "-0.1", "nan"] {
            let refused = try runRefrain(["diff", article, "--fail-above=\(bad)"])
            #expect(refused.status == 64, "\(bad)")
            #expect(refused.error.contains("from 0 to 1"), "\(bad)")
        }
    }
}
