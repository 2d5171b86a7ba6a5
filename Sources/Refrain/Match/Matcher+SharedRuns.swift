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
    ///   - jobs: Threads to share the work; the answer does not depend on it.
    /// - Returns: Coverage runs, each anchored at its own segment; a run's partner is
    ///   another document it occurs in, or `Clusters.otherDocuments`.
    /// - Complexity: O(*w*) expected time and memory, for the *w* words of the segments filed.
    static func sharedRuns(table: SegmentTable, similarity: [Float], jobs: Int = 1) -> [Coverage] {
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
        let segments = filed
        let runCount = runs

        // One table per thread, each holding the runs whose key falls in its part: every
        // thread reads all the runs in filing order, so each key's first document is the
        // one a single table would keep.
        let parts = max(1, min(jobs, 16))
        @Sendable @inline(__always) func part(_ key: UInt64) -> Int {
            parts == 1 ? 0 : Int(truncatingIfNeeded: ((key &* 0xD6E8_FEB8_6659_FD93) >> 32) % UInt64(parts))
        }
        /// The run starting at a segment's `offset`th word: its first and last shingle.
        @Sendable @inline(__always) func key(_ fingerprints: ArraySlice<UInt32>, _ offset: Int) -> UInt64 {
            UInt64(fingerprints[fingerprints.startIndex + offset]) << 32 | UInt64(fingerprints[fingerprints.startIndex + offset + gap])
        }
        @Sendable @inline(__always) func forEachRun(of segment: Int, _ body: (Int, UInt64) -> Void) {
            // Through `fingerprints(of:)`: a large scan keeps only some of them in memory.
            let fingerprints = table.fingerprints(of: segment)
            for offset in 0..<(fingerprints.count - gap) { body(offset, key(fingerprints, offset)) }
        }
        // The tables are far larger than the caches: slots are fetched a few runs ahead.
        let distance = 8
        let tables = parallelMap(parts, jobs: jobs) { filling in
            // A part's share of the runs, with no margin: it grows only past a quarter more
            // keys than that, and runs repeated across documents make fewer keys than runs.
            var runTable = SharedRunTable(capacity: runCount / parts + 64)
            var ahead = [UInt64](repeating: 0, count: distance)
            var queued = 0
            for segment in segments {
                let document = table.document[Int(segment)]
                forEachRun(of: Int(segment)) { _, key in
                    guard part(key) == filling else { return }
                    runTable.prefetch(key)
                    if queued >= distance { runTable.insert(ahead[queued % distance], document: document) }
                    ahead[queued % distance] = key
                    queued += 1
                }
                // A segment's queued keys are filed before the next segment's (documents in order).
                for late in max(0, queued - distance)..<queued { runTable.insert(ahead[late % distance], document: document) }
                queued = 0
            }
            return runTable
        }

        // Lookups read the tables only: chunks of segments, in order.
        let chunks = parts == 1 ? 1 : min(segments.count, parts * 16)
        let pieces = parallelMap(chunks, jobs: jobs) { chunk -> [Coverage] in
            // Slots read through pointers: no reference counting per run looked up.
            withBuffers(of: SharedRunTable.slots(of: tables)) { slots in
                var coverage: [Coverage] = []
                for segment in segments[(segments.count * chunk / chunks)..<(segments.count * (chunk + 1) / chunks)] {
                    let document = table.document[Int(segment)]
                    var open: (start: Int, end: Int, partner: UInt32)?
                    let fingerprints = table.fingerprints(of: Int(segment))
                    let count = fingerprints.count - gap
                    func prefetch(_ offset: Int) {
                        let ahead = key(fingerprints, offset)
                        SharedRunTable.prefetch(ahead, in: slots[part(ahead)])
                    }
                    for offset in 0..<min(distance, count) { prefetch(offset) }
                    for offset in 0..<count {
                        if offset + distance < count { prefetch(offset + distance) }
                        let found = key(fingerprints, offset)
                        guard let partner = SharedRunTable.otherDocument(found, than: document, in: slots[part(found)])
                        else { continue }
                        if let run = open, offset <= run.end {
                            open!.end = offset + length
                        } else {
                            if let run = open {
                                coverage.append(
                                    Coverage(
                                        segment: segment, start: UInt32(run.start), end: UInt32(run.end),
                                        partnerDocument: run.partner, anchor: segment))
                            }
                            open = (offset, offset + length, partner)
                        }
                    }
                    if let run = open {
                        coverage.append(
                            Coverage(
                                segment: segment, start: UInt32(run.start), end: UInt32(run.end),
                                partnerDocument: run.partner, anchor: segment))
                    }
                }
                return coverage
            }
        }
        return Array(pieces.joined())
    }
}

