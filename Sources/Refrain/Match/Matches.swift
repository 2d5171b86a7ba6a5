/// The match stage's output: which segments are near-copies of which, and the words each
/// copy shares with its partner.
struct Matches: Sendable {
    /// The union-find over verified pairs and exact copies.
    var families: UnionFind
    /// Runs of each segment's words covered by shingles it shares with a verified partner.
    var coverage: [Coverage]
}
