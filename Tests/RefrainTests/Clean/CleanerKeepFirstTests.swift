import Foundation
import Testing

@testable import Refrain

/// `--keep-first` keeps one copy of every recycled sentence, not only of the first
/// document's copy of each family (review 85, case 03).
@Suite struct CleanerKeepFirstTests {
    static let template = [
        "The ministry of transport said on Monday that the coastal highway will stay closed for repairs until the spring.",
        "Engineers found cracks in three of the bridges along the route after the storms of last winter.",
        "Drivers are asked to use the inland road, which adds about forty minutes to the journey north.",
    ]
    static let added = "A spokesman said the contractors had been paid in full and that no further delays were expected by the ministry."

    func text(_ cleaned: CleanedDocument) -> String { String(decoding: cleaned.text, as: UTF8.self) }

    func expectRebuilt(_ cleaned: [CleanedDocument], _ documents: [Document]) {
        for (document, original) in zip(cleaned, documents) {
            #expect(Cleaner.rebuild(cleaned: document.text, removed: document.removed) == original.bytes)
        }
    }

    @Test func aSentenceLaterCopiesAddIsKeptInTheFirstThatHasIt() {
        let paragraph = Self.template.joined(separator: " ")
        let documents = [
            Document(id: "d0", text: "Lead of the first story about a ferry.\n\n\(paragraph)\n"),
            Document(id: "d1", text: "Lead of the second story about a strike.\n\n\(paragraph) \(Self.added)\n"),
            Document(id: "d2", text: "Lead of the third story about the harbour.\n\n\(paragraph) \(Self.added)\n"),
        ]
        let report = Pipeline().scan(documents)
        let addedAt = documents[2].bytes.count - Self.added.utf8.count - 1  // the added sentence, before the last line feed
        #expect(report.documents[2].recycled.contains { $0.start <= addedAt && addedAt < $0.end })
        let cleaned = Cleaner.clean(report, documents: documents, keepFirst: true)
        #expect(text(cleaned[0]).contains(Self.template[0]))
        #expect(text(cleaned[1]) == "Lead of the second story about a strike.\n\n\(Self.added)\n")
        #expect(text(cleaned[2]) == "Lead of the third story about the harbour.\n")
        expectRebuilt(cleaned, documents)
    }

    @Test func aSentenceTheFirstCopyCutIsKeptInTheNextCopy() {
        let short = Self.template[0..<2].joined(separator: " ")
        let whole = Self.template.joined(separator: " ")
        let documents = [
            Document(id: "first", text: "Lead of the first story about a ferry.\n\n\(short)\n", date: "2021-03-01"),
            Document(id: "second", text: "Lead of the second story about a strike.\n\n\(whole)\n", date: "2021-03-02"),
            Document(id: "third", text: "Lead of the third story about the harbour.\n\n\(whole)\n", date: "2021-03-03"),
            Document(id: "fourth", text: "Lead of the fourth story about the rain.\n\n\(whole)\n", date: "2021-03-04"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        let holders = cleaned.indices.filter { text(cleaned[$0]).contains(Self.template[2]) }
        #expect(holders == [1])
        #expect(!text(cleaned[1]).contains(Self.template[0]))
        expectRebuilt(cleaned, documents)
    }

    /// Later copies that each add their own sentence are families of their own; each keeps
    /// its new sentence, and the template is kept once (review 86, case 02).
    @Test func aTemplateIsKeptOnceWhateverFamiliesHoldIt() {
        let paragraph = Self.template.joined(separator: " ")
        let other = "Farmers in the valley said the closure had doubled the cost of taking their produce to the markets in the north."
        let documents = [
            Document(id: "d0", text: "Lead of the first story about a ferry.\n\n\(paragraph)\n"),
            Document(id: "d1", text: "Lead of the second story about a strike.\n\n\(paragraph) \(Self.added)\n"),
            Document(id: "d2", text: "Lead of the third story about the harbour.\n\n\(paragraph) \(Self.added)\n"),
            Document(id: "d3", text: "Lead of the fourth story about the rain.\n\n\(paragraph) \(other)\n"),
            Document(id: "d4", text: "Lead of the fifth story about a market.\n\n\(paragraph) \(other)\n"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        for sentence in Self.template {
            #expect(cleaned.indices.filter { text(cleaned[$0]).contains(sentence) } == [0])
        }
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains(Self.added) } == [1])
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains(other) } == [3])
        // The first copy is kept as it was, the spaces between its sentences too (case 01).
        #expect(text(cleaned[0]) == documents[0].text)
        expectRebuilt(cleaned, documents)
    }

