/// What verifying a run of documents found, to apply in corpus order.
struct MatchLog: Sendable {
    /// Segment pairs to join, each `a << 32 | b`, in the order found.
    var unions: [UInt64] = []
    /// Similarities seen: a segment keeps the largest.
    var similarities: [(segment: UInt32, value: Float)] = []
    /// Shared runs, in the order found.
    var coverage: [Coverage] = []
    /// Candidate pairs looked at, and those verified.
    var candidates = 0, verified = 0
    /// Short candidate pairs looked at, those verified by their words, and word reads.
    var shortCandidates = 0, shortAligned = 0, wordReads = 0

    /// Runs of consecutive documents verified as one unit of work (small enough to share
    /// two threads' work evenly, large enough that a run's log is not mostly overhead).
    static func chunks(_ documents: Int) -> [Range<Int>] {
        stride(from: 0, to: documents, by: 256).map { $0..<min(documents, $0 + 256) }
    }

    /// Applies the log: unions in order, largest similarities, coverage appended.
    ///
    /// - Parameter similarity: The segment table's `similarity` column.
    func apply(similarity: inout [Float], families: inout UnionFind, coverage: inout [Coverage], statistics: inout ScanStatistics) {
        for pair in unions { families.union(Int(pair >> 32), Int(pair & 0xFFFF_FFFF)) }
        for (segment, value) in similarities { similarity[Int(segment)] = max(similarity[Int(segment)], value) }
        coverage.append(contentsOf: self.coverage)
        statistics.candidates += candidates
        statistics.verified += verified
        statistics.shortCandidates += shortCandidates
        statistics.shortAligned += shortAligned
        statistics.wordReads += wordReads
    }
}