/// An open-addressing table from a run of words (a 64-bit key) to the first document it
/// was filed from, and whether another document filed it too.
///
/// Sized for its keys at most 60% full, not to a power of two (a slot is found by the high
/// half of a multiply): at a few million runs, rounding up to a power of two doubled a
/// table that is the match stage's peak.
struct SharedRunTable {
    /// A key's two halves, both 0 for an empty slot (a key of 0 is filed as 1), and its
    /// first document with the top bit set once another document filed the key: 12 bytes.
    struct Slot {
        var first: UInt32 = 0
        var last: UInt32 = 0
        var document: UInt32 = 0

        var key: UInt64 { UInt64(first) << 32 | UInt64(last) }
        var isEmpty: Bool { first == 0 && last == 0 }
    }

    private var slots: [Slot]
    /// Keys filed.
    private var count = 0

    /// Creates a table for `capacity` keys.
    init(capacity: Int) {
        slots = [Slot](repeating: Slot(), count: max(1024, capacity + capacity * 2 / 3))
    }

    /// Files every key again into a table with room for twice as many.
    private mutating func grow() {
        var grown = SharedRunTable(capacity: 2 * count)
        grown.slots.withUnsafeMutableBufferPointer { grownSlots in
            for slot in slots where !slot.isEmpty {
                var at = Self.home(slot.key, slots: grownSlots.count)
                while !grownSlots[at].isEmpty { at = at + 1 == grownSlots.count ? 0 : at + 1 }
                grownSlots[at] = slot
            }
        }
        grown.count = count
        self = grown
    }

    private static let elsewhere: UInt32 = 1 << 31

    private func home(_ key: UInt64) -> Int { Self.home(key, slots: slots.count) }

    private static func home(_ key: UInt64, slots: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15).multipliedFullWidth(by: UInt64(slots)).high)
    }

    /// Starts fetching the slot where `key` is looked for.
    func prefetch(_ key: UInt64) {
        slots.withUnsafeBufferPointer { Self.prefetch(key, in: $0) }
    }

    /// Starts fetching the slot of `slots` (a table's, from `slots(of:)`) where
    /// `key` is looked for.
    static func prefetch(_ key: UInt64, in slots: UnsafeBufferPointer<Slot>) {
        refrain_prefetch(slots.baseAddress! + home(max(key, 1), slots: slots.count))
    }

    /// Each table's slots, for lookups through `withBuffers(of:_:)`.
    static func slots(of tables: [SharedRunTable]) -> [[Slot]] { tables.map(\.slots) }

    /// Files `key` from `document`.
    ///
    /// - Complexity: O(1) expected.
    mutating func insert(_ key: UInt64, document: UInt32) {
        // Past three quarters full, probes grow long (a part can hold more than its share).
        if 4 * count >= 3 * slots.count { grow() }
        let key = max(key, 1)
        var slot = home(key)
        let filed = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                if slots[slot].isEmpty {
                    slots[slot] = Slot(
                        first: UInt32(truncatingIfNeeded: key >> 32), last: UInt32(truncatingIfNeeded: key), document: document)
                    return true
                }
                if slots[slot].key == key {
                    if slots[slot].document & ~Self.elsewhere != document { slots[slot].document |= Self.elsewhere }
                    return false
                }
                slot = slot + 1 == slots.count ? 0 : slot + 1
            }
        }
        if filed { count += 1 }
    }

    /// A document other than `document` that filed `key`, `Clusters.otherDocuments` when
    /// that is not the first one, or `nil` when no other document did.
    ///
    /// - Complexity: O(1) expected.
    func otherDocument(_ key: UInt64, than document: UInt32) -> UInt32? {
        slots.withUnsafeBufferPointer { Self.otherDocument(key, than: document, in: $0) }
    }

    /// `otherDocument(_:than:)` in a table's slots, from `slots(of:)`.
    ///
    /// - Complexity: O(1) expected.
    static func otherDocument(_ key: UInt64, than document: UInt32, in slots: UnsafeBufferPointer<Slot>) -> UInt32? {
        let key = max(key, 1)
        var slot = home(key, slots: slots.count)
        while !slots[slot].isEmpty {
            if slots[slot].key == key {
                let entry = slots[slot].document
                guard entry & elsewhere != 0 else { return nil }
                let first = entry & ~elsewhere
                return first != document ? first : Clusters.otherDocuments
            }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
        return nil
    }
}
