import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Short segments edited in a few words: found by word pairs, verified by word alignment.
@Suite struct ShortMatchTests {
    /// Random pseudo-words, so that unrelated text shares almost nothing.
    struct Words {
        var generator: SeededGenerator
        mutating func word() -> String {
            let syllables = ["ba", "ko", "ri", "tan", "mel", "su", "de", "vor", "li", "na", "zu", "pe", "gra", "shi"]
            return (0..<Int.random(in: 2...4, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined()
        }
        mutating func words(_ count: Int) -> [String] { (0..<count).map { _ in word() } }
        mutating func sentence(_ words: [String]) -> String {
            words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
        }
    }

    enum Edit: CaseIterable { case replaced, inserted, deleted }

    /// `words` with `count` words edited at separate places, never the first or last.
    static func edited(_ words: [String], _ edit: Edit, count: Int, using random: inout Words) -> [String] {
        var result = words
        let places = stride(from: 2, to: words.count - 1, by: (words.count - 3) / count).prefix(count).reversed()
        for at in places {
            switch edit {
            case .replaced: result[at] = random.word()
            case .inserted: result.insert(random.word(), at: at)
            case .deleted: result.remove(at: at)
            }
        }
        return result
    }

    /// A corpus where a 16-word template sentence recurs in every other document: as it is
    /// in every tenth, else with two or three words edited, on its own or after a novel
    /// sentence in its paragraph; with the spans of the copies.
    static func corpus(documents: Int, seed: UInt64) -> (documents: [Document], copies: [ByteRange?]) {
        var random = Words(generator: SeededGenerator(seed: seed))
        let template = random.words(16)
        var documentList: [Document] = []
        var copies: [ByteRange?] = []
        for index in 0..<documents {
            var text = random.sentence(random.words(20)) + "\n\n"
            var copy: ByteRange?
            if index % 2 == 0 {
                let edit = Edit.allCases[(index / 2) % 3]
                let words = index % 10 == 0 ? template : edited(template, edit, count: 2 + (index / 6) % 2, using: &random)
                let sentence = random.sentence(words)
                if index % 4 == 0 { text += random.sentence(random.words(14) + ["n\(index)"]) + " " }
                copy = ByteRange(text.utf8.count, text.utf8.count + sentence.utf8.count)
                text += sentence + "\n\n"
            }
            text += random.sentence(random.words(18))
            documentList.append(Document(id: "doc\(index)", text: text))
            copies.append(copy)
        }
        return (documentList, copies)
    }

    /// Every edited copy is recycled whole, and nothing else is.
    @Test func editedCopiesAreRecycledWhole() {
        let (documents, copies) = Self.corpus(documents: 60, seed: 3)
        let report = Pipeline().scan(documents)
        for (document, copy) in zip(report.documents, copies) {
            #expect(document.recycled == (copy.map { [$0] } ?? []), "\(document.id)")
        }
        #expect(report.families.count == 1)
    }

    /// A template sentence followed in each document by its own short new sentence, in one
    /// paragraph: the paragraphs' words align at the threshold, and only the template is
    /// recycled, not the new sentences (review 51, finding 2: clean deleted them).
    @Test func aNewShortSentenceAfterATemplateInItsParagraphStaysNovel() {
        let template =
            "The company, which employs about twelve thousand people across Europe and Asia, was founded in 1987 and is listed on the Frankfurt stock exchange."
        let news = [
            "Sales fell nine percent.", "Nobody was hurt in it.", "The plant reopened on Friday.", "Unions have called a strike.",
            "Profits doubled last year.",
        ]
        let documents = news.enumerated().map { index, sentence in
            Document(id: "t\(index)", text: "Lead \(index) about a carmaker.\n\n\(template) \(sentence)\n")
        }
        let report = Pipeline().scan(documents)
        for (document, sentence) in zip(report.documents, news) {
            let text = String(decoding: documents[document.index].bytes, as: UTF8.self)
            let start = text.utf8.count - 1 - sentence.utf8.count
            let templateStart = start - 1 - template.utf8.count
            #expect(document.recycled == [ByteRange(templateStart, templateStart + template.utf8.count)], "\(document.id)")
        }
    }

    /// Template paragraphs of short sentences, verified by their words: a sentence whose
    /// last word differs in every copy (a price) is recycled whole, and a new sentence
    /// between two template ones is not (review 52, findings 1 and 2).
    @Test func alignedParagraphsAreCoveredBySentence() throws {
        let first = "The company said revenue rose in the second quarter."
        let last = "It did not give a forecast for the full year."
        let news = ["Nakdumor nakdandu vornak beltrami.", "Sales fell in Europe.", "Its shares slipped.", "Costs went up again."]
        var documents: [Document] = []
        for (index, new) in news.enumerated() {
            documents.append(Document(id: "new\(index)", text: "Lead \(index) about a retailer.\n\n\(first) \(new) \(last)\n"))
            documents.append(
                Document(
                    id: "price\(index)",
                    text: "Lead \(index) about a bank.\n\nShares of the group rose in early trading. "
                        + "Volume was about average for the day. The stock closed at \(40 + index).0\(index).\n"))
        }
        let report = Pipeline().scan(documents)
        for document in report.documents {
            let text = String(decoding: documents[document.index].bytes, as: UTF8.self)
            let paragraph = try #require(text.split(separator: "\n\n").last)
            let start = text.utf8.count - paragraph.utf8.count
            let recycled = document.recycled.map { String(decoding: documents[document.index].bytes[$0.range], as: UTF8.self) }
            if document.id.hasPrefix("price") {
                #expect(document.recycled == [ByteRange(start, text.utf8.count - 1)], "\(document.id): \(recycled)")
            } else {
                #expect(recycled == [first, last], "\(document.id): \(recycled)")
            }
        }
    }

    /// A copy with 3 of 16 words replaced (13/16 = 0.81 aligned) is recycled at the default
    /// threshold, not at 0.85.
    @Test func alignmentBelowTheThresholdIsNoMatch() {
        var random = Words(generator: SeededGenerator(seed: 4))
        let template = random.words(16)
        let copy = Self.edited(template, .replaced, count: 3, using: &random)
        let documents = [template, copy].enumerated().map { index, words in
            Document(id: "\(index)", text: random.sentence(random.words(12)) + "\n\n" + random.sentence(words))
        }
        #expect(Pipeline().scan(documents).documents.allSatisfy { $0.recycled.count == 1 })
        var configuration = Configuration()
        configuration.threshold = 0.85
        #expect(Pipeline(configuration: configuration).scan(documents).documents.allSatisfy { $0.recycled.isEmpty })
    }

    /// One template in 3,000 documents: each copy meets a few first occupants, never all
    /// the copies, and every copy is found.
    @Test func candidatesStayLinearWithOneTemplateInManyDocuments() {
        let (documents, copies) = Self.corpus(documents: 3000, seed: 5)
        let report = Pipeline().scan(documents)
        #expect(report.statistics.candidates < 20 * documents.count, "\(report.statistics.candidates) candidates")
        // A copy with 3 of 16 words replaced shares each key with the template with
        // probability 0.43, and misses when fewer than 2 of 16 keys agree (0.2%).
        let found = zip(report.documents, copies).filter { $0.1 != nil && $0.0.recycled == [$0.1!] }.count
        let planted = copies.compactMap { $0 }.count
        print("short segments: \(found) of \(planted) edited copies found")
        #expect(Double(found) >= 0.995 * Double(planted))
    }

    /// Sentences of a 40-word vocabulary share word pairs with many earlier ones, which are
    /// then the first occupants of a near-copy's keys: the copy it was made from must still
    /// be found through the few keys left (review 90, case 1).
    @Test func nearCopiesAreFoundAmongSentencesSharingTheirWords() {
        let vocabulary =
            ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec "
            + "romeo sierra tango uniform victor whiskey xray yankee zulu river bridge council mayor budget vote report "
            + "market police school water city court judge").split(separator: " ").map(String.init)
        var generator = SeededGenerator(seed: 90)
        var documents: [Document] = []
        for pair in 0..<200 {
            let words = Array(vocabulary.shuffled(using: &generator).prefix(15))
            var edited = words
            edited[Int.random(in: 0..<15, using: &generator)] = vocabulary.randomElement(using: &generator)! + "z"
            documents.append(Document(id: "a\(pair)", text: words.joined(separator: " ") + "."))
            documents.append(Document(id: "b\(pair)", text: edited.joined(separator: " ") + "."))
        }
        let report = Pipeline().scan(documents)
        let found = stride(from: 0, to: documents.count, by: 2).filter {
            !report.documents[$0].recycled.isEmpty && !report.documents[$0 + 1].recycled.isEmpty
        }.count
        print("short segments among shared words: \(found) of 200 one-word edits found")
        #expect(found >= 175, "\(found) of 200")
    }

    /// `diff` shows the edited words of a copy against the family's copy.
    @Test func diffShowsTheEditedWords() throws {
        let (documents, _) = Self.corpus(documents: 12, seed: 6)
        let report = Pipeline().scan(documents)
        let template = try #require(report.documents[2].paragraphs.first { $0.label == .template })
        // Stable ids: the one family's, whatever number its text gives it.
        #expect(report.families.count == 1)
        #expect(template.family != nil && template.family == report.families.first?.id)
    }
}
