import Foundation
import Testing

@testable import Refrain

@Suite struct CleanerTests {
    @Test func everySampleRebuildsByteForByteThroughTheManifest() throws {
        let cleaned = Cleaner.clean(sampleReport, documents: sampleCorpus.documents)
        for document in cleaned {
            let original = sampleCorpus.documents[document.index]
            let line = CleanManifest.line(
                id: original.id, output: original.id, line: nil, originalBytes: original.bytes.count, removed: document.removed)
            let parsed = try CleanManifest.parse(line)
            #expect(parsed.id == original.id)
            #expect(Cleaner.rebuild(cleaned: document.text, removed: parsed.removed) == original.bytes)
            #expect(document.text.count < original.bytes.count)
        }
    }

    @Test func templateParagraphsGoAndNovelSentencesStay() throws {
        let cleaned = Cleaner.clean(sampleReport, documents: sampleCorpus.documents)
        let index = sampleReport.documents.firstIndex { $0.id.hasPrefix("000") }!
        let text = String(decoding: cleaned[index].text, as: UTF8.self)
        #expect(!text.contains("Trend:"))
        #expect(!text.contains("The 1994 ceasefire agreement"))
        #expect(!text.contains("Azerbaijan responded with a counter-offensive"))
        #expect(text.contains("\n\nCurrently, Azerbaijan continues the liberation of its territories from Armenian troops.\n\n"))
        #expect(text.contains("Hikmet Hajiyev said, Trend reports."))
        #expect(!text.hasSuffix("\n\n"))
        #expect(cleaned[index].removed.allSatisfy { $0.family != nil })
    }

    @Test func rebuildKeepsInvalidUTF8ThroughBase64() throws {
        let removed = [RemovedSpan(span: Span(2, 5), family: 1, bytes: [0xFF, 0x41, 0xC3])]
        let parsed = try CleanManifest.parse(CleanManifest.line(id: "x", output: "x", line: nil, originalBytes: 7, removed: removed))
        #expect(parsed.removed == removed)
        #expect(Cleaner.rebuild(cleaned: Array("abcd".utf8), removed: parsed.removed) == [0x61, 0x62, 0xFF, 0x41, 0xC3, 0x63, 0x64])
    }

    @Test func keepFirstKeepsOneCopyOfEachFamily() {
        let documents = [
            Document(
                id: "late", text: "Template paragraph shared by both of these documents word for word.\n\nLate news.", date: "2020-11-02"),
            Document(
                id: "early", text: "Template paragraph shared by both of these documents word for word.\n\nEarly news.", date: "2020-11-01"),
        ]
        let report = Scanner().scan(documents)
        let stripped = Cleaner.clean(report, documents: documents)
        #expect(stripped.map { String(decoding: $0.text, as: UTF8.self) } == ["Late news.", "Early news."])
        let deduplicated = Cleaner.clean(report, documents: documents, keepFirst: true)
        #expect(String(decoding: deduplicated[0].text, as: UTF8.self) == "Late news.")
        #expect(deduplicated[1].text == documents[1].bytes)
    }
}
