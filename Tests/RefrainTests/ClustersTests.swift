import Testing

@testable import Refrain

@Suite struct ClustersTests {
    /// Tokens covered for a viewing document: runs whose partner is another document.
    func covered(_ runs: [Coverage], viewing document: UInt32, counts: (UInt32) -> Bool) -> Set<UInt32> {
        var tokens = Set<UInt32>()
        for run in runs where run.partnerDocument != document && counts(run.anchor) {
            for token in run.start..<run.end { tokens.insert(token) }
        }
        return tokens
    }

    /// A template's first copy verified against 2,000 near-copies: a few intervals, same coverage.
    @Test func compactionKeepsCoverageAndBoundsRuns() {
        var random = SeededGenerator(seed: 5)
        var runs: [Coverage] = []
        for partner in 1...2000 {
            // Each near-copy changed one word: the run splits around it.
            let changed = UInt32.random(in: 5..<75, using: &random)
            runs.append(Coverage(segment: 0, start: 0, end: changed, partnerDocument: UInt32(partner), anchor: 0))
            runs.append(Coverage(segment: 0, start: changed + 1, end: 80, partnerDocument: UInt32(partner), anchor: 0))
        }
        runs.append(Coverage(segment: 0, start: 90, end: 95, partnerDocument: 0, anchor: 0))  // a repeat in its own document
        runs.append(Coverage(segment: 1, start: 0, end: 10, partnerDocument: 3, anchor: 1))  // a family that does not count
        let counts = { (anchor: UInt32) in anchor == 0 }
        let compacted = Clusters.compact(runs, documentOf: { _ in 0 }, countsAsRecycled: counts)
        #expect(compacted.count <= 8)
        // Exact for the segment's own document and any document that is not a partner; a
        // pooled partner viewing an exact copy may see its own runs counted (documented).
        for viewing: UInt32 in [0, 1, 2, 9999] {
            let after = covered(compacted, viewing: viewing, counts: counts)
            let before = covered(runs, viewing: viewing, counts: counts)
            #expect(
                after == before,
                "viewing \(viewing): \(after.subtracting(before).sorted()) added, \(before.subtracting(after).sorted()) lost")
        }
        #expect(compacted.filter { $0.segment == 1 }.count == 1)
    }
}
