import Foundation
import PropertyBased
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Properties of segment → tokenize → scan on random text: random words, random Unicode,
/// invalid UTF-8, every kind of white space and line ending.
@Suite struct PropertyTests {
    /// Pieces random documents are made of: words (some shared, so documents recycle each
    /// other's text), punctuation and abbreviations, white space and line endings, scripts
    /// without spaces, and bytes that are not valid UTF-8.
    static let pieces: [[UInt8]] = {
        var pieces: [[UInt8]] = [
            "the", "conflict", "between", "two", "countries", "began", "in", "1988", "Armenia", "Azerbaijan",
            "Baku", "Trend", "reports", "Sept.", "Oct.", "U.S.", "Mr.", "Nov.3", "said", "army", "positions",
        ].map { Array($0.utf8) }
        pieces += [" ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u{0C}", "\u{0B}", " \n \n"].map {
            Array($0.utf8)
        }
        pieces += [".", ". ", "! ", "? ", "…", ",", "'", "’", "\"", "”", "»", "(", ")", "-", "–", "。", "！", "？"].map { Array($0.utf8) }
        pieces += ["日本語", "阿塞拜疆", "ภาษาไทย", "Ünïcödé", "ΑΘΗΝΑ", "İstanbul", "ǅ", "ﬁ", "\u{FEFF}", "\u{00A0}", "😀", "e\u{301}"]
            .map { Array($0.utf8) }
        pieces += [
            [0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80], [0xEF, 0xBB, 0xBF], [0xF0],
        ]
        return pieces
    }()

    /// Random documents' bytes: pieces and random Unicode scalars.
    static let document = zip(
        Gen.int(in: 0..<(pieces.count + 4)).array(of: 0...120),
        // Any code point; surrogates (not scalars) become U+FFFD.
        Gen.uint32(in: 0...0x10FFFF).array(of: 4)
    ).map { indices, codePoints -> [UInt8] in
        let scalars = codePoints.map { Unicode.Scalar($0) ?? "\u{FFFD}" }
        var bytes: [UInt8] = []
        for index in indices {
            if index < pieces.count {
                bytes += pieces[index]
            } else {
                bytes += Array(String(scalars[index - pieces.count]).utf8)
            }
        }
        return bytes
    }

    /// Random corpora: two to five documents, the later ones often quoting the first.
    static let corpus = zip(document.array(of: 2...5), Gen.int(in: 0...3)).map { documents, quoting -> [[UInt8]] in
        var result = documents
        for index in 1..<result.count where index <= quoting {
            result[index] = result[index].prefix(result[index].count / 2) + Array("\n\n".utf8) + documents[0] + Array("\n\n".utf8)
        }
        return result
    }

    @Test func spansLieInsideTheirDocumentSortedAndDisjoint() async {
        await propertyCheck(count: 60, input: Self.corpus) { texts in
            let documents = texts.enumerated().map { Document(id: "d\($0.offset)", bytes: $0.element) }
            var configuration = Configuration()
            configuration.jobs = 1
            let report = Pipeline(configuration: configuration).scan(documents)
            let violations = Robust.violations(of: report, documents: documents)
            #expect(violations.isEmpty, "\(violations.prefix(5))")
        }
    }

    @Test func paragraphsCoverEveryNonSpaceByteAndTokensStayInside() async {
        await propertyCheck(count: 200, input: Self.document) { bytes in
            let segmentation = Segmenter.segment(bytes)
            var covered = [Bool](repeating: false, count: bytes.count)
            var end = 0
            for (index, paragraph) in segmentation.paragraphs.enumerated() {
                #expect(paragraph.start >= end && paragraph.start < paragraph.end && paragraph.end <= bytes.count)
                end = paragraph.end
                for offset in paragraph.range { covered[offset] = true }
                #expect(!ByteClass.isSpace(bytes[paragraph.start]) && !ByteClass.isSpace(bytes[paragraph.end - 1]))
                var sentenceEnd = paragraph.start
                for sentence in segmentation.sentences(ofParagraph: index) {
                    #expect(sentence.start >= sentenceEnd && sentence.start < sentence.end && sentence.end <= paragraph.end)
                    sentenceEnd = sentence.end
                }
                // Every token of the paragraph lies inside one of its sentences.
                let sentences = segmentation.sentences(ofParagraph: index)
                for token in Tokenizer.tokens(in: bytes, range: paragraph.range) {
                    #expect(sentences.contains { $0.start <= token.span.start && token.span.end <= $0.end })
                }
            }
            let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let uncovered = (first..<max(first, bytes.count)).filter {
                !ByteClass.isSpace(bytes[$0]) && !covered[$0] && !Robust.isOnBlankLine(bytes, $0)
            }
            #expect(uncovered.isEmpty, "bytes \(uncovered.prefix(5)) lie in no paragraph")
            // Tokens are sorted, disjoint, non-empty and inside the text.
            var tokenEnd = 0
            for token in Tokenizer.tokens(in: bytes) {
                #expect(token.span.start >= tokenEnd && token.span.start < token.span.end && token.span.end <= bytes.count)
                tokenEnd = token.span.end
            }
        }
    }

    @Test func reportIsTheSameWhateverTheFileOrderAndJobs() async throws {
        await propertyCheck(count: 25, input: Self.corpus, Gen.int(in: 0...1000)) { texts, seed in
            let folder = try Robust.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var paths: [String] = []
            for (index, text) in texts.enumerated() {
                // Invalid bytes are kept as they are: a NUL would make the file binary, so none is written.
                let bytes = text.map { $0 == 0 ? UInt8(ascii: " ") : $0 }
                paths.append(try Robust.write(bytes, "doc\(index).txt", in: folder).path)
            }
            var reports: [String] = []
            var generator = SeededGenerator(seed: UInt64(seed))
            for jobs in [1, 2, 3] {
                let corpus = try Corpus.read(paths.shuffled(using: &generator))
                #expect(corpus.documents.count == texts.count)
                var configuration = Configuration()
                configuration.jobs = jobs
                reports.append(Pipeline(configuration: configuration).scan(corpus.documents).json())
            }
            #expect(reports[1] == reports[0])
            #expect(reports[2] == reports[0])
        }
    }
}
