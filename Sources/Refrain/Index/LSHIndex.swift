import CRefrainKernels

/// Locality-sensitive hashing over MinHash sketches, filed band by band.
///
/// Each entry (a segment's sketch) is filed as its `bands` keys, one per band, in the order
/// entries come. Candidates are found afterwards, band by band (`candidates(jobs:)`): an
/// entry's candidate in a band is the *first* earlier entry with the same key there. So a
/// template shared by 20,000 documents costs 20,000 lookups that each return one candidate,
/// never all pairs of a bucket; clustering then links the copies in a star.
///
/// Why not query as entries come: one table for all bands, probed once per band per
/// segment at random, outgrows the caches and becomes the scan's critical path. A band at
/// a time needs a table only one band's share of the size, its keys
/// are known in advance so every probe is prefetched, and bands run on separate threads.
/// The answers are the same: within a band, "first earlier entry with this key" does not
/// depend on the other bands.
@_spi(Stages) public struct LSHIndex: Sendable {
    /// The key under which an entry is filed in no bucket of its band: a short segment's
    /// empty bins, nearly half of its keys. A band key is zero by chance once in 2³², and
    /// then that band alone misses it.
    public static let noKey: UInt32 = 0

    /// The banding.
    public let parameters: LSHParameters
    /// All bands' keys in one array, band-major: band `b`'s keys, one per entry in entry
    /// order, start at `b * bandCapacity`: one uniqueness check per entry filed, where an
    /// array per band would take one per key.
    @usableFromInline var storage: [UInt32]
    /// Room per band in `storage`.
    @usableFromInline var bandCapacity: Int
    /// The number of entries filed.
    public var count: Int { filed }
    @usableFromInline var filed = 0
    /// Where full blocks of keys go when spilling (`spillKeys()`): `storage` then holds the
    /// block being filled, band-major with `bandCapacity` keys per band, and the file the
    /// blocks before it, one after another, each band-major too.
    @usableFromInline var spill: SpillFile?
    /// Entries whose keys are in the spill file: a whole number of blocks.
    @usableFromInline var spilledEntries = 0

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

    /// Sends the keys of entries filed from now on to a temporary file, a block of
    /// `block` entries at a time, out of resident memory; `keys(ofBand:)` reads a band back.
    ///
    /// - Parameter block: Entries per block written.
    public mutating func spillKeys(block: Int = 1 << 16) {
        precondition(count == 0, "spill before filing")
        // Blocks are read back once, band by band, in long runs: no use for the page cache.
        spill = SpillFile(direct: true)
        bandCapacity = block
        storage = Self.uninitialized(parameters.bands * block)
    }

