import Testing

@_spi(Stages) @testable import Refrain

/// Short segments' words kept for a large scan read back as the text gives them.
@Suite struct ShortWordsTests {
    /// Words filed in a file come back for the entries asked for, and only for them.
    @Test(arguments: [0, 1, 2])
    func keptEntriesReadBackAsFiled(pattern: Int) {
        var generator = SplitMix64(seed: 12)
        // More than a block of words, so that the file is written several times.
        let filed: [[UInt16]] = (0..<30_000).map { _ in
            (0..<(10 + Int(generator.next() % 30))).map { _ in UInt16(truncatingIfNeeded: generator.next()) }
        }
        var words = ShortWords()
        words.spill()
        for entry in filed { words.append(entry[...]) }
        // None, every third entry, or runs of neighbours with gaps.
        let needed = filed.indices.map { entry in
            switch pattern {
            case 0: false
            case 1: entry % 3 == 0
            default: (entry / 7) % 2 == 0
            }
        }
        words.keep(entries: needed) { filed[$0].count }
        #expect(words.isKept)
        var read: [UInt16] = [1, 2, 3]
        var mismatches = 0
        for entry in filed.indices {
            let found = words.copyWords(ofEntry: entry, into: &read)
            if found != needed[entry] || (found && read != filed[entry]) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// A sketch's short words are the words `Matcher.words(of:)` reads from the text, for
    /// every short segment of text with every phenomenon and of other scripts.
    @Test func sketchedWordsAreTheTextsWords() {
        let configuration = Configuration()
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters, keepsShortWords: true)
        var documents =
            GeneratedCorpus(documents: 200, templates: 20, seed: 8, phenomena: GeneratedCorpus.Phenomenon.allCases).documents
        let others = [
            "Der Bundestag hat am Donnerstag über den Haushalt beraten, und die Opposition kritisierte die geplanten Kürzungen bei der Bahn scharf.",
            "Правительство объявило о новых мерах поддержки для малого бизнеса, которые вступят в силу уже в следующем месяце по всей стране.",
            "東京都は来年度の予算案を発表し、子育て支援と防災対策に重点を置くと説明した。 知事は記者会見で詳細を語った。",
            "Ο πρωθυπουργός συναντήθηκε με τους εκπροσώπους των αγροτών για να συζητήσουν τα νέα μέτρα στήριξης της παραγωγής φέτος.",
        ]
        documents += others.map { Document(id: "other", text: String(repeating: $0 + " ", count: 3)) }
        var table = SegmentTable(shingle: configuration.shingle)
        var index = LSHIndex(parameters: configuration.lshParameters)
        var filer = SegmentFiler(configuration: configuration)
        var checked = 0
        var mismatches = 0
        var text = LoadedText()
        var read: [UInt16] = []
        for (number, document) in documents.enumerated() {
            let sketch = sketcher.sketch(document.bytes)
            let first = table.count
            filer.file(sketch, document: number, table: &table, index: &index)
            var cursor = 0
            for (position, segment) in sketch.segments.enumerated() where !segment.shortKeys.isEmpty {
                let words = sketch.shortWords[cursor..<(cursor + segment.tokens.count)]
                cursor += segment.tokens.count
                Matcher.words(of: first + position, table: table, corpus: documents, loaded: &text, into: &read)
                checked += 1
                if !read.elementsEqual(words) { mismatches += 1 }
            }
            #expect(cursor == sketch.shortWords.count)
        }
        #expect(checked > 1000)
        #expect(mismatches == 0)
    }
}
