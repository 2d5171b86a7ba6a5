import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct WordAlignmentTests {
    /// The longest common subsequence by the textbook table.
    static func tableLCS(_ a: [UInt16], _ b: [UInt16]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0..<a.count {
            for j in 0..<b.count {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }

    /// Random sequences over small alphabets (many repeats), every length up to 64 words:
    /// the bit-parallel count equals the table's.
    @Test func commonWordsEqualsTheTable() {
        var generator = SeededGenerator(seed: 19)
        for alphabet: UInt16 in [2, 5, 30] {
            for length in 0...WordAlignment.maximumWords {
                let a = (0..<length).map { _ in UInt16.random(in: 0..<alphabet, using: &generator) }
                let b = (0..<Int.random(in: 0...70, using: &generator)).map { _ in UInt16.random(in: 0..<alphabet, using: &generator) }
                #expect(WordAlignment.commonWords(a[...], b[...]) == Self.tableLCS(a, b), "\(a) \(b)")
            }
        }
    }

    /// Three words of 16 replaced, inserted or deleted: 13/16, 16/19, 13/16 of the longer
    /// sequence's words align, and the measure is symmetric.
    @Test func editedSentencesAlignAtTheirShareOfWords() {
        let original = (UInt16(0)..<16).map { $0 }
        var replaced = original
        for at in [2, 7, 12] { replaced[at] = 100 + UInt16(at) }
        var inserted = original
        for at in [12, 7, 2] { inserted.insert(200 + UInt16(at), at: at) }
        let deleted = original.enumerated().filter { ![2, 7, 12].contains($0.offset) }.map(\.element)
        #expect(WordAlignment.similarity(original[...], replaced[...]) == 13.0 / 16)
        #expect(WordAlignment.similarity(original[...], inserted[...]) == 16.0 / 19)
        #expect(WordAlignment.similarity(inserted[...], original[...]) == 16.0 / 19)
        #expect(WordAlignment.similarity(deleted[...], original[...]) == 13.0 / 16)
        #expect(WordAlignment.similarity(original[...], original.reversed()[...]) == 1.0 / 16)
    }

    /// One pass gives every prefix's alignment, as aligning each prefix alone does.
    @Test func prefixesAlignAsEachAlone() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt16.random(in: 0..<6, using: &generator) }
            let b = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt16.random(in: 0..<6, using: &generator) }
            let all = WordAlignment.commonWordsOfPrefixes(a, b)
            #expect(all == (0...b.count).map { WordAlignment.commonWords(a[...], b[..<$0]) })
        }
    }
}
