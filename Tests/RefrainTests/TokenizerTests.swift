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
}
