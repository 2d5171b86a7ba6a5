import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Hard-wrapped paragraphs read as their unwrapped sentences; line-per-item text keeps its lines.
@Suite struct WrappingTests {
    func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Segmenter.segment(bytes).sentences.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// Sentences with every run of white space made one space.
    func flattened(_ text: String) -> [String] {
        sentences(text).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    @Test func wrappedParagraphIsReadAsItsSentences() {
        let text = """
            Azerbaijan responded with a counter-offensive along the entire
            front. As a result of retaliation, Azerbaijani troops liberated a
            number of territories previously occupied by Armenia, as well as take
            important, strategic heights under control.
            """
        #expect(
            flattened(text) == [
                "Azerbaijan responded with a counter-offensive along the entire front.",
                "As a result of retaliation, Azerbaijani troops liberated a number of territories previously occupied by Armenia, as well as take important, strategic heights under control.",
            ])
        // Spans still index the original bytes: the first sentence holds the line break.
        #expect(sentences(text)[0] == "Azerbaijan responded with a counter-offensive along the entire\nfront.")
    }

    /// A line's width counts a character reference as the one character it stands for: web
    /// text's `&lt;` and `&gt;` made its lines look wider than their neighbours, and a
    /// paragraph's lines were read as items (Rust's error pages, 518 of them: one family
    /// fewer, and documents up to 15 points apart, against the same pages unescaped).
    @Test func aCharacterReferenceIsOneCharacterWide() {
        let widths = ["struct Bad&lt;T: ?Sized&gt; { inner: T }", "struct Bad<T: ?Sized> { inner: T }"].map { text in
            Array(text.utf8).withUnsafeBufferPointer { Segmenter.measure($0, from: 0, to: $0.count).width }
        }
        #expect(widths[0] == widths[1])
        #expect(widths[1] == 34)
    }

    @Test func wrappedWithCarriageReturnsAndIndentation() {
        let text =
            " The apt-pkg library has had public domain dedications but\r\n contributions from authors in countries not recognizing a public\r\n domain concept. We believe these were done in good faith.\r\n"
        #expect(
            flattened(text) == [
                "The apt-pkg library has had public domain dedications but contributions from authors in countries not recognizing a public domain concept.",
                "We believe these were done in good faith.",
            ])
    }

    @Test func lineItemsKeepTheirLines() {
        // A dateline under a headline, a byline, an address, a list, a footer, short lines.
        #expect(
            sentences("Azerbaijan fights in its own territory, targeting only military targets\n6 October 2020 14:30 (UTC+04:00)")
                == ["Azerbaijan fights in its own territory, targeting only military targets", "6 October 2020 14:30 (UTC+04:00)"])
        #expect(
            sentences("By Ayya Lmahamad\nFollow us on Twitter @AzerNewsAz") == ["By Ayya Lmahamad", "Follow us on Twitter @AzerNewsAz"])
        #expect(sentences("John Smith\n123 Main Street\nsuite 4\nSpringfield, IL 62701").count == 4)
        let list = """
            The options below change how the command reads its input and writes its
            - the quiet mode, which prints nothing at all on the standard output
            - the verbose mode, which prints every file name as it is read in turn
            1. first the files named on the command line, then the standard input
            """
        #expect(sentences(list).count == 4)
        #expect(sentences("Loading...\nLatest See more") == ["Loading...", "Latest See more"])
    }

    @Test func shortLineInsideWrappedTextEndsItsParagraph() {
        // Paragraphs separated by single line breaks: a short last line is a hard break, and
        // with no blank line in the text, each run of wrapped lines is a paragraph.
        let text = """
            The conflict between the two South Caucasus countries began in 1988
            when Armenia made territorial claims
            Armenia has not yet implemented four UN Security Council resolutions
            on the withdrawal of its armed forces from the districts.
            """
        #expect(
            flattened(text) == [
                "The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims",
                "Armenia has not yet implemented four UN Security Council resolutions on the withdrawal of its armed forces from the districts.",
            ])
        #expect(paragraphs(text).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") } == flattened(text))
    }

    @Test func wrappingChangesNoSentenceOfTheSamples() {
        for document in sampleCorpus.documents {
            let text = document.text(of: ByteRange(0, document.bytes.count))
            for width in [60, 72, 80, 100] {
                #expect(flattened(Wrap.greedy(text, width: width)) == flattened(text), "width \(width), \(document.id)")
            }
        }
    }

    @Test func wrappedSamplesScanLikeTheSamples() {
        let plain = sampleReport
        for width in [60, 72, 80, 100] {
            let documents = sampleCorpus.documents.map { document in
                Document(id: document.id, text: Wrap.greedy(document.text(of: ByteRange(0, document.bytes.count)), width: width))
            }
            let wrapped = Pipeline().scan(documents)
            let squeeze = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(wrapped.families.map { squeeze($0.text) } == plain.families.map { squeeze($0.text) }, "width \(width)")
            #expect(wrapped.families.map(\.documents) == plain.families.map(\.documents), "width \(width)")
            for (a, b) in zip(wrapped.documents, plain.documents) {
                #expect(abs(a.recycledShare - b.recycledShare) <= 0.005, "width \(width), \(a.id)")
            }
            // No family stands for a fragment of a wrapped line: every representative is a
            // whole sentence or paragraph of the unwrapped text.
            let plainSentences = Set(sampleCorpus.documents.flatMap { flattened($0.text(of: ByteRange(0, $0.bytes.count))) })
            let plainParagraphs = Set(
                plain.documents.flatMap { document in
                    document.paragraphs.map { squeeze(sampleCorpus.documents[document.index].text(of: $0.span)) }
                })
            for family in wrapped.families {
                let text = squeeze(family.text)
                #expect(plainSentences.contains(text) || plainParagraphs.contains(text), "width \(width): \(text)")
            }
        }
    }
}

