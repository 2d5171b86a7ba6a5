import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ClustersTests {
    /// Tokens covered for a viewing document: runs whose partner is another document.
    func covered(_ runs: [Coverage], viewing document: UInt32, counts: (UInt32) -> Bool) -> Set<UInt32> {
        var tokens = Set<UInt32>()
        for run in runs where run.partnerDocument != document && counts(run.anchor) {
            for token in run.start..<run.end { tokens.insert(token) }
        }
        return tokens
    }

    /// A template's first copy verified against 2,000 near-copies: a few intervals, same coverage.
    @Test func compactionKeepsCoverageAndBoundsRuns() {
        var random = SeededGenerator(seed: 5)
        var runs: [Coverage] = []
        for partner in 1...2000 {
            // Each near-copy changed one word: the run splits around it.
            let changed = UInt32.random(in: 5..<75, using: &random)
            runs.append(Coverage(segment: 0, start: 0, end: changed, partnerDocument: UInt32(partner), anchor: 0))
            runs.append(Coverage(segment: 0, start: changed + 1, end: 80, partnerDocument: UInt32(partner), anchor: 0))
        }
        runs.append(Coverage(segment: 0, start: 90, end: 95, partnerDocument: 0, anchor: 0))  // a repeat in its own document
        runs.append(Coverage(segment: 1, start: 0, end: 10, partnerDocument: 3, anchor: 1))  // a family that does not count
        let counts = { (anchor: UInt32) in anchor == 0 }
        let compacted = Clusters.compact(runs, documentOf: { _ in 0 }, countsAsRecycled: counts)
        #expect(compacted.count <= 8)
        // Exact for the segment's own document and any document that is not a partner; a
        // pooled partner viewing an exact copy may see its own runs counted (documented).
        for viewing: UInt32 in [0, 1, 2, 9999] {
            let after = covered(compacted, viewing: viewing, counts: counts)
            let before = covered(runs, viewing: viewing, counts: counts)
            #expect(
                after == before,
                "viewing \(viewing): \(after.subtracting(before).sorted()) added, \(before.subtracting(after).sorted()) lost")
        }
        #expect(compacted.filter { $0.segment == 1 }.count == 1)
    }

    /// The definition `compact` implements (its first version, with a dictionary per segment).
    func referenceCompact(_ runs: [Coverage], documentOf: (UInt32) -> UInt32, countsAsRecycled: (UInt32) -> Bool) -> [Coverage] {
        var result: [Coverage] = []
        var index = 0
        while index < runs.count {
            var end = index
            while end < runs.count, runs[end].segment == runs[index].segment { end += 1 }
            let own = documentOf(runs[index].segment)
            var kept: [UInt32] = []
            var groups: [UInt64: (anchor: UInt32, intervals: [(UInt32, UInt32)])] = [:]
            for run in runs[index..<end] {
                var partner = run.partnerDocument
                if partner != own, !kept.contains(partner) {
                    if kept.count < 2 { kept.append(partner) } else { partner = Clusters.otherDocuments }
                }
                let key = UInt64(partner) << 1 | (countsAsRecycled(run.anchor) ? 1 : 0)
                groups[key, default: (run.anchor, [])].intervals.append((run.start, run.end))
            }
            for key in groups.keys.sorted() {
                var merged: [(UInt32, UInt32)] = []
                for interval in groups[key]!.intervals.sorted(by: { $0.0 < $1.0 }) {
                    if let last = merged.last, interval.0 <= last.1 {
                        merged[merged.count - 1].1 = max(last.1, interval.1)
                    } else {
                        merged.append(interval)
                    }
                }
                for (start, stop) in merged {
                    result.append(
                        Coverage(
                            segment: runs[index].segment, start: start, end: stop, partnerDocument: UInt32(truncatingIfNeeded: key >> 1),
                            anchor: groups[key]!.anchor))
                }
            }
            index = end
        }
        return result
    }

    /// Random runs over a few segments, partners and anchors: the counting sort and the
    /// compaction give what the definition gives, run for run.
    @Test func compactionMatchesItsDefinition() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let segments = Int.random(in: 1...6, using: &random)
            let runs = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                let start = UInt32.random(in: 0..<30, using: &random)
                return Coverage(
                    segment: UInt32.random(in: 0..<UInt32(segments), using: &random), start: start,
                    end: start + UInt32.random(in: 1...8, using: &random), partnerDocument: UInt32.random(in: 0..<5, using: &random),
                    anchor: UInt32.random(in: 0..<4, using: &random))
            }
            let sorted = Clusters.sortedBySegment(runs, segments: segments)
            #expect(sorted.map(\.segment) == runs.map(\.segment).sorted())
            #expect(
                sorted.map(\.start)
                    == runs.enumerated().sorted { ($0.element.segment, $0.offset) < ($1.element.segment, $1.offset) }.map(\.element.start))
            let documentOf = { (segment: UInt32) in segment % 3 }
            let counts = { (anchor: UInt32) in anchor != 2 }
            let compacted = Clusters.compact(sorted, documentOf: documentOf, countsAsRecycled: counts)
            let expected = referenceCompact(sorted, documentOf: documentOf, countsAsRecycled: counts)
            #expect(
                compacted.map { [$0.segment, $0.start, $0.end, $0.partnerDocument, $0.anchor] }
                    == expected.map { [$0.segment, $0.start, $0.end, $0.partnerDocument, $0.anchor] })
        }
    }

    /// A family's representative is text copied word for word, not one document's own
    /// paragraph: a template paragraph in five documents whose first sentence a sixth
    /// document alone holds with another one, or a template sentence whose paragraphs each
    /// hold their document's new sentence (review 50, finding 3).
    @Test(arguments: [false, true])
    func representativeIsACopiedTextNotOneDocumentsParagraph(newSentences: Bool) throws {
        let template = "The regional authority was created in 1994 to oversee water supply across the four northern districts."
        let second = "Engineers from three companies have worked on the design of the new plant since early spring."
        let third = "It is funded by a levy on household bills and reports to the state ministry every quarter."
        let news = [
            "In the past week, engineers found cracks in the main dam near Holten.",
            "In the statement, the ministry praised her record on drought planning.",
            "The increase was approved after a long and heated council debate.",
            "The closures affect about nine thousand homes in the eastern suburbs.",
            "Residents were told to boil their water until Friday at the earliest.",
        ]
        var documents = news.indices.map { index in
            Document(
                id: "d\(index)",
                text: "Lead \(index) about the valley.\n\n"
                    + (newSentences ? "\(template) \(news[index])" : "\(template) \(second) \(third)") + "\n")
        }
        let lone = "\(template) \(third)"
        if !newSentences { documents.append(Document(id: "lone", text: "A lead.\n\n\(lone)\n")) }
        let report = Pipeline().scan(documents)
        let families = report.families.filter { $0.text.contains("regional authority") }
        #expect(!families.isEmpty)
        for family in families {
            #expect(family.text != lone, "\(family.text)")
            #expect(!news.contains { family.text.contains($0) }, "\(family.text)")
        }
    }

    /// Two template sentences around each document's own new sentence, in one paragraph:
    /// the paragraphs are the family's members, so the second sentence is in a member too
    /// and `diff` gives every recycled piece a family (review 53: "no reported family").
    @Test func twoCopiedSentencesInAParagraphKeepItsCopies() throws {
        let first = "The company was founded in 1950 by two brothers from Leeds."
        let last = "Its headquarters are still in the city of Leeds today."
        let news = [
            "Sales fell in Europe.", "Its shares slipped.", "Costs went up again.", "Analysts were surprised.", "Unions plan a strike.",
        ]
        let documents = news.enumerated().map { index, new in
            Document(id: "d\(index)", text: "Lead \(index) about a retailer.\n\n\(first) \(new) \(last)\n")
        }
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first)
        #expect(family.members.count == documents.count)
        // Not yet the representative's own document, whose paragraph is not a member.
        for index in documents.indices where index != family.representative.document {
            let diff = DocumentDiff(report: report, documents: documents, index: index)
            let recycled = diff.paragraphs[1].pieces.filter(\.isRecycled)
            #expect(recycled.count == 2 && recycled.allSatisfy { $0.family != nil }, "\(diff.render(width: 100))")
        }
    }

    /// A template sentence that one document's paragraph repeats is a member each time, so
    /// `diff` names the family for both copies, not "no reported family" for the second
    /// (review 85, case 7); also when the sentence's first copy is a paragraph of its own,
    /// the document repeating it last (review 91, case 5).
    @Test(arguments: [false, true])
    func aSentenceRepeatedInItsParagraphIsAMemberEachTime(repeatingLast: Bool) throws {
        let sentence =
            "Reporting was contributed by staff writers in Washington and London who followed the negotiations closely."
        var documents = [
            Document(id: "a", text: "Talks resumed on Monday.\n\n\(sentence) \(sentence)\n\nNo date was set for the next round.\n"),
            Document(id: "b", text: "Markets rose on the news.\n\n\(sentence)\n"),
            Document(id: "c", text: "Diplomats were cautious.\n\n\(sentence)\n"),
        ]
        if repeatingLast { documents.append(documents.removeFirst()) }
        let repeating = repeatingLast ? 2 : 0
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first)
        #expect(family.members.filter { $0.document == repeating }.count == 2, "\(family.members)")
        let diff = DocumentDiff(report: report, documents: documents, index: repeating)
        let recycled = diff.paragraphs[1].pieces.filter(\.isRecycled)
        #expect(!recycled.isEmpty && recycled.allSatisfy { $0.family != nil }, "\(diff.render(width: 100))")
    }

    /// The representative is the text the most documents carry: one live blog repeating its
    /// own extended copy three times does not outvote three documents (review 60, case 8).
    @Test func representativeIsInTheMostDocumentsNotTheMostCopies() throws {
        let template =
            "The company, founded in 1998 by two graduate students, employs more than 180,000 people in 50 countries and reported record revenue last year."
        let extended = template.dropLast() + ", its best result ever."
        var documents = [
            Document(
                id: "a", text: "Live blog.\n\n10:00 Open.\n\n\(extended)\n\n11:00 React.\n\n\(extended)\n\n12:00 Speak.\n\n\(extended)\n")
        ]
        for (index, lead) in ["A chatbot launched.", "Regulators opened an inquiry.", "Workers formed a union."].enumerated() {
            documents.append(Document(id: "d\(index)", text: "\(lead)\n\n\(template)\n"))
        }
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first)
        #expect(family.text == template, "\(family.text)")
        #expect(family.representative.document != 0)
    }

    /// When every copy is one document's own (one adds a sentence, one changes a figure),
    /// the representative is the earliest of the median length, not the first copy with its
    /// document's new sentence (review 60, case 4).
    @Test func representativeOfSingleCopiesIsTheMedianLength() throws {
        let template =
            "The conflict between the two countries began in 1988 when one made territorial claims against the other. As a result of the ensuing war, in 1992 its armed forces occupied 20 percent of the territory, including the region and seven surrounding districts."
        let added = "Two civilians were killed in Tartar on Sunday, the prosecutor general said in a statement."
        let documents = [
            Document(id: "a", text: "Lead A: shelling overnight.\n\n\(template) \(added)\n"),
            Document(id: "b", text: "Lead B: a ceasefire collapsed.\n\n\(template)\n"),
            Document(
                id: "c", text: "Lead C: refugees arrived.\n\n\(template.replacingOccurrences(of: "20 percent", with: "21 percent"))\n"),
        ]
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first { $0.text.contains("ensuing war") })
        #expect(!family.text.contains(added), "\(family.text)")
        #expect(family.text == template)
    }
}
