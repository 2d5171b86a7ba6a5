/// Compact per-segment records kept for the whole corpus once documents are sketched.
///
/// Struct of arrays, one entry per segment in corpus order; 37 bytes a segment plus 4
/// bytes per shingle. No text is kept here.
struct SegmentTable {
    /// The shingle length: a segment of *n* tokens has max(0, *n* − k + 1) shingles, so
    /// shingle counts are derived, not stored.
    var shingle: Int
    var document: [UInt32] = []
    var paragraph: [UInt32] = []
    var isParagraph: [Bool] = []
    /// The segment's bytes.
    var spanStart: [UInt32] = []
    var spanEnd: [UInt32] = []
    /// First token of the segment among its paragraph's tokens, and the token count.
    var tokenStart: [UInt32] = []
    var tokenCount: [UInt32] = []
    /// The segment's first shingle in `fingerprints`.
    var shingleStart: [UInt32] = []
    /// The first segment with the same normalized text (itself when it was first).
    var exactRepresentative: [UInt32] = []
    /// Best verified Jaccard similarity to a segment of another document.
    var similarity: [Float] = []
    /// Shingle fingerprints of every paragraph, corpus order.
    var fingerprints: [UInt32] = []
    /// First segment of each document; one extra entry closes the last.
    var documentStart: [Int] = [0]

    /// Creates an empty table for shingles of `shingle` tokens.
    init(shingle: Int) { self.shingle = shingle }

    var count: Int { document.count }

    /// Reserves room for `segments` segments and `shingles` fingerprints.
    ///
    /// Large reservations are mapped lazily, so reserving generously costs no memory that
    /// is not used, and spares the copies (and fresh pages) of growing near the end.
    mutating func reserve(segments: Int, shingles: Int) {
        document.reserveCapacity(segments)
        paragraph.reserveCapacity(segments)
        isParagraph.reserveCapacity(segments)
        spanStart.reserveCapacity(segments)
        spanEnd.reserveCapacity(segments)
        tokenStart.reserveCapacity(segments)
        tokenCount.reserveCapacity(segments)
        shingleStart.reserveCapacity(segments)
        exactRepresentative.reserveCapacity(segments)
        similarity.reserveCapacity(segments)
        fingerprints.reserveCapacity(shingles)
    }

    func shingles(of segment: Int) -> Range<Int> {
        let start = Int(shingleStart[segment])
        return start..<(start + max(0, Int(tokenCount[segment]) - shingle + 1))
    }

    func span(of segment: Int) -> ByteRange {
        ByteRange(Int(spanStart[segment]), Int(spanEnd[segment]))
    }

    func tokens(of segment: Int) -> Range<Int> {
        let start = Int(tokenStart[segment])
        return start..<(start + Int(tokenCount[segment]))
    }

    func segments(ofDocument index: Int) -> Range<Int> {
        documentStart[index]..<documentStart[index + 1]
    }
}
