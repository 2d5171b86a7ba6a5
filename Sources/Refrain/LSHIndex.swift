/// Locality-sensitive hashing over MinHash sketches: one flat open-addressing table per band.
///
/// Each band's table maps a 32-bit band key to the *first* segment that had it. A query
/// returns those first occupants and inserts the new segment only into empty buckets, so a
/// template shared by 20,000 documents costs 20,000 lookups that each return one
/// candidate, never all pairs of a bucket: clustering then links the copies in a star.
public struct LSHIndex: Sendable {
    /// The banding.
    public let parameters: LSHParameters
    @usableFromInline var keys: [[UInt32]]
    @usableFromInline var values: [[UInt32]]
    @usableFromInline var counts: [Int]

    @usableFromInline static let empty = UInt32.max

    /// Creates an empty index.
    public init(parameters: LSHParameters, capacity: Int = 1024) {
        self.parameters = parameters
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: Array(repeating: 0, count: size), count: parameters.bands)
        values = Array(repeating: Array(repeating: Self.empty, count: size), count: parameters.bands)
        counts = Array(repeating: 0, count: parameters.bands)
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
    ///   - id: The segment's id; must not be `UInt32.max`.
    ///   - candidates: Receives the distinct first occupants of the segment's buckets.
    /// - Complexity: O(*bands*) expected.
    public mutating func queryAndInsert(bandKeys: ArraySlice<UInt32>, id: UInt32, candidates: inout [UInt32]) {
        precondition(bandKeys.count == parameters.bands)
        for (band, key) in zip(0..<parameters.bands, bandKeys) {
            if (counts[band] + 1) * 4 > keys[band].count * 3 { grow(band) }
            let occupant = keys[band].withUnsafeMutableBufferPointer { keyTable in
                values[band].withUnsafeMutableBufferPointer { valueTable in
                    let mask = keyTable.count - 1
                    var slot = Int(truncatingIfNeeded: key &* 0x9E37_79B1) & mask
                    while true {
                        let value = valueTable[slot]
                        if value == Self.empty {
                            keyTable[slot] = key
                            valueTable[slot] = id
                            return Self.empty
                        }
                        if keyTable[slot] == key { return value }
                        slot = (slot + 1) & mask
                    }
                }
            }
            if occupant == Self.empty {
                counts[band] += 1
            } else if !candidates.contains(occupant) {
                candidates.append(occupant)
            }
        }
    }

    /// The number of segments filed in `band`'s table.
    public func occupiedBuckets(inBand band: Int) -> Int { counts[band] }

    mutating func grow(_ band: Int) {
        let oldKeys = keys[band]
        let oldValues = values[band]
        let size = oldKeys.count * 2
        var newKeys = [UInt32](repeating: 0, count: size)
        var newValues = [UInt32](repeating: Self.empty, count: size)
        let mask = size - 1
        for index in oldKeys.indices where oldValues[index] != Self.empty {
            var slot = Int(truncatingIfNeeded: oldKeys[index] &* 0x9E37_79B1) & mask
            while newValues[slot] != Self.empty { slot = (slot + 1) & mask }
            newKeys[slot] = oldKeys[index]
            newValues[slot] = oldValues[index]
        }
        keys[band] = newKeys
        values[band] = newValues
    }
}
