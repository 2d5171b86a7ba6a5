import CRefrainKernels

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
        let found = parallelMap(bands, jobs: jobs, state: { BandTable(capacity: entries) }) { table, band in
            table.firstOccupants(of: index.keys(ofBand: band))
        }

        // Gather each entry's hits, band by band, then keep the first of each occupant.
        var offsets = [UInt32](repeating: 0, count: entries + 1)
        var occupants = [UInt32](repeating: 0, count: found.reduce(0) { $0 + $1.hits.count })
        let distinctCount = offsets.withUnsafeMutableBufferPointer { offsets in
            occupants.withUnsafeMutableBufferPointer { occupants in
                Self.gather(
                    found.lazy.map(\.hits), entries: entries, offsets: offsets, occupants: occupants,
                    minimumAgreement: minimumAgreement)
            }
        }
        occupants.removeLast(occupants.count - distinctCount)
        return LSHCandidates(offsets: offsets, occupants: occupants, distinctKeys: found.reduce(0) { $0 + $1.distinct })
    }

    /// Lays out hits by entry, each entry's occupants once, in band order.
    ///
    /// Counting sort: `offsets[entry + 1]` first counts the entry's hits; their prefix sums
    /// place each hit; then each entry's run is compacted in place, dropping occupants
    /// already named by an earlier band.
    ///
    /// - Parameters:
    ///   - bands: Each band's hits, `entry << 32 | occupant`, in entry order.
    ///   - offsets: `entries + 1` zeros; receives where each entry's occupants start.
    ///   - occupants: Room for every hit; receives the distinct occupants, entry by entry.
    ///   - minimumAgreement: Occupants named by fewer of an entry's bands are dropped.
    /// - Returns: The number of distinct occupants written.
    /// - Complexity: O(*entries* + *hits* · *bands*).
    static func gather(
        _ bands: some Collection<[UInt64]>, entries: Int, offsets: UnsafeMutableBufferPointer<UInt32>,
        occupants: UnsafeMutableBufferPointer<UInt32>, minimumAgreement: Int = 1
    ) -> Int {
        for hits in bands { for hit in hits { offsets[Int(truncatingIfNeeded: hit >> 32) &+ 1] &+= 1 } }
        for entry in 0..<entries { offsets[entry &+ 1] &+= offsets[entry] }
        // Placing a hit advances its entry's offset, so afterwards `offsets[entry]` is where
        // the entry's run ends.
        for hits in bands {
            for hit in hits {
                let entry = Int(truncatingIfNeeded: hit >> 32)
                occupants[Int(offsets[entry])] = UInt32(truncatingIfNeeded: hit)
                offsets[entry] &+= 1
            }
        }
        var written = 0
        var runStart = 0
        for entry in 0..<entries {
            let runEnd = Int(offsets[entry])
            let first = written
            offsets[entry] = UInt32(truncatingIfNeeded: first)
            for index in runStart..<runEnd where !occupants[first..<written].contains(occupants[index]) {
                // Later hits of a dropped occupant are counted again: runs are a few bands long.
                if minimumAgreement > 1 {
                    var agreeing = 0
                    for later in index..<runEnd where occupants[later] == occupants[index] { agreeing &+= 1 }
                    if agreeing < minimumAgreement { continue }
                }
                occupants[written] = occupants[index]
                written &+= 1
            }
            runStart = runEnd
        }
        offsets[entries] = UInt32(truncatingIfNeeded: written)
        return written
    }
}
