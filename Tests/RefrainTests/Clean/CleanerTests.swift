import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

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
        #expect(cleaned[index].removed.allSatisfy { $0.isWhitespace || $0.family != nil })
    }

    @Test func rebuildKeepsInvalidUTF8ThroughBase64() throws {
        let removed = [RemovedSpan(span: ByteRange(2, 5), family: 1, bytes: [0xFF, 0x41, 0xC3])]
        let parsed = try CleanManifest.parse(CleanManifest.line(id: "x", output: "x", line: nil, originalBytes: 7, removed: removed))
        #expect(parsed.removed == removed)
        #expect(Cleaner.rebuild(cleaned: Array("abcd".utf8), removed: parsed.removed) == [0x61, 0x62, 0xFF, 0x41, 0xC3, 0x63, 0x64])
    }

    /// A template sentence ending one paragraph and another starting the next are cut as
    /// one group; the novel text around them stays two paragraphs (it was joined by a space).
    @Test func novelTextOnBothSidesOfACutAcrossParagraphsKeepsTheBreak() {
        let first =
            "The ministry of transport announced on Monday that the coastal highway will stay closed for repairs until further notice."
        let second =
            "Officials urged drivers to use the inland route and to check the traffic website before travelling during the holiday period."
        var documents = (1...3).map { number in
            Document(id: "t\(number)", text: "Lead \(number) about a ferry.\n\n\(first)\n\n\(second)\n\nStory \(number) ends here.\n")
        }
        documents.append(
            Document(id: "t4", text: "Farmers gathered pumpkins at dawn. \(first)\n\n\(second) Violins played softly in the old barn.\n"))
        let report = Pipeline().scan(documents)
        let cleaned = Cleaner.clean(report, documents: documents)
        #expect(
            String(decoding: cleaned[3].text, as: UTF8.self)
                == "Farmers gathered pumpkins at dawn.\n\nViolins played softly in the old barn.\n")
        #expect(String(decoding: cleaned[0].text, as: UTF8.self) == "Lead 1 about a ferry.\n\nStory 1 ends here.\n")
        for (index, document) in cleaned.enumerated() {
            #expect(Cleaner.rebuild(cleaned: document.text, removed: document.removed) == documents[index].bytes)
        }
    }

    /// The same with one line break between paragraphs and no blank line, as JSON Lines news
    /// keeps them: the line break stays (review 80, case 3).
    @Test func aCutAcrossLinesOfATextWithoutBlankLinesKeepsTheBreak() {
        let template = "The ministry said the measures would take effect at the start of next month after parliament approves them."
        var documents = ["Unrelated story about a museum opening.", "Another story about school budgets."].enumerated().map {
            Document(id: "t\($0.offset)", text: "\($0.element)\n\(template)")
        }
        documents.append(
            Document(
                id: "a",
                text:
                    "Farmers protested in the capital on Tuesday over fuel prices. \(template)\n\(template) Police closed two bridges near the harbor."
            ))
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents)
        #expect(
            String(decoding: cleaned[2].text, as: UTF8.self)
                == "Farmers protested in the capital on Tuesday over fuel prices.\nPolice closed two bridges near the harbor.")
        #expect(Cleaner.rebuild(cleaned: cleaned[2].text, removed: cleaned[2].removed) == documents[2].bytes)
    }

    /// A cut between two no-break or ideographic spaces keeps one, as between two spaces
    /// (review 68, case 10); so does one between two `&nbsp;` (review 113, f5).
    @Test(arguments: ["\u{A0}", "\u{3000}", "\u{2009}", "&nbsp;", "&#160;"])
    func aCutBetweenUnicodeSpacesKeepsOne(space: String) {
        let template = "The ministry of transport announced on Monday that the coastal highway will stay closed for repairs."
        var documents = (1...3).map { Document(id: "t\($0)", text: "Lead \($0) about a ferry.\n\n\(template)\n") }
        documents.append(Document(id: "n", text: "Farmers met this morning.\(space)\(template)\(space)A school closed.\n"))
        let report = Pipeline().scan(documents)
        let cleaned = Cleaner.clean(report, documents: documents)
        #expect(String(decoding: cleaned[3].text, as: UTF8.self) == "Farmers met this morning.\(space)A school closed.\n")
        #expect(Cleaner.rebuild(cleaned: cleaned[3].text, removed: cleaned[3].removed) == documents[3].bytes)
    }

    @Test func keepFirstKeepsOneCopyOfEachFamily() {
        let documents = [
            Document(
                id: "late", text: "Template paragraph shared by both of these documents word for word.\n\nLate news.", date: "2020-11-02"),
            Document(
                id: "early", text: "Template paragraph shared by both of these documents word for word.\n\nEarly news.", date: "2020-11-01"),
        ]
        let report = Pipeline().scan(documents)
        let stripped = Cleaner.clean(report, documents: documents)
        #expect(stripped.map { String(decoding: $0.text, as: UTF8.self) } == ["Late news.", "Early news."])
        let deduplicated = Cleaner.clean(report, documents: documents, keepFirst: true)
        #expect(String(decoding: deduplicated[0].text, as: UTF8.self) == "Late news.")
        #expect(deduplicated[1].text == documents[1].bytes)
    }
}

