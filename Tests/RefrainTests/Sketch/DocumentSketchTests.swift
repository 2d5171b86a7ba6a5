import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct DocumentSketchTests {
    /// The sketcher evaluates only the permutations LSH reads, and combines sentence sketches
    /// into paragraph sketches: every segment's band keys must still be those of a full
    /// 128-permutation sketch of the segment's own shingles (segments filed by short keys
    /// alone have none).
    @Test(arguments: [0.5, 0.8, 0.95])
    func bandKeysEqualThoseOfAFullSketch(threshold: Double) {
        let parameters = LSHParameters.forThreshold(threshold, permutations: 128)
        let minHash = MinHash(permutations: 128)
        var sketcher = Sketcher(shingle: 5, minHash: minHash, parameters: parameters)
        // The permutations LSH reads, rounded up to the kernel's groups of eight: no more.
        let read = parameters.bands * parameters.rows
        #expect(sketcher.usedPermutations == min(128, (read + 7) / 8 * 8))
        #expect(sketcher.usedPermutations >= read)
        var checked = 0
        for document in sampleCorpus.documents {
            let sketch = sketcher.sketch(document.bytes)
            for segment in sketch.segments where !segment.shingles.isEmpty {
                // 10-31 words: filed by word-pair keys alone (`Sketcher.onlyShort`).
                if Sketcher.onlyShort.contains(segment.tokens.count) {
                    #expect(segment.bandKeys.isEmpty)
                    #expect(segment.shortKeys.count == (segment.hasLetter ? LSHShortIndex.keys : 0))
                    // Fewer word pairs than bins leave bins empty, and an empty bin is no key.
                    let keys = sketch.shortKeys[segment.shortKeys]
                    if segment.hasLetter, segment.tokens.count - 1 < LSHShortIndex.keys {
                        #expect(keys.contains(LSHIndex.noKey))
                    }
                    checked += 1
                    continue
                }
                let full = minHash.sketch(Array(sketch.fingerprints[segment.shingles]))
                var expected: [UInt32] = []
                full.withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &expected) }
                #expect(Array(sketch.bandKeys[segment.bandKeys]) == expected)
                checked += 1
            }
        }
        #expect(checked > 60, "the samples have paragraphs and sentences with shingles")
    }

    /// The scanner has each sketch written over the arrays of an earlier document's sketch:
    /// nothing of the earlier document may remain, whether it was longer or shorter.
    @Test func sketchingIntoAnEarlierSketchLeavesNothingOfIt() {
        var sketcher = Sketcher(shingle: 5, minHash: MinHash(permutations: 128), parameters: Configuration().lshParameters)
        let documents = sampleCorpus.documents
        var reused = DocumentSketch()
        for (earlier, document) in zip(documents + documents, documents.reversed() + documents.dropFirst() + [documents[0]]) {
            sketcher.sketch(earlier.bytes, into: &reused)
            sketcher.sketch(document.bytes, into: &reused)
            let fresh = sketcher.sketch(document.bytes)
            #expect(reused.segments == fresh.segments)
            #expect(reused.fingerprints == fresh.fingerprints)
            #expect(reused.bandKeys == fresh.bandKeys)
            #expect(reused.segmentation == fresh.segmentation)
        }
    }

    /// A huge paragraph is tokenized into arrays sized for its tokens, not a token per byte,
    /// and sketched exactly as the per-byte path sketches it (issue 17, items 6 and 10).
    @Test func hugeParagraphsKeepTokenBuffersSmallAndSketchTheSame() {
        var generator = SeededGenerator(seed: 9)
        var words: [String] = []
        var length = 0
        while length < Sketcher.hugeParagraph + 300_000 {
            let word = "w\(Int.random(in: 0..<3000, using: &generator))" + (Int.random(in: 0..<12, using: &generator) == 0 ? "." : "")
            words.append(word)
            length += word.utf8.count + 1
        }
        let bytes = Array(words.joined(separator: " ").utf8)
        let parameters = LSHParameters.forThreshold(0.8, permutations: 128)
        var sketcher = Sketcher(shingle: 5, minHash: MinHash(permutations: 128), parameters: parameters)
        let huge = sketcher.sketch(bytes)
        #expect(sketcher.tokenHashes.count < bytes.count / 3, "\(sketcher.tokenHashes.count) token slots for \(bytes.count) bytes")
        // The per-byte path gives the same tokens.
        var reference = Sketcher(shingle: 5, minHash: MinHash(permutations: 128), parameters: parameters)
        bytes.withUnsafeBufferPointer { buffer in
            reference.tokenizeSmall(ByteRange(0, bytes.count), in: buffer)
        }
        #expect(reference.tokenCount == huge.segments.last { $0.kind == .paragraph }!.tokens.count)
        #expect(Array(reference.tokenHashes[..<reference.tokenCount]) == Array(sketcher.tokenHashes[..<sketcher.tokenCount]))
        #expect(Array(reference.tokenStarts[..<reference.tokenCount]) == Array(sketcher.tokenStarts[..<sketcher.tokenCount]))
        #expect(Array(reference.tokenEnds[..<reference.tokenCount]) == Array(sketcher.tokenEnds[..<sketcher.tokenCount]))
    }
}
