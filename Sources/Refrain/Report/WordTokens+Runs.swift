extension WordTokens {
    /// The runs of flagged words as byte ranges of the text, with the punctuation attached
    /// to them (`extendedRange`).
    ///
    /// - Parameters:
    ///   - flagged: One flag per word.
    ///   - text: The text (a slice of its document: the ranges are in its indices).
    /// - Complexity: O(words + the runs' bytes).
    func ranges(ofRuns flagged: [Bool], in text: ArraySlice<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var runStart: Int?
        for word in 0...count {
            if word < count, flagged[word] {
                if runStart == nil { runStart = word }
            } else if let start = runStart {
                let range = extendedRange(start..<word, in: text)
                ranges.append((text.startIndex + range.lowerBound)..<(text.startIndex + range.upperBound))
                runStart = nil
            }
        }
        return ranges
    }
}
