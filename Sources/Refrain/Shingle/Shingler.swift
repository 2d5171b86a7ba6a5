import CRefrainKernels

/// Combines token hashes into word k-gram (shingle) hashes.
///
/// A shingle's hash is built from its tokens' XXH3 hashes, never by re-hashing bytes: a
/// polynomial `Σ tⱼ·Bᵏ⁻¹⁻ʲ mod 2⁶⁴` over the k token hashes (order-sensitive), folded to the
/// 32-bit fingerprint that sketches and verification compare. A segment's exact hash is the
/// same polynomial over all its tokens, then a 64-bit finalizer.
///
/// Both come from a paragraph's prefix polynomials `Pᵢ = Σ_{j<i} tⱼ·Bⁱ⁻¹⁻ʲ`: the polynomial
/// of tokens `a..<b` is `P_b − P_a·Bᵇ⁻ᵃ`. So a shingle costs one multiply, no shingle waits
/// on the one before (a rolling polynomial would, two multiplies deep), and a sentence's
/// exact hash costs one multiply, not another pass over its tokens.
///
/// Why no finalizer on shingles: token hashes are XXH3 values, uniform on 64 bits, and every
/// power of the odd base is odd, so two shingles that differ in any token have polynomials
/// that differ by a uniform value (their fingerprints collide with probability 2⁻³²), and
/// MinHash's AES rounds mix the fingerprint's bits anyway, so a finalizer (two more
/// multiplies per shingle for MurmurHash3's) would buy nothing.
@_spi(Stages) public enum Shingler {
    /// The polynomial's base: odd, so every power of it is too.
    @usableFromInline static let base: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The fingerprint of the shingle of `k` tokens starting at `index` (the definition
    /// `appendFingerprints` computes by prefixes).
    ///
    /// - Parameters:
    ///   - tokens: Token hashes in reading order.
    ///   - index: The first token of the shingle; `index + k` must not exceed `tokens.count`.
    ///   - k: The shingle length in tokens.
    /// - Returns: A 32-bit fingerprint.
    /// - Complexity: O(*k*).
    @inlinable
    public static func fingerprint(_ tokens: UnsafeBufferPointer<UInt64>, at index: Int, k: Int) -> UInt32 {
        fold(polynomial(tokens, at: index, k: k))
    }

    /// `Σ tⱼ·Bᵏ⁻¹⁻ʲ mod 2⁶⁴` over the `k` token hashes from `index` on: what a fingerprint
    /// folds, and an exact hash finalizes.
    @inlinable @inline(__always)
    static func polynomial(_ tokens: UnsafeBufferPointer<UInt64>, at index: Int, k: Int) -> UInt64 {
        var polynomial: UInt64 = 0
        for offset in 0..<k { polynomial = polynomial &* base &+ tokens[index + offset] }
        return polynomial
    }

    /// `Bⁿ mod 2⁶⁴`.
    ///
    /// - Complexity: O(log *n*).
    @inlinable
    static func power(_ n: Int) -> UInt64 {
        var result: UInt64 = 1
        var square = base
        var exponent = n
        while exponent > 0 {
            if exponent & 1 != 0 { result &*= square }
            square &*= square
            exponent >>= 1
        }
        return result
    }

    /// Writes the prefix polynomials of `tokens`: `prefixes[i]` is the polynomial of the
    /// first `i` tokens, for `i` in `0...tokens.count`.
    ///
    /// - Parameters:
    ///   - tokens: Token hashes in reading order.
    ///   - prefixes: Room for `tokens.count + 1` values.
    /// - Complexity: O(*n*); two tokens per multiply-add on the dependency chain.
    @inlinable
    public static func prefixPolynomials(of tokens: UnsafeBufferPointer<UInt64>, into prefixes: UnsafeMutablePointer<UInt64>) {
        let count = tokens.count
        let squared = base &* base
        var polynomial: UInt64 = 0
        prefixes[0] = 0
        var index = 0
        while index &+ 2 <= count {
            let first = tokens[index]
            prefixes[index &+ 1] = polynomial &* base &+ first
            polynomial = polynomial &* squared &+ (first &* base &+ tokens[index &+ 1])
            prefixes[index &+ 2] = polynomial
            index &+= 2
        }
        if index < count { prefixes[index &+ 1] = polynomial &* base &+ tokens[index] }
    }

    /// The fingerprint of a whole segment's normalized text (its token sequence), for exact
    /// matching at any length.
    ///
    /// - Complexity: O(*n*) in the number of tokens.
    @inlinable
    public static func exactHash(_ tokens: UnsafeBufferPointer<UInt64>) -> UInt64 {
        exactHash(polynomial: polynomial(tokens, at: 0, k: tokens.count), count: tokens.count)
    }

    /// `exactHash` of tokens `range` of a paragraph, from its prefix polynomials.
    ///
    /// - Parameters:
    ///   - prefixes: The paragraph's prefix polynomials, from `prefixPolynomials`.
    ///   - range: The segment's tokens.
    ///   - power: `B` to the power `range.count`.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func exactHash(prefixes: UnsafePointer<UInt64>, range: Range<Int>, power: UInt64) -> UInt64 {
        exactHash(
            polynomial: prefixes[range.upperBound] &- prefixes[range.lowerBound] &* power, count: range.count)
    }

    /// The finalizer of an exact hash: the length is mixed in, so that leading tokens of
    /// hash zero still count.
    @inlinable @inline(__always)
    static func exactHash(polynomial: UInt64, count: Int) -> UInt64 {
        mix(polynomial ^ UInt64(truncatingIfNeeded: count) &* 0xBF58_476D_1CE4_E5B9)
    }

    /// Appends the fingerprints of every k-gram of `tokens` to `fingerprints`.
    ///
    /// Segments shorter than `k` tokens have no shingles: they match by `exactHash`.
    /// - Complexity: O(*n* + *k*).
    @inlinable
    public static func appendFingerprints(
        of tokens: UnsafeBufferPointer<UInt64>, k: Int, to fingerprints: inout [UInt32]
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: tokens.count + 1) { prefixes in
            prefixPolynomials(of: tokens, into: prefixes.baseAddress!)
            appendFingerprints(prefixes: UnsafeBufferPointer(prefixes), k: k, to: &fingerprints)
        }
    }

    /// Appends the fingerprints of every k-gram of a token sequence, from its prefix
    /// polynomials (`prefixes.count` is one more than the number of tokens).
    ///
    /// - Complexity: O(*n*).
    @inlinable
    public static func appendFingerprints(
        prefixes: UnsafeBufferPointer<UInt64>, k: Int, to fingerprints: inout [UInt32]
    ) {
        precondition(k >= 1, "a shingle has at least one token")
        let tokens = prefixes.count - 1
        guard tokens >= k else { return }
        // Into a scratch buffer, then one append: one capacity and uniqueness check per
        // run of shingles, not one per shingle.
        let count = tokens - k + 1
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { run in
            refrain_shingle_fingerprints(prefixes.baseAddress!, count, k, power(k), run.baseAddress!)
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
