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
/// documents, so that no word is kept per segment meanwhile; a large scan, whose texts are
/// not resident, keeps them in a temporary file instead (`ShortWords`).
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
    /// The entries' words, when kept (`spillWords()`).
    private(set) var words = ShortWords()

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

    /// Keeps each entry's words in a temporary file as it is filed, for a large scan.
    mutating func spillWords() {
        words.spill()
    }

    /// Reads back the words of the entries the match stage aligns: each entry with
    /// candidates, and the candidates.
    ///
    /// - Parameters:
    ///   - candidates: Every entry's candidates (`candidates(jobs:)`).
    ///   - table: The segments, for each entry's number of words.
    /// - Complexity: O(*entries* + *candidates*), plus the reads.
    mutating func keepWords(for candidates: LSHCandidates, table: SegmentTable) {
        guard words.isSpilling else { return }
        var needed = [Bool](repeating: false, count: count)
        for entry in 0..<candidates.count {
            let found = candidates[entry]
            guard !found.isEmpty else { continue }
            needed[entry] = true
            for occupant in found { needed[Int(occupant)] = true }
        }
        let segments = entrySegment
        words.keep(entries: needed) { Int(table.tokenCount[Int(segments[$0])]) }
    }

    /// The number of entries filed.
    var count: Int { entrySegment.count }

    /// Files a short segment.
    ///
    /// - Parameters:
    ///   - segment: The segment's id; segments are filed in increasing order.
    ///   - keys: Its `keys` keys (`DocumentSketch.shortKeys`).
    ///   - words: Its words (`DocumentSketch.shortWords`), kept when the index spills them.
    /// - Complexity: O(*keys* + *words*), amortized.
    mutating func file(segment: Int, keys: ArraySlice<UInt32>, words: ArraySlice<UInt16> = []) {
        index.append(bandKeys: keys)
        entrySegment.append(UInt32(segment))
        self.words.append(words)
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
