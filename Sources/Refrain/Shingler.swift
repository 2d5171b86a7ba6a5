/// Combines token hashes into word k-gram (shingle) hashes.
///
/// A shingle's hash is built from its tokens' XXH3 hashes, never by re-hashing bytes: a
/// polynomial `Σ tⱼ·Bᵏ⁻¹⁻ʲ mod 2⁶⁴` over the k token hashes (order-sensitive), then a 64-bit
/// finalizer. Consecutive shingles roll: the next polynomial is the last one less its first
/// token, times B, plus the new token, so a shingle costs two multiplies and the finalizer
/// whatever k is. The 32-bit fingerprint folded from it is what sketches and verification
/// compare.
public enum Shingler {
    /// The polynomial's base: odd, so every power of it is too.
    @usableFromInline static let base: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The fingerprint of the shingle of `k` tokens starting at `index` (the definition
    /// `appendFingerprints` rolls).
    ///
    /// - Parameters:
    ///   - tokens: Token hashes in reading order.
    ///   - index: The first token of the shingle; `index + k` must not exceed `tokens.count`.
    ///   - k: The shingle length in tokens.
    /// - Returns: A 32-bit fingerprint.
    /// - Complexity: O(*k*).
    @inlinable
    public static func fingerprint(_ tokens: UnsafeBufferPointer<UInt64>, at index: Int, k: Int) -> UInt32 {
        fold(mix(polynomial(tokens, at: index, k: k)))
    }

    /// `Σ tⱼ·Bᵏ⁻¹⁻ʲ mod 2⁶⁴` over the `k` token hashes from `index` on, before the finalizer.
    @inlinable @inline(__always)
    static func polynomial(_ tokens: UnsafeBufferPointer<UInt64>, at index: Int, k: Int) -> UInt64 {
        var polynomial: UInt64 = 0
        for offset in 0..<k { polynomial = polynomial &* base &+ tokens[index + offset] }
        return polynomial
    }

    /// The fingerprint of a whole segment's normalized text, for exact matching at any length.
    ///
    /// - Complexity: O(*n*) in the number of tokens.
    @inlinable
    public static func exactHash(_ tokens: UnsafeBufferPointer<UInt64>) -> UInt64 {
        @inline(__always) func step(_ hash: UInt64, _ token: UInt64) -> UInt64 {
            let product = (hash ^ token) &* 0xBF58_476D_1CE4_E5B9
            return product ^ product >> 31
        }
        // Four chains over tokens 0, 4, 8, … / 1, 5, 9, … and so on, folded in order at the
        // end: the multiplies of one chain wait on each other, those of four chains overlap
        // (a single chain was half the sketcher's own time in perf).
        let count = tokens.count
        var h0: UInt64 = 0x1319_8A2E_0370_7344 ^ UInt64(count)
        var h1: UInt64 = 0xA409_3822_299F_31D0
        var h2: UInt64 = 0x082E_FA98_EC4E_6C89
        var h3: UInt64 = 0x4528_21E6_38D0_1377
        var index = 0
        while index + 4 <= count {
            h0 = step(h0, tokens[index])
            h1 = step(h1, tokens[index + 1])
            h2 = step(h2, tokens[index + 2])
            h3 = step(h3, tokens[index + 3])
            index += 4
        }
        if index < count { h0 = step(h0, tokens[index]) }
        if index + 1 < count { h1 = step(h1, tokens[index + 1]) }
        if index + 2 < count { h2 = step(h2, tokens[index + 2]) }
        return mix(step(step(step(h0, h1), h2), h3))
    }

    /// Appends the fingerprints of every k-gram of `tokens` to `fingerprints`.
    ///
    /// Segments shorter than `k` tokens have no shingles: they match by `exactHash`.
    /// - Complexity: O(*n* + *k*).
    @inlinable
    public static func appendFingerprints(
        of tokens: UnsafeBufferPointer<UInt64>, k: Int, to fingerprints: inout [UInt32]
    ) {
        precondition(k >= 1, "a shingle has at least one token")
        guard tokens.count >= k else { return }
        // Into a scratch buffer, then one append: one capacity and uniqueness check per
        // run of shingles, not one per shingle.
        let count = tokens.count - k + 1
        var leading: UInt64 = 1  // B^(k-1), the weight of a shingle's first token
        for _ in 1..<k { leading &*= base }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { run in
            let t = tokens.baseAddress!
            let out = run.baseAddress!
            var polynomial = Self.polynomial(tokens, at: 0, k: k)
            out[0] = fold(mix(polynomial))
            var index = 1
            while index < count {
                polynomial = (polynomial &- t[index &- 1] &* leading) &* base &+ t[index &+ k &- 1]
                out[index] = fold(mix(polynomial))
                index &+= 1
            }
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
