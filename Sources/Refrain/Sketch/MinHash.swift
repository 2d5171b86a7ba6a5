import CRefrainKernels

/// MinHash sketches of shingle fingerprint sets, 16-bit values in SIMD lanes.
///
/// Permutations come eight at a time, each group with two random 128-bit keys *K* and *R*:
/// the fingerprint *x* in all four 32-bit lanes becomes `AESENC(AESENC(x ^ K, R), K)`, two
/// AES rounds, and the result's 16-bit lane *j* is permutation *j*'s value. Two rounds carry
/// every bit of *x* to every bit of the result, and the keys make the groups independent.
/// AES rounds rather than a multiply-add family (`a·x + b mod 2³²`), which the 32-bit vector
/// multiply bounds: AES-NI (and ARMv8's AES instructions) do a round on 16 bytes in one
/// instruction. The fraction of equal values between two sketches estimates the Jaccard
/// similarity of the two sets (`MinHashTests` measures its error).
///
/// Why 16-bit values: they take half the rounds of 32-bit ones. Two sets' minimums then
/// also agree by chance, when they come from different elements, with probability about
/// *n* / 2¹⁷ for sets of *n* (0.15% at 200): a bias far below the estimator's own error
/// (about 0.03 at 128 permutations), and LSH hashes four values into a band's key.
@_spi(Stages) public struct MinHash: Sendable {
    /// The number of permutations (values per sketch), a multiple of 8.
    public let permutations: Int
    /// The groups' *K* keys, four 32-bit words per group of eight permutations.
    @usableFromInline let keys: [SIMD4<UInt32>]
    /// The groups' *R* keys, four 32-bit words per group.
    @usableFromInline let roundKeys: [SIMD4<UInt32>]

    /// Creates the permutation family.
    ///
    /// - Parameters:
    ///   - permutations: The number of permutations; rounded up to a multiple of 8.
    ///   - seed: The seed of the permutations' keys.
    public init(permutations: Int = 128, seed: UInt64 = 0x5EED_0F_4EF4_A1) {
        let groups = (max(permutations, 8) + 7) / 8
        self.permutations = groups * 8
        var generator = SplitMix64(seed: seed)
        func key() -> SIMD4<UInt32> {
            let (low, high) = (generator.next(), generator.next())
            return SIMD4(
                UInt32(truncatingIfNeeded: low), UInt32(truncatingIfNeeded: low >> 32),
                UInt32(truncatingIfNeeded: high), UInt32(truncatingIfNeeded: high >> 32))
        }
        var keys: [SIMD4<UInt32>] = []
        var roundKeys: [SIMD4<UInt32>] = []
        for _ in 0..<groups {
            keys.append(key())
            roundKeys.append(key())
        }
        self.keys = keys
        self.roundKeys = roundKeys
    }

    /// Computes the sketch of a fingerprint set into `sketch`.
    ///
    /// - Parameters:
    ///   - fingerprints: The set's fingerprints; duplicates do not change the sketch.
    ///   - sketch: Receives `permutations / 8` vectors; an empty set gives all `UInt16.max`.
    /// - Complexity: O(*n* · *permutations* / 8) vector operations.
    @inlinable
    public func sketch(
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt16>>
    ) {
        for lane in 0..<keys.count { sketch[lane] = SIMD8(repeating: .max) }
        accumulate(fingerprints, into: sketch)
    }

    /// Lowers `sketch` to the element-wise minimum of itself and the sketch of `fingerprints`.
    ///
    /// Sketches of disjoint parts combine into the sketch of their union this way.
    /// - Complexity: O(*n* · *permutations* / 8) vector operations.
    @inlinable
    public func accumulate(
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt16>>
    ) {
        accumulate(fingerprints, into: sketch, permutations: permutations)
    }

    /// Lowers the first `used` values of a sketch by every fingerprint, leaving the rest alone.
    ///
    /// LSH reads only `bands × rows` values of a sketch (56 of 128 at the default threshold):
    /// the sketcher evaluates just those permutations, and gets the same band keys.
    ///
    /// - Parameters:
    ///   - fingerprints: Shingle fingerprints.
    ///   - sketch: At least `used / 8` vectors.
    ///   - used: The permutations to evaluate, a multiple of 8 no larger than `permutations`.
    /// - Complexity: O(*fingerprints* × *used*).
    public func accumulate(
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt16>>,
        permutations used: Int
    ) {
        precondition(used % 8 == 0 && used <= permutations && sketch.count * 8 >= used)
        guard !fingerprints.isEmpty else { return }
        withKeys { k, r in
            UnsafeMutableRawBufferPointer(sketch).withMemoryRebound(to: UInt16.self) { values in
                refrain_minhash_accumulate(fingerprints.baseAddress, fingerprints.count, k, r, values.baseAddress, used)
            }
        }
    }

    /// Calls `body` with the *K* and *R* keys as the kernels take them: 32-bit words.
    func withKeys<R>(_ body: (UnsafePointer<UInt32>, UnsafePointer<UInt32>) -> R) -> R {
        keys.withUnsafeBytes { k in
            roundKeys.withUnsafeBytes { r in
                body(k.assumingMemoryBound(to: UInt32.self).baseAddress!, r.assumingMemoryBound(to: UInt32.self).baseAddress!)
            }
        }
    }

    /// Whether the kernel uses AES instructions on this CPU (AES-NI, or ARMv8's), eight
    /// permutations per pair of rounds.
    public static var usesAES: Bool { refrain_minhash_uses_aes() != 0 }

    /// The sketch of a fingerprint array computed by the portable kernel, for comparison.
    func portableSketch(_ fingerprints: [UInt32]) -> [UInt16] {
        var values = [UInt16](repeating: .max, count: permutations)
        withKeys { k, r in refrain_minhash_accumulate_portable(fingerprints, fingerprints.count, k, r, &values, permutations) }
        return values
    }

    /// The sketch of a fingerprint array (convenience for tests and tools).
    public func sketch(_ fingerprints: [UInt32]) -> [UInt16] {
        var vectors = [SIMD8<UInt16>](repeating: .zero, count: permutations / 8)
        fingerprints.withUnsafeBufferPointer { input in
            vectors.withUnsafeMutableBufferPointer { sketch(input, into: $0) }
        }
        return vectors.flatMap { vector in (0..<8).map { vector[$0] } }
    }

    /// The Jaccard similarity two sketches estimate: the fraction of equal values.
    public static func estimatedJaccard(_ lhs: [UInt16], _ rhs: [UInt16]) -> Double {
        precondition(lhs.count == rhs.count && !lhs.isEmpty)
        return Double(zip(lhs, rhs).filter { $0 == $1 }.count) / Double(lhs.count)
    }
}
