/// Locality-sensitive hashing over MinHash sketches: one flat open-addressing table for all bands.
///
/// A slot packs a 32-bit band key (band keys are seeded per band, so bands do not mix) and
/// the 32-bit id of the *first* segment that had it into one `UInt64`, so a probe touches
/// one cache line. A query returns those first occupants and files the new segment only in
/// empty buckets: a template shared by 20,000 documents costs 20,000 lookups that each
/// return one candidate, never all pairs of a bucket; clustering then links the copies in
/// a star.
public struct LSHIndex: Sendable {
    /// The banding.
    public let parameters: LSHParameters
    @usableFromInline var slots: [UInt64]
    @usableFromInline var occupied = 0

    @usableFromInline static let empty = UInt64.max

    /// Creates an empty index sized for about `capacity` segments.
    public init(parameters: LSHParameters, capacity: Int = 1024) {
        self.parameters = parameters
        var size = 64
        while size < capacity * parameters.bands * 4 / 3 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
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
        for band in 0..<parameters.bands {
            var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15 ^ 0x1234_5678_9ABC_DEF1
            let base = band * parameters.rows
            for row in 0..<parameters.rows {
                hash = (hash ^ UInt64(sketch[base + row])) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
            }
            keys.append(UInt32(truncatingIfNeeded: Shingler.mix(hash)))
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
        precondition(bandKeys.count == parameters.bands)
        if (occupied + bandKeys.count) * 4 > slots.count * 3 { grow() }
        var inserted = 0
        slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            for key in bandKeys {
                var slot = Self.slot(of: key, mask: mask)
                while true {
                    let entry = table[slot]
                    if entry == Self.empty {
                        table[slot] = UInt64(key) << 32 | UInt64(id)
                        inserted += 1
                        break
                    }
                    if UInt32(truncatingIfNeeded: entry >> 32) == key {
                        let occupant = UInt32(truncatingIfNeeded: entry)
                        if occupant != id, !candidates.contains(occupant) { candidates.append(occupant) }
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
        occupied += inserted
    }

    /// The number of buckets holding a segment.
    public var occupiedBuckets: Int { occupied }

    @usableFromInline @inline(__always)
    static func slot(of key: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        let mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { table in
            for entry in old where entry != Self.empty {
                var slot = Self.slot(of: UInt32(truncatingIfNeeded: entry >> 32), mask: mask)
                while table[slot] != Self.empty { slot = (slot &+ 1) & mask }
                table[slot] = entry
            }
        }
    }
}
