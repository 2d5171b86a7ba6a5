import Testing

@testable import Refrain

@Suite struct DocumentSketchTests {
    /// The sketcher evaluates only the permutations LSH reads, and combines sentence sketches
    /// into paragraph sketches: every segment's band keys must still be those of a full
    /// 128-permutation sketch of the segment's own shingles.
    @Test(arguments: [0.5, 0.8, 0.95])
    func bandKeysEqualThoseOfAFullSketch(threshold: Double) {
        let parameters = LSHParameters.forThreshold(threshold, permutations: 128)
        let minHash = MinHash(permutations: 128)
        var sketcher = Sketcher(shingle: 5, minHash: minHash, parameters: parameters)
        #expect(sketcher.usedPermutations < 128 || parameters.bands * parameters.rows > 120)
        var checked = 0
        for document in sampleCorpus.documents {
            let sketch = sketcher.sketch(document.bytes)
            for segment in sketch.segments where !segment.shingles.isEmpty {
                let full = minHash.sketch(Array(sketch.fingerprints[segment.shingles]))
                var expected: [UInt32] = []
                full.withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &expected) }
                #expect(Array(sketch.bandKeys[segment.bandKeys]) == expected)
                checked += 1
            }
        }
        #expect(checked > 60, "the samples have paragraphs and sentences with shingles")
    }
}
