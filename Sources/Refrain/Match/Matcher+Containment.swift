extension Matcher {
    /// How a verified pair joins families, and under which family each side's runs count.
    struct Join {
        /// The two segments to union.
        var union: (Int, Int)
        /// The segments whose families the runs of each side (the segment verified, then
        /// its candidate) count under.
        var ownAnchor: Int, otherAnchor: Int
    }

    /// How a verified pair joins: as itself, unless it shares only one sentence.
    ///
    /// A paragraph of several sentences that holds another segment only by containment,
    /// where what they share is one sentence (the other is a sentence, or a paragraph one
    /// of whose sentences holds the shared shingles) and either paragraph has another sentence
    /// of its own, is a copy of that sentence, not of the paragraph: the sentence and the
    /// paragraph's sentence that shares the most are joined,
    /// and both sides' runs count under that sentence's family. Joined whole, a paragraph
    /// holding two templates joined their families into one, and a family's members spanned
    /// the new reporting around its copies (review 80).
    ///
    /// - Parameters:
    ///   - id: The segment verified; `own` its fingerprints.
    ///   - candidate: Its candidate; `other` its fingerprints.
    ///   - jaccard: The pair's Jaccard similarity; the verifier holds its shared shingles.
    /// - Returns: The union and the anchors.
    /// - Complexity: O(1) unless the pair is joined by one sentence, then O(*shingles* log
    ///   *shared*) in the two segments.
    func join(
        _ id: Int, _ own: ArraySlice<UInt32>, _ candidate: Int, _ other: ArraySlice<UInt32>, jaccard: Double,
        table: SegmentTable
    ) -> Join {
        let whole = Join(union: (id, candidate), ownAnchor: id, otherAnchor: candidate)
        guard jaccard < configuration.threshold, own.count != other.count else { return whole }
        let idIsLarger = own.count > other.count
        let (large, largeShingles) = idIsLarger ? (id, own) : (candidate, other)
        let (small, smallShingles) = idIsLarger ? (candidate, other) : (id, own)
        guard table.isSeveralSentences(large) else { return whole }
        var shared = small
        var smallHoldsAnother = false
        if table.isSeveralSentences(small) {
            let (sentence, count, holdsAnother) = sentenceSharingMost(of: small, smallShingles, table: table)
            // Shingles of several sentences shared: a copy of the paragraph.
            guard Double(count) >= configuration.threshold * Double(verifier.sharedTotal) else { return whole }
            shared = sentence
            smallHoldsAnother = holdsAnother
        }
        let partner = sentenceSharingMost(of: large, largeShingles, table: table)
        // Nothing else of either paragraph is a sentence of its own (a name, "All rights
        // reserved."): one is a variant of the other, joined whole.
        guard partner.holdsAnother || smallHoldsAnother else { return whole }
        return Join(union: (shared, partner.sentence), ownAnchor: shared, otherAnchor: shared)
    }

    /// The sentence of a paragraph of several that holds the most of the shingles the
    /// verifier found shared, how many it holds, and whether another sentence of the
    /// paragraph holds shingles mostly not shared: text of its own beside the copy.
    ///
    /// - Parameters:
    ///   - paragraph: A paragraph segment of several sentences (they come just before it).
    ///   - fingerprints: Its fingerprints, as verified.
    /// - Complexity: O(*shingles* log *shared*).
    func sentenceSharingMost(
        of paragraph: Int, _ fingerprints: ArraySlice<UInt32>, table: SegmentTable
    ) -> (sentence: Int, count: Int, holdsAnother: Bool) {
        var best = (sentence: paragraph - 1, count: -1)
        var unshared = 0  // sentences with shingles, under half of them shared
        var bestIsUnshared = false
        // Last to first: of sentences that share as much, the last is joined.
        for sentence in table.sentenceSegments(ofParagraph: paragraph).reversed() {
            let start = table.tokens(of: sentence).lowerBound
            let shingles = table.shingles(of: sentence).count
            let count = verifier.sharedCount(of: fingerprints, at: start..<(start + shingles))
            let isUnshared = shingles > 0 && 2 * count < shingles
            if isUnshared { unshared += 1 }
            if count > best.count {
                best = (sentence, count)
                bestIsUnshared = isUnshared
            }
        }
        return (best.sentence, best.count, unshared - (bestIsUnshared ? 1 : 0) > 0)
    }
}
