import CRefrainKernels

/// Segments by the hash of their whole normalized text: the first segment with each hash.
///
/// A flat open-addressing table (linear probing) instead of a `Dictionary`: one probe is one
/// cache line, the table is sized for the corpus up front in `HugePageTable`, and the next
/// segment's slot can be prefetched while the current one is matched. Ids are stored plus
/// one, so zero is empty.
struct ExactIndex {
    struct Entry {
        var key: UInt64
        var idPlusOne: UInt32
    }

    var entries: HugePageTable<Entry>
    var count = 0

    /// The largest share of slots in use before the table grows.
    static let maximumLoad = 0.75

    /// Creates an empty index sized for about `capacity` segments.
    init(capacity: Int) {
        entries = HugePageTable(count: max(16, Int(Double(capacity) / Self.maximumLoad)))
        entries.populate()
    }

    /// The home slot of a key (already a good hash): its high bits times the size.
    @inline(__always)
    static func slot(of key: UInt64, size: Int) -> Int {
        Int(truncatingIfNeeded: ((key >> 32) &* UInt64(size)) >> 32)
    }

    /// The first segment filed under `key`; files `id` under it when there is none.
    ///
    /// - Returns: The earlier segment's id, or `nil` when `id` is the first.
    /// - Complexity: O(1) expected.
    mutating func firstOrInsert(_ key: UInt64, id: UInt32) -> UInt32? {
        precondition(id < UInt32.max)
        if Double(count + 1) > Double(entries.count) * Self.maximumLoad { grow() }
        if !isKnownUniquelyReferenced(&entries) { entries = entries.copy() }
        let size = entries.count
        let table = entries.base
        var slot = Self.slot(of: key, size: size)
        while true {
            let entry = table[slot]
            if entry.idPlusOne == 0 {
                table[slot] = Entry(key: key, idPlusOne: id + 1)
                count += 1
                return nil
            }
            if entry.key == key { return entry.idPlusOne - 1 }
            slot += 1
            if slot == size { slot = 0 }
        }
    }

    /// Starts loading the home slot of `key` into the cache.
    func prefetch(_ key: UInt64) {
        refrain_prefetch(entries.base + Self.slot(of: key, size: entries.count))
    }

    mutating func grow() {
        let old = entries
        entries = HugePageTable(count: old.count * 2)
        entries.populate()
        count = 0
        for entry in UnsafeBufferPointer(start: old.base, count: old.count) where entry.idPlusOne != 0 {
            _ = firstOrInsert(entry.key, id: entry.idPlusOne - 1)
        }
    }
}
