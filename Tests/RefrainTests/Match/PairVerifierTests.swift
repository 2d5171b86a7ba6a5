import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The three rules that verify a candidate pair, each on its own, on fingerprint sequences
/// built so that exactly one rule decides.
@Suite struct PairVerifierTests {
    /// A segment of `count` shingles with distinct fingerprints from `first`.
    static func shingles(_ first: UInt32, count: Int) -> ArraySlice<UInt32> {
        ArraySlice((0..<UInt32(count)).map { first + $0 })
    }

    @Test func pairAboveTheJaccardThresholdVerifiesWithItsJaccard() {
        var matcher = PairVerifier(threshold: 0.8, shingle: 5)
        let segment = Self.shingles(1, count: 10)
        let candidate = Self.shingles(2, count: 10)  // 9 shared of 11 distinct
        matcher.load(segment)
        let result = matcher.verify(candidate, segment: segment)
        #expect(result?.jaccard == 9.0 / 11.0)
        #expect(result?.containment == 9.0 / 10.0)
    }

    @Test func pairBelowEveryThresholdIsRejected() {
        var matcher = PairVerifier(threshold: 0.8, shingle: 5)
        let segment = Self.shingles(1, count: 10)
        matcher.load(segment)
        #expect(matcher.verify(Self.shingles(4, count: 10), segment: segment) == nil)  // 7 of 13, 7 of 10
        #expect(matcher.verify(Self.shingles(100, count: 10), segment: segment) == nil)
    }

    /// A paragraph that is a shared one plus a sentence: Jaccard is low, containment in the
    /// smaller set is whole.
    @Test func smallerSegmentContainedInTheCandidateVerifiesByContainment() {
        var matcher = PairVerifier(threshold: 0.8, shingle: 5)
        let segment = Self.shingles(1, count: 10)
        let candidate = Self.shingles(1, count: 40)
        matcher.load(segment)
        let result = matcher.verify(candidate, segment: segment)
        #expect(result?.jaccard == 10.0 / 40.0)
        #expect(result?.containment == 1)
    }

    /// One changed word every ten removes five shingles of each ten, but only one word: the
    /// words inside shared shingles still cover the segment, so the pair verifies by words.
    @Test func wordsCoveredBySharedShinglesVerifyWhenShinglesFallShort() {
        var matcher = PairVerifier(threshold: 0.8, shingle: 5)
        // 16 shingles = 20 words; shingles 6..<10 differ (as one changed word would make them).
        let segment = Self.shingles(1, count: 16)
        let candidate = ArraySlice(Array(segment[0..<6]) + [900, 901, 902, 903] + Array(segment[10...]) + (1000..<1010).map { $0 })
        matcher.load(segment)
        let result = matcher.verify(candidate, segment: segment)
        // 12 of 16 shingles shared (0.75 < 0.8), but shingles 0..<6 and 10..<16 cover all 20 words.
        #expect(result?.containment == 1)
        #expect(matcher.coveredWords(segment) == 20)
    }

    /// Word containment is only tried when half the threshold of shingles is shared: four
    /// spread shingles cover every word but are a quarter of the segment.
    @Test func wordContainmentNeedsHalfTheThresholdInShingles() {
        var matcher = PairVerifier(threshold: 0.8, shingle: 5)
        let segment = Self.shingles(1, count: 16)
        let spread = [segment[1], segment[6], segment[11], segment[15]]
        let candidate = ArraySlice(spread + (2000..<2020).map { $0 })
        matcher.load(segment)
        #expect(matcher.verify(candidate, segment: segment) == nil)
    }

    /// Coverage runs are the words of consecutive shared shingles, merged where they overlap.
    @Test func coverageRunsSpanTheWordsOfSharedShingles() {
        var matcher = PairVerifier(threshold: 0.5, shingle: 3)
        let segment = Self.shingles(1, count: 12)  // 14 words
        let candidate = ArraySlice(Array(segment[0..<4]) + Array(segment[7..<12]) + [500])
        matcher.load(segment)
        #expect(matcher.verify(candidate, segment: segment) != nil)
        var coverage: [Coverage] = []
        matcher.appendCoverage(of: segment, segment: 3, partnerDocument: 9, to: &coverage)
        #expect(coverage.map { [$0.start, $0.end] } == [[0, 6], [7, 14]])
        #expect(coverage.allSatisfy { $0.segment == 3 && $0.partnerDocument == 9 && $0.anchor == 3 })
    }

    @Test(arguments: [0, 1, 2, 255, 256, 257, 5000])
    func sortedDistinctIsSortedAndWithoutRepeats(count: Int) {
        var random = SeededGenerator(seed: UInt64(count))
        let values = ArraySlice((0..<count).map { _ in UInt32.random(in: 0...UInt32(count / 2 + 1), using: &random) })
        var result: [UInt32] = [7, 7, 7]
        PairVerifier.sortedDistinct(values, into: &result)
        #expect(result == Set(values).sorted())
        for value in values.prefix(50) { #expect(PairVerifier.contains(result, value)) }
        #expect(!PairVerifier.contains(result, UInt32(count) + 2))
    }
}