/// `--keep-edits`: the words a near-copy alone has stay; a variant's words several documents
/// share still go.
@Suite struct CleanerEditsTests {
    static func sentence(_ company: String, _ figure: String) -> String {
        "The board of \(company) said on Monday that its quarterly profit rose to \(figure) million dollars, "
            + "up from a year earlier, beating the forecasts of most analysts who follow the company."
    }

    static let documents: [Document] = {
        var documents: [Document] = []
        for (index, company) in ["Acme Widget Works", "Acme Widget Works", "Acme Widget Works", "Globex Harbour", "Globex Harbour"]
            .enumerated()
        {
            documents.append(
                Document(id: "d\(index)", text: "Lead \(index) about river number \(index * 31).\n\n" + sentence(company, "4.1")))
        }
        documents.append(
            Document(
                id: "edited",
                text: "Lead about a hard quarter.\n\n"
                    + sentence("Globex Harbour", "4.1").replacingOccurrences(of: "profit rose to 4.1", with: "loss widened to 9.7")))
        return documents
    }()

    @Test func theWordsACopyAloneHasStayAndVariantsSharedStillGo() throws {
        let report = Pipeline().scan(Self.documents)
        let family = try #require(report.families.first { $0.text.contains("quarterly") })
        #expect(family.documents == 6)
        let stripped = Cleaner.clean(report, documents: Self.documents)
        let kept = Cleaner.clean(report, documents: Self.documents, keepEdits: true)
        let text = { (cleaned: CleanedDocument) in String(decoding: cleaned.text, as: UTF8.self) }
        #expect(text(stripped[5]) == "Lead about a hard quarter.")
        #expect(text(kept[5]) == "Lead about a hard quarter.\n\nloss widened 9.7", "\(text(kept[5]))")
        // Copies of shared variants lose the same with and without the flag.
        for index in 0..<5 { #expect(kept[index].text == stripped[index].text, "\(index)") }
        for (index, cleaned) in kept.enumerated() {
            #expect(Cleaner.rebuild(cleaned: cleaned.text, removed: cleaned.removed) == Self.documents[index].bytes)
        }
        // The threads share families: the same answer.
        #expect(Cleaner.editsKept(report, documents: Self.documents, jobs: 3) == Cleaner.editsKept(report, documents: Self.documents))
    }

    /// An edited paragraph that its article repeats is a variant of two copies, both in that
    /// article: its own words stay in each.
    @Test func anEditTheArticleRepeatsStaysInEachCopy() throws {
        let edited = Self.sentence("Globex Harbour", "4.1").replacingOccurrences(of: "profit rose to 4.1", with: "deficit narrowed to 2.3")
        let documents = Self.documents + [Document(id: "twice", text: "A second lead.\n\n" + edited + "\n\nIn between.\n\n" + edited)]
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first { $0.text.contains("quarterly") })
        #expect(family.variants.contains { $0.member.document == 6 && $0.copies == 2 })
        let kept = Cleaner.clean(report, documents: documents, keepEdits: true)
        let text = String(decoding: kept[6].text, as: UTF8.self)
        #expect(text == "A second lead.\n\ndeficit narrowed 2.3\n\nIn between.\n\ndeficit narrowed 2.3", "\(text)")
        #expect(Cleaner.rebuild(cleaned: kept[6].text, removed: kept[6].removed) == documents[6].bytes)
        // The copy that one other article has alone is kept as before.
        #expect(String(decoding: kept[5].text, as: UTF8.self) == "Lead about a hard quarter.\n\nloss widened 9.7")
    }
}

/// `--keep-edits` on figures and on families of many variants (a helper's findings): a figure
/// is kept whole, and a name that variants in several documents share goes.
@Suite struct CleanerEditsFigureTests {
    static func sentence(_ company: String, _ share: String, _ money: String, _ count: String) -> String {
        "Shares of \(company) rose \(share) in early trading on Monday after the group said its revenue reached \(money) "
            + "and it shipped \(count) units to customers across the region in the quarter."
    }

