import CRefrainKernels

/// For every entry of an `LSHIndex`, its candidates: the distinct first occupants of its keys.
public struct LSHCandidates: Sendable {
    /// `occupants[offsets[entry]..<offsets[entry + 1]]` are an entry's candidates, in band order.
    @usableFromInline var offsets: [UInt32]
    @usableFromInline var occupants: [UInt32]
    /// The number of distinct keys over all bands, each filed under its first entry.
    public let distinctKeys: Int

    /// The number of entries.
    public var count: Int { offsets.count - 1 }

    /// An entry's candidates: earlier entries, each once, in the order of the first band that
    /// names it.
    @inlinable
    public subscript(entry: Int) -> ArraySlice<UInt32> {
        occupants[Int(offsets[entry])..<Int(offsets[entry + 1])]
    }
}

extension LSHIndex {
    /// Finds every entry's candidates: in each band, the first earlier entry with the same key.
    ///
    /// - Parameter jobs: Threads to share the bands among; the answer does not depend on it.
    /// - Returns: Each entry's distinct candidates, in band order.
    /// - Complexity: O(*entries × bands*) expected time; per thread, one table of 16 to 32
    ///   bytes per entry (a power of two, at most half full).
    public func candidates(jobs: Int = 1) -> LSHCandidates {
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
                Self.gather(found.lazy.map(\.hits), entries: entries, offsets: offsets, occupants: occupants)
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
    /// - Returns: The number of distinct occupants written.
    /// - Complexity: O(*entries* + *hits* · *bands*).
    static func gather(
        _ bands: some Collection<[UInt64]>, entries: Int, offsets: UnsafeMutableBufferPointer<UInt32>,
        occupants: UnsafeMutableBufferPointer<UInt32>
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
                occupants[written] = occupants[index]
                written &+= 1
            }
            runStart = runEnd
        }
        offsets[entries] = UInt32(truncatingIfNeeded: written)
        return written
    }
}

/// One band's open-addressing table from key to first entry, reused band after band.
///
/// A slot packs the 32-bit key and the entry plus one (so that no slot in use is zero)
/// into one `UInt64`, so a probe touches one cache line; the table is at most half full.
struct BandTable {
    var slots: TableMemory<UInt64>
    let shift: UInt64
    var dirty = false

    /// Creates a table for `capacity` entries.
    init(capacity: Int) {
        var size = 1024
        while size < 2 * capacity { size *= 2 }
        slots = TableMemory(count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The entries of one band whose key an earlier entry had, with that first entry.
    ///
    /// - Parameter keys: The band's keys, one per entry.
    /// - Returns: `hits`, each `entry << 32 | first entry`, in entry order; and the number
    ///   of distinct keys.
    mutating func firstOccupants(of keys: ArraySlice<UInt32>) -> (hits: [UInt64], distinct: Int) {
        if dirty { slots.base.update(repeating: 0, count: slots.count) }
        dirty = true
        let table = slots.base
        let mask = slots.count - 1
        let shift = shift
        @inline(__always) func home(_ key: UInt32) -> Int {
            Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }
        // Keys are known in advance: fetch the slot of the entry this far ahead.
        let distance = 16
        var hits: [UInt64] = []
        var distinct = 0
        keys.withUnsafeBufferPointer { keys in
            for entry in 0..<keys.count {
                if entry + distance < keys.count { refrain_prefetch(table + home(keys[entry + distance])) }
                let key = keys[entry]
                var slot = home(key)
                while true {
                    let value = table[slot]
                    if value == 0 {
                        table[slot] = UInt64(key) << 32 | UInt64(entry + 1)
                        distinct += 1
                        break
                    }
                    if UInt32(truncatingIfNeeded: value >> 32) == key {
                        hits.append(UInt64(entry) << 32 | (value & 0xFFFF_FFFF) - 1)
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return (hits, distinct)
    }
}
