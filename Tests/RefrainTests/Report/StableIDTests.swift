import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct StableIDTests {
    /// A family's copies as (document id, start, end): what "unchanged" means across two scans.
    func copies(of family: Family, in report: ScanReport) -> [String] {
        family.members.map { "\(report.documents[$0.document].id) \($0.span.start) \($0.span.end)" }
    }

    /// Adding one draft that creates a new family (and so reorders the ranking) keeps the id
    /// of every family whose copies are unchanged.
    @Test func addingADraftKeepsTheIDsOfUnchangedFamilies() throws {
        let before = sampleReport
        // The draft repeats a novel paragraph of 002_… twice over: a new family of 2 documents
        // ranked among the others, and text of its own around it.
        let document = try #require(before.document("002_5fffdb631f7317c3.txt"))
        let novel = try #require(document.paragraphs.last { $0.label == .novel && $0.span.count > 200 })
        let copied = String(decoding: sampleCorpus.documents[document.index].bytes[novel.span.range], as: UTF8.self)
        let draft = Document(id: "draft.txt", text: "Draft headline about something else entirely today\n\n\(copied)\n")
        var corpus = sampleCorpus
        corpus.documents.insert(draft, at: 0)
        let after = Pipeline().scan(corpus.documents)
        #expect(after.families.count == before.families.count + 1)

        var unchanged = 0
        var moved = 0
        for (position, family) in before.families.enumerated() {
            let key = copies(of: family, in: before)
            guard let same = after.families.firstIndex(where: { copies(of: $0, in: after) == key }) else { continue }
            unchanged += 1
            #expect(after.families[same].id == family.id, "family \(family.id) renumbered")
            if same != position { moved += 1 }
        }
        #expect(unchanged == before.families.count)
        // Ranks moved (numbering by rank would have renumbered them); ids did not.
        #expect(moved > 0)
        // Paragraphs name their family by the same id.
        for documentReport in after.documents {
            for paragraph in documentReport.paragraphs {
                if let id = paragraph.family { #expect(after.family(id) != nil) }
            }
        }
    }

    /// The id is the representative's normalized words: case, punctuation and spacing do not
    /// change it; a word does.
    @Test func idFollowsNormalizedWords() {
        let id = Family.stableID(ofText: "Follow us on Twitter @AzerNewsAz")
        #expect(Family.stableID(ofText: "follow  us on twitter, AzerNewsAz!") == id)
        #expect(Family.stableID(ofText: "Follow us on Facebook @AzerNewsAz") != id)
        #expect(id >= 1 && id <= 0xFFFF_FFFF)
    }

    /// Two families with the same text still get distinct ids, and paragraphs are renumbered with them.
    @Test func collidingFamiliesGetDistinctIDs() throws {
        var families = sampleReport.families
        let first = families[0]
        var twin = families[1]
        twin.text = first.text
        families[1] = twin
        for index in families.indices { families[index].id = index + 1 }
        let report = ScanReport(
            configuration: sampleReport.configuration, parameters: sampleReport.parameters, documents: [], families: families)
        #expect(Set(report.families.map(\.id)).count == families.count)
        let ids = report.families.prefix(2).map(\.id).sorted()
        #expect(ids[1] == ids[0] + 1)
        #expect(ids[0] == Family.stableID(ofText: first.text))
    }
}
