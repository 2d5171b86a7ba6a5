import CRefrainKernels
import Synchronization

extension LSHIndex {
    /// Finds every entry's candidates: in each band, the first earlier entry with the same key.
    ///
    /// - Parameters:
    ///   - jobs: Threads to share the bands among; the answer does not depend on it.
    ///   - minimumAgreement: The bands that must name an occupant for it to be a candidate.
    /// - Returns: Each entry's distinct candidates, in band order.
    /// - Complexity: O(*entries × bands*) expected time; per thread, one table of 16 to 32
    ///   bytes per entry (a power of two, at most half full).
    public func candidates(jobs: Int = 1, minimumAgreement: Int = 1) -> LSHCandidates {
        let entries = count
        let bands = parameters.bands
        let index = self
        // Spilled keys come from the disk: the next bands are read while these are filed,
        // each into a mapping (a malloc'ed buffer made on the reading thread stayed in that
        // thread's heap and raised the scan's peak), handed back for a band still to be read,
        // so at most `ahead + jobs` exist. One thread reads: more than two bands ahead would
        // only hold memory.
        let keyBuffers = BufferPool<HugePageTable<UInt32>>()
        let bandsRead = Atomic<Int>(0)
        let spilledKeys =
            spill == nil
            ? nil
            : ReadAhead(count: bands, ahead: min(2, max(1, jobs))) { band in
                let keys = keyBuffers.take { HugePageTable<UInt32>(count: max(1, entries)) }
                bandsRead.add(1, ordering: .relaxed)
                index.readKeys(ofBand: band, into: UnsafeMutableBufferPointer(start: keys.base, count: entries))
                return keys
            }
        let found = parallelMap(bands, jobs: jobs, state: { BandTable(capacity: entries) }) { table, band in
            guard let spilledKeys else {
                return index.keys(ofBand: band).withUnsafeBufferPointer { table.firstOccupants(of: $0) }
            }
            let keys = spilledKeys.take(band)
            defer { keyBuffers.give(keys, keepingAtMost: bands - bandsRead.load(ordering: .relaxed)) }
            return table.firstOccupants(of: UnsafeBufferPointer(start: keys.base, count: entries))
        }
        // Not held through the gather, which has every band's hits.
        keyBuffers.removeAll()

        // Gather each entry's hits, band by band, then keep the first of each occupant.
        let (offsets, occupants) = Self.gather(
            found.map(\.hits), entries: entries, jobs: jobs, minimumAgreement: minimumAgreement)
        return LSHCandidates(offsets: offsets, occupants: occupants, distinctKeys: found.reduce(0) { $0 + $1.distinct })
    }

    /// Lays out hits by entry, each entry's occupants once, in band order.
    ///
    /// Ranges of entries are gathered on separate threads, each finding its bands' hits by
    /// binary search (`gather(_:entries:minimumAgreement:)`).
    ///
    /// - Parameters:
    ///   - bands: Each band's hits, `entry << 32 | occupant`, in entry order, at most one
    ///     per entry.
    ///   - entries: The number of entries.
    ///   - jobs: Threads to share the ranges of entries among.
    ///   - minimumAgreement: Occupants named by fewer of an entry's bands are dropped.
    /// - Returns: `offsets` (`entries + 1`, where each entry's occupants start) and the
    ///   distinct occupants, entry by entry.
    /// - Complexity: O(*entries* + *hits* · *bands*).
    static func gather(
        _ bands: [[UInt64]], entries: Int, jobs: Int = 1, minimumAgreement: Int = 1
    ) -> (offsets: [UInt32], occupants: [UInt32]) {
        let hitCount = bands.reduce(0) { $0 + $1.count }
        // Ranges a few times more than threads, so a slowed thread does fewer.
        let rangeCount = jobs <= 1 || hitCount < 1 << 16 ? 1 : 4 * jobs
        let rangeSize = (entries + rangeCount - 1) / max(1, rangeCount)
        let parts = parallelMap(rangeCount, jobs: jobs) { range in
            let lower = min(entries, range * rangeSize)
            let upper = min(entries, lower + rangeSize)
            return gather(bands, entries: lower..<upper, minimumAgreement: minimumAgreement)
        }
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(entries + 1)
        var occupants = [UInt32]()
        occupants.reserveCapacity(parts.reduce(0) { $0 + $1.occupants.count })
        for part in parts {
            let base = UInt32(truncatingIfNeeded: occupants.count)
            offsets.append(contentsOf: UnsafeBufferPointer(start: part.ends.base, count: part.count).lazy.map { base &+ $0 })
            occupants.append(contentsOf: part.occupants)
        }
        return (offsets, occupants)
    }

