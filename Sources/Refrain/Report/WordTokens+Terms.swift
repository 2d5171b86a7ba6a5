extension WordTokens {
    /// A run of words joined by punctuation alone ("4.7%", "$4.2bn", "e-mail"), and a key
    /// for its words in order.
    struct Term {
        var words: Range<Int>
        var key: UInt64
    }

    /// The text's terms: its words, split where white space, or nothing, comes between two
    /// (scripts written without spaces make a term of each character).
    ///
    /// - Parameter text: The text these are the words of.
    /// - Complexity: O(*n*) in the text's bytes.
    func terms(in text: ArraySlice<UInt8>) -> [Term] {
        var terms: [Term] = []
        var first = 0
        var key: UInt64 = 0
        let base = text.startIndex
        for word in 0..<count {
            if word > 0 {
                let gap = text[(base + Int(ends[word - 1]))..<(base + Int(starts[word]))]
                if gap.isEmpty || gap.contains(where: ByteClass.isSpace) {
                    terms.append(Term(words: first..<word, key: key))
                    first = word
                    key = 0
                }
            }
            key = (key ^ hashes[word]) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
        }
        if count > 0 { terms.append(Term(words: first..<count, key: key)) }
        return terms
    }
}
