import Testing

@testable import Refrain

@Suite struct TokenizerTests {
    func hashes(_ text: String) -> [UInt64] { Tokenizer.tokens(in: Array(text.utf8)).map(\.hash) }
    func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Tokenizer.tokens(in: bytes).map { String(decoding: bytes[$0.span.range], as: UTF8.self) }
    }

    @Test func caseQuotesDashesAndPunctuationDoNotMatter() {
        #expect(hashes("Azerbaijan’s  “large–scale” attack!") == hashes("azerbaijan's \"large-scale\" ATTACK"))
        #expect(hashes("mortars, and artillery") == hashes("mortars and artillery"))
    }

    @Test func tokenHashIsXXH3OfTheFoldedWord() {
        #expect(hashes("Baku") == [XXH3.hash(Array("baku".utf8))])
        #expect(hashes("Azerbaijan’s") == [XXH3.hash(Array("azerbaijans".utf8))])
    }

    @Test func byteOffsetsOnNonASCIIText() {
        let text = "Azerbaijan’s news: Bütün xəbərlər"
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokens(in: bytes)
        #expect(tokens.map(\.span) == [Span(0, 14), Span(15, 19), Span(21, 28), Span(29, 40)])
        #expect(words(text) == ["Azerbaijan’s", "news", "Bütün", "xəbərlər"])
        #expect(tokens[2].hash == XXH3.hash(Array("bütün".utf8)))
    }

    @Test func unicodeLettersFoldToLowerCase() {
        #expect(hashes("BÜTÜN XƏBƏRLƏR") == hashes("bütün xəbərlər"))
        #expect(hashes("ΑΘΗΝΑ") == hashes("αθηνα"))
    }

    @Test func invalidUTF8BytesAreSeparators() {
        var bytes = Array("alpha".utf8)
        bytes += [0xFF, 0xC3]  // an invalid byte and a truncated sequence
        bytes += Array("beta".utf8)
        let tokens = Tokenizer.tokens(in: bytes)
        #expect(tokens.map(\.span) == [Span(0, 5), Span(7, 11)])
        #expect(tokens.map(\.hash) == hashes("alpha beta"))
    }

    @Test func scriptsWithoutSpacesTokenizePerCharacter() {
        #expect(words("日本語のテキスト") == ["日", "本", "語", "の", "テ", "キ", "ス", "ト"])
        #expect(words("ภาษาไทย").count == 7)
    }

    @Test func apostropheOutsideAWordSeparates() {
        #expect(words("'quoted' rock 'n' roll") == ["quoted", "rock", "n", "roll"])
    }

    @Test func veryLongTokensHashInChunksDeterministically() {
        let long = String(repeating: "a", count: 1000)
        let other = String(repeating: "a", count: 999) + "b"
        #expect(hashes(long).count == 1)
        #expect(hashes(long) == hashes(long.uppercased()))
        #expect(hashes(long) != hashes(other))
    }

    @Test func digitsAreWords() {
        #expect(words("On Sept. 27, 91 civilians") == ["On", "Sept", "27", "91", "civilians"])
    }

    /// The SSE2 kernel (`refrain_tokenize_ascii`) must give exactly the general path's tokens:
    /// random texts built from the pieces where the two could part (apostrophes, curly quotes,
    /// dashes, no-break spaces, accented and CJK letters, invalid bytes, words longer than the
    /// kernel's 64-byte blocks and its 256-byte limit), cut at random ranges.
    @Test func kernelAndGeneralPathAgree() {
        let pieces: [[UInt8]] =
            [
                "word", "Word", "WORDS", "a", "I", "2024", "x9", " ", "  ", ", ", ". ", "\n", "\t", "'", "' ", "'s", "’", "’s", "‘",
                "“", "”", "—", "–", "…", "\u{00A0}", "«", "»", "é", "É", "ə", "ü", "日本", "ไทย", "ʼ", "\u{2009}", "-", "(", ")",
                String(repeating: "long", count: 20), String(repeating: "L", count: 300),
            ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80], [0xE2, 0x80, 0x41], [0xC2]]
        var generator = SeededGenerator(seed: 41)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<60, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let lower = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            let upper = Int.random(in: lower...bytes.count, using: &generator)
            for range in [0..<bytes.count, lower..<upper] {
                var fast: [(UInt64, Int, Int)] = []
                var general: [(UInt64, Int, Int)] = []
                bytes.withUnsafeBufferPointer { buffer in
                    Tokenizer.forEachToken(in: buffer, range: range, fastPath: true) { fast.append(($0, $1, $2)) }
                    Tokenizer.forEachToken(in: buffer, range: range, fastPath: false) { general.append(($0, $1, $2)) }
                }
                #expect(fast.elementsEqual(general, by: ==), "\(bytes) \(range)")
                if !fast.elementsEqual(general, by: ==) { return }
            }
        }
    }
}