    @Test func figuresStayWholeAndSharedNamesGo() throws {
        let companies = ["Acme Works", "Acme Works", "Acme Works", "Zeta Corp", "Zeta Corp", "Zeta Corp", "Orbit Lines", "Orbit Lines"]
        let figures = [
            ("4.1%", "$3.2bn", "1,120"), ("4.1%", "$3.2bn", "1,120"), ("4.1%", "$3.2bn", "1,120"), ("4.7%", "$4.2bn", "1,239"),
            ("5.3%", "$5.9bn", "2,004"), ("6.8%", "$6.1bn", "3,317"), ("4.1%", "$3.2bn", "1,120"), ("4.1%", "$3.2bn", "1,120"),
        ]
        let documents = zip(companies, figures).enumerated().map { index, pair in
            Document(
                id: "d\(index)",
                text: "Lead \(index) about river number \(index * 31).\n\n" + Self.sentence(pair.0, pair.1.0, pair.1.1, pair.1.2))
        }
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first { $0.text.contains("revenue") })
        #expect(family.documents == 8)
        let kept = Cleaner.clean(report, documents: documents, keepEdits: true)
        let text = kept.map { String(decoding: $0.text, as: UTF8.self) }
        // Zeta's three copies each keep their own figures, whole, and not the name they share.
        #expect(text[3] == "Lead 3 about river number 93.\n\n4.7% $4.2bn 1,239", "\(text[3])")
        #expect(text[4] == "Lead 4 about river number 124.\n\n5.3% $5.9bn 2,004", "\(text[4])")
        #expect(!text[5].contains("Zeta"))
        // Copies of shared variants keep nothing of them.
        for index in [0, 1, 2, 6, 7] { #expect(text[index] == "Lead \(index) about river number \(index * 31).", "\(text[index])") }
        for (index, cleaned) in kept.enumerated() {
            #expect(Cleaner.rebuild(cleaned: cleaned.text, removed: cleaned.removed) == documents[index].bytes)
        }
    }
}

