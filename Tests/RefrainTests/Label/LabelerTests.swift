import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct LabelerTests {
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
}
