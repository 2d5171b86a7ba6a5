import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct TextStyleTests {
    /// Words split by bytes are the words split by ASCII white space characters, whatever
    /// the scalars around the spaces (combining marks, joiners, no-break spaces, prepended
    /// signs); other white space stays in its word.
    @Test func bytesSplitAsCharactersDo() {
        func byCharacters(_ runs: [(text: String, style: TextStyle)]) -> [[String]] {
            var words: [[String]] = []
            var current: [String] = []
            for run in runs {
                var part = ""
                for character in run.text {
                    if character.isWhitespace, character.isASCII {
                        if !part.isEmpty { current.append(part.terminalSafe) }
                        part = ""
                        if !current.isEmpty { words.append(current) }
                        current = []
                    } else {
                        part.append(character)
                    }
                }
                if !part.isEmpty { current.append(part.terminalSafe) }
            }
            if !current.isEmpty { words.append(current) }
            return words
        }
        let pieces = [
            "a", "word", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{3000}", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{1F3FB}", "\u{0903}",
            "\u{0600}", "é", "’", "你", "\u{1B}", "\u{85}", "\u{2028}",
        ]
        var generator = SeededGenerator(seed: 36)
        for _ in 0..<2_000 {
            let runs: [(text: String, style: TextStyle)] = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                ((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(), .plain)
            }
            #expect(Wrapper.words(runs).map { $0.map(\.text) } == byCharacters(runs), "\(runs.map(\.text))")
        }
    }

    /// A name with an ideographic or a no-break space is one word, its spaces as they are,
    /// not a name with ASCII spaces (review 99: families' "in:" line read `e f.txt` for both).
    @Test func spacesOutsideASCIIStayInTheirWord() {
        let runs: [(text: String, style: TextStyle)] = [("in: e f.txt, e\u{3000}f.txt, n\u{A0}b.txt", .plain)]
        #expect(Wrapper.words(runs).map { $0.map(\.text) } == [["in:"], ["e"], ["f.txt,"], ["e\u{3000}f.txt,"], ["n\u{A0}b.txt"]])
        let lines = Wrapper.wrap(Wrapper.words(runs), width: 80, styler: PlainStyler())
        #expect(lines == ["in: e f.txt, e\u{3000}f.txt, n\u{A0}b.txt"])
    }

    /// Words split from ASCII runs by bytes are the words split by characters: runs that
    /// touch without white space stay one word, CR LF is one break, controls come out escaped.
    @Test func asciiRunsSplitAsCharacterRunsDo() {
        let runs: [(text: String, style: TextStyle)] = [
            ("  one two\r\nthree\t", .plain), ("four", .recycled), ("five six ", .added), ("sev\u{1B}en", .removed), ("eight", .plain),
        ]
        func text(_ words: [Wrapper.Word]) -> [[String]] { words.map { $0.map(\.text) } }
        let split = Wrapper.words(runs)
        #expect(text(split) == [["one"], ["two"], ["three"], ["four", "five"], ["six"], ["sev\\een", "eight"]])
        // The same runs with a non-ASCII letter in each go through characters: the same words.
        let accented = Wrapper.words(runs.map { ($0.text.replacingOccurrences(of: "i", with: "ï"), $0.style) })
        #expect(text(accented) == text(split).map { $0.map { $0.replacingOccurrences(of: "i", with: "ï") } })
        #expect(split.flatMap { $0.map(\.style) } == [.plain, .plain, .plain, .recycled, .added, .added, .removed, .plain])
    }

    @Test func fitBreaksPlainLinesAtSpacesWithinTheWidth() {
        #expect(Wrapper.fit("short line", width: 40, indent: 4) == ["short line"])
        #expect(
            Wrapper.fit("  53.6%  bar  001.txt  6 template · 6 novel", width: 24, indent: 6) == [
                "  53.6%  bar  001.txt  6", "      template · 6 novel",
            ])
        // A word longer than a line is cut where the line ends.
        #expect(
            Wrapper.fit("a " + String(repeating: "x", count: 30) + " b", width: 10, indent: 2) == [
                "a", "  xxxxxxxx", "  xxxxxxxx", "  xxxxxxxx", "  xxxxxx b",
            ])
        // Wide characters take two columns.
        #expect(Wrapper.fit("  中文新闻报道的内容 next", width: 10, indent: 2) == ["  中文新闻", "  报道的内", "  容 next"])
        #expect(
            Wrapper.fit(String(repeating: " ", count: 30) + "word other", width: 10, indent: 2) == [
                String(repeating: " ", count: 30) + "word", "  other",
            ])
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let words = (0..<Int(generator.next() % 30)).map { _ in String(repeating: "w", count: Int(generator.next() % 12) + 1) }
            let line = String(repeating: " ", count: Int(generator.next() % 5)) + words.joined(separator: " ")
            let width = Int(generator.next() % 30) + 8
            let lines = Wrapper.fit(line, width: width, indent: 3)
            #expect(lines.allSatisfy { $0.count <= width }, "\(width) \(lines)")
            #expect(lines.joined().filter { $0 != " " } == line.filter { $0 != " " })
            // A word is cut only when it is longer than a continuation line.
            let room = width - 3
            let wordsOut: [Substring] = lines.flatMap { $0.split(separator: " ") }
            let wordsIn: [Substring] = line.split(separator: " ").filter { $0.count <= room }
            // Each such word is among the line's words, in order (a subsequence).
            var found = wordsOut.makeIterator()
            let allFound = wordsIn.allSatisfy { word in
                while let next = found.next() { if next == word { return true } }
                return false
            }
            #expect(allFound, "\(width) \(lines)")
        }
    }

    @Test func wrapCutsWordsLongerThanALineByColumns() {
        let link = "https://example.org/" + String(repeating: "path/", count: 20) + "story.html"
        let chinese = "阿塞拜疆和亚美尼亚在纳戈尔诺卡拉巴赫问题上的冲突持续了很多年双方都声称对该地区拥有主权"
        let text = "Read \(link) and \(chinese) 😀😀😀😀😀😀😀😀😀😀😀😀 end."
        for width in [8, 13, 20, 41] {
            let lines = Wrapper.wrap(Wrapper.words([(text, .plain)]), width: width, styler: PlainStyler())
            #expect(lines.allSatisfy { $0.columns <= width }, "\(width): \(lines.map(\.columns))")
            // Nothing lost: the words' characters come out in order.
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
        // A word that fits is never cut.
        #expect(Wrapper.wrap(Wrapper.words([("tiny words only", .plain)]), width: 6, styler: PlainStyler()) == ["tiny", "words", "only"])
    }

    @Test func columnsCountWideCharactersTwiceAndMarksNever() {
        #expect("plain".columns == 5)
        #expect("新闻".columns == 4)
        #expect("😀".columns == 2)
        // Wide as glibc's wcwidth has them: squared CJK, Tangut, kana supplements, hexagrams.
        for wide in ["🈐", "🉀", "🉠", "𗀀", "𛀀", "䷀", "👍🏽"] { #expect(wide.columns == 2, "\(wide)") }
        #expect("\u{0600}١".columns == 1)
        #expect("e\u{301}".columns == 1)
        #expect("Azərbaycan".columns == 10)
        // Spacing marks and conjuncts' letters take their columns, as glibc's wcswidth counts
        // them (review 101: Hindi lines overran --width).
        for (text, columns) in [("मा", 2), ("हिन्दी", 5), ("नमस्ते", 4), ("কি", 2), ("ক্ষ", 2), ("ಕಾ", 2), ("한국", 4)] {
            #expect(text.columns == columns, "\(text)")
        }
        #expect("中文新闻报道".shortened(to: 7) == "中文新…")
        #expect("中文新闻报道".shortened(to: 7).columns <= 7)
        #expect("新闻".padded(6) == "新闻  ")
    }
}
