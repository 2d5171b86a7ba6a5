import CRefrainKernels

/// One band's open-addressing table from key to first entry, reused band after band.
///
/// A slot packs the 32-bit key and the entry plus one (so that no slot in use is zero)
/// into one `UInt64`, so a probe touches one cache line. The table is at most 60% full and
/// sized for its entries, not to a power of two (a key's slot is the high half of a
/// multiply): rounding up doubled the tables of a 5 GB corpus's short keys, two at a time.
struct BandTable {
    var slots: HugePageTable<UInt64>
    var dirty = false

    /// Creates a table for `capacity` entries.
    init(capacity: Int) {
        slots = HugePageTable(count: max(1024, capacity + capacity * 2 / 3))
        // Every band probes the whole table: its pages are all written in the first band anyway.
        slots.populate()
    }

    /// The entries of one band whose key an earlier entry had, with that first entry;
    /// entries whose key is `LSHIndex.noKey` have none, and are no one's.
    ///
    /// - Parameter keys: The band's keys, one per entry.
    /// - Returns: `hits`, each `entry << 32 | first entry`, in entry order; and the number
    ///   of distinct keys.
    mutating func firstOccupants(of keys: UnsafeBufferPointer<UInt32>) -> (hits: [UInt64], distinct: Int) {
        if dirty { slots.base.update(repeating: 0, count: slots.count) }
        dirty = true
        let table = slots.base
        let size = slots.count
        @inline(__always) func home(_ key: UInt32) -> Int {
            Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15).multipliedFullWidth(by: UInt64(size)).high)
        }
        // Keys are known in advance: fetch the slot of the entry this far ahead.
        let distance = 16
        var distinct = 0
        // Room for every entry up front: a large array grown by doubling is copied into fresh
        // pages each time, and pages past the hits are never touched, so never resident.
        // Written through the buffer: an append checks uniqueness and capacity per hit.
        let hits = [UInt64](unsafeUninitializedCapacity: keys.count) { hits, found in
            found = 0
            for entry in 0..<keys.count {
                if entry + distance < keys.count { refrain_prefetch(table + home(keys[entry + distance])) }
                let key = keys[entry]
                if key == LSHIndex.noKey { continue }
                var slot = home(key)
                while true {
                    let value = table[slot]
                    if value == 0 {
                        table[slot] = UInt64(key) << 32 | UInt64(entry + 1)
                        distinct += 1
                        break
                    }
                    if UInt32(truncatingIfNeeded: value >> 32) == key {
                        hits.initializeElement(at: found, to: UInt64(entry) << 32 | (value & 0xFFFF_FFFF) - 1)
                        found += 1
                        break
                    }
                    slot = slot + 1 == size ? 0 : slot + 1
                }
            }
        }
        return (hits, distinct)
    }
}