    /// Band `band`'s keys, one per entry, in entry order.
    ///
    /// - Complexity: O(1) in memory; when spilling, a read per block of the band's keys.
    public func keys(ofBand band: Int) -> ArraySlice<UInt32> {
        guard spill != nil else { return storage[(band * bandCapacity)..<(band * bandCapacity + count)] }
        let keys = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            readKeys(ofBand: band, into: buffer)
            initialized = count
        }
        return keys[...]
    }

    /// Reads band `band`'s spilled keys into `keys`, one per entry, in entry order.
    ///
    /// - Parameter keys: Room for `count` keys.
    /// - Complexity: A read per block of the band's keys.
    func readKeys(ofBand band: Int, into keys: UnsafeMutableBufferPointer<UInt32>) {
        guard let spill else {
            _ = keys.initialize(from: storage[(band * bandCapacity)..<(band * bandCapacity + count)])
            return
        }
        precondition(keys.count >= count)
        let block = bandCapacity
        let stride = MemoryLayout<UInt32>.stride
        let bytes = UnsafeMutableRawBufferPointer(keys)
        for first in Swift.stride(from: 0, to: spilledEntries, by: block) {
            let offset = (first * parameters.bands + band * block) * stride
            spill.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: bytes[(first * stride)..<((first + block) * stride)]))
        }
        let tail = count - spilledEntries
        storage.withUnsafeBufferPointer { storage in
            for offset in 0..<tail { keys[spilledEntries + offset] = storage[band * block + offset] }
        }
    }

    /// Writes the full block of keys to the spill file and starts the next.
    @usableFromInline
    mutating func spillBlock() {
        storage.withUnsafeBytes { spill!.append($0) }
        spilledEntries += bandCapacity
    }

    /// Files an entry.
    ///
    /// - Parameter bandKeys: The entry's `bands` keys, from `bandKeys(of:parameters:into:)`.
    /// - Returns: The entry's number: `count` before the call.
    /// - Complexity: O(*bands*), amortized.
    @inlinable @discardableResult
    public mutating func append(bandKeys: some Collection<UInt32>) -> Int {
        precondition(bandKeys.count == parameters.bands && count < Int(UInt32.max))
        if count - spilledEntries == bandCapacity {
            if spill != nil { spillBlock() } else { grow() }
        }
        let entry = count - spilledEntries
        let stride = bandCapacity
        storage.withUnsafeMutableBufferPointer { storage in
            for (band, key) in bandKeys.enumerated() { storage[band * stride + entry] = key }
        }
        filed += 1
        return count - 1
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
    /// A band's 16-bit values are paired into 32-bit words, which are hashed by
    /// pair-multiply-shift (Thorup): the top half of `Σ (w₂ᵢ + c₂ᵢ)(w₂ᵢ₊₁ + c₂ᵢ₊₁) mod 2⁶⁴`
    /// over the words, with random 64-bit `c`. Two different bands of values collide with
    /// probability about 2⁻³¹: a collision costs one verified-and-rejected candidate, nothing
    /// more. One multiply per four values, all independent, where a multiply-xor chain per
    /// value and then a finalizer would be a long dependent chain.
    ///
    /// - Parameters:
    ///   - sketch: `bands × rows` (or more) MinHash values.
    ///   - keys: Receives `bands` keys.
    /// - Complexity: O(*bands × rows*).
    @inlinable
    public static func bandKeys(
        of sketch: UnsafeBufferPointer<UInt16>, parameters: LSHParameters, into keys: inout [UInt32]
    ) {
        let bands = parameters.bands
        let rows = parameters.rows
        precondition(sketch.count >= bands * rows)
        bandKeyConstants.withUnsafeBufferPointer { constants in
            let c = constants.baseAddress!
            @inline(__always) func word(_ p: UnsafePointer<UInt16>, _ row: Int) -> UInt64 {
                UInt64(p[row]) | UInt64(p[row &+ 1]) << 16
            }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bands) { bandKeys in
                let out = bandKeys.baseAddress!
                var p = sketch.baseAddress!
                if rows == 4 {
                    // The banding at the default threshold: two words, one multiply, in C.
                    refrain_band_keys_4(p, bands, c, out)
                } else {
                    // Words past the 64th reuse constants: a weaker hash, for bandings no
                    // threshold at 128 permutations picks.
                    for band in 0..<bands {
                        var sum = c[64 &+ (band & 63)]
                        var row = 0
                        var term = 0  // the word's index in the band
                        while row &+ 4 <= rows {
                            sum &+= (word(p, row) &+ c[term & 63]) &* (word(p, row &+ 2) &+ c[(term &+ 1) & 63])
                            row &+= 4
                            term &+= 2
                        }
                        // One to three values left: a word, whole or half, and maybe one value more.
                        let left = rows &- row
                        if left > 0 {
                            let first = left >= 2 ? word(p, row) : UInt64(p[row])
                            let second = left == 3 ? UInt64(p[row &+ 2]) : 0
                            sum &+= (first &+ c[term & 63]) &* (second &+ c[(term &+ 1) & 63])
                        }
                        out[band] = UInt32(truncatingIfNeeded: sum >> 32)
                        p += rows
                    }
                }
                // One append: one capacity check, not one per band.
                keys.append(contentsOf: UnsafeBufferPointer(bandKeys))
            }
        }
    }

    /// The random 64-bit constants of `bandKeys`: 64 for rows, then 64 for bands.
    @usableFromInline
    static let bandKeyConstants: [UInt64] = {
        var generator = SplitMix64(seed: 0xBA4D_5EED_0F_1234)
        return (0..<128).map { _ in generator.next() }
    }()
}
