import CRefrainKernels

/// Verifies candidate pairs exactly and finds which tokens of each segment the other shares.
///
/// A pair is verified when the Jaccard similarity *or* the containment of the shingle
/// fingerprint sets reaches the threshold. Containment (shared / smaller set) catches a
/// paragraph that is a shared one plus or minus a sentence. Containment is also measured
/// in words: the share of the smaller segment's words that lie inside a shared shingle.
/// One changed word removes *k* shingles but only one word, so a paragraph copied with a
/// word changed in every sentence still verifies.
struct PairVerifier {
    let threshold: Double
    let shingle: Int

    private var sortedSegment: [UInt32] = []
    private var sortedCandidate: [UInt32] = []
    private var shared: [UInt32] = []

    init(threshold: Double, shingle: Int) {
        self.threshold = threshold
        self.shingle = shingle
    }

    /// Prepares the segment whose candidates follow: its sorted, distinct fingerprints.
    mutating func load(_ fingerprints: ArraySlice<UInt32>) {
        Self.sortedDistinct(fingerprints, into: &sortedSegment)
    }

    /// The verified similarity of the loaded segment to a candidate, or `nil` when below threshold.
    ///
    /// On success `shared` holds the common fingerprints, sorted.
    /// - Complexity: O(*m* log *m*) in the candidate's shingles.
    mutating func verify(
        _ candidate: ArraySlice<UInt32>, segment: ArraySlice<UInt32>
    ) -> (jaccard: Double, containment: Double)? {
        Self.sortedDistinct(candidate, into: &sortedCandidate)
        shared.removeAll(keepingCapacity: true)
        var i = 0
        var j = 0
        while i < sortedSegment.count, j < sortedCandidate.count {
            let a = sortedSegment[i]
            let b = sortedCandidate[j]
            if a == b {
                shared.append(a)
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        let intersection = Double(shared.count)
        guard intersection > 0 else { return nil }
        let union = Double(sortedSegment.count + sortedCandidate.count) - intersection
        let jaccard = intersection / union
        let containment = intersection / Double(min(sortedSegment.count, sortedCandidate.count))
        if jaccard >= threshold || containment >= threshold { return (jaccard, containment) }
        // Word containment, only worth computing when the pair shares a good part of its shingles.
        guard containment >= threshold / 2 else { return nil }
        let smaller = sortedSegment.count <= sortedCandidate.count ? segment : candidate
        let words = smaller.count + shingle - 1
        let covered = coveredWords(smaller)
        let wordContainment = Double(covered) / Double(words)
        return wordContainment >= threshold ? (jaccard, wordContainment) : nil
    }

    /// The number of words of a shingle sequence that lie inside a shared shingle.
    func coveredWords(_ fingerprints: ArraySlice<UInt32>) -> Int {
        var covered = 0
        var coveredUntil = 0  // words before this index are counted
        for (offset, fingerprint) in fingerprints.enumerated() where Self.contains(shared, fingerprint) {
            let end = offset + shingle
            covered += end - max(offset, coveredUntil)
            coveredUntil = end
        }
        return covered
    }

    /// Appends the runs of `fingerprints`' tokens covered by the last verified pair's shared shingles.
    func appendCoverage(
        of fingerprints: ArraySlice<UInt32>, segment: Int, partnerDocument: Int, anchor: Int? = nil,
        to coverage: inout [Coverage]
    ) {
        let anchor = UInt32(anchor ?? segment)
        var runStart = -1
        var runEnd = -1
        for (offset, fingerprint) in fingerprints.enumerated() where Self.contains(shared, fingerprint) {
            if offset > runEnd {
                if runStart >= 0 {
                    coverage.append(
                        Coverage(
                            segment: UInt32(segment), start: UInt32(runStart), end: UInt32(runEnd),
                            partnerDocument: UInt32(partnerDocument), anchor: anchor))
                }
                runStart = offset
            }
            runEnd = offset + shingle
        }
        if runStart >= 0 {
            coverage.append(
                Coverage(
                    segment: UInt32(segment), start: UInt32(runStart), end: UInt32(runEnd), partnerDocument: UInt32(partnerDocument),
                    anchor: anchor))
        }
    }

    /// The distinct shingles the last verified pair shared.
    var sharedTotal: Int { shared.count }

    /// How many of a segment's shingles at `offsets` the last verified pair shared.
    ///
    /// - Parameters:
    ///   - fingerprints: The segment's fingerprints, as verified.
    ///   - offsets: Shingle offsets within the segment; those past its end are not counted.
    /// - Complexity: O(*n* log *s*) for *n* offsets and *s* shared fingerprints.
    func sharedCount(of fingerprints: ArraySlice<UInt32>, at offsets: Range<Int>) -> Int {
        var count = 0
        for offset in offsets.clamped(to: 0..<fingerprints.count)
        where Self.contains(shared, fingerprints[fingerprints.startIndex + offset]) {
            count += 1
        }
        return count
    }

    /// Copies `values` into `result`, sorted and without repeats.
    ///
    /// Sorted by `refrain_sort_u32`: Swift's stable sort allocates above 20 elements, and
    /// this runs for every candidate pair.
    static func sortedDistinct(_ values: ArraySlice<UInt32>, into result: inout [UInt32]) {
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: values)
        let count = result.count
        result.withUnsafeMutableBufferPointer { sorted in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count > 256 ? count : 0) { scratch in
                refrain_sort_u32(sorted.baseAddress, count, scratch.baseAddress)
            }
        }
        var write = 0
        for read in result.indices where read == 0 || result[read] != result[write - 1] {
            result[write] = result[read]
            write += 1
        }
        result.removeLast(result.count - write)
    }

    /// Whether a sorted array holds `value`.
    ///
    /// Branch-free halving (`refrain_sorted_contains`): the answers are random, so a branch
    /// per step would be mispredicted half the time, and this search runs for every shingle
    /// of every verified pair.
    /// - Complexity: O(log *n*).
    static func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        sorted.withUnsafeBufferPointer { refrain_sorted_contains($0.baseAddress, $0.count, value) != 0 }
    }
}
