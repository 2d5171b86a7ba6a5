import Foundation

/// The engine's parameters; defaults as in DESIGN.md.
public struct Configuration: Sendable, Hashable {
    /// Shingle length in words.
    public var shingle: Int = 5
    /// Jaccard (or containment) similarity at which two segments are near-copies: from 0.01
    /// to 1, with at most 4 decimals (the precision reports show).
    public var threshold: Double = 0.8
    /// MinHash permutations (sketch length); a multiple of 8.
    public var permutations: Int = 128
    /// Distinct documents a text must appear in to count as recycled.
    public var minDocuments: Int = 2
    /// Worker threads for the parallel stages; the report does not depend on it.
    public var jobs: Int = Configuration.allCores

    /// The cores this process may use, read once: each read of `activeProcessorCount` reads
    /// two cgroup files, and a scan makes several configurations.
    public static let allCores = ProcessInfo.processInfo.activeProcessorCount
    /// Share of a paragraph's non-space bytes that must be recycled for the label `template`.
    public var templateShare: Double = 0.8

    public init() {}

    /// The LSH banding for this configuration's threshold and permutations.
    public var lshParameters: LSHParameters {
        LSHParameters.forThreshold(threshold, permutations: permutations)
    }

    /// Problems with the values, as messages that say what to do; empty when valid.
    public var problems: [String] {
        var result: [String] = []
        if shingle < 1 || shingle > 64 { result.append("--shingle must be between 1 and 64 words (got \(shingle)); 5 suits news text.") }
        // Reports show the threshold with 4 decimals: a value they cannot show exactly would
        // report a different threshold from the one the scan used (1e-9 would read "0").
        let scaled = threshold * 10_000
        if !(threshold >= 0.01 && threshold <= 1) || abs(scaled - scaled.rounded()) > 1e-6 {
            result.append(
                "--threshold must be from 0.01 to 1 with at most 4 decimals, as reports show it (got \(threshold)); "
                    + "try 0.8, or 0.6 for looser matches.")
        }
        if permutations < 8 || permutations > 1024 || permutations % 8 != 0 {
            result.append("--permutations must be a multiple of 8 from 8 to 1024 (got \(permutations)); 128 is the usual choice.")
        }
        if minDocuments < 2 {
            result.append(
                "--min-documents must be at least 2 (got \(minDocuments)): text is recycled when it recurs in two or more documents.")
        }
        if jobs < 1 { result.append("--jobs must be at least 1 (got \(jobs)).") }
        return result
    }
}
