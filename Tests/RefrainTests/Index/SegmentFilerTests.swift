import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct SegmentFilerTests {
    /// Three small documents and an empty one: a sentence of the first (inside a two-sentence
    /// paragraph) recurs in the second, a whole paragraph of the second recurs in the third,
    /// "2009." (no letter) in the first and third, and some segments are too short to have
    /// shingles.
    static let texts = [
        """
        The harbour ferry leaves at dawn every Monday morning. The council approved the new budget after a long debate.

        Short one here.

        2009.
        """,
        "",
        """
        Fishermen complained about the weather for the third week in a row.

        THE COUNCIL approved the new budget, after a long debate! Residents cheered.
        """,
        """
        Fishermen complained about the weather for the third week in a row.

        2009.
        """,
    ]

    /// The filed table after filing `texts` in order, with the sketches filed and the filer.
    static func filed(
        capacity: Int = 2
    ) -> (table: SegmentTable, filer: SegmentFiler, index: LSHIndex, sketches: [DocumentSketch]) {
        let configuration = Configuration()
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters)
        let sketches = texts.map { sketcher.sketch(Array($0.utf8)) }
        var table = SegmentTable(shingle: configuration.shingle)
        // Small capacities: the exact-text table and the LSH index grow while filing.
        var index = LSHIndex(parameters: configuration.lshParameters, capacity: capacity)
        var filer = SegmentFiler(configuration: configuration, capacity: capacity)
        for (document, sketch) in sketches.enumerated() {
            filer.file(sketch, document: document, table: &table, index: &index)
        }
        return (table, filer, index, sketches)
    }

    /// The text of a filed segment.
    static func text(of segment: Int, in table: SegmentTable) -> String {
        let bytes = Array(texts[Int(table.document[segment])].utf8)
        return String(decoding: bytes[table.span(of: segment).range], as: UTF8.self)
    }

    /// Every column holds the segment's own values, in corpus order: ids run on across
    /// documents, and shingle starts are offsets into the whole table's fingerprints.
    @Test func everyColumnHoldsItsSegmentsValuesInCorpusOrder() {
        let (table, _, _, sketches) = Self.filed()
        #expect(table.documentStart == [0, 5, 5, 9, 11])
        #expect(table.count == 11)
        #expect(table.similarity == Array(repeating: 0, count: 11))
        #expect(table.fingerprints == sketches.flatMap(\.fingerprints))
        for column in [
            table.paragraph, table.spanStart, table.spanEnd, table.tokenStart, table.tokenCount, table.shingleStart,
            table.exactRepresentative,
        ] {
            #expect(column.count == 11)
        }
        #expect(table.isParagraph.count == 11)
        var fingerprintBase = 0
        for (document, sketch) in sketches.enumerated() {
            let segments = table.segments(ofDocument: document)
            #expect(segments.count == sketch.segments.count)
            for (segment, sketched) in zip(segments, sketch.segments) {
                #expect(table.document[segment] == UInt32(document))
                #expect(Int(table.paragraph[segment]) == sketched.paragraph)
                #expect(table.isParagraph[segment] == (sketched.kind == .paragraph))
                #expect(table.span(of: segment) == sketched.span)
                #expect(table.tokens(of: segment) == sketched.tokens)
                let shingles = (fingerprintBase + sketched.shingles.lowerBound)..<(fingerprintBase + sketched.shingles.upperBound)
                #expect(table.shingles(of: segment) == shingles)
                #expect(Array(table.fingerprints[table.shingles(of: segment)]) == Array(sketch.fingerprints[sketched.shingles]))
            }
            fingerprintBase += sketch.fingerprints.count
        }
        // The segments themselves, as the reader sees them.
        let texts = (0..<table.count).map { Self.text(of: $0, in: table) }
        #expect(texts.filter { $0 == "The council approved the new budget after a long debate." }.count == 1)
        #expect(texts.filter { $0 == "THE COUNCIL approved the new budget, after a long debate!" }.count == 1)
        #expect(texts.filter { $0 == "2009." }.count == 2)
        let second = try! #require(texts.firstIndex(of: "The council approved the new budget after a long debate."))
        #expect(table.document[second] == 0 && table.paragraph[second] == 0 && !table.isParagraph[second])
        // The second sentence starts after the first's nine words.
        #expect(table.tokens(of: second) == 9..<19)
        let short = try! #require(texts.firstIndex(of: "Short one here."))
        #expect(table.paragraph[short] == 1 && table.isParagraph[short] && table.shingles(of: short).isEmpty)
        #expect(table.shingleStart[short] == table.shingleStart[short + 1])
    }

    /// A segment's exact representative is the first segment with the same normalized text,
    /// in any earlier document; segments without a letter are never anyone's copy.
    @Test func exactRepresentativeIsTheFirstSegmentWithTheSameText() {
        let (table, filer, _, _) = Self.filed()
        let texts = (0..<table.count).map { Self.text(of: $0, in: table) }
        let sentence = try! #require(texts.firstIndex(of: "The council approved the new budget after a long debate."))
        let copy = try! #require(texts.firstIndex(of: "THE COUNCIL approved the new budget, after a long debate!"))
        #expect(table.document[copy] == 2)
        #expect(Int(table.exactRepresentative[copy]) == sentence)
        let paragraph = "Fishermen complained about the weather for the third week in a row."
        let first = try! #require(texts.firstIndex(of: paragraph))
        let repeated = try! #require(texts.lastIndex(of: paragraph))
        #expect(first != repeated && table.document[repeated] == 3)
        #expect(Int(table.exactRepresentative[repeated]) == first)
        // Everything else is the first of its text, "2009." included both times.
        for segment in 0..<table.count where segment != copy && segment != repeated {
            #expect(Int(table.exactRepresentative[segment]) == segment, "\(texts[segment])")
        }
        #expect(filer.exactDuplicates == 2)
    }

    /// The LSH indexes get exactly the segments that are first of their text, have a letter
    /// and have shingles, in order: the band-key index those outside `Sketcher.onlyShort`,
    /// each with its own band keys, the short index those in `Sketcher.shortTokens`.
    @Test func onlyFirstOfTheirTextSegmentsWithBandKeysAreLSHEntries() {
        let (table, filer, index, sketches) = Self.filed()
        let texts = (0..<table.count).map { Self.text(of: $0, in: table) }
        let filed = (0..<table.count).filter { segment in
            Int(table.exactRepresentative[segment]) == segment && !table.shingles(of: segment).isEmpty
                && texts[segment] != "2009."
        }
        let expected = filed.filter { !Sketcher.onlyShort.contains(table.tokens(of: $0).count) }
        let short = filed.filter { Sketcher.shortTokens.contains(table.tokens(of: $0).count) }
        #expect(filer.entrySegment == expected.map(UInt32.init))
        #expect(filer.short.entrySegment == short.map(UInt32.init))
        #expect(Set(expected + short) == Set(filed))
        #expect(index.count == expected.count)
        // A paragraph of two sentences and both sentences in the first document; in the
        // third, a paragraph and a paragraph of two sentences (one a copy, one too short).
        #expect(filed.count == 5)
        for excluded in ["Short one here.", "2009.", "Residents cheered.", "THE COUNCIL approved the new budget, after a long debate!"] {
            #expect(!filed.contains { texts[$0] == excluded }, "\(excluded)")
        }
        let bands = Configuration().lshParameters.bands
        for (entry, segment) in expected.enumerated() {
            let document = Int(table.document[segment])
            let sketched = sketches[document].segments[segment - table.documentStart[document]]
            let keys = (0..<bands).map { index.keys(ofBand: $0).dropFirst(entry).first! }
            #expect(keys == Array(sketches[document].bandKeys[sketched.bandKeys]), "entry \(entry)")
        }
    }

    /// Numbers and punctuation alone are never recycled: "7.", "(2006)." and "2009." in many
    /// documents make no family, and cleaning keeps "ch. 7." whole (issue 16, item 8).
    @Test func segmentsWithoutALetterAreNeverRecycled() {
        let documents = (0..<6).map { index in
            Document(
                id: "d\(index)",
                text: """
                    Story number \(index) tells of harbour \(index * 7 + 3) and its ferry timetable for week \(index).

                    Officials read rule \(index) of ch. 7.

                    (2006).

                    2009.

                    7.
                    """)
        }
        let report = Pipeline().scan(documents)
        for family in report.families {
            #expect(family.text.utf8.contains { ByteClass.isASCIIWordByte($0) && !(0x30...0x39).contains($0) }, "\(family.text)")
        }
        for document in report.documents {
            let bytes = documents[document.index].bytes
            for paragraph in document.paragraphs {
                for span in paragraph.recycled {
                    let text = String(decoding: bytes[span.range], as: UTF8.self)
                    #expect(text.contains { $0.isLetter }, "\(document.id): \(text)")
                }
            }
        }
        let cleaned = Cleaner.clean(report, documents: documents)
        for document in cleaned {
            #expect(String(decoding: document.text, as: UTF8.self).contains("ch. 7."))
        }
    }
}
