import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct DocumentDiffTests {
    let index = sampleReport.documents.firstIndex { $0.id.hasPrefix("000") }!

    @Test func plainDiffOfASampleMatchesGolden() throws {
        let text = DocumentDiff(report: sampleReport, documents: sampleCorpus.documents, index: index).render(width: 100)
        #expect(try matchesGolden(text, "diff-000.txt"))
    }

    @Test func readerSeesTheMissingWordAndTheNovelSentence() {
        let diff = DocumentDiff(report: sampleReport, documents: sampleCorpus.documents, index: index)
        let text = diff.render(width: 100)
        #expect(text.contains("As a result of the ensuing war, [-the-]"))
        #expect(text.contains("+ Currently, Azerbaijan continues the liberation"))
        #expect(text.contains("= Azerbaijan responded with a counter-offensive along the entire front."))
        let partial = diff.paragraphs.first { $0.label == .partial }!
        #expect(partial.pieces.map(\.isRecycled) == [true, true, false])
        #expect(partial.pieces.compactMap(\.documents) == [3, 3])
    }

    @Test func plainFamiliesMatchGolden() throws {
        let text = FamilyListing(report: sampleReport, documents: sampleCorpus.documents).render(width: 100)
        #expect(try matchesGolden(text, "families.txt"))
    }

    @Test func familiesListVariantsWithTheirDifferences() {
        let listing = FamilyListing(report: sampleReport, documents: sampleCorpus.documents)
        let conflict = listing.entries.first { $0.family.text.hasPrefix("The conflict between") }!
        #expect(conflict.variants.count == 1)
        #expect(conflict.variants[0].diff.markedText.contains("war, [-the-] Armenian"))
        #expect(conflict.variants[0].document.hasPrefix("000"))
        #expect(conflict.documentIDs.count == 3)
    }

    /// The text listing compares only the variants it shows, on several threads, and
    /// says the same as when every variant is compared on one.
    @Test func familiesCompareOnlyTheVariantsShown() throws {
        let names = ["Leldouldrul News", "Stirkdryk Times", "Oxbow Gazette", "Pellmar Daily"]
        let documents = (0..<12).map { index in
            let name = names[index % names.count]
            return Document(
                id: "story-\(index)",
                text: "Story \(index) begins with words of its own about river number \(index * 31).\n\n"
                    + "Copyright 2020 \(name). All rights reserved. This material may not be published, broadcast, "
                    + "rewritten or redistributed without the permission of \(name).")
        }
        let report = Pipeline().scan(documents)
        let all = FamilyListing(report: report, documents: documents)
        let family = try #require(all.entries.first { $0.family.text.contains("All rights reserved") })
        #expect(family.variants.count == 3)
        let shown = FamilyListing(report: report, documents: documents, variantsCompared: 1, jobs: 3)
        #expect(shown.entries.allSatisfy { $0.variants.count <= 1 })
        let text = shown.render(width: 100, maxVariants: 1)
        #expect(text == all.render(width: 100, maxVariants: 1))
        #expect(text.contains("… and 2 more variants"))
        #expect(FamilyListing(report: report, documents: documents, jobs: 3).json(documents: documents) == all.json(documents: documents))
    }

    /// Texts are read a batch of families at a time, document by document: any batch size,
    /// and texts read again from disk, say the same.
    @Test func familiesReadInBatchesSayTheSame() throws {
        let whole = FamilyListing(report: sampleReport, documents: sampleCorpus.documents)
        #expect(whole.entries.count > 3)
        let deferred = try Corpus.read([samplesFolder], textBudget: 0)
        #expect(deferred.documents.allSatisfy { $0.deferredText != nil })
        for (documents, jobs, batchBytes) in [(sampleCorpus.documents, 1, 1), (deferred.documents, 2, 1), (deferred.documents, 1, 500)] {
            let batched = FamilyListing(
                report: sampleReport, documents: documents, variantsCompared: .max, jobs: jobs, batchBytes: batchBytes)
            #expect(batched.render(width: 100) == whole.render(width: 100), "batches of \(batchBytes) bytes")
            #expect(batched.json(documents: documents) == whole.json(documents: sampleCorpus.documents))
        }
    }

    @Test func documentOutsideTheCorpusIsReadAgainstIt() throws {
        var documents = sampleCorpus.documents.filter { !$0.id.hasPrefix("000") }
        let outside = Document(
            id: "draft.txt",
            text:
                "New lead paragraph about today.\n\nThe 1994 ceasefire agreement was followed by peace negotiations. Armenia has not yet implemented four UN Security Council resolutions on the withdrawal of its armed forces from Nagorno Karabakh and the surrounding districts."
        )
        documents.append(outside)
        let report = Pipeline().scan(documents)
        let text = DocumentDiff(report: report, documents: documents, index: documents.count - 1).render(width: 100)
        #expect(text.contains("  1 novel     New lead paragraph about today."))
        #expect(text.contains("  2 template  The 1994 ceasefire"))
        #expect(text.contains("in 3 documents"))
    }

    /// A document is never diffed against itself: when the family's representative is the
    /// document's own copy, another member is the base (issue 16, item 7).
    @Test func aDocumentIsNeverDiffedAgainstItsOwnText() {
        let words = (0..<90).map { "word\($0 * 7 % 90)" }
        let template = words.joined(separator: " ") + "."
        var changed = words
        changed[45] = "different"
        let variant = changed.joined(separator: " ") + "."
        let documents = [
            Document(id: "a", text: "Fresh lead of story a about the harbour.\n\n" + template),
            Document(id: "b", text: "Fresh lead of story b about the market.\n\n" + template),
            Document(id: "c", text: "Fresh lead of story c about the weather.\n\n" + variant),
        ]
        let report = Pipeline().scan(documents)
        let family = report.families.first { $0.text.hasPrefix("word0") }!
        #expect(family.representative.document == 0)
        #expect(family.comparisonBase(forDocument: 0).document != 0)
        #expect(family.comparisonBase(forDocument: 2).document == 0)
        let diff = DocumentDiff(report: report, documents: documents, index: 0)
        let piece = diff.paragraphs[1].pieces.first { $0.isRecycled }!
        // b holds the same text: the copy shows unchanged, compared with b's, not c's variant.
        #expect(piece.diff.changedWords == (0, 0))
        #expect(piece.comparedWith == "b")
    }

    /// New words in the middle of a template paragraph cut its copy in two: the first piece
    /// shows no words missing, the second the replaced words once, and the text marks the new
    /// words as new (review 46 found each piece diffed against the whole template, each showing
    /// the other's words as missing).
    @Test func aCopyCutByNewWordsShowsTheReplacedWordsOnce() {
        let template =
            "The regional authority said on Monday that the review of the chemical plant near the river would be completed within three months by a panel of independent engineers appointed by the ministry. Officials added that the results of the inquiry would be published on the government website in full."
        let replaced = "near the river would be completed within three"
        let edited = template.replacingOccurrences(
            of: replaced, with: "which exploded last Thursday killing eleven workers has been postponed for")
        let leads = ["The harbour opened a new ferry terminal.", "Farmers reported an early harvest.", "Rain closed two schools."]
        var documents = leads.enumerated().map { Document(id: "t\($0)", text: $1 + "\n\n" + template) }
        documents.append(Document(id: "article", text: "A fresh lead about the blast.\n\n" + edited))
        let report = Pipeline().scan(documents)
        let diff = DocumentDiff(report: report, documents: documents, index: 3)
        let pieces = diff.paragraphs[1].pieces
        #expect(pieces.map(\.isRecycled) == [true, false, true])
        #expect(pieces[0].diff.changedWords == (0, 0))
        #expect(pieces[2].diff.changedWords == (0, 8))
        #expect(pieces[2].diff.markedText.hasPrefix("[-\(replaced)-] months"))
        let text = diff.render(width: 100)
        #expect(text.contains("+ which exploded last Thursday"), "\(text)")
    }

    /// A template paragraph with a sentence of its own shows that sentence marked as new,
    /// not as more of the template (review 46).
    @Test func aNewSentenceInATemplateParagraphIsMarkedNew() {
        let template =
            "The ministry said in a statement that the spokesman for the agency had no comment on the company's plans before the end of the year. Officials added that the review would be completed by the regional authority within three months."
        let leads = ["The harbour opened a new ferry terminal.", "Farmers reported an early harvest.", "Rain closed two schools."]
        var documents = leads.enumerated().map { Document(id: "t\($0)", text: $1 + "\n\n" + template) }
        documents.append(
            Document(id: "article", text: "A fresh lead.\n\n" + template + " The company did not respond to a request on Tuesday."))
        let report = Pipeline().scan(documents)
        let diff = DocumentDiff(report: report, documents: documents, index: 3)
        #expect(diff.paragraphs[1].label == .template)
        let text = diff.render(width: 100)
        #expect(text.contains("+ The company did not respond"), "\(text)")
        #expect(text.contains("  2 template  = The ministry said"), "\(text)")
    }

    /// A paragraph copied whole holds a sentence that has a family of its own (a shorter
    /// variant elsewhere dropped the other sentences): its other sentences are shown with
    /// the paragraph's family, the one the scan gives it, not as held by no family (review 50,
    /// finding 2).
    @Test func textBetweenSentenceCopiesHasTheParagraphsFamily() throws {
        let first = "The ministry said the new water treatment plant would open before the end of the year."
        let second = "Engineers from three companies have worked on the design of the plant since early spring."
        let third = "The project is funded by a levy on household bills collected by the regional authority."
        var documents = (0..<5).map { Document(id: "exact\($0)", text: "Lead number \($0) about roads.\n\n\(first) \(second) \(third)\n") }
        documents.append(Document(id: "removed", text: "A lead about ferries.\n\n\(first) \(third)\n"))
        let report = Pipeline().scan(documents)
        let paragraph = report.documents[0].paragraphs[1]
        let family = try #require(paragraph.family)
        let diff = DocumentDiff(report: report, documents: documents, index: 0)
        let pieces = diff.paragraphs[1].pieces.filter(\.isRecycled)
        #expect(pieces.allSatisfy { $0.family != nil }, "\(diff.render(width: 100))")
        #expect(pieces.contains { $0.family == family }, "\(diff.render(width: 100))")
        #expect(!diff.render(width: 100).contains("no reported family"))
    }

    /// A paragraph copy cut by another family's sentence copy shows, in each piece, only the
    /// words that piece replaced: "[-next year.-] {+this decade+}", not "[-next year. Critics-]",
    /// whose last word the sentence copy's own diff shows (review 51, finding 1).
    @Test func wordsAnotherCopyReplacedAreNotShownTwice() throws {
        let first =
            "The regional power company said its new grid would serve four hundred thousand homes in the valley by the end of next year."
        let second =
            "Critics of the project have warned that the reservoir behind the dam could flood farmland that several villages depend on for their harvests."
        var documents = (0..<5).map { Document(id: "p\($0)", text: "Lead \($0) about roads.\n\n\(first) \(second) Read more.\n") }
        documents += (0..<4).map {
            Document(id: "s\($0)", text: "Lead \($0) about ferries.\n\nFerry number \($0) sailed late. \(second) Tickets cost more.\n")
        }
        let editedFirst = first.replacingOccurrences(of: "next year.", with: "this decade.")
        let editedSecond = second.replacingOccurrences(of: "Critics of", with: "Opponents of")
        documents.append(Document(id: "x", text: "A lead about rain.\n\n\(editedFirst) \(editedSecond) Read more.\n"))
        let report = Pipeline().scan(documents)
        let diff = DocumentDiff(report: report, documents: documents, index: documents.count - 1)
        let marked = diff.paragraphs[1].pieces.filter(\.isRecycled).map(\.diff.markedText)
        let cut = try #require(marked.first { $0.contains("this decade") }, "\(marked)")
        #expect(cut.contains("[-next year.-]") && !cut.contains("Critics"), "\(cut)")
        #expect(marked.filter { $0.contains("[-Critics-]") }.count == 1, "\(marked)")
    }

    /// A template paragraph whose recycled pieces stand for different families, or for none,
    /// is shown piece by piece, each with its own note: the family of one piece was the only
    /// note, under every piece, "same words as the representative" (review 46, on manual
    /// pages: "AUTHOR" and the authors' line after it).
    @Test func piecesOfDifferentFamiliesEachHaveTheirNote() throws {
        var diff = DocumentDiff(report: sampleReport, documents: sampleCorpus.documents, index: index)
        let number = try #require(diff.paragraphs.firstIndex { $0.label == .template && $0.pieces.count == 1 })
        var other = diff.paragraphs[number].pieces[0]
        other.family = nil
        other.documents = nil
        other.carriers = []
        diff.paragraphs[number].pieces.append(other)
        let text = diff.render(width: 100)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix(String(number + 1).leftPadded(3) + " template  = ") })
        let paragraph = lines[first...].prefix { !$0.isEmpty }
        #expect(paragraph.filter { $0.contains("↳ family #") }.count == 1, "\(text)")
        #expect(paragraph.filter { $0.contains("↳ recycled: its words recur") }.count == 1, "\(text)")
    }

    /// A document of many recycled paragraphs diffs in time linear in them: each paragraph
    /// reads only its own family copies, not every copy of the document (issue 17, item 10).
    @Test func manyParagraphsDiffInLinearTime() {
        let paragraphs = (0..<20000).map { index in
            "Paragraph \(index) says " + (0..<10).map { "word\(($0 * 7919 + index * 104729) % 100003)" }.joined(separator: " ") + "."
        }
        let text = paragraphs.joined(separator: "\n\n")
        let documents = [Document(id: "a", text: text), Document(id: "b", text: text)]
        let report = Pipeline().scan(documents)
        let clock = ContinuousClock()
        var diff: DocumentDiff?
        let elapsed = clock.measure { diff = DocumentDiff(report: report, documents: documents, index: 0) }
        #expect(diff?.paragraphs.count == 20000)
        #expect(diff?.paragraphs.allSatisfy { $0.label == .template } == true)
        #expect(elapsed < .seconds(4), "\(elapsed)")
    }

    /// The representative's own document is compared with an identical copy elsewhere, not
    /// with a copy whose sentences are in another order (review 60, case 3).
    @Test func theRepresentativesDocumentIsComparedWithAnIdenticalCopy() throws {
        let a = "The museum, which opened in 1902, houses more than two million objects from ancient Egypt, Greece and Rome."
        let b = "It welcomed 4.1 million visitors last year, making it the most visited museum in the country."
        let c = "Admission to the permanent collection is free for residents under the age of 26."
        let documents = [
            Document(id: "a", text: "Lead A: the museum unveiled a new wing.\n\n\(a) \(b) \(c)\n"),
            Document(id: "b", text: "Lead B: thieves stole two statues.\n\n\(c) \(a) \(b)\n"),
            Document(id: "c", text: "Lead C: staff walked out over pay.\n\n\(a) \(b) \(c)\n"),
        ]
        let report = Pipeline().scan(documents)
        let family = try #require(report.families.first)
        let own = family.representative.document
        let diff = DocumentDiff(report: report, documents: documents, index: own)
        let piece = try #require(diff.paragraphs[1].pieces.first { $0.isRecycled })
        #expect(piece.diff.isIdentical, "\(diff.render(width: 100))")
        #expect(piece.comparedWith != nil && piece.comparedWith != "b", "\(String(describing: piece.comparedWith))")
    }

    /// A copy holding bytes that are not UTF-8 is shown whole: each such byte reads as
    /// U+FFFD, three bytes in a string, and a piece cut by the string's length lost two
    /// characters per byte at its end (review 67, case 2).
    @Test func aCopyWithBytesThatAreNotUTF8IsShownWhole() throws {
        let template =
            Array("The ministry said in a statement in Montr".utf8) + [0xE9]
            + Array("al and Qu".utf8) + [0xE9]
            + Array("bec that the talks would continue next week in the capital, according to officials familiar with the matter.".utf8)
        let news = ["Protesters gathered outside the embassy overnight.", "Wildfires burned near the border.", "Markets rallied."]
        let documents = news.enumerated().map { index, new in
            Document(
                id: "d\(index)", bytes: Array("Lead paragraph \(index) is new.\n\n".utf8) + template + Array(" \(new)\n".utf8), origin: "")
        }
        let report = Pipeline().scan(documents)
        let diff = DocumentDiff(report: report, documents: documents, index: 0)
        let piece = try #require(diff.paragraphs[1].pieces.first { $0.isRecycled })
        #expect(piece.diff.markedText.hasSuffix("familiar with the matter."), "\(piece.diff.markedText)")
        #expect(piece.diff.markedText.hasPrefix("The ministry said in a statement in Montr\u{FFFD}al"), "\(piece.diff.markedText)")
    }
}
