import Foundation

/// The banding of a MinHash sketch for locality-sensitive hashing: `bands` × `rows`.
///
/// Two sets with Jaccard similarity *s* share at least one band with probability
/// `1 − (1 − sᴿ)ᴮ` (the S-curve). Candidates are verified exactly afterwards, so the
/// banding is chosen for recall: Refrain verifies a pair when its Jaccard similarity *or*
/// its containment reaches the threshold *t*, and two sets of equal size with containment
/// *t* have Jaccard `t / (2 − t)`. The banding is the sharpest one (most rows, fewest
/// false candidates) that still finds a pair at that Jaccard with probability ≥ 0.95,
/// which makes recall at *t* itself higher still.
public struct LSHParameters: Sendable, Hashable, CustomStringConvertible {
    /// The number of bands.
    public var bands: Int
    /// The number of sketch values per band.
    public var rows: Int

    /// The smallest probability of becoming candidates at the design point.
    public static let targetRecall = 0.95

    /// Creates a banding.
    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
    }

    /// Chooses bands and rows for a similarity threshold.
    ///
    /// - Parameters:
    ///   - threshold: The Jaccard (or containment) threshold *t*, in (0, 1].
    ///   - permutations: The sketch length; `bands × rows` never exceeds it.
    /// - Returns: The banding with the most rows whose S-curve reaches 0.95 at `t / (2 − t)`.
    /// - Complexity: O(*permutations*).
    public static func forThreshold(_ threshold: Double, permutations: Int) -> LSHParameters {
        let designPoint = threshold / (2 - threshold)
        var best = LSHParameters(bands: permutations, rows: 1)
        for rows in 1...permutations {
            let candidate = LSHParameters(bands: permutations / rows, rows: rows)
            if candidate.probability(ofCandidateAt: designPoint) >= targetRecall {
                best = candidate
            } else {
                break
            }
        }
        return best
    }

    /// The probability that two sets with Jaccard similarity `similarity` share a band.
    public func probability(ofCandidateAt similarity: Double) -> Double {
        1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
    }

    public var description: String { "\(bands) bands × \(rows) rows" }
}