/// A greedy hard wrap, as `fmt -w` or a mail client does: each line longer than `width`
/// characters is broken at the last space that keeps it within `width`.
enum Wrap {
    static func greedy(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension WrappingTests {
    @Test func sentencesThatAreWholeLinesAreKnown() {
        let text = "Trend:\nThe Supreme Commander spoke on Friday. He added that more was to come.\nFor example:\n\n\(Self.longParagraph)"
        let segmentation = Segmenter.segment(Array(text.utf8))
        #expect(segmentation.sentences.count == 5)
        #expect((0..<4).map { segmentation.isLine(sentence: $0) } == [true, false, false, true])
        // A wrapped paragraph is one line of text: a sentence inside it is not a line.
        let wrapped = Segmenter.segment(
            Array(
                "The conflict between the two South Caucasus countries began in 1988\nwhen Armenia made claims. It went on\nfor years.\n\nOne.\nTwo."
                    .utf8))
        #expect(wrapped.sentences.count == 4)
        #expect((0..<4).map { wrapped.isLine(sentence: $0) } == [false, false, true, true])
    }
}

/// A text without a blank line has a paragraph per line, as JSON Lines news keeps them.
extension WrappingTests {
    /// A paragraph long enough that a block of a few lines beside it stays one paragraph.
    static let longParagraph =
        "The next paragraph goes on at length about other things, so that the block of lines above it holds well under three quarters of the whole text here."

    func paragraphs(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Segmenter.segment(bytes).paragraphs.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func eachLineOfATextWithoutBlankLinesIsAParagraph() {
        let text =
            "Farmers protested on Tuesday. Police closed two bridges.\r\n  The ministry said the measures would start.  \nReporting by Ann Lee"
        #expect(
            paragraphs(text) == [
                "Farmers protested on Tuesday. Police closed two bridges.", "The ministry said the measures would start.",
                "Reporting by Ann Lee",
            ])
        let segmentation = Segmenter.segment(Array(text.utf8))
        #expect(segmentation.sentenceRanges == [0..<2, 2..<3, 3..<4])
        #expect(
            sentences(text) == [
                "Farmers protested on Tuesday.", "Police closed two bridges.", "The ministry said the measures would start.",
                "Reporting by Ann Lee",
            ])
        // A headline, a blank line, then the body a paragraph per line: the body's lines are
        // paragraphs too (review 84, case 3).
        #expect(paragraphs("Headline\n\n" + text).count == 4)
        // A block of lines beside more text is a paragraph, its lines sentences.
        let block = "Reuters\nLondon\n\n" + text.replacingOccurrences(of: "\n", with: " ")
        #expect(paragraphs(block).count == 2)
        #expect(sentences(block).prefix(2) == ["Reuters", "London"])
        #expect(paragraphs("One line only.") == ["One line only."])
    }

    @Test func samplesWithSingleLineBreaksScanLikeTheSamples() {
        // The samples' paragraphs one per line, the layout of many JSON Lines news datasets.
        let documents = sampleCorpus.documents.map { document in
            let text = document.text(of: ByteRange(0, document.bytes.count))
            let paragraphs = Segmenter.segment(document.bytes).paragraphs.map {
                document.text(of: $0).replacingOccurrences(of: "\n", with: " ")
            }
            #expect(text.contains("\n\n"))
            return Document(id: document.id, text: paragraphs.joined(separator: "\n"))
        }
        let lines = Pipeline().scan(documents)
        let plain = sampleReport
        #expect(lines.documents.map { $0.paragraphs.map(\.label) } == plain.documents.map { $0.paragraphs.map(\.label) })
        #expect(lines.documents.map(\.recycledBytes) == plain.documents.map(\.recycledBytes))
        #expect(lines.families.map(\.documents) == plain.families.map(\.documents))
        #expect(lines.documents.flatMap(\.paragraphs).contains { $0.label == .template })
    }
}

extension WrappingTests {
    /// A paragraph per line of similar widths, one starting "iPhone" or after a line that
    /// ends with a stop: no sentence goes on there, so the text is not wrapped (review 84,
    /// case 2). After "e.g." the sentence does go on, and only those two lines join.
    @Test func aLineStartingWithABrandOrAfterAStopIsNoContinuation() {
        let lines = [
            "Apple said on Tuesday that it would cut the price of its cheapest phone in Europe by ten percent from next month, after sales fell.",
            "iPhone owners in Germany and France will also get a free battery replacement if their phone is more than three years old, it said.",
            "Analysts said the move was aimed at winning back customers who had switched to cheaper rivals over the past two years and a half.",
            "Reporting by the Regional Press business desk; editing by the Regional Press news team.",
        ]
        #expect(paragraphs(lines.joined(separator: "\n")).count == 4)
        var stopped = lines
        stopped[0] += " They said so."
        stopped[1] = "owners" + stopped[1].dropFirst("iPhone owners".count)
        #expect(paragraphs(stopped.joined(separator: "\n")).count == 4)
        stopped[0] += " They said so, e.g."
        #expect(paragraphs(stopped.joined(separator: "\n")).count == 3)
    }

