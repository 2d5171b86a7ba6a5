extension Segmenter {
    /// Company suffixes, which end sentences often ("… according to Acme Inc. Shares rose"),
    /// and months and weekdays, which come before a number inside one ("Jan. 5"): after one,
    /// a capitalized word opens the next sentence.
    static let endsBeforeCapitals: Set<[UInt8]> = Set(
        [
            "inc", "ltd", "corp", "co", "bros",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        ].map { Array($0.utf8) })

    /// Abbreviations a sentence does not end with: titles go before a name, "vs." before
    /// the other side ("Sullivan vs. The Times"). Not "St." (a street's, "on Main St. The
    /// store"), "No." ("he said no. The vote"), "Fig." or "Vol.".
    static let neverFinal: Set<[UInt8]> = Set(
        (titles.filter { !["st", "no", "fig", "vol"].contains($0) } + ["vs", "nos", "cf", "approx", "ca"]).map { Array($0.utf8) })

    /// Words that open sentences and never follow an abbreviation inside one: "the U.S. The
    /// talks", "on Jan. It was", but "the U.S. Treasury" goes on.
    static let sentenceOpeners: Set<[UInt8]> = Set(
        [
            "The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those",
            "There", "Its", "His", "Her", "Their", "Our", "In", "On", "At", "For", "But", "And", "Or", "So",
            "Yet", "As", "If", "When", "While", "After", "Before", "Since", "Although", "Though", "However",
            "Meanwhile", "According", "Earlier", "Later", "Last", "Now", "Then", "Still", "Also", "Both",
            "Many", "Most", "Some", "Such", "What", "Who", "Why", "How", "Where", "Despite", "During",
        ].map { Array($0.utf8) })

    /// Whether the period of an abbreviation at `index` ends a sentence all the same: after a
    /// company suffix or a month a capitalized word follows, after other abbreviations
    /// (initials as in "U.S.") a word that only opens sentences. A title's never does.
    ///
    /// Without this, a template sentence ending "… Acme Inc." or "… in the U.S." was one
    /// sentence with the new one after it, so neither matched its copies.
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - index: The period, which `isAbbreviation` took for an abbreviation's.
    ///   - start: Where the sentence's paragraph starts.
    ///   - end: Where it ends.
    /// - Returns: Whether to end the sentence at the period.
    /// - Complexity: O(1): at most a few words are read.
    static func abbreviationEndsSentence(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int, end: Int) -> Bool {
        // The next word: after white space (a line break that is not soft ends the sentence anyway).
        var next = index + 1
        while next < end, ByteClass.isSpace(bytes[next]) { next += 1 }
        guard next > index + 1, next < end, bytes[next] &- UInt8(ascii: "A") < 26 else { return false }
        var wordEnd = next + 1
        while wordEnd < end, wordEnd - next <= 24, bytes[wordEnd] &- UInt8(ascii: "a") < 26 { wordEnd += 1 }
        // A word that goes on otherwise ("Co. KG", "U.S. IT", "Inc. CEO", "Co. Ltd.") is not a
        // sentence's first.
        if wordEnd < end, ByteClass.isASCIIWordByte(bytes[wordEnd]) || bytes[wordEnd] == UInt8(ascii: ".") { return false }
        var wordStart = index
        while wordStart > start, (bytes[wordStart - 1] | 0x20) &- UInt8(ascii: "a") < 26 { wordStart -= 1 }
        let before = bytes[wordStart..<index].map { $0 | 0x20 }
        if neverFinal.contains(before) { return false }
        if endsBeforeCapitals.contains(before) { return wordEnd - next >= 2 }
        return sentenceOpeners.contains(Array(bytes[next..<wordEnd]))
    }
}
