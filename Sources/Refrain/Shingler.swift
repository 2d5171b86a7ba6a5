/// Combines token hashes into word k-gram (shingle) hashes.
///
/// A shingle's hash is built from its tokens' XXH3 hashes, never by re-hashing bytes:
/// an order-sensitive multiply-xor chain over the k token hashes, then a 64-bit finalizer.
/// The 32-bit fingerprint folded from it is what sketches and verification compare.
public enum Shingler {
    /// The fingerprint of the shingle of `k` tokens starting at `index`.
    ///
    /// - Parameters:
    ///   - tokens: Token hashes in reading order.
    ///   - index: The first token of the shingle; `index + k` must not exceed `tokens.count`.
    ///   - k: The shingle length in tokens.
    /// - Returns: A 32-bit fingerprint.
    /// - Complexity: O(*k*).
    @inlinable @inline(__always)
    public static func fingerprint(_ tokens: UnsafeBufferPointer<UInt64>, at index: Int, k: Int) -> UInt32 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        for offset in 0..<k {
            hash = (hash ^ tokens[index &+ offset]) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        return fold(mix(hash))
    }

    /// The fingerprint of a whole segment's normalized text, for exact matching at any length.
    ///
    /// - Complexity: O(*n*) in the number of tokens.
    @inlinable
    public static func exactHash(_ tokens: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var hash: UInt64 = 0x1319_8A2E_0370_7344 ^ UInt64(tokens.count)
        for token in tokens {
            hash = (hash ^ token) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        return mix(hash)
    }

    /// Appends the fingerprints of every k-gram of `tokens` to `fingerprints`.
    ///
    /// Segments shorter than `k` tokens have no shingles: they match by `exactHash`.
    /// - Complexity: O(*n k*).
    @inlinable
    public static func appendFingerprints(
        of tokens: UnsafeBufferPointer<UInt64>, k: Int, to fingerprints: inout [UInt32]
    ) {
        guard tokens.count >= k else { return }
        // Into a scratch buffer, then one append: one capacity and uniqueness check per
        // run of shingles, not one per shingle.
        let count = tokens.count - k + 1
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { run in
            for index in 0..<count { run.initializeElement(at: index, to: fingerprint(tokens, at: index, k: k)) }
            fingerprints.append(contentsOf: UnsafeBufferPointer(run))
        }
    }

    /// The MurmurHash3 64-bit finalizer: every input bit reaches every output bit.
    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    @inlinable @inline(__always)
    static func fold(_ value: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: value ^ (value >> 32))
    }
}
