import CMinHash

/// Locality-sensitive hashing over MinHash sketches, filed band by band.
///
/// Each entry (a segment's sketch) is filed as its `bands` keys, one per band, in the order
/// entries come. Candidates are found afterwards, band by band (`candidates(jobs:)`): an
/// entry's candidate in a band is the *first* earlier entry with the same key there. So a
/// template shared by 20,000 documents costs 20,000 lookups that each return one candidate,
/// never all pairs of a bucket; clustering then links the copies in a star.
///
/// Why not query as entries come: one table for all bands, probed 14 times per segment at
/// random, outgrew the caches and was the scan's critical path (0.7 s of 1.6 s on the
/// 100 MB corpus). A band at a time needs a table only a fourteenth of the size, its keys
/// are known in advance so every probe is prefetched, and bands run on separate threads.
/// The answers are the same: within a band, "first earlier entry with this key" does not
/// depend on the other bands.
public struct LSHIndex: Sendable {
    /// The banding.
    public let parameters: LSHParameters
    /// All bands' keys in one array, band-major: band `b`'s keys, one per entry in entry
    /// order, start at `b * bandCapacity` (one uniqueness check per entry filed, where an
    /// array per band took one per key).
    @usableFromInline var storage: [UInt32]
    /// Room per band in `storage`.
    @usableFromInline var bandCapacity: Int
    /// The number of entries filed.
    public var count: Int { filed }
    @usableFromInline var filed = 0

    /// Creates an empty index with room for about `capacity` entries.
    public init(parameters: LSHParameters, capacity: Int = 1024) {
        self.parameters = parameters
        bandCapacity = max(16, capacity)
        storage = Self.uninitialized(parameters.bands * bandCapacity)
    }

    /// An array of `count` keys whose pages are touched only when written.
    @usableFromInline
    static func uninitialized(_ count: Int) -> [UInt32] {
        // UInt32 is trivial, and no key is read before it is written.
        [UInt32](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Band `band`'s keys, one per entry, in entry order.
    public func keys(ofBand band: Int) -> ArraySlice<UInt32> {
        storage[(band * bandCapacity)..<(band * bandCapacity + count)]
    }

    /// Files an entry.
    ///
    /// - Parameter bandKeys: The entry's `bands` keys, from `bandKeys(of:parameters:into:)`.
    /// - Returns: The entry's number: `count` before the call.
    /// - Complexity: O(*bands*), amortized.
    @inlinable @discardableResult
    public mutating func append(bandKeys: some Collection<UInt32>) -> Int {
        precondition(bandKeys.count == parameters.bands && count < Int(UInt32.max))
        if count == bandCapacity { grow() }
        let entry = count
        let stride = bandCapacity
        storage.withUnsafeMutableBufferPointer { storage in
            for (band, key) in bandKeys.enumerated() { storage[band * stride + entry] = key }
        }
        filed += 1
        return entry
    }

    /// Doubles the room per band.
    @usableFromInline
    mutating func grow() {
        let larger = 2 * bandCapacity
        var grown = Self.uninitialized(parameters.bands * larger)
        for band in 0..<parameters.bands {
            grown[(band * larger)..<(band * larger + count)] = keys(ofBand: band)
        }
        storage = grown
        bandCapacity = larger
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
        // Four bands at a time, each band's chain over its rows in a register: the four
        // chains are independent, so the CPU overlaps their multiplies. (Rows outer over
        // all bands kept every chain in memory, a store and a load per step: 12% of the
        // sketch stage in perf.)
        let bands = parameters.bands
        let rows = parameters.rows
        @inline(__always) func seed(_ band: Int) -> UInt64 { UInt64(band) &* 0x9E37_79B9_7F4A_7C15 ^ 0x1234_5678_9ABC_DEF1 }
        @inline(__always) func step(_ hash: UInt64, _ value: UInt32) -> UInt64 {
            let product = (hash ^ UInt64(value)) &* 0xFF51_AFD7_ED55_8CCD
            return product ^ product >> 32
        }
        @inline(__always) func key(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: Shingler.mix(hash)) }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bands) { bandKeys in
            var band = 0
            while band + 4 <= bands {
                var (h0, h1, h2, h3) = (seed(band), seed(band + 1), seed(band + 2), seed(band + 3))
                for row in 0..<rows {
                    h0 = step(h0, sketch[band * rows + row])
                    h1 = step(h1, sketch[(band + 1) * rows + row])
                    h2 = step(h2, sketch[(band + 2) * rows + row])
                    h3 = step(h3, sketch[(band + 3) * rows + row])
                }
                bandKeys.initializeElement(at: band, to: key(h0))
                bandKeys.initializeElement(at: band + 1, to: key(h1))
                bandKeys.initializeElement(at: band + 2, to: key(h2))
                bandKeys.initializeElement(at: band + 3, to: key(h3))
                band += 4
            }
            while band < bands {
                var hash = seed(band)
                for row in 0..<rows { hash = step(hash, sketch[band * rows + row]) }
                bandKeys.initializeElement(at: band, to: key(hash))
                band += 1
            }
            // One append: one capacity check, not one per band.
            keys.append(contentsOf: UnsafeBufferPointer(bandKeys))
        }
    }
}
