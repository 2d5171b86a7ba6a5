import CRefrainKernels

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
    /// empty bin gets `LSHIndex.noKey`, under which nothing is filed: borrowing a full bin's
    /// value (rotation) lets one shared common pair ("said in") agree in several bins, and
    /// most candidates were then unrelated sentences; and a key of the segment's own would
    /// be probed and filed for nothing, as exact copies are never filed here. Two segments
    /// with word-pair Jaccard *j* share each full bin's key with probability about *j*, for
    /// one hash per pair instead of one per pair and key. The values are 64-bit, not the shingle sketch's 16-bit ones: a band
    /// of one 16-bit value takes one of a few thousand likely minimums, and every segment
    /// would meet an unrelated first occupant in every band.
    ///
    /// - Parameters:
    ///   - segment: The segment; gets its `shortKeys` range.
    ///   - result: The document's sketch, whose `shortKeys` grow.
    /// - Complexity: O(*tokens* + `LSHShortIndex.keys`).
    @inline(__always)  // called for most sentences: out of line, the call cost more than its own work
    mutating func appendShort(_ segment: inout SegmentSketch, into result: inout DocumentSketch) {
        let tokens = segment.tokens
        let keyStart = result.shortKeys.count
        let keys = LSHShortIndex.keys
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: keys) { out in
            tokenHashes.withUnsafeBufferPointer { hashes in
                tokenStarts.withUnsafeBufferPointer { starts in
                    tokenEnds.withUnsafeBufferPointer { ends in
                        refrain_short_keys(
                            hashes.baseAddress! + tokens.lowerBound, starts.baseAddress! + tokens.lowerBound,
                            ends.baseAddress! + tokens.lowerBound, tokens.count, keys,
                            out.baseAddress!)
                    }
                }
            }
            result.shortKeys.append(contentsOf: UnsafeBufferPointer(out))
        }
        segment.shortKeys = keyStart..<result.shortKeys.count
        if keepsShortWords {
            for token in tokens { result.shortWords.append(Matcher.word(tokenHashes[token])) }
        }
    }
}
