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

    /// XXH3-64 of bytes given in pieces: a file hashed as it is read, never held whole.
    public final class Stream {
        @usableFromInline let state: UnsafeMutableRawPointer

        /// Starts a hash of no bytes (seed 0).
        public init() {
            guard let state = refrain_xxh3_state_new() else { fatalError("refrain: out of memory for a hash state") }
            self.state = state
        }

        deinit { refrain_xxh3_state_free(state) }

        /// Adds the next bytes.
        ///
        /// - Complexity: O(*n*) in the bytes.
        public func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            if bytes.withContiguousStorageIfAvailable({ refrain_xxh3_state_update(state, $0.baseAddress, $0.count) }) == nil {
                Array(bytes).withUnsafeBytes { refrain_xxh3_state_update(state, $0.baseAddress, $0.count) }
            }
        }

        /// The hash of every byte added: `XXH3.hash` of them all at once.
        public var digest: UInt64 { refrain_xxh3_state_digest(state) }
    }

    /// The libxxhash version the module was built against, as `major*10000 + minor*100 + release`.
    public static var libraryVersion: UInt32 { UInt32(refrain_xxhash_version()) }
}
