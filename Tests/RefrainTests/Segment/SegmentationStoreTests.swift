import Testing

@_spi(Stages) @testable import Refrain

/// Segmentations kept for the label stage read back as stored, in memory or from a file.
@Suite struct SegmentationStoreTests {
    /// Segmentations of generated text with every phenomenon (wrapped lines, line sentences,
    /// lists), of empty and odd texts, and one with numbers near 32 bits.
    static func segmentations() -> [Segmentation] {
        let corpus = GeneratedCorpus(documents: 3200, templates: 20, seed: 31, phenomena: GeneratedCorpus.Phenomenon.allCases)
        var result = corpus.documents.map { Segmenter.segment($0.bytes) }
        for text in ["", " \n\n ", "One.", "Headline\nA line. Another line.\nLast line here.\n\nNext paragraph."] {
            result.append(Segmenter.segment(Array(text.utf8)))
        }
        var far = Segmentation()
        let top = Int(UInt32.max)
        far.paragraphs = [ByteRange(top - 100, top)]
        far.sentences = [ByteRange(top - 100, top - 50), ByteRange(top - 49, top)]
        far.sentenceRanges = [0..<2]
        far.lineSentences = [0, 1]
        result.append(far)
        return result
    }

    @Test(arguments: [false, true])
    func readsBackWhatWasStored(spilling: Bool) {
        let stored = Self.segmentations()
        #expect(stored.contains { !$0.lineSentences.isEmpty }, "some segmentation has line sentences")
        var store = SegmentationStore(spilling: spilling)
        for segmentation in stored { store.append(segmentation) }
        store.finishWriting()
        #expect(store.count == stored.count)
        // More than a block of numbers: the file was written in several writes.
        let numbers = stored.reduce(0) { $0 + SegmentationStore.encodedCount($1) }
        #expect(numbers > 3 << 16)
        // Out of order, as the label stage's threads ask.
        var generator = SplitMix64(seed: 4)
        let order = stored.indices.shuffled(using: &generator)
        let mismatches = order.filter { store.segmentation(of: $0) != stored[$0] }
        #expect(mismatches.isEmpty)
    }

    @Test func anEmptyStoreHasNoSegmentation() {
        #expect(SegmentationStore().segmentation(of: 0) == nil)
    }

    @Test func encodingRoundTrips() {
        for segmentation in Self.segmentations() {
            var numbers: [UInt32] = [7]
            SegmentationStore.encode(segmentation, into: &numbers)
            #expect(numbers.count == 1 + SegmentationStore.encodedCount(segmentation))
            #expect(SegmentationStore.decode(Array(numbers.dropFirst())) == segmentation)
        }
    }
}
