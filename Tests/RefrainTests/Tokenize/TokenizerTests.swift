import CRefrainKernels
import Foundation
import Glibc
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

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
        #expect(tokens.map(\.span) == [ByteRange(0, 14), ByteRange(15, 19), ByteRange(21, 28), ByteRange(29, 40)])
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
        #expect(tokens.map(\.span) == [ByteRange(0, 5), ByteRange(7, 11)])
        #expect(tokens.map(\.hash) == hashes("alpha beta"))
    }

    /// An HTML character reference is the character it stands for (review 109: `&amp;` was
    /// the word "amp", and `&nbsp;` glued "1994.&nbsp;The" into one sentence), on the kernel's
    /// block path and Swift's path alike; what is not a closed reference stays as it was.
    @Test func characterReferencesReadAsTheirCharacters() {
        let same: [(String, String)] = [
            ("Russia &amp; France", "Russia & France"),
            ("in 1994.&nbsp;The group", "in 1994. The group"),
            ("don&#39;t and don&rsquo;t and don&#x2019;t and don&#146;t", "don't and don't and don't and don't"),
            ("caf&eacute; &Eacute;TAT na&iuml;ve", "café état naïve"),
            ("&ldquo;Quote&rdquo; &mdash; &#8220;again&#8221;", "“Quote” — “again”"),
            ("inter&shy;national", "international"),
            ("&#20013;&#22269;", "中国"),
            // A letter spelled as a reference after an apostrophe or underscore (review 113, f1).
            ("L&#039;&eacute;conomie d&#039;&Eacute;tat access_&#108;evel", "L'économie d'État access_level"),
            ("&#000000039;", "'"),
        ]
        for (spelled, read) in same {
            #expect(hashes(spelled) == hashes(read), "\(spelled)")
            // Padded past a 64-byte block, so the kernel's block path meets the reference too.
            let padding = String(repeating: "block ", count: 11)
            #expect(hashes(padding + spelled) == hashes(padding + read), "\(spelled)")
        }
        #expect(words("AT&T Q&A a=1&b=2 &amp &#; &bogus;") == ["AT", "T", "Q", "A", "a", "1", "b", "2", "amp", "bogus"])
        let text = Array("x &amp; y".utf8)
        #expect(Tokenizer.tokens(in: text).map(\.span) == [ByteRange(0, 1), ByteRange(8, 9)])
    }

    /// A comma or point between digits keeps a number one word, on the kernel's block path,
    /// its careful path and Swift's path alike (review 60: a span ended inside "90,000").
    @Test func numbersWithSeparatorsAreOneWord() {
        #expect(
            words("More than 90,000 cases, 3.5 percent. In 2020, 12 died.") == [
                "More", "than", "90,000", "cases", "3.5", "percent", "In", "2020", "12", "died",
            ])
        #expect(words("1,2 a,b 3. 4 .5 6, 7,") == ["1,2", "a", "b", "3", "4", "5", "6", "7"])
        #expect(words("Café 1,000 été 2.5") == ["Café", "1,000", "été", "2.5"])  // the Swift path
        // Every position of a number in a 64-byte block, and across the block's edge.
        for pad in 0..<70 {
            let text = String(repeating: "x", count: pad) + " 90,000 y 80.5"
            #expect(words(text).suffix(3) == ["90,000", "y", "80.5"], "\(pad)")
            var fast: [UInt64] = []
            var general: [UInt64] = []
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                Tokenizer.forEachToken(in: buffer, range: 0..<buffer.count, fastPath: true) { hash, _, _ in fast.append(hash) }
                Tokenizer.forEachToken(in: buffer, range: 0..<buffer.count, fastPath: false) { hash, _, _ in general.append(hash) }
            }
            #expect(fast == general, "\(pad)")
        }
    }

    /// A copy saved in another Unicode form, or with invisible or optional characters, has
    /// the same tokens (review 46 found NFD, Hangul jamo, soft hyphens and Arabic points
    /// made copies novel).
    @Test func spellingsThatReadTheSameHashTheSame() {
        var same: [(String, String)] = [
            ("Genève, déclaré, nächsten", "Gene\u{300}ve, de\u{301}clare\u{301}, na\u{308}chsten"),  // NFC, NFD
            ("Việt Nam", "Vie\u{323}\u{302}t Nam"),  // two marks on one letter
            ("외교부 대변인은", "외교부 대변인은".decomposedStringWithCanonicalMapping),  // Hangul as jamo
            ("がぎ", "か\u{3099}き\u{3099}"),  // kana with a separate voicing mark
            ("international", "inter\u{AD}na\u{AD}tional"),  // soft hyphens
            ("ceasefire talks", "cease\u{200C}fire\u{200D} talks\u{200E}"),  // zero-width non-joiner, joiner, bidi mark
            ("cease fire", "cease\u{200B}fire"),  // the zero-width space separates words
            ("العربية", "العـــربية"),  // tatweel
            ("كتب", "كَتَبَ"),  // Arabic vowel points
            ("أحمد إلى", "احمد الى"),  // alef with hamza
            ("یک", "يك"),  // Persian yeh and keheh
            ("ISTANBUL İZMİR", "istanbul izmir"),  // Turkish capitals
            ("İZMİR Şişli ağır", "İZMİR Şişli ağır".decomposedStringWithCanonicalMapping),  // Turkish in NFD (İ is I and a dot)
            ("المسؤول سئل", "المسؤول سئل".decomposedStringWithCanonicalMapping),  // hamza on waw and yeh, in NFD
            ("Việt Nam mới", "Việt Nam mới".decomposedStringWithCanonicalMapping),
            ("ᾷ ǖ ḗ", "ᾷ ǖ ḗ".decomposedStringWithCanonicalMapping),  // letters of two marks
            ("Ο πρωθυπουργός δήλωσε ότι", "Ο πρωθυπουργός δήλωσε ότι".decomposedStringWithCanonicalMapping),  // tonos, not oxia
            ("কোথায় নৌকা", "কোথায় নৌকা".decomposedStringWithCanonicalMapping),  // Bengali two-part vowel signs
            ("ऩऱऴ", "ऩऱऴ".decomposedStringWithCanonicalMapping),  // Devanagari nukta letters
            ("பொது கோவில்", "பொது கோவில்".decomposedStringWithCanonicalMapping),  // Tamil two-part vowel signs
            ("Vie\u{302}\u{323}t", "Việt"),  // marks out of canonical order still compose (through NFC)
            ("Ο πρωθυπουργός δήλωσε ότι", "Ο πρωθυπουργ\u{1F79}ς δ\u{1F75}λωσε \u{1F79}τι"),  // oxia, which NFC makes tonos
            ("Άρης", "\u{1FBB}ρης"),  // a capital with oxia
            ("\u{8C48}", "\u{F900}"),  // a CJK compatibility ideograph, which NFC makes unified
            ("kapı", "KAPI"),
            ("COVID 2024", "ＣＯＶＩＤ ２０２４"),  // full-width Latin and digits
        ]
        // A long word whose accented letter ends a 256-byte chunk, or crosses it.
        let long = (252...257).map { String(repeating: "a", count: $0) + "é" + String(repeating: "z", count: 40) }
        same += long.map { ($0, $0.decomposedStringWithCanonicalMapping) }
        for (one, other) in same {
            #expect(hashes(one) == hashes(other), "\(one) / \(other)")
            #expect(hashes(one).count == words(one).count && !hashes(one).isEmpty)
        }
        // Common letters compose in place, without Foundation's NFC per token.
        #expect(Tokenizer.compositions[UInt64(0x65) << 32 | 0x301] == 0xE9)
        #expect(Tokenizer.compositions[UInt64(0x1EB9) << 32 | 0x302] == 0x1EC7)
        #expect(Tokenizer.compositions[UInt64(0x3B1) << 32 | 0x301] == 0x3AC)  // tonos, as NFC gives: not oxia U+1F71
        #expect(Tokenizer.compositions.count > 800)
        // Different words stay different.
        #expect(hashes("cafe") != hashes("café"))
        #expect(hashes("がぎ") != hashes("かき"))
        #expect(words("ＣＯＶＩＤ ２０２４") == ["ＣＯＶＩＤ", "２０２４"])
        #expect(words("日本\u{3099}語") == ["日", "本\u{3099}", "語"])
    }

    /// The ranges classified and folded without Unicode's property tables agree with them,
    /// scalar by scalar, apart from the foldings chosen on purpose.
    @Test func fastRangesAgreeWithUnicodeProperties() {
        let chosen: Set<UInt32> = [0x0130, 0x0131, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0671, 0x06CC, 0x06A9, 0x06C0, 0x06C2, 0x06D3]
        var checked = 0
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected: Tokenizer.ScalarClass
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                .letterNumber, .otherNumber:
                expected = .word
            case .nonspacingMark, .spacingMark, .enclosingMark: expected = .mark
            case .format: expected = .ignored
            default: expected = .separator
            }
            let folded = Tokenizer.folded(value)
            // The tokenizer calls `folded` for word scalars only.
            if folded != 0, expected == .word {
                checked += 1
                #expect(Tokenizer.classify(value) == .word, "U+\(String(value, radix: 16))")
                if !chosen.contains(value) && !(0xFF10...0xFF5A).contains(value) {
                    #expect(scalar.properties.lowercaseMapping == String(Unicode.Scalar(folded)!), "U+\(String(value, radix: 16))")
                }
            } else if (0x00C0...0x024F).contains(value) || (0x0391...0x052F).contains(value) || (0xAC00...0xD7A3).contains(value) {
                if value != 0x0482 && !(0x0483...0x0489).contains(value) && !(0x03CF...0x03FF).contains(value) {
                    #expect(Tokenizer.classify(value) == expected, "U+\(String(value, radix: 16))")
                }
            }
        }
        #expect(checked > 11_000)
        for value: UInt32 in [0x0482, 0x0483, 0x0489, 0x05D0, 0x0620, 0x063F, 0x0641, 0x064A, 0x0590, 0x05EB, 0x03CF, 0x03F6] {
            let scalar = Unicode.Scalar(value)!
            let isWord = [.uppercaseLetter, .lowercaseLetter, .otherLetter].contains(scalar.properties.generalCategory)
            #expect((Tokenizer.classify(value) == .word) == isWord, "U+\(String(value, radix: 16))")
        }
    }

    @Test func scriptsWithoutSpacesTokenizePerCharacter() {
        #expect(words("日本語のテキスト") == ["日", "本", "語", "の", "テ", "キ", "ス", "ト"])
        #expect(words("ภาษาไทย").count == 7)
    }

    @Test func apostropheOutsideAWordSeparates() {
        #expect(words("'quoted' rock 'n' roll") == ["quoted", "rock", "n", "roll"])
        #expect(words("‘quoted’ ‘tis") == ["quoted", "tis"])
    }

    /// An apostrophe typed as a left quote, a full-width one or an acute accent is still an
    /// apostrophe inside a word (review 90, case 5; review 95, case 09: "l´État").
    @Test func misTypedApostrophesInsideAWordAreApostrophes() {
        for spelling in ["don‘t", "don＇t", "don’t", "donʼt", "don´t"] {
            #expect(hashes(spelling) == hashes("don't"), "\(spelling)")
        }
        #expect(hashes("l´État d´euros") == hashes("l'État d’euros"))
        #expect(words("´quoted´ text") == ["quoted", "text"])
    }

    @Test func veryLongTokensHashInChunksDeterministically() {
        let long = String(repeating: "a", count: 1000)
        let other = String(repeating: "a", count: 999) + "b"
        #expect(hashes(long).count == 1)
        #expect(hashes(long) == hashes(long.uppercased()))
        #expect(hashes(long) != hashes(other))
    }

    /// An underscore between words joins them (identifiers stay whole); a hyphen does not.
    @Test func underscoresJoinWordsHyphensDoNot() {
        #expect(
            words("GCLOUD_ACCESS-CONTEXT-MANAGER_LEVELS_CREATE(1) x_é _lead trail_ a__b")
                == ["GCLOUD_ACCESS", "CONTEXT", "MANAGER_LEVELS_CREATE", "1", "x_é", "lead", "trail", "a", "b"])
        #expect(hashes("GCLOUD_WIDE_FLAG") == hashes("gcloud_wide_flag"))
        #expect(hashes("gcloud_wide_flag") != hashes("gcloud wide flag"))
        #expect(hashes("cease-fire") == hashes("cease fire"))
    }

    @Test func digitsAreWords() {
        #expect(words("On Sept. 27, 91 civilians") == ["On", "Sept", "27", "91", "civilians"])
    }

    /// The SSE2 kernel (`refrain_tokenize_ascii`) must give exactly the general path's tokens:
    /// random texts built from the pieces where the two could part (apostrophes, curly quotes,
    /// dashes, no-break spaces, accented and CJK letters, invalid bytes, joiners inside words
    /// and numbers, words longer than the kernel's 64-byte blocks and its 256-byte limit), cut
    /// at random ranges.
    @Test func kernelAndGeneralPathAgree() {
        let pieces: [[UInt8]] =
            [
                "word", "Word", "WORDS", "a", "I", "2024", "x9", " ", "  ", ", ", ". ", "\n", "\t", "'", "' ", "'s", "’", "’s", "‘",
                "“", "”", "—", "–", "…", "\u{00A0}", "«", "»", "é", "É", "ə", "ü", "日本", "ไทย", "ʼ", "\u{2009}", "-", "(", ")",
                "_", "__", "_x", "snake_case", "A_", ",", ".", "7", "3.5", "90,000", "don't", "x'y'z", String(repeating: "long", count: 20),
                String(repeating: "L", count: 300),
                "e\u{301}", "\u{301}", "\u{AD}", "\u{200B}", "か\u{3099}", "\u{1100}\u{1161}", "ＡＢ１", "İ", "ı", "أ", "\u{640}",
                "&", "&amp;", "&nbsp;", "&#39;", "&#x2019;", "&eacute;", "&Eacute;", "&#128512;", "&#20013;", "&shy;", "&#65;",
                "&amp", "&#;", "&x;", "AT&T", "&#769;", "Москва", "ЁЖИК", "ѐѝ", "и\u{306}", "Ӂ", "ѡ", "\u{483}", "ԝ", "中国", "一", "\u{9FFF}",
                "\u{3400}", "\u{4DC0}", "\u{F900}", "日\u{3099}",
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

    /// `forEachTokenSpan` hashes nothing (the kernel gets no hash buffer) but must find the
    /// same tokens as `forEachToken`, on both paths: the same random texts as above.
    @Test(arguments: [true, false])
    func spansAloneAreTheTokensSpans(fastPath: Bool) {
        let pieces: [[UInt8]] =
            [
                "word", "Word", "a", "2024", " ", ", ", ".\n", "'s", "’s", "—", "\u{00A0}", "é", "日本", "ʼ",
                String(repeating: "long", count: 20), String(repeating: "L", count: 300),
            ].map { Array($0.utf8) } + [[0xFF], [0xE2, 0x80]]
        var generator = SeededGenerator(seed: 43)
        for _ in 0..<1000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<80, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            var spans: [ByteRange] = []
            var tokens: [ByteRange] = []
            bytes.withUnsafeBufferPointer { buffer in
                Tokenizer.forEachTokenSpan(in: buffer, range: 0..<buffer.count, fastPath: fastPath) { spans.append(ByteRange($0, $1)) }
                Tokenizer.forEachToken(in: buffer, range: 0..<buffer.count, fastPath: fastPath) { tokens.append(ByteRange($1, $2)) }
            }
            #expect(spans == tokens, "\(bytes)")
            if spans != tokens { return }
        }
    }

    /// The kernel reads 16 and 64 bytes at a time: it must never read past the buffer. Each
    /// text ends exactly where an inaccessible page begins, so a read past it crashes the test
    /// (the fuzzer found one such read under ASan: a short word near a block's end, folded
    /// with a 16-byte load).
    @Test func kernelNeverReadsPastTheBuffer() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let memory = try #require(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        try #require(memory != MAP_FAILED)
        defer { munmap(memory, 2 * page) }
        #expect(mprotect(memory + page, page, PROT_NONE) == 0)
        var generator = SeededGenerator(seed: 7)
        // Short words and separators mostly: the read the fuzzer found needs a short word
        // followed by a separator within 16 bytes of the end.
        let ascii = ["a", "word", "Words", "x9", " ", ", ", ".\n"]
        let mixed = ascii + ["’s", "é", "'", String(repeating: "w", count: 70)]
        var hashes = [UInt64](repeating: 0, count: 64)
        var starts = [Int](repeating: 0, count: 64)
        var ends = [Int](repeating: 0, count: 64)
        for round in 0..<4000 {
            let words = round % 4 == 0 ? mixed : ascii
            var text: [UInt8] = []
            let length = Int.random(in: 1...300, using: &generator)
            while text.count < length { text += Array(words.randomElement(using: &generator)!.utf8) }
            let start = memory.assumingMemoryBound(to: UInt8.self) + page - text.count
            start.update(from: text, count: text.count)
            // The kernel alone, from every place the tokenizer may call it.
            var index = 0
            while index < text.count {
                var produced = 0
                let stop = refrain_tokenize_ascii(start, text.count, index, text.count, &hashes, &starts, &ends, 64, &produced)
                index = produced < 64 && stop < text.count ? stop + 1 : stop
            }
            // And through the tokenizer, against the general path.
            let buffer = UnsafeBufferPointer(start: UnsafePointer(start), count: text.count)
            var tokens: [(UInt64, Int, Int)] = []
            Tokenizer.forEachToken(in: buffer, range: 0..<text.count) { tokens.append(($0, $1, $2)) }
            var expected: [(UInt64, Int, Int)] = []
            Tokenizer.forEachToken(in: buffer, range: 0..<text.count, fastPath: false) { expected.append(($0, $1, $2)) }
            #expect(tokens.elementsEqual(expected, by: ==))
        }
    }

    @Test func generalPunctuationIsClassifiedAsItsCategorySays() {
        // The range the classifier names for speed must answer as the category lookup does.
        for value in UInt32(0x2010)...0x205E where value != 0x2018 && value != 0x2019 && !(0x2028...0x202F).contains(value) {
            #expect(Tokenizer.classify(value) == Tokenizer.classifyByCategory(value), "U+\(String(value, radix: 16))")
        }
        #expect(Tokenizer.classify(0x2018) == .apostrophe && Tokenizer.classify(0x2019) == .apostrophe)
    }
}
