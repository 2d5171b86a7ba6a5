/// The alignment of two short word sequences: their longest common subsequence of words.
///
/// Short segments are verified by how many of their words align, in order, rather than by
/// shingles: a 16-word sentence with three words replaced keeps 13 of 16 words aligned
/// (0.81) but only a third of its 5-word shingles.
enum WordAlignment {
    /// The longest sequence a bit-parallel alignment handles: one bit per word of the first.
    static let maximumWords = 64

    /// The length of the longest common subsequence of two word sequences.
    ///
    /// Bit-parallel (Allison–Dix, Crochemore et al. 2001): one bit per word of `a`, one
    /// add and a few logic operations per word of `b`, so two 20-word sentences cost a few
    /// hundred comparisons, not a table of 400 cells.
    ///
    /// - Parameters:
    ///   - a: Word hashes, at most `maximumWords`.
    ///   - b: Word hashes, any number.
    /// - Returns: The number of words of the longest common subsequence.
    /// - Complexity: O(|*a*| · |*b*|) comparisons, O(|*b*|) word operations.
    static func commonWords(_ a: ArraySlice<UInt16>, _ b: ArraySlice<UInt16>) -> Int {
        precondition(a.count <= maximumWords)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let mask: UInt64 = a.count == 64 ? .max : (1 << UInt64(a.count)) - 1
        var v: UInt64 = .max
        for word in b { step(&v, word, a) }
        return (~v & mask).nonzeroBitCount
    }

    /// One word of `b` in the bit-parallel alignment: `~v`'s set bits count the words of `a`
    /// aligned so far.
    @inline(__always)
    static func step(_ v: inout UInt64, _ word: UInt16, _ a: some Collection<UInt16>) {
        var matches: UInt64 = 0
        var bit: UInt64 = 1
        for other in a {
            if other == word { matches |= bit }
            bit &<<= 1
        }
        let u = v & matches
        v = (v &+ u) | (v & ~matches)
    }

    /// The lengths of the longest common subsequences of `a` and each prefix of `b`, in one
    /// pass: element *j* is `commonWords(a, b.prefix(j))`, for *j* from 0 to `b.count`.
    ///
    /// - Parameters:
    ///   - a: Word hashes, at most `maximumWords`.
    ///   - b: Word hashes, any number.
    /// - Complexity: O(|*a*| · |*b*|) comparisons, O(|*b*|) word operations.
    static func commonWordsOfPrefixes(_ a: some Collection<UInt16>, _ b: some Collection<UInt16>) -> [Int] {
        precondition(a.count <= maximumWords)
        var result = [0]
        result.reserveCapacity(b.count + 1)
        let mask: UInt64 = a.count == 64 ? .max : (1 << UInt64(a.count)) - 1
        var v: UInt64 = .max
        for word in b {
            step(&v, word, a)
            result.append((~v & mask).nonzeroBitCount)
        }
        return result
    }

    /// `commonWords` of two sequences in either order: the shorter goes first, one bit per
    /// word, so either may be the long one as long as the other has at most `maximumWords`.
    ///
    /// - Complexity: O(|*a*| · |*b*|).
    static func commonWordsInEitherOrder(_ a: ArraySlice<UInt16>, _ b: ArraySlice<UInt16>) -> Int {
        a.count <= b.count ? commonWords(a, b) : commonWords(b, a)
    }

    /// The share of the longer sequence's words that align with the other's.
    ///
    /// - Complexity: O(|*a*| · |*b*|).
    static func similarity(_ a: ArraySlice<UInt16>, _ b: ArraySlice<UInt16>) -> Double {
        let longer = max(a.count, b.count)
        guard longer > 0 else { return 0 }
        return Double(commonWordsInEitherOrder(a, b)) / Double(longer)
    }
}
