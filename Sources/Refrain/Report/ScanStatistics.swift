/// Counts of the work a scan did, for benchmarks and tuning.
public struct ScanStatistics: Sendable, Hashable {
    /// Segments (paragraphs and sentences) filed.
    public var segments = 0
    /// Segments that matched an earlier one's normalized text exactly.
    public var exactDuplicates = 0
    /// Distinct band keys in the LSH index, summed over bands.
    public var indexEntries = 0
    /// Candidate pairs from LSH, and those verified.
    public var candidates = 0, verified = 0
    /// Short segments filed by their word-pair keys, their candidate pairs, the pairs
    /// verified by aligning their words, and the segments whose words were read again.
    public var shortSegments = 0, shortCandidates = 0, shortAligned = 0, wordReads = 0
    /// Shingle fingerprints kept.
    public var shingles = 0
    /// Wall seconds spent sketching and filing segments, finding LSH candidates, verifying
    /// them, clustering, and labeling.
    public var sketchSeconds = 0.0, candidateSeconds = 0.0, matchSeconds = 0.0, clusterSeconds = 0.0, labelSeconds = 0.0
    /// The part of `sketchSeconds` the scanning thread spent filing segments in corpus
    /// order (the sketch stage's serial part).
    public var indexSeconds = 0.0
    /// Time to assemble the report from the labeled documents and clusters.
    public var reportSeconds = 0.0
    /// Resident memory after each stage, in stage order: where the peak comes from.
    public var memory: [MemorySample] = []

    /// The resident memory measured when a stage ended.
    public struct MemorySample: Sendable, Hashable {
        /// The stage: `sketch`, `index`, `verify`, `cluster`, `label`, `report`.
        public var stage: String
        /// Resident bytes when the stage ended.
        public var current: Int
        /// The largest resident bytes of the process so far.
        public var peak: Int

        public init(stage: String, current: Int, peak: Int) {
            self.stage = stage
            self.current = current
            self.peak = peak
        }
    }

    public init() {}
}