    /// Gathers the occupants of one range of entries.
    ///
    /// The hits are placed by entry (a counting sort), band after band, so each entry's
    /// come in band order. Most entries have no hit in most bands (the short index's have
    /// about four in sixteen): work per hit, not per entry and band. Each band's hits are in
    /// entry order, so its writes move forward through the placed hits, nearly in sequence.
    ///
    /// - Returns: Where each entry's occupants end, counted from the range's first (in a
    ///   mapping of its own: made on a helper thread and freed on another, a malloc'ed
    ///   array stayed in the helper's heap and raised the scan's peak), their count, and
    ///   the occupants.
    static func gather(
        _ bands: [[UInt64]], entries: Range<Int>, minimumAgreement: Int
    ) -> (ends: HugePageTable<UInt32>, count: Int, occupants: [UInt32]) {
        let ends = HugePageTable<UInt32>(count: max(1, entries.count))
        var occupants = [UInt32]()
        let lower = entries.lowerBound
        withBuffers(of: bands) { bands in
            // Each band's hits in the range.
            let spans = bands.map { hits in
                let first = hits.partitioningIndex { Int(truncatingIfNeeded: $0 >> 32) >= entries.lowerBound }
                let last = hits[first...].partitioningIndex { Int(truncatingIfNeeded: $0 >> 32) >= entries.upperBound }
                return first..<last
            }
            // `next[e + 1]` counts entry e's hits; summed, `next[e]` is where they start and,
            // once they are placed, where they end.
            var next = [UInt32](repeating: 0, count: entries.count + 1)
            var placed = [UInt32](repeating: 0, count: spans.reduce(0) { $0 + $1.count })
            next.withUnsafeMutableBufferPointer { next in
                for (hits, span) in zip(bands, spans) {
                    for hit in span { next[Int(truncatingIfNeeded: hits[hit] >> 32) &- lower &+ 1] &+= 1 }
                }
                for entry in 0..<entries.count { next[entry &+ 1] &+= next[entry] }
                placed.withUnsafeMutableBufferPointer { placed in
                    for (hits, span) in zip(bands, spans) {
                        for hit in span {
                            let entry = Int(truncatingIfNeeded: hits[hit] >> 32) &- lower
                            placed[Int(next[entry])] = UInt32(truncatingIfNeeded: hits[hit])
                            next[entry] &+= 1
                        }
                    }
                    // Each occupant once, where it first comes, if enough bands name it;
                    // written through the buffer, as an append checks uniqueness per occupant.
                    occupants = [UInt32](unsafeUninitializedCapacity: placed.count) { kept, count in
                        count = 0
                        var first = 0
                        for entry in 0..<entries.count {
                            let end = Int(next[entry])
                            if end &- first >= minimumAgreement {
                                let start = count
                                for index in first..<end {
                                    let occupant = placed[index]
                                    if kept[start..<count].contains(occupant) { continue }
                                    if minimumAgreement > 1 {
                                        var agreeing = 0
                                        for later in index..<end where placed[later] == occupant { agreeing &+= 1 }
                                        if agreeing < minimumAgreement { continue }
                                    }
                                    kept.initializeElement(at: count, to: occupant)
                                    count += 1
                                }
                            }
                            ends.base[entry] = UInt32(truncatingIfNeeded: count)
                            first = end
                        }
                    }
                }
            }
        }
        return (ends, entries.count, occupants)
    }
}
