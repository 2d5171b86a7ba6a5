import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct LabelerTests {
    /// Where `needle` first occurs in a document's bytes.
    func span(of needle: String, in document: Document) throws -> ByteRange {
        let text = String(decoding: document.bytes, as: UTF8.self)
        let range = try #require(text.range(of: needle))
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return ByteRange(start, start + needle.utf8.count)
    }

    /// `repeatedTexts` gives, for each document, exactly the exact-text classes that two or
    /// more of its segments share: the definition, counted the slow way.
    @Test(arguments: [3, 11, 29])
    func repeatedTextsMatchTheirDefinition(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var table = SegmentTable(shingle: 5)
        var texts: [UInt32] = []  // each class's first segment
        for document in 0..<300 {
            let first = table.count
            var representatives: [Int] = []  // of this document's segments
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let segment = first + representatives.count
                let draw = Int.random(in: 0..<10, using: &generator)
                var representative = segment  // new text
                if draw >= 8, !texts.isEmpty {
                    representative = Int(texts.randomElement(using: &generator)!)  // any earlier text
                } else if draw >= 6, !representatives.isEmpty {
                    // Text of this document.
                    representative = representatives[Int.random(in: 0..<representatives.count, using: &generator)]
                }
                if representative == segment { texts.append(UInt32(segment)) }
                representatives.append(representative)
            }
            table.appendDocument(document, segments: representatives.count) { columns in
                for (position, representative) in representatives.enumerated() {
                    let record = SegmentTable.Record(
                        paragraph: position, isParagraph: true, span: ByteRange(0, 0), tokens: 0..<0, shingleStart: 0,
                        exactRepresentative: representative)
                    columns.write(record, at: position)
                }
            }
        }
        let configuration = Configuration()
        let clusters = Clusters(
            table: table, families: UnionFind(count: table.count), coverage: [], configuration: configuration)
        let labeler = Labeler(configuration: configuration, table: table, clusters: clusters)
        var repeatsOfThisDocument = 0
        var repeatsOfEarlierOnes = 0
        for document in 0..<300 {
            let segments = table.segments(ofDocument: document)
            var copies: [UInt32: Int] = [:]
            for segment in segments { copies[table.exactRepresentative[segment], default: 0] += 1 }
            let expected = copies.filter { $0.value >= 2 }.keys.sorted()
            #expect(labeler.repeatedTexts(segments) == expected, "document \(document)")
            repeatsOfThisDocument += expected.filter { Int($0) >= segments.lowerBound }.count
            repeatsOfEarlierOnes += expected.filter { Int($0) < segments.lowerBound }.count
        }
        // Both kinds occur: text first seen in the document, and text of earlier ones.
        #expect(repeatsOfThisDocument > 100 && repeatsOfEarlierOnes > 100)
    }

    /// `repeat` means repeated inside the paragraph's own document: a sentence found once in
    /// each of two documents is never a repeat, whatever `--min-documents` is (issue 16, item 6).
    @Test func repeatNeedsASecondCopyInTheSameDocument() {
        var configuration = Configuration()
        configuration.minDocuments = 3
        let report = Pipeline(configuration: configuration).scan(sampleCorpus.documents)
        for document in report.documents {
            let bytes = sampleCorpus.documents[document.index].bytes
            for paragraph in document.paragraphs where paragraph.label == .repeat {
                let text = String(decoding: bytes[paragraph.span.range], as: UTF8.self)
                #expect(!text.hasPrefix("Armenian armed forces launched"), "\(document.id): \(text.prefix(60))")
            }
        }
        let armenian = report.document("003_a461edf47a01b770.txt")?
            .paragraph(startingWith: "Armenian armed forces launched", in: sampleCorpus)
        #expect(armenian?.label == .novel)
        #expect(armenian?.repeated.isEmpty == true)
    }

    /// New sentences in a template's paragraph stay novel when two documents' new sentences
    /// begin ("In the …") or end ("…, officials said on Monday.") with the same few words:
    /// shingles across the sentence boundary are all those words share (review 50, finding 1).
    @Test func sentencesBesideATemplateKeepTheirFirstAndLastWords() {
        let template =
            "The regional authority was created in 1994 to oversee water supply across the four northern districts. "
            + "It is funded by a levy on household bills and reports to the state environment ministry every quarter."
        let after = [
            "In the past week, engineers found cracks in the main dam near Holten.",
            "In the statement, the ministry praised her record on drought planning.",
            "The increase was approved after a long and heated council debate.",
            "The closures affect about nine thousand homes in the eastern suburbs.",
        ]
        let before = [
            "The dam near Holten has cracks, officials said on Monday.",
            "Her record on drought planning was praised by the ministry, officials said on Monday.",
        ]
        var documents = after.enumerated().map { index, sentence in
            Document(id: "after\(index)", text: "Lead \(index) about the valley road.\n\n\(template) \(sentence)\n")
        }
        documents += before.enumerated().map { index, sentence in
            Document(id: "before\(index)", text: "Lead \(index) about a reservoir.\n\n\(sentence) \(template)\n")
        }
        let report = Pipeline().scan(documents)
        for (document, new) in zip(report.documents, after + before) {
            let bytes = documents[document.index].bytes
            let text = String(decoding: bytes, as: UTF8.self)
            let start = text.utf8.distance(from: text.startIndex, to: text.range(of: new)!.lowerBound)
            let sentence = ByteRange(start, start + new.utf8.count)
            let recycledInSentence = document.recycled.contains { $0.start < sentence.end && sentence.start < $0.end }
            #expect(!recycledInSentence, "\(document.id): \(new)")
            // The template itself is still recycled whole.
            let templateStart = text.utf8.distance(from: text.startIndex, to: text.range(of: template)!.lowerBound)
            let covered = overlapWeights(
                predicted: document.recycled, truth: [ByteRange(templateStart, templateStart + template.utf8.count)],
                in: bytes)
            #expect(covered.both == covered.truth, "\(document.id)")
        }
    }

    /// A dateline before a template sentence stays new: its place is the story's own, and
    /// the agency it shares with other stories is not taken from it alone (review 101,
    /// case 12: `clean` took "BERLIN (dpa) – " out with the template, then "dpa) –" alone).
    @Test func aDatelineBeforeATemplateStaysNew() throws {
        let template = "Die Bundesregierung hatte bereits im Frühjahr ein Entlastungspaket für kleine und mittlere Unternehmen beschlossen."
        let stories = [
            ("BERLIN (dpa) – ", "Die Opposition kritisierte das Paket als zu klein."),
            ("KÖLN (dpa) – ", "Der Handwerkstag begrüßte die Pläne ausdrücklich."),
            ("MÜNCHEN (dpa) – ", "Die Staatsregierung kündigte eigene Hilfen an."),
        ]
        let documents = stories.enumerated().map { index, story in
            Document(id: "d\(index)", text: "\(story.0)\(template) \(story.1)\n")
        }
        let report = Pipeline().scan(documents)
        for (document, story) in zip(report.documents, stories) {
            let dateline = try span(of: story.0.trimmingCharacters(in: .whitespaces), in: documents[document.index])
            #expect(!document.recycled.contains { $0.start < dateline.end && dateline.start < $0.end }, "\(document.id)")
            let recycledTemplate = try span(of: template, in: documents[document.index])
            #expect(document.recycled.contains { $0.start <= recycledTemplate.start && recycledTemplate.end <= $0.end }, "\(document.id)")
        }
    }

    /// An edited template sentence whose marked words are runs shorter than a shingle keeps
    /// them when they are most of it: a byline with the reporter's name changed (review 51).
    @Test func anEditedShortTemplateSentenceKeepsItsMarks() throws {
        let first = "The national weather service issued a red warning for heavy rain across the region on Monday night."
        let second = "Officials urged people to avoid all unnecessary travel."
        let byline = "Reporting by Jane Doe; editing by John Roe."
        let last = "Forecasters expect more storms later this week."
        var documents = (0..<5).map { index in
            Document(id: "t\(index)", text: "Lead \(index) about floods.\n\n\(first) \(second) \(byline) \(last)\n")
        }
        let edited = "Reporting by Bob Smith; editing by John Roe."
        documents.append(Document(id: "x", text: "A lead about rain.\n\n\(first) \(second) \(edited) \(last)\n"))
        let report = Pipeline().scan(documents)
        let text = String(decoding: documents[5].bytes, as: UTF8.self)
        let start = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: edited)).lowerBound)
        let editing = start + "Reporting by Bob Smith; ".utf8.count
        let spans = report.documents[5].recycled
        #expect(spans.contains { $0.start <= start && start + "Reporting by".utf8.count <= $0.end }, "\(spans)")
        #expect(spans.contains { $0.start <= editing && editing + "editing by John Roe.".utf8.count <= $0.end }, "\(spans)")
    }

    /// A new sentence that opens with a template sentence's first five words ("Officials
    /// said it was the") shares one shingle with it, no more: it stays novel (review 60).
    @Test func aNewSentenceOpeningWithATemplatesWordsStaysNovel() throws {
        let template =
            "The storm, named Daniel by the weather service, dropped more than 600 millimetres of rain in two days across the plain. "
            + "Officials said it was the heaviest rainfall recorded since measurements began in 1930."
        let new = "Officials said it was the deadliest flood recorded in the region since 1955, with 17 dead."
        let documents = [
            Document(id: "a", text: "Flooding hit Larissa.\n\n\(template)\n"),
            Document(id: "b", text: "Farmers counted losses.\n\n\(template)\n"),
            Document(id: "c", text: "Rescuers reached Palamas.\n\n\(template) \(new)\n"),
        ]
        let report = Pipeline().scan(documents)
        let sentence = try span(of: new, in: documents[2])
        let start = sentence.start
        #expect(!report.documents[2].recycled.contains { $0.start < sentence.end && sentence.start < $0.end })
        #expect(report.documents[2].recycled.contains { $0.end == start - 1 }, "\(report.documents[2].recycled)")
    }

    /// A stock phrase inside a new sentence, half of it or less, with words of its own on
    /// either side, stays novel: the template sentence it shares is contained in it, but cut
    /// out, it left "A lawyer for the miners about the 14 containers…" (review 105). A
    /// template sentence with new words at one end keeps its marks.
    @Test func aStockPhraseInsideANewSentenceStaysNovel() throws {
        let template = "The company did not immediately respond to a request for comment."
        // 18 words, 9 of them the phrase: exactly half (review 106).
        let new = "A lawyer for the miners did not immediately respond to a request for comment about the 14 containers."
        let glued = "The company did not immediately respond to a request for comment on the new pay offer."
        var documents = (0..<5).map { index in
            Document(id: "t\(index)", text: "Story \(index) opened with its own news of the week.\n\n\(template)\n")
        }
        documents.append(Document(id: "new", text: "The city's fire chief resigned on Friday. \(new)\n"))
        documents.append(Document(id: "glued", text: "Workers walked out at dawn on Monday.\n\n\(glued)\n"))
        let report = Pipeline().scan(documents)
        #expect(report.documents[5].recycled.isEmpty, "\(report.documents[5].recycled)")
        let gluedSpan = try span(of: glued, in: documents[6])
        #expect(report.documents[6].recycled.contains { $0.start == gluedSpan.start }, "\(report.documents[6].recycled)")
    }

    /// A new sentence glued to a template sentence where the splitter saw no break (after
    /// "U.S.") stays novel: four or more words at an end outside the template's alignment are
    /// not its edited words (review 60, case 5), for a short sentence (aligned word by word)
    /// and a long one (shingles), also when it opens with a word the template has ("The",
    /// review 64), or with a brand written with a lower-case first letter (review 66).
    @Test(arguments: [false, true], ["Huawei shares fell 3%.", "The ban hurt exports.", "iPhone sales fell 3% on Monday."])
    func aNewSentenceGluedAfterAnAbbreviationStaysNovel(long: Bool, new: String) throws {
        let template =
            "Beijing has repeatedly criticised the export controls on advanced computer chips and chipmaking equipment"
            + (long ? " that several governments, acting together after months of talks with industry groups and lawyers," : "")
            + " that were first imposed last year by the U.S."
        let documents = [
            Document(id: "a", text: "Lead a.\n\n\(template)\n"),
            Document(id: "b", text: "Lead b about chips.\n\n\(template)\n"),
            Document(id: "c", text: "Lead c about trade.\n\n\(template)\n"),
            Document(id: "d", text: "The ministry summoned diplomats.\n\n\(template) \(new)\n"),
        ]
        let report = Pipeline().scan(documents)
        let start = try span(of: new, in: documents[3]).start
        let recycled = report.documents[3].recycled
        #expect(!recycled.contains { $0.end > start }, "\(recycled)")
        // The template sentence is recycled to its last character, the abbreviation's point.
        #expect(recycled.last?.end == start - 1, "\(recycled)")
    }

    /// After an ellipsis, too, a glued sentence opening with a brand stays novel; and a
    /// template whose own words follow "U.S." ("U.S. mRNA vaccine committee"), reworded after
    /// them in one copy, is recycled whole there (review 68, cases 10 and 7).
    @Test func anEllipsisIsABreakAndATemplatesOwnWordsAfterAnAbbreviationAreNot() throws {
        let lead = "Health officials in several countries have spent the past three months reviewing safety data on the vaccines"
        let ellipsis = lead + " and treatments approved by regulators this spring\u{2026}"
        var documents = ["Ferries stopped.", "A school closed.", "A club signed a goalkeeper."].enumerated().map { index, other in
            Document(id: "e\(index)", text: "Lead e\(index).\n\n\(ellipsis) Other text \(index) here.\n\n\(other)\n")
        }
        let glued = "iPhone sales fell sharply again."
        documents.append(Document(id: "glued", text: "Lead glued.\n\n\(ellipsis) \(glued)\n"))
        let template = lead + " approved by the U.S. mRNA vaccine advisory committee, the agency said in a statement on Monday."
        documents += (0..<3).map { Document(id: "t\($0)", text: "Lead t\($0) story.\n\n\(template)\n") }
        let reworded = lead + " approved by the U.S. mRNA vaccine advisory committee, officials told reporters late on Tuesday."
        documents.append(Document(id: "edited", text: "Lead edited.\n\n\(reworded)\n"))
        let report = Pipeline().scan(Array(documents[..<4]))
        let start = try span(of: glued, in: documents[3]).start
        #expect(!report.documents[3].recycled.contains { $0.end > start }, "\(report.documents[3].recycled)")
        let copies = Pipeline().scan(Array(documents[4...]))
        let committee = try span(of: "mRNA vaccine advisory committee", in: documents[7])
        #expect(
            copies.documents[3].recycled.contains { $0.start <= committee.start && committee.end <= $0.end },
            "\(copies.documents[3].recycled)")
    }

    /// New sentences glued after "U.S." that all open with the same stock phrase ("The
    /// ministry said…") stay novel: the phrase is marked in every copy, but is no template
    /// word (review 69, case 1).
    @Test func gluedSentencesOpeningAlikeStayNovel() throws {
        let template =
            "Exports of steel and aluminium from the region have fallen sharply since the punitive tariffs "
            + "were imposed on European producers in the summer of 2018 by the U.S."
        let news = [
            "The ministry said talks would resume in Geneva.", "The ministry said exports of beer fell by half.",
            "The ministry said a delegation left for Ottawa.", "The ministry said it expects a ruling in May.",
        ]
        let leads = ["Cranes idle in Rostock.", "Brewers in Pilsen count losses.", "Buyers look elsewhere.", "Lawyers prepare filings."]
        let documents = zip(leads, news).enumerated().map { index, pair in
            Document(id: "d\(index)", text: "\(pair.0)\n\n\(template) \(pair.1)\n")
        }
        let report = Pipeline().scan(documents)
        for (index, new) in news.enumerated() {
            let start = try span(of: new, in: documents[index]).start
            #expect(!report.documents[index].recycled.contains { $0.end > start }, "\(index): \(report.documents[index].recycled)")
        }
    }

    /// A recycled run inside a sentence ends with the punctuation after its last word, so
    /// that clean does not leave it at the start of the new words (review 64: ". Markets").
    @Test func aRecycledRunTakesThePunctuationAfterIt() throws {
        let template = "The agency said more than 80,000 cases have been confirmed in 37 countries since January."
        let copy = "The agency said more than 80,000 cases have been confirmed in 37 countries; markets in Asia and Europe fell sharply."
        let documents = [
            Document(id: "a", text: "Lead a.\n\n\(template)\n"),
            Document(id: "b", text: "Lead b about health.\n\n\(template)\n"),
            Document(id: "c", text: "Lead c about markets.\n\n\(copy)\n"),
        ]
        let report = Pipeline().scan(documents)
        let text = String(decoding: documents[2].bytes, as: UTF8.self)
        let semicolon = text.utf8.distance(from: text.startIndex, to: try #require(text.firstIndex(of: ";")))
        let recycled = report.documents[2].recycled
        #expect(recycled.contains { $0.end == semicolon + 1 }, "\(recycled)")
        #expect(!recycled.contains { $0.end > semicolon + 1 }, "\(recycled)")
    }

    /// Closing punctuation goes with the word before it; an opening quote or a dash goes with
    /// the text after it (review 65: clean left "shares…," without its opening quote).
    @Test(arguments: [
        ("countries.\" Markets", "countries.\""), ("countries—\"shares", "countries"), ("S.) next", "S.)"),
        ("said,\"and", "said,"), ("3%; prices", "3%;"), ("end…» then", "end…»"), ("it’s", "it’"),
    ])
    func closingPunctuationEndsARun(text: String, kept: String) {
        let bytes = Array(text.utf8)
        let word = text.prefix { $0.isLetter || $0.isNumber }.utf8.count
        let end = bytes.withUnsafeBufferPointer { Labeler.endOfClosingPunctuation(after: word, before: bytes.count, in: $0) }
        #expect(String(decoding: bytes[..<end], as: UTF8.self) == kept, "\(text)")
    }

    /// Several documents glue different sentences after one template ("The curbs…", "The
    /// ban…", "It said…"): their shared words do not pull them into it; and an edited copy
    /// whose end is reworded with no sentence break is still recycled whole (review 65).
    @Test func gluedSentencesStayNovelAndRewordedEndsGoWithTheTemplate() throws {
        let template =
            "Chinese technology companies including several of the largest chip designers have struggled for months to adapt "
            + "their supply chains to the sweeping export controls imposed last year by the U.S."
        let glued = ["The curbs cost billions in lost sales.", "The ban was widened in March.", "It said the rules were unfair to them."]
        var documents = (1...2).map { Document(id: "t\($0)", text: "Lead \($0).\n\nContext \($0) here. \(template)\n") }
        documents += glued.enumerated().map { index, new in
            Document(id: "g\(index)", text: "Lead g\(index).\n\nContext g\(index) here. \(template) \(new)\n")
        }
        let said =
            "The health authority said on Monday that more than four hundred patients had been treated for heat exhaustion "
            + "at hospitals across the province since the start of the heatwave"
        documents += (1...3).map {
            Document(
                id: "h\($0)", text: "Lead h\($0).\n\nContext \($0) here. \(said), officials told reporters in the capital. Closing \($0).\n"
            )
        }
        let reworded = "\(said), according to a statement released late Sunday."
        // A title's point in a reworded end is no sentence break (review 66).
        let titled = "\(said), according to Dr. Maria Lopez of the ministry."
        documents.append(Document(id: "e", text: "Lead e.\n\nSome context for e here. \(reworded) Closing e.\n"))
        documents.append(Document(id: "f", text: "Lead f.\n\nOther context for f here. \(titled) Water use broke a record.\n"))
        let report = Pipeline().scan(documents)
        for (offset, new) in glued.enumerated() {
            let document = documents[2 + offset]
            let start = try span(of: new, in: document).start
            let recycled = report.documents[2 + offset].recycled
            #expect(!recycled.contains { $0.end > start }, "\(document.id): \(recycled)")
            #expect(recycled.contains { $0.end == start - 1 }, "\(document.id): \(recycled)")
        }
        for (offset, text) in [(documents.count - 2, reworded), (documents.count - 1, titled)] {
            let edited = try span(of: text, in: documents[offset])
            #expect(
                report.documents[offset].recycled.contains { $0.start <= edited.start && edited.end <= $0.end },
                "\(documents[offset].id): \(report.documents[offset].recycled)")
        }
    }
}
