import Foundation

/// The banding of a MinHash sketch for locality-sensitive hashing: `bands` × `rows`.
///
/// Two sets with Jaccard similarity *s* share at least one band with probability
/// `1 − (1 − sᴿ)ᴮ` (the S-curve). Refrain verifies a pair when its Jaccard similarity *or*
/// its containment reaches the threshold *t*, and two sets of equal size with containment
/// *t* have Jaccard `t / (2 − t)`: the design point, where a pair must become a candidate
/// with probability ≥ 0.95 (so recall at *t* itself is higher still). Every candidate is
/// verified exactly, so a false candidate costs one comparison, while every band costs a
/// table entry per segment and a lookup per query: the banding is the one with the fewest
/// bands that meets the recall target and keeps unrelated pairs (Jaccard ≤ 0.2) from
/// becoming candidates more than 5% of the time.
public struct LSHParameters: Sendable, Hashable, CustomStringConvertible {
    /// The number of bands.
    public var bands: Int
    /// The number of sketch values per band.
    public var rows: Int

    /// The smallest probability of becoming candidates at the design point.
    public static let targetRecall = 0.95
    /// Pairs at or below this Jaccard similarity are unrelated text.
    public static let unrelatedSimilarity = 0.2
    /// The largest probability that an unrelated pair becomes a candidate.
    public static let falseCandidateLimit = 0.05

    /// Creates a banding.
    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
    }

    /// The Jaccard similarity at which a pair with containment `threshold` must be found.
    public static func designPoint(forThreshold threshold: Double) -> Double {
        threshold / (2 - threshold)
    }

    /// Chooses bands and rows for a similarity threshold.
    ///
    /// - Parameters:
    ///   - threshold: The Jaccard (or containment) threshold *t*, in (0, 1].
    ///   - permutations: The sketch length; `bands × rows` never exceeds it.
    /// - Returns: The banding with the fewest bands whose S-curve reaches 0.95 at
    ///   `t / (2 − t)` and stays at or below 0.05 at Jaccard 0.2; when no banding meets both
    ///   (low thresholds), the one with the most rows that meets the recall target.
    /// - Complexity: O(*permutations*²).
    public static func forThreshold(_ threshold: Double, permutations: Int) -> LSHParameters {
        let design = designPoint(forThreshold: threshold)
        var fewest: LSHParameters?
        var sharpest = LSHParameters(bands: permutations, rows: 1)
        for rows in 1...permutations {
            // The fewest bands with this many rows that reach the recall target.
            guard
                let bands = (1...(permutations / rows)).first(where: {
                    LSHParameters(bands: $0, rows: rows).probability(ofCandidateAt: design) >= targetRecall
                })
            else { break }
            let candidate = LSHParameters(bands: bands, rows: rows)
            sharpest = LSHParameters(bands: permutations / rows, rows: rows)
            if candidate.probability(ofCandidateAt: unrelatedSimilarity) <= falseCandidateLimit,
                bands < fewest?.bands ?? .max
            {
                fewest = candidate
            }
        }
        return fewest ?? sharpest
    }

    /// The probability that two sets with Jaccard similarity `similarity` share a band.
    public func probability(ofCandidateAt similarity: Double) -> Double {
        1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
    }

    public var description: String { "\(bands) bands × \(rows) rows" }
}
