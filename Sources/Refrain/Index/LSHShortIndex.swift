/// Locality-sensitive hashing for short segments, by word pairs, with their words kept for
/// alignment.
///
/// A short segment (`Sketcher.shortTokens`) is filed under `keys` keys, each one MinHash
/// value of its word pairs (a band of one row), into an `LSHIndex` of its own: an entry's
/// candidate in a band is the first earlier entry with that key, so a sentence in 20,000
/// documents still costs one lookup per key. A candidate must be named by at least
/// `minimumAgreement` keys: one shared key is often one common word pair, two rarely are.
/// Candidates are verified by aligning words (`WordAlignment`), not by shingles.
struct LSHShortIndex: Sendable {
    /// The keys per short segment, a multiple of 8.
    static let keys = 16
    /// The banding of the keys: one value per band.
    static let parameters = LSHParameters(bands: keys, rows: 1)
    /// The keys that must name a candidate.
    static let minimumAgreement = 2

    /// The entries' keys.
    private(set) var index: LSHIndex
    /// For each entry, its segment (increasing: segments are filed in order).
    private(set) var entrySegment: [UInt32] = []
    /// Where each entry's words start in `words`; one extra entry closes the last.
    private(set) var wordStart: [UInt32] = [0]
    /// The entries' word hashes, one entry after another.
    private(set) var words: [UInt16] = []

    /// Creates an empty index with room for about `capacity` entries.
    init(capacity: Int = 1024) {
        index = LSHIndex(parameters: Self.parameters, capacity: capacity)
        entrySegment.reserveCapacity(capacity)
    }

    /// The number of entries filed.
    var count: Int { entrySegment.count }

    /// Files a short segment.
    ///
    /// - Parameters:
    ///   - segment: The segment's id; segments are filed in increasing order.
    ///   - keys: Its `keys` keys (`DocumentSketch.shortKeys`).
    ///   - words: Its word hashes (`DocumentSketch.words`).
    /// - Complexity: O(*keys* + *words*), amortized.
    mutating func file(segment: Int, keys: ArraySlice<UInt32>, words: ArraySlice<UInt16>) {
        index.append(bandKeys: keys)
        entrySegment.append(UInt32(segment))
        self.words.append(contentsOf: words)
        wordStart.append(UInt32(self.words.count))
    }

    /// An entry's word hashes.
    func words(ofEntry entry: Int) -> ArraySlice<UInt16> {
        words[Int(wordStart[entry])..<Int(wordStart[entry + 1])]
    }

    /// Every entry's candidates: earlier entries that are the first of at least
    /// `minimumAgreement` of its keys.
    ///
    /// - Complexity: O(*entries* × *keys*) expected time.
    func candidates(jobs: Int) -> LSHCandidates {
        index.candidates(jobs: jobs, minimumAgreement: Self.minimumAgreement)
    }
}
