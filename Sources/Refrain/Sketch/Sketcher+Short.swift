extension Sketcher {
    /// Token counts of the segments that get short keys and keep their words.
    ///
    /// A short segment with two or three words edited keeps few of its 5-word shingles
    /// (Jaccard about 0.33 for 16 words), so the shingle sketch rarely finds it; word pairs
    /// survive. Below 10 words two edited words already leave less than 80% aligned, and
    /// from 32 words on the shingle sketch finds such edits itself.
    static let shortTokens = 10..<32

    /// Appends a short segment's keys and words to the document's sketch.
    ///
    /// The keys are `LSHShortIndex.keys` MinHash values of the segment's word pairs, each
    /// hashed as a band of one row: two segments with word-pair Jaccard *j* share each key
    /// with probability *j* (0.43 for 16 words with 3 replaced, so one of 16 keys is
    /// shared with probability 0.9999).
    ///
    /// - Parameters:
    ///   - segment: The segment; gets its `shortKeys` and `words` ranges.
    ///   - result: The document's sketch, whose `shortKeys` and `words` grow.
    /// - Complexity: O(*tokens*).
    mutating func appendShort(_ segment: inout SegmentSketch, into result: inout DocumentSketch) {
        let tokens = segment.tokens
        let keyStart = result.shortKeys.count
        let wordStart = result.words.count
        let minHash = shortMinHash
        tokenHashes.withUnsafeBufferPointer { hashes in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: tokens.count - 1) { pairs in
                // Pairs of two short words ("of the", "in a") are in most sentences: as
                // keys they would only name unrelated first occupants.
                var count = 0
                var shortBefore = tokenEnds[tokens.lowerBound] - tokenStarts[tokens.lowerBound] <= 3
                for token in tokens.dropFirst() {
                    let short = tokenEnds[token] - tokenStarts[token] <= 3
                    if !(short && shortBefore) {
                        pairs[count] = Shingler.fingerprint(hashes, at: token - 1, k: 2)
                        count += 1
                    }
                    shortBefore = short
                }
                if count < 2 {  // nothing but short words: every pair
                    count = tokens.count - 1
                    for offset in 0..<count { pairs[offset] = Shingler.fingerprint(hashes, at: tokens.lowerBound + offset, k: 2) }
                }
                withUnsafeTemporaryAllocation(of: SIMD8<UInt16>.self, capacity: LSHShortIndex.keys / 8) { sketch in
                    minHash.sketch(UnsafeBufferPointer(rebasing: pairs[..<count]), into: sketch)
                    UnsafeMutableRawBufferPointer(sketch).withMemoryRebound(to: UInt16.self) { values in
                        LSHIndex.bandKeys(
                            of: UnsafeBufferPointer(values), parameters: LSHShortIndex.parameters, into: &result.shortKeys)
                    }
                }
            }
            for token in tokens { result.words.append(UInt16(truncatingIfNeeded: hashes[token] >> 48)) }
        }
        segment.shortKeys = keyStart..<result.shortKeys.count
        segment.words = wordStart..<result.words.count
    }
}
