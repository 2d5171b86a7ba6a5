import CMinHash

/// MinHash sketches of shingle fingerprint sets, 32-bit values in SIMD lanes.
///
/// Permutations come four at a time, each group with two random 128-bit keys *K* and *R*:
/// the fingerprint *x* in all four 32-bit lanes becomes `AESENC(AESENC(x ^ K, R), K)`, two
/// AES rounds, and lane *j* is permutation *j*'s value. Each lane is a bijection on 32-bit
/// values (every step of a round is invertible), two rounds carry every bit of *x* to every
/// bit of the value, and the keys make the groups independent. AES-NI (and ARMv8's AES
/// instructions) do a round on four lanes in one instruction; the multiply-add family
/// (`a·x + b mod 2³²`) this replaced was bound by the 32-bit vector multiply. The fraction of equal values between two sketches
/// estimates the Jaccard similarity of the two sets (`MinHashTests` measures its error).
public struct MinHash: Sendable {
    /// The number of permutations (values per sketch), a multiple of 8.
    public let permutations: Int
    /// The groups' *K* keys, four 32-bit words per group.
    @usableFromInline let keys: [SIMD8<UInt32>]
    /// The groups' *R* keys, four 32-bit words per group.
    @usableFromInline let roundKeys: [SIMD8<UInt32>]

    /// Creates the permutation family.
    ///
    /// - Parameters:
    ///   - permutations: The number of permutations; rounded up to a multiple of 8.
    ///   - seed: The seed of the permutations' coefficients.
    public init(permutations: Int = 128, seed: UInt64 = 0x5EED_0F_4EF4_A1) {
        let lanes = (max(permutations, 8) + 7) / 8
        self.permutations = lanes * 8
        var generator = SplitMix64(seed: seed)
        func next() -> UInt32 { UInt32(truncatingIfNeeded: generator.next()) }
        var keys: [SIMD8<UInt32>] = []
        var roundKeys: [SIMD8<UInt32>] = []
        for _ in 0..<lanes {
            var k = SIMD8<UInt32>()
            var r = SIMD8<UInt32>()
            for lane in 0..<8 {
                // Bit 0 set: left from the odd multipliers of the multiply-add family; kept
                // so that sketches, and with them reports, stay as they are.
                k[lane] = next() | 1
                r[lane] = next()
            }
            keys.append(k)
            roundKeys.append(r)
        }
        self.keys = keys
        self.roundKeys = roundKeys
    }

    /// Computes the sketch of a fingerprint set into `sketch`.
    ///
    /// - Parameters:
    ///   - fingerprints: The set's fingerprints; duplicates do not change the sketch.
    ///   - sketch: Receives `permutations / 8` vectors; an empty set gives all `UInt32.max`.
    /// - Complexity: O(*n* · *permutations* / 8) vector operations.
    @inlinable
    public func sketch(
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt32>>
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
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt32>>
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
        _ fingerprints: UnsafeBufferPointer<UInt32>, into sketch: UnsafeMutableBufferPointer<SIMD8<UInt32>>,
        permutations used: Int
    ) {
        precondition(used % 8 == 0 && used <= permutations && sketch.count * 8 >= used)
        guard !fingerprints.isEmpty else { return }
        withKeys { k, r in
            UnsafeMutableRawBufferPointer(sketch).withMemoryRebound(to: UInt32.self) { values in
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

    /// Whether the kernel uses AES instructions on this CPU (AES-NI, or ARMv8's), four
    /// permutations per pair of rounds.
    public static var usesAES: Bool { refrain_minhash_uses_aes() != 0 }

    /// The sketch of a fingerprint array computed by the portable kernel, for comparison.
    func portableSketch(_ fingerprints: [UInt32]) -> [UInt32] {
        var values = [UInt32](repeating: .max, count: permutations)
        withKeys { k, r in refrain_minhash_accumulate_portable(fingerprints, fingerprints.count, k, r, &values, permutations) }
        return values
    }

    /// The sketch of a fingerprint array (convenience for tests and tools).
    public func sketch(_ fingerprints: [UInt32]) -> [UInt32] {
        var vectors = [SIMD8<UInt32>](repeating: .zero, count: permutations / 8)
        fingerprints.withUnsafeBufferPointer { input in
            vectors.withUnsafeMutableBufferPointer { sketch(input, into: $0) }
        }
        return vectors.flatMap { vector in (0..<8).map { vector[$0] } }
    }

    /// The Jaccard similarity two sketches estimate: the fraction of equal values.
    public static func estimatedJaccard(_ lhs: [UInt32], _ rhs: [UInt32]) -> Double {
        precondition(lhs.count == rhs.count && !lhs.isEmpty)
        return Double(zip(lhs, rhs).filter { $0 == $1 }.count) / Double(lhs.count)
    }
}