@Suite struct CleanerExactnessTests {
    static let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2026)
    static let report = Pipeline().scan(corpus.documents)

    /// Checks that a cleaning removed exactly the report's recycled spans plus white space.
    func expectExact(_ report: ScanReport, _ documents: [Document]) {
        let cleaned = Cleaner.clean(report, documents: documents)
        #expect(cleaned.reduce(0) { $0 + $1.recycledBytesRemoved } == report.recycledBytes)
        for document in cleaned {
            let bytes = documents[document.index].bytes
            #expect(document.removed.filter { !$0.isWhitespace }.map(\.span) == report.documents[document.index].recycled)
            for removal in document.removed where removal.isWhitespace {
                #expect(removal.bytes.allSatisfy(ByteClass.isSpace))
            }
            #expect(Cleaner.rebuild(cleaned: document.text, removed: document.removed) == bytes)
        }
    }

    @Test func removesExactlyTheRecycledSpansOfAGeneratedCorpus() {
        expectExact(Self.report, Self.corpus.documents)
    }

    @Test func removesExactlyTheRecycledSpansOfTheSamples() {
        expectExact(sampleReport, sampleCorpus.documents)
    }

    @Test func aNovelSentenceInATemplateParagraphStays() {
        let shared = "The conflict between the two countries began in 1988 when the region declared independence from the republic."
        let extra = "In September 2013, the Andre Agassi Foundation opened a school in the valley with new funding."
        let documents = [
            Document(id: "a", text: "Story one about roads and bridges.\n\n\(shared) \(extra)\n"),
            Document(id: "b", text: "Story two about markets.\n\n\(shared)\n"),
            Document(id: "c", text: "Story three about the weather.\n\n\(shared)\n"),
        ]
        let report = Pipeline().scan(documents)
        let cleaned = Cleaner.clean(report, documents: documents)
        #expect(String(decoding: cleaned[0].text, as: UTF8.self) == "Story one about roads and bridges.\n\n\(extra)\n")
        #expect(String(decoding: cleaned[1].text, as: UTF8.self) == "Story two about markets.\n")
    }

    /// Under `--keep-first`, every sentence of every family copy is still in the output:
    /// most of its word pairs are in the cleaned text of its document or of one published
    /// before it; and the first document holding copies keeps them whole.
    @Test(arguments: [false, true]) func keepFirstKeepsEverySentenceOfEveryCopy(samples: Bool) {
        let (report, documents) = samples ? (sampleReport, sampleCorpus.documents) : (Self.report, Self.corpus.documents)
        let cleaned = Cleaner.clean(report, documents: documents, keepFirst: true)
        #expect(!report.families.isEmpty)
        func pairs(_ text: some StringProtocol) -> [String] {
            let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
            return zip(words, words.dropFirst()).map { "\($0) \($1)" }
        }
        let order = report.documents.indices.sorted { report.isPublished($0, before: $1) }
        var keptSoFar = Set<String>()
        var checked = 0
        for document in order {
            keptSoFar.formUnion(pairs(String(decoding: cleaned[document].text, as: UTF8.self)))
            let bytes = documents[document].bytes
            for family in report.families {
                for member in family.members where member.document == document {
                    // The member's sentences, or the member itself when it is one.
                    let inside = report.documents[document].paragraphs.flatMap(\.sentences).filter {
                        $0.start >= member.span.start && $0.end <= member.span.end
                    }
                    for sentence in inside.isEmpty ? [member.span] : inside {
                        let own = pairs(String(decoding: bytes[sentence.range], as: UTF8.self))
                        guard !own.isEmpty else { continue }
                        checked += 1
                        #expect(2 * own.filter(keptSoFar.contains).count >= own.count, "a sentence of family \(family.id) is lost")
                    }
                }
            }
        }
        #expect(checked > 0)
        let first = order.first { document in report.families.contains { $0.members.contains { $0.document == document } } }!
        for family in report.families {
            for member in family.members where member.document == first {
                let copy = String(decoding: documents[first].bytes[member.span.range], as: UTF8.self)
                #expect(String(decoding: cleaned[first].text, as: UTF8.self).contains(copy))
            }
        }
    }

    @Test(arguments: [false, true]) func everyRemovedSpanListsEveryFamilyItCovers(samples: Bool) throws {
        let (report, documents) = samples ? (sampleReport, sampleCorpus.documents) : (Self.report, Self.corpus.documents)
        let cleaned = Cleaner.clean(report, documents: documents)
        let copies = report.familyCopiesByDocument()
        var multiple = 0
        for document in cleaned {
            for removal in document.removed where !removal.isWhitespace {
                let covered = Set(
                    copies[document.index].filter { $0.span.start < removal.span.end && removal.span.start < $0.span.end }.map(\.family))
                #expect(Set(removal.families) == covered)
                if covered.count > 1 { multiple += 1 }
            }
            let line = CleanManifest.line(id: "x", output: "x", line: nil, originalBytes: 0, removed: document.removed)
            #expect(try CleanManifest.parse(line).removed == document.removed)
        }
        if samples { #expect(multiple > 0) }
    }

    @Test func cleaningCostsLessThanTheScan() {
        // 20,000 documents sharing one family: rebuilding every document's family copies
        // per document is 400 million copy visits, far more than the scan's work; cleaning
        // once is a few passes over the report. Compared with the scan on the same machine
        // and moment, not with a fixed time.
        let shared = "Follow the agency on every network for more news about the region and the world today."
        let documents = (0..<20_000).map { Document(id: "\($0)", text: "Item \($0) novel words here \($0 * 7).\n\n\(shared)") }
        let clock = ContinuousClock()
        var report: ScanReport?
        let scanning = clock.measure { report = Pipeline().scan(documents) }
        var cleaned: [CleanedDocument] = []
        let cleaning = clock.measure { cleaned = Cleaner.clean(report!, documents: documents) }
        #expect(cleaning < scanning, "clean \(cleaning) against scan \(scanning)")
        #expect(cleaned.count == documents.count)
        #expect(cleaned.allSatisfy { !String(decoding: $0.text, as: UTF8.self).contains("Follow the agency") })
    }

    @Test func cleaningADocumentOfManyCopiesCostsLessThanTheScan() {
        // One document of 20,000 copies of a paragraph, each a family copy: looking up each
        // cut's families among all the document's copies is 400 million visits; walking the
        // copies in order beside the cuts is one pass. Compared with the scan, not a fixed time.
        let shared = "Follow the agency on every network for more news about the region and the world today."
        let long = (0..<20_000).map { "\(shared) Part \($0) of the feed." }.joined(separator: "\n\n")
        let documents = [
            Document(id: "long", text: long), Document(id: "short", text: "A novel opening line.\n\n\(shared) Part 7 of the feed."),
        ]
        let clock = ContinuousClock()
        var report: ScanReport?
        let scanning = clock.measure { report = Pipeline().scan(documents) }
        var cleaned: [CleanedDocument] = []
        let cleaning = clock.measure { cleaned = Cleaner.clean(report!, documents: documents) }
        #expect(cleaning < scanning, "clean \(cleaning) against scan \(scanning)")
        #expect(cleaned[0].removed.filter { !$0.isWhitespace }.count >= 20_000)
        #expect(cleaned[0].removed.allSatisfy { $0.isWhitespace || !$0.families.isEmpty })
    }
}