    /// A sentence wrapped short and ragged in a text with no blank line goes on across its
    /// lines, though the text is a paragraph per line: a lower-case line after one with no
    /// stop, or after an abbreviation's point (review 85, case 08).
    @Test func aRaggedWrapInAParagraphPerLineTextIsOneSentence() {
        let text = [
            "Workers gathered outside the factory gates early on Tuesday morning to hear from their union leaders.",
            "The company did not respond to requests for comment on the layoffs announced",
            "on Monday at its plants in the U.S.",
            "and Canada.",
            "A union spokesman said members would vote on strike action next week if no agreement was reached.",
            "Ends with a lone word, or a.",
            "lower-case line after it stays a paragraph of its own.",
        ].joined(separator: "\n")
        let segmentation = Segmenter.segment(Array(text.utf8))
        let bytes = Array(text.utf8)
        let texts = segmentation.paragraphs.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(texts.count == 5)
        #expect(texts[1].hasPrefix("The company") && texts[1].hasSuffix("and Canada."))
        #expect(segmentation.sentences(ofParagraph: 1).count == 1)
        #expect(texts[3] == "Ends with a lone word, or a.")
        // A line ending in a name, and the next starting with another (review 86, case 04).
        let credit = "Reporting by Jane Doe in London; Editing by John Smith"
        let next = "de Blasio said on Monday that the city would hire more teachers next year."
        #expect(paragraphs([texts[0], credit, next].joined(separator: "\n")) == [texts[0], credit, next])
    }

    /// Wrapped at 72 columns with no blank line, one long line (a link) does not stop the
    /// wrapped lines of the others from joining, and is a paragraph of its own (review 84,
    /// case 06). A sentence that ends a line with room for the next word stays in its
    /// paragraph: fmt breaks so inside paragraphs (review 87, case 05), so two paragraphs
    /// with no blank line between them are read as one (review 84, case 01, not mended).
    @Test func aWrappedTextWithoutBlankLinesKeepsItsParagraphs() {
        let boilerplate = [
            "Copyright 2024 Regional Press Group. All rights reserved. This material",
            "may not be published or broadcast without written permission.",
        ]
        let story = [
            "Storm damage across the county was worse than officials had first expected,",
            "and several roads remain closed this week.",
        ]
        let edited = [
            "The old stone bridge will stay shut to all trucks until the summer.",
            "The regional council said on Tuesday that drivers should use the inland",
            "route through the valley villages instead, and that the cost of the",
            "repair work would be covered by the national government.",
        ]
        #expect(paragraphs(edited.joined(separator: "\n")).count == 1)
        let link = "https://www.regionalpress.example.org/council/budget-2024/documents/bridge-repairs-plan-final-version.pdf"
        let withLink = paragraphs((story + [link] + boilerplate).joined(separator: "\n"))
        #expect(withLink == [story.joined(separator: "\n"), link, boilerplate.joined(separator: "\n")])
    }
}
