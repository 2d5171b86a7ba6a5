import CXXHash

/// XXH3-64 from libxxhash, inlined through the `CXXHash` shim.
@_spi(Stages) public enum XXH3 {
    /// Hashes raw bytes with XXH3-64.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to hash.
    ///   - seed: The XXH3 seed; 0 gives the canonical XXH3-64 value.
    /// - Returns: The 64-bit hash.
    /// - Complexity: O(*n*) in the number of bytes.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        seed == 0
            ? refrain_xxh3_64(bytes.baseAddress, bytes.count)
            : refrain_xxh3_64_seeded(bytes.baseAddress, bytes.count, seed)
    }

    /// Hashes a collection of bytes with XXH3-64.
    @inlinable
    public static func hash<Bytes: Collection>(_ bytes: Bytes, seed: UInt64 = 0) -> UInt64
    where Bytes.Element == UInt8 {
        if let value = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return value
        }
        return Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The libxxhash version the module was built against, as `major*10000 + minor*100 + release`.
    public static var libraryVersion: UInt32 { UInt32(refrain_xxhash_version()) }
}