    /// A recycled sentence whose word pairs are scattered over other kept sentences, or
    /// that shares common phrasing with one, is kept once (review 87, case 02); and between
    /// two kept sentences, an edited copy cut out leaves one space (case 01).
    @Test func aSentenceIsHeldOnlyByACopyOfIt() {
        let documents = [
            Document(id: "s1", text: "Local police said the driver was injured in the crash on the coastal road.", date: "2024-01-01"),
            Document(
                id: "s1b", text: "Storms hit the north.\n\nLocal police said the driver was injured in the crash on the coastal road.",
                date: "2024-01-09"),
            Document(id: "s2", text: "Officials said the investigation is expected to take several weeks to complete.", date: "2024-01-01"),
            Document(
                id: "s2b", text: "Prices rose in May.\n\nOfficials said the investigation is expected to take several weeks to complete.",
                date: "2024-01-09"),
            Document(id: "first", text: "Police said the investigation is continuing.", date: "2024-01-02"),
            Document(
                id: "second",
                text:
                    "Two men were arrested after a robbery at a jewellery shop on Main Street.\n\nPolice said the investigation is continuing.",
                date: "2024-01-03"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains("Police said the investigation is continuing.") } == [4])
        expectRebuilt(cleaned, documents)

        let middle = "Officials at the port said the ferries would run again from Thursday morning."
        let edited = Self.template[1].replacingOccurrences(of: "three of the bridges", with: "two bridges")
        let seams = [
            Document(id: "a", text: "Lead of the first story.\n\n\(Self.template[1]) \(middle)\n"),
            Document(id: "b", text: "Lead of the second story.\n\n\(Self.template[1]) \(middle)\n"),
            Document(id: "c", text: "Lead of the third story.\n\n\(Self.template[0]) \(edited) \(Self.added)\n"),
            Document(id: "d", text: "Lead of the fourth story.\n\n\(Self.template[0]) \(edited) \(Self.added)\n"),
        ]
        let kept = Cleaner.clean(Pipeline().scan(seams), documents: seams, keepFirst: true)
        #expect(!text(kept[2]).contains(".A spokesman") && !text(kept[2]).contains("spring.A"))
        expectRebuilt(kept, seams)
    }

    /// A copy read as one sentence with the next, which starts in lower case, still goes;
    /// and the first document keeps its sentences whole where only a phrase of them is
    /// recycled (review 88, cases 07 and 05).
    @Test func theFirstDocumentKeepsItsSentencesWholeAndLaterCopiesGo() {
        let copy = "Officials said the new rules for city buses would take effect next spring."
        let documents = [
            Document(id: "a", text: "Transit news from the capital.\n\n\(copy)", date: "2024-01-01"),
            Document(
                id: "b",
                text:
                    "Transit news from the suburbs.\n\n\(copy) de Blasio, the former mayor of New York, said on Tuesday that he would not run again.",
                date: "2024-01-02"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains(copy) } == [0])
        #expect(text(cleaned[1]).contains("de Blasio, the former mayor"))
        expectRebuilt(cleaned, documents)

        // The reviewer's three documents: edited copies of three sentences.
        let partly = [
            Document(
                id: "first",
                text:
                    "The council said on monday that new rules for city buses would take effect. Next spring after long public hearings officials added drivers unions have opposed plan. Which includes longer shifts fewer breaks and lower overtime pay mayor expected sign it into.",
                date: "2024-01-01"),
            Document(
                id: "second",
                text:
                    "The council said on law this week rules despite strong buses protests take effect. Next spring after long from hearings officials added drivers unions have opposed plan. Riders groups who say service will suffer across northern districts while budget office estimates.",
                date: "2024-01-02"),
            Document(
                id: "third",
                text:
                    "The council said on monday this savings million despite city buses protests dollars effect. Which includes longer year fewer breaks and lower overtime pay mayor expected sign it into.",
                date: "2024-01-03"),
        ]
        let report = Pipeline().scan(partly)
        #expect(!report.documents[0].recycled.isEmpty)
        let kept = Cleaner.clean(report, documents: partly, keepFirst: true)
        #expect(text(kept[0]) == partly[0].text)
        expectRebuilt(kept, partly)
    }

    /// A kept sentence grown by a clause later copies share: the clause is kept once, where
    /// it first appears; and an exact duplicate keeps nothing (review 89, cases 01 and 03).
    @Test func aClauseGrownOnAKeptSentenceIsKeptOnce() {
        let short = "The council met on Monday to discuss the budget."
        let grown =
            "The council met on Monday to discuss the budget and voted to close three rural schools after a long and heated debate with parents."
        let documents = [
            Document(id: "a", text: "\(short)\n\nOther news today in the town was quiet and sunny.", date: "2024-01-01"),
            Document(id: "a2", text: "Cats and dogs were seen in the park by many people.\n\n\(short)", date: "2024-01-01"),
            Document(id: "b", text: "Local weather stayed warm all week long here.\n\n\(grown)", date: "2024-01-02"),
            Document(id: "c", text: "A different story about sports and football scores.\n\n\(grown)", date: "2024-01-03"),
            Document(id: "c2", text: "A different story about sports and football scores.\n\n\(grown)", date: "2024-01-04"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains("voted to close three rural schools") } == [2])
        #expect(cleaned.indices.filter { text(cleaned[$0]).contains("discuss the budget") } == [0])
        #expect(text(cleaned[4]).isEmpty)
        expectRebuilt(cleaned, documents)
    }

    @Test func anEditedSentenceStillGoes() {
        let paragraph = Self.template.joined(separator: " ")
        let edited = paragraph.replacingOccurrences(of: "about forty minutes", with: "nearly an hour")
        let documents = [
            Document(id: "d0", text: "Lead of the first story about a ferry.\n\n\(paragraph)\n"),
            Document(id: "d1", text: "Lead of the second story about a strike.\n\n\(edited)\n"),
            Document(id: "d2", text: "Lead of the third story about the harbour.\n\n\(edited)\n"),
        ]
        let cleaned = Cleaner.clean(Pipeline().scan(documents), documents: documents, keepFirst: true)
        #expect(text(cleaned[1]) == "Lead of the second story about a strike.\n")
        #expect(text(cleaned[2]) == "Lead of the third story about the harbour.\n")
        expectRebuilt(cleaned, documents)
    }
}
