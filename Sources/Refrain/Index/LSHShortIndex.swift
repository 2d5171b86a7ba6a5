/// Locality-sensitive hashing for short segments, by word pairs.
///
/// A short segment (`Sketcher.shortTokens`) is filed under `keys` keys, each one MinHash
/// value of its word pairs (a band of one row), into an `LSHIndex` of its own: an entry's
/// candidate in a band is the first earlier entry with that key, so a sentence in 20,000
/// documents still costs one lookup per key. A candidate must be named by at least
/// `minimumAgreement` keys: one shared key is often a common word pair ("prime minister",
/// "said on"), and every candidate is verified by its words. Two, not three: where earlier
/// sentences share a near-copy's common pairs, they are the first occupants of those keys,
/// and the copy it was made from leads in the few keys left (review 90).
/// Candidates are verified by aligning their words (`WordAlignment`), read again from the
/// documents, so that no word is kept per segment meanwhile.
struct LSHShortIndex: Sendable {
    /// The keys per short segment, a power of two (a key is one of as many bins).
    static let keys = 16
    /// The banding of the keys: one value per band.
    static let parameters = LSHParameters(bands: keys, rows: 1)
    /// The keys that must name a candidate.
    static let minimumAgreement = 2

    /// The entries' keys.
    private(set) var index: LSHIndex
    /// For each entry, its segment (increasing: segments are filed in order).
    private(set) var entrySegment: [UInt32] = []

    /// Creates an empty index with room for about `capacity` entries.
    init(capacity: Int = 1024) {
        index = LSHIndex(parameters: Self.parameters, capacity: capacity)
        entrySegment.reserveCapacity(capacity)
    }

    /// Keeps the keys in a spill file as they are filed, a block at a time, as a large
    /// scan keeps its band keys: 16 keys per short segment would be most of its memory.
    mutating func spillKeys() {
        index.spillKeys()
    }

    /// The number of entries filed.
    var count: Int { entrySegment.count }

    /// Files a short segment.
    ///
    /// - Parameters:
    ///   - segment: The segment's id; segments are filed in increasing order.
    ///   - keys: Its `keys` keys (`DocumentSketch.shortKeys`).
    /// - Complexity: O(*keys*), amortized.
    mutating func file(segment: Int, keys: ArraySlice<UInt32>) {
        index.append(bandKeys: keys)
        entrySegment.append(UInt32(segment))
    }

    /// Takes the entries' keys out, to be freed once candidates are found; the segments
    /// stay for verification.
    mutating func takeKeys() -> LSHIndex {
        var taken = LSHIndex(parameters: Self.parameters, capacity: 0)
        swap(&taken, &index)
        return taken
    }

    /// Every entry's candidates: earlier entries that are the first of at least
    /// `minimumAgreement` of its keys.
    ///
    /// - Complexity: O(*entries* × *keys*) expected time.
    func candidates(jobs: Int) -> LSHCandidates {
        index.candidates(jobs: jobs, minimumAgreement: Self.minimumAgreement)
    }
}
