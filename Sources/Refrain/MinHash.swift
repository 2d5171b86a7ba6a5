import CMinHash

/// MinHash sketches of shingle fingerprint sets, 32-bit values in SIMD lanes.
///
/// Permutations come four at a time, each group with two random 128-bit keys *K* and *R*:
/// the fingerprint *x* in all four 32-bit lanes becomes `AESENC(AESENC(x ^ K, R), K)`, two
/// AES rounds, and lane *j* is permutation *j*'s value. Each lane is a bijection on 32-bit
/// values (every step of a round is invertible), two rounds carry every bit of *x* to every
/// bit of the value, and the keys make the groups independent. AES-NI (and ARMv8's AES
/// instructions) do a round on four lanes in one instruction; the multiply-add family (`a·x + b mod 2³²`) this replaced was
/// bound by the 32-bit vector multiply. The fraction of equal values between two sketches
/// estimates the Jaccard similarity of the two sets (`MinHashTests` measures its error).
public struct MinHash: Sendable {
    /// The number of permutations (values per sketch), a multiple of 8.
    public let permutations: Int
    @usableFromInline let multipliers: [SIMD8<UInt32>]
    @usableFromInline let increments: [SIMD8<UInt32>]

    /// Creates the permutation family.
    ///
    /// `multipliers` hold the groups' *K* keys and `increments` their *R* keys, as 32-bit words.
    ///
    /// - Parameters:
    ///   - permutations: The number of permutations; rounded up to a multiple of 8.
    ///   - seed: The seed of the permutations' coefficients.
    public init(permutations: Int = 128, seed: UInt64 = 0x5EED_0F_4EF4_A1) {
        let lanes = (max(permutations, 8) + 7) / 8
        self.permutations = lanes * 8
        var generator = SplitMix64(seed: seed)
        func next() -> UInt32 { UInt32(truncatingIfNeeded: generator.next()) }
        var multipliers: [SIMD8<UInt32>] = []
        var increments: [SIMD8<UInt32>] = []
        for _ in 0..<lanes {
            var a = SIMD8<UInt32>()
            var b = SIMD8<UInt32>()
            for lane in 0..<8 {
                a[lane] = next() | 1
                b[lane] = next()
            }
            multipliers.append(a)
            increments.append(b)
        }
        self.multipliers = multipliers
        self.increments = increments
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
        for lane in 0..<multipliers.count { sketch[lane] = SIMD8(repeating: .max) }
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
        multipliers.withUnsafeBytes { a in
            increments.withUnsafeBytes { b in
                UnsafeMutableRawBufferPointer(sketch).withMemoryRebound(to: UInt32.self) { values in
                    refrain_minhash_accumulate(
                        fingerprints.baseAddress, fingerprints.count, a.assumingMemoryBound(to: UInt32.self).baseAddress,
                        b.assumingMemoryBound(to: UInt32.self).baseAddress, values.baseAddress, used)
                }
            }
        }
    }

    /// Whether the kernel uses AES instructions on this CPU (AES-NI, or ARMv8's), four
    /// permutations per pair of rounds.
    public static var usesAES: Bool { refrain_minhash_uses_aes() != 0 }

    /// The sketch of a fingerprint array computed by the portable kernel, for comparison.
    func portableSketch(_ fingerprints: [UInt32]) -> [UInt32] {
        var values = [UInt32](repeating: .max, count: permutations)
        multipliers.withUnsafeBytes { a in
            increments.withUnsafeBytes { b in
                refrain_minhash_accumulate_portable(
                    fingerprints, fingerprints.count, a.assumingMemoryBound(to: UInt32.self).baseAddress,
                    b.assumingMemoryBound(to: UInt32.self).baseAddress, &values, permutations)
            }
        }
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
