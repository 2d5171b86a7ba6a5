extension Sketcher {
    /// Token counts of the segments that get short keys.
    ///
    /// A short segment with two or three words edited keeps few of its 5-word shingles
    /// (Jaccard about 0.33 for 16 words), so the shingle sketch rarely finds it; word pairs
    /// survive. From 40 words on the shingle sketch finds such edits itself.
    static let shortTokens = 10..<40

    /// Token counts of the segments filed by their short keys alone, not by shingle band
    /// keys too: the short keys find every pair the band keys would, and filing both would
    /// double the index work for most sentences. The ranges overlap (32-39 words are in both
    /// indexes), so that a segment meets the segments a few words shorter or
    /// longer than itself; below 10 words, segments are filed by band keys alone.
    static let onlyShort = 10..<32

    /// Appends a short segment's keys to the document's sketch.
    ///
    /// The keys are a one-permutation MinHash of the segment's word pairs (Li, Owen and
    /// Zhang 2012): each pair is hashed once to 64 bits, its top 4 bits choose one of
    /// `LSHShortIndex.keys` bins, and a bin's key is the least of its pairs' other bits. An
    /// empty bin gets a key of its segment's own, matching nothing: borrowing a full bin's
    /// value (rotation) lets one shared common pair ("said in") agree in several bins, and
    /// most candidates were then unrelated sentences. Two segments with word-pair Jaccard *j*
    /// share each full bin's key with probability about *j*, for one hash per pair instead
    /// of one per pair and key. The values are 64-bit, not the shingle sketch's 16-bit ones: a band
    /// of one 16-bit value takes one of a few thousand likely minimums, and every segment
    /// would meet an unrelated first occupant in every band.
    ///
    /// - Parameters:
    ///   - segment: The segment; gets its `shortKeys` range.
    ///   - result: The document's sketch, whose `shortKeys` grow.
    /// - Complexity: O(*tokens* + `LSHShortIndex.keys`).
    mutating func appendShort(_ segment: inout SegmentSketch, into result: inout DocumentSketch) {
        let tokens = segment.tokens
        let keyStart = result.shortKeys.count
        let keys = LSHShortIndex.keys
        let binShift = UInt64(64 - (keys - 1).bitWidth + (keys - 1).leadingZeroBitCount)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keys) { minimums in
            minimums.initialize(repeating: .max)
            @inline(__always) func add(_ pair: UInt32) {
                let hash = Shingler.mix(UInt64(pair) ^ 0x5407_7E27_0F0A_1D15)
                let bin = Int(truncatingIfNeeded: hash >> binShift)
                minimums[bin] = min(minimums[bin], hash & ((1 << binShift) - 1))
            }
            tokenHashes.withUnsafeBufferPointer { hashes in
                // Pairs of two short words ("of the", "in a") are in most sentences: as
                // keys they would only name unrelated first occupants.
                var added = 0
                var shortBefore = tokenEnds[tokens.lowerBound] - tokenStarts[tokens.lowerBound] <= 3
                for token in tokens.dropFirst() {
                    let short = tokenEnds[token] - tokenStarts[token] <= 3
                    if !(short && shortBefore) {
                        add(Shingler.fingerprint(hashes, at: token - 1, k: 2))
                        added += 1
                    }
                    shortBefore = short
                }
                if added < 2 {  // nothing but short words: every pair
                    for token in tokens.dropFirst() { add(Shingler.fingerprint(hashes, at: token - 1, k: 2)) }
                }
            }
            for bin in 0..<keys {
                let value = minimums[bin] != .max ? minimums[bin] : segment.exactHash ^ UInt64(bin) &* 0xC2B2_AE3D_27D4_EB4F
                let key = Shingler.mix(value)
                result.shortKeys.append(UInt32(truncatingIfNeeded: key))
            }
        }
        segment.shortKeys = keyStart..<result.shortKeys.count
    }
}
