extension WordDiff {
    /// For each word of a copy, whether a representative lacks it: the words `WordDiff`
    /// shows as added.
    ///
    /// - Parameters:
    ///   - copy: The copy's words (`WordTokens` of its bytes).
    ///   - representative: The text it is compared with.
    /// - Complexity: As `WordDiff.init`.
    static func addedWords(_ copy: WordTokens, representative: ArraySlice<UInt8>) -> [Bool] {
        var aligner = WordAligner(representative: WordTokens(representative).hashes, copy: copy.hashes)
        return aligner.align().map { $0 < 0 }
    }

    /// The runs of flagged words as byte ranges of the copy, with the punctuation attached
    /// to them.
    ///
    /// - Parameters:
    ///   - flagged: One flag per word of `tokens`.
    ///   - tokens: The copy's words.
    ///   - copy: The copy's bytes (a slice of its document: the ranges are in its indices).
    /// - Complexity: O(words + the runs' bytes).
    static func runs(of flagged: [Bool], in tokens: WordTokens, of copy: ArraySlice<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var runStart: Int?
        for word in 0...tokens.count {
            if word < tokens.count, flagged[word] {
                if runStart == nil { runStart = word }
            } else if let start = runStart {
                let range = tokens.extendedRange(start..<word, in: copy)
                ranges.append((copy.startIndex + range.lowerBound)..<(copy.startIndex + range.upperBound))
                runStart = nil
            }
        }
        return ranges
    }
}
