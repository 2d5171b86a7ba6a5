import CMinHash

/// Locality-sensitive hashing over MinHash sketches: one flat open-addressing table for all bands.
///
/// A slot packs a 32-bit band key (band keys are seeded per band, so bands do not mix) and
/// the 32-bit id of the *first* segment that had it into one `UInt64`, so a probe touches
/// one cache line. A query returns those first occupants and files the new segment only in
/// empty buckets: a template shared by 20,000 documents costs 20,000 lookups that each
/// return one candidate, never all pairs of a bucket; clustering then links the copies in
/// a star.
///
/// The slots live in memory mapped for the table alone (huge pages where the kernel
/// allows): an empty slot is zero, so untouched parts of the table cost nothing, and
/// random probes miss the TLB less. The id is stored plus one so that no entry is zero.
public struct LSHIndex: Sendable {
    /// The banding.
    public let parameters: LSHParameters
    @usableFromInline var slots: TableMemory<UInt64>
    @usableFromInline var occupied = 0

    @usableFromInline static let empty: UInt64 = 0

    /// The largest share of slots in use before the table grows.
    @usableFromInline static let maximumLoad = 0.8

    /// Creates an empty index sized for about `capacity` segments.
    ///
    /// The table may have any size (slots come from a multiply-shift, not a mask), so it is
    /// sized to what it will hold rather than to the next power of two.
    public init(parameters: LSHParameters, capacity: Int = 1024) {
        self.parameters = parameters
        slots = TableMemory(count: max(64, Int(Double(capacity * parameters.bands) / Self.maximumLoad)))
    }

    /// The band keys of a sketch: one 32-bit hash of each band's `rows` values.
    ///
    /// - Parameters:
    ///   - sketch: `bands × rows` (or more) MinHash values.
    ///   - keys: Receives `bands` keys.
    /// - Complexity: O(*bands × rows*).
    @inlinable
    public static func bandKeys(
        of sketch: UnsafeBufferPointer<UInt32>, parameters: LSHParameters, into keys: inout [UInt32]
    ) {
        // Rows outer, bands inner: the bands' multiply chains are independent, so the CPU
        // overlaps them instead of waiting on one chain at a time. Same keys either way.
        let bands = parameters.bands
        let rows = parameters.rows
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { hashes in
            for band in 0..<bands { hashes[band] = UInt64(band) &* 0x9E37_79B9_7F4A_7C15 ^ 0x1234_5678_9ABC_DEF1 }
            for row in 0..<rows {
                for band in 0..<bands {
                    var hash = (hashes[band] ^ UInt64(sketch[band * rows + row])) &* 0xFF51_AFD7_ED55_8CCD
                    hash ^= hash >> 32
                    hashes[band] = hash
                }
            }
            for band in 0..<bands { keys.append(UInt32(truncatingIfNeeded: Shingler.mix(hashes[band]))) }
        }
    }

    /// Looks up a segment's band keys, then files the segment in the buckets that were empty.
    ///
    /// - Parameters:
    ///   - bandKeys: The segment's `bands` keys.
    ///   - id: The segment's id.
    ///   - candidates: Receives the distinct first occupants of the segment's buckets.
    /// - Complexity: O(*bands*) expected.
    public mutating func queryAndInsert(bandKeys: ArraySlice<UInt32>, id: UInt32, candidates: inout [UInt32]) {
        precondition(bandKeys.count == parameters.bands && id < UInt32.max)
        if Double(occupied + bandKeys.count) > Double(slots.count) * Self.maximumLoad { grow() }
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        var inserted = 0
        let table = slots.base
        let size = slots.count
        for key in bandKeys {
            var slot = Self.slot(of: key, size: size)
            while true {
                let entry = table[slot]
                if entry == Self.empty {
                    table[slot] = UInt64(key) << 32 | (UInt64(id) + 1)
                    inserted += 1
                    break
                }
                if UInt32(truncatingIfNeeded: entry >> 32) == key {
                    let occupant = UInt32(truncatingIfNeeded: entry) &- 1
                    if occupant != id, !candidates.contains(occupant) { candidates.append(occupant) }
                    break
                }
                slot &+= 1
                if slot == size { slot = 0 }
            }
        }
        occupied += inserted
    }

    /// Starts loading the home slots of a segment's band keys into the cache.
    ///
    /// Probes are random reads in a table far larger than the cache: issued one segment
    /// ahead, they arrive while the current segment is verified.
    /// - Complexity: O(*bands*).
    public func prefetch(bandKeys: ArraySlice<UInt32>) {
        let size = slots.count
        for key in bandKeys { refrain_prefetch(slots.base + Self.slot(of: key, size: size)) }
    }

    /// The number of buckets holding a segment.
    public var occupiedBuckets: Int { occupied }

    /// The home slot of a key: the high bits of a 32-bit mix times the size (Lemire's range reduction).
    @usableFromInline @inline(__always)
    static func slot(of key: UInt32, size: Int) -> Int {
        let mixed = UInt64(UInt32(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32))
        return Int(truncatingIfNeeded: (mixed &* UInt64(size)) >> 32)
    }

    mutating func grow() {
        let old = slots
        slots = TableMemory(count: old.count + old.count / 2)
        let size = slots.count
        let table = slots.base
        for entry in UnsafeBufferPointer(start: old.base, count: old.count) where entry != Self.empty {
            var slot = Self.slot(of: UInt32(truncatingIfNeeded: entry >> 32), size: size)
            while table[slot] != Self.empty {
                slot &+= 1
                if slot == size { slot = 0 }
            }
            table[slot] = entry
        }
    }
}
