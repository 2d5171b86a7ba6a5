import CRefrainKernels

extension Matcher {
    /// The words a run must have to count as shared with another document on its own.
    static let sharedRunWords = 8

    /// Runs of words that segments verified against another document share with any other
    /// document, as coverage.
    ///
    /// Verification compares a segment with the first occupants of its LSH buckets, which
    /// for a template in many documents is its first copy: a variant shared by a few
    /// documents (a clause naming another company) is verified against the generic copy,
    /// and the words it shares with its twin alone would stay novel. Here every run of
    /// `sharedRunWords` words of a verified segment is looked up in one table of all of
    /// them, and a run found in two or more documents is covered. Only the first of each
    /// exact text is filed, and a sentence only when its paragraph was not verified (the
    /// paragraph's runs hold the sentence's), so a template in 20,000 documents costs its
    /// verified copies' words, once each.
    ///
    /// - Parameters:
    ///   - table: Every segment; runs are taken from its shingle fingerprints (a run of
    ///     `sharedRunWords` words is the pair of its first and last shingle).
    ///   - similarity: Each segment's best similarity to another document's segment (0: none).
    /// - Returns: Coverage runs, each anchored at its own segment; a run's partner is
    ///   another document it occurs in, or `Clusters.otherDocuments`.
    /// - Complexity: O(*w*) expected time and memory, for the *w* words of the segments filed.
    static func sharedRuns(table: SegmentTable, similarity: [Float]) -> [Coverage] {
        let length = max(sharedRunWords, table.shingle)
        let gap = length - table.shingle  // from a run's first shingle to its last
        // The segments to file: verified, first of their text, long enough; a sentence only
        // when its paragraph (after it in the table) was not verified.
        var filed: [UInt32] = []
        var runs = 0
        var paragraphVerified = false
        for segment in stride(from: table.count - 1, through: 0, by: -1) {
            let verified = similarity[Int(table.exactRepresentative[segment])] > 0
            if table.isParagraph[segment] {
                paragraphVerified = verified
            } else if paragraphVerified {
                continue
            }
            guard verified, table.exactRepresentative[segment] == UInt32(segment), Int(table.tokenCount[segment]) >= length
            else { continue }
            filed.append(UInt32(segment))
            runs += Int(table.tokenCount[segment]) - length + 1
        }
        guard !filed.isEmpty else { return [] }
        filed.reverse()

        var runTable = SharedRunTable(capacity: runs)
        func forEachRun(of segment: Int, _ body: (Int, UInt64) -> Void) {
            // Through `fingerprints(of:)`: a large scan keeps only some of them in memory.
            let fingerprints = table.fingerprints(of: segment)
            let base = fingerprints.startIndex
            let count = fingerprints.count - gap
            @inline(__always) func key(_ offset: Int) -> UInt64 {
                UInt64(fingerprints[base + offset]) << 32 | UInt64(fingerprints[base + offset + gap])
            }
            // The table is far larger than the caches: its slots are fetched a few runs ahead.
            let distance = 8
            for offset in 0..<min(distance, count) { runTable.prefetch(key(offset)) }
            for offset in 0..<count {
                if offset + distance < count { runTable.prefetch(key(offset + distance)) }
                body(offset, key(offset))
            }
        }
        for segment in filed {
            let document = table.document[Int(segment)]
            forEachRun(of: Int(segment)) { _, key in runTable.insert(key, document: document) }
        }
        var coverage: [Coverage] = []
        for segment in filed {
            let document = table.document[Int(segment)]
            var open: (start: Int, end: Int, partner: UInt32)?
            forEachRun(of: Int(segment)) { offset, key in
                guard let partner = runTable.otherDocument(key, than: document) else { return }
                if let run = open, offset <= run.end {
                    open!.end = offset + length
                } else {
                    if let run = open {
                        coverage.append(
                            Coverage(
                                segment: segment, start: UInt32(run.start), end: UInt32(run.end), partnerDocument: run.partner,
                                anchor: segment))
                    }
                    open = (offset, offset + length, partner)
                }
            }
            if let run = open {
                coverage.append(
                    Coverage(
                        segment: segment, start: UInt32(run.start), end: UInt32(run.end), partnerDocument: run.partner,
                        anchor: segment))
            }
        }
        return coverage
    }
}

/// An open-addressing table from a run of words (a 64-bit key) to the first document it
/// was filed from, and whether another document filed it too.
struct SharedRunTable {
    /// A key, 0 for an empty slot (a key of 0 is filed as 1), and its first document with
    /// the top bit set once another document filed the key: one slot, one cache line.
    struct Slot {
        var key: UInt64 = 0
        var document: UInt32 = 0
    }

    private var slots: [Slot]
    private let mask: Int

    /// Creates a table for `capacity` keys, at most half full.
    init(capacity: Int) {
        var size = 1024
        while size < 2 * capacity { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    private static let elsewhere: UInt32 = 1 << 31

    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Starts fetching the slot where `key` is looked for.
    func prefetch(_ key: UInt64) {
        slots.withUnsafeBufferPointer { refrain_prefetch($0.baseAddress! + home(max(key, 1))) }
    }

    /// Files `key` from `document`.
    ///
    /// - Complexity: O(1) expected.
    mutating func insert(_ key: UInt64, document: UInt32) {
        let key = max(key, 1)
        var slot = home(key)
        let mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            while true {
                if slots[slot].key == 0 {
                    slots[slot] = Slot(key: key, document: document)
                    return
                }
                if slots[slot].key == key {
                    if slots[slot].document & ~Self.elsewhere != document { slots[slot].document |= Self.elsewhere }
                    return
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// A document other than `document` that filed `key`, `Clusters.otherDocuments` when
    /// that is not the first one, or `nil` when no other document did.
    ///
    /// - Complexity: O(1) expected.
    func otherDocument(_ key: UInt64, than document: UInt32) -> UInt32? {
        let key = max(key, 1)
        var slot = home(key)
        return slots.withUnsafeBufferPointer { slots in
            while slots[slot].key != 0 {
                if slots[slot].key == key {
                    let entry = slots[slot].document
                    guard entry & Self.elsewhere != 0 else { return nil }
                    let first = entry & ~Self.elsewhere
                    return first != document ? first : Clusters.otherDocuments
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}
