extension Segmenter {
    /// Whether a period that `isAbbreviation` did not take is one of another language's that
    /// news agencies write inside sentences, and so ends none: Spanish "EE. UU.", a Cyrillic
    /// initial ("В. Путин"), Polish "ok." before a number ("na ok. 5 mln zł"), an Arabic
    /// letter standing for a title ("د. محمد"), and Vietnamese titles joined by points
    /// ("PGS.TS. Nguyễn"). Each rule asks for its context: most of these letters and words
    /// also end sentences ("в группе А.", "jest ok.", "TP.HCM.", "المبنى ب.").
    ///
    /// Cut there, the short piece after the cut recurs beside templates in a few documents,
    /// is recycled with them, and `clean` takes it out of new sentences.
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - index: The period.
    ///   - start: Where the paragraph starts.
    ///   - end: Where it ends.
    /// - Complexity: O(1): a few words around the period are read.
    static func isForeignAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int, end: Int) -> Bool {
        var next = index + 1
        while next < end, ByteClass.isSpace(bytes[next]) { next += 1 }
        guard next > index + 1, next < end else { return false }
        // The word before the period: its ASCII letters, or one two-byte letter.
        let wordStart = asciiWordStart(bytes, endingAt: index, from: start)
        let length = index - wordStart
        func isCapital(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
        func standsAlone(_ position: Int) -> Bool {
            position == start || ByteClass.isSpace(bytes[position - 1]) || bytes[position - 1] == UInt8(ascii: "(")
        }
        // Spanish and Portuguese titles spelled with a letter past ASCII, before a name
        // ("Dña. María", "Profª. Ana"; review 107), which the ASCII table cannot hold. Each
        // has at most one ASCII letter after its last letter past ASCII: a longer ASCII word
        // (most sentences' last) is none of them.
        if length <= 1 {
            for title in titlesPastASCII
            where index - title.count >= start && bytes[(index - title.count)..<index].elementsEqual(title)
                && standsAlone(index - title.count)
            {
                return true
            }
        }
        /// Whether the word at `position` opens its sentence: the paragraph starts, or a stop
        /// comes before it.
        func opensSentence(_ position: Int) -> Bool {
            var before = position - 1
            while before >= start, ByteClass.isSpace(bytes[before]) { before -= 1 }
            guard before >= start else { return true }
            return before < position - 1
                && (bytes[before] == UInt8(ascii: ".") || bytes[before] == UInt8(ascii: "!") || bytes[before] == UInt8(ascii: "?"))
        }
        if length == 2, isCapital(bytes[wordStart]), bytes[wordStart] == bytes[wordStart + 1], standsAlone(wordStart) {
            // Spanish plurals of initials, "EE. UU.", "FF. AA.": the first pair goes on to the second.
            return next + 2 < end && isCapital(bytes[next]) && bytes[next] == bytes[next + 1] && bytes[next + 2] == UInt8(ascii: ".")
        }
        if length == 2, bytes[wordStart] | 0x20 == UInt8(ascii: "o"), bytes[wordStart + 1] == UInt8(ascii: "k"), standsAlone(wordStart),
            bytes[next] &- UInt8(ascii: "0") < 10
        {
            // Polish "ok." (about) before a number, after a preposition ("na ok. 5 mln zł") or
            // opening its sentence ("Ok. 20 osób"); not "jest ok." (fine), "it was ok. 42 people".
            var previousEnd = wordStart
            while previousEnd > start, ByteClass.isSpace(bytes[previousEnd - 1]) { previousEnd -= 1 }
            let previousStart = asciiWordStart(bytes, endingAt: previousEnd, from: start)
            // A whole word: "Zginęło" ends in "o", no preposition.
            let previous = standsAlone(previousStart) ? bytes[previousStart..<previousEnd].map { $0 | 0x20 } : []
            return opensSentence(wordStart) && bytes[wordStart] == UInt8(ascii: "O")
                || polishPrepositions.contains { $0.elementsEqual(previous) }
        }
        if length >= 2, length <= 3, standsAlone(wordStart), next + 5 <= end, bytes[next..<(next + 5)].elementsEqual("J.-C.".utf8),
            eraAbbreviations.contains(where: { $0.elementsEqual(bytes[wordStart..<index]) })
        {
            // French "av. J.-C." and "apr. J.-C."; elsewhere Swedish and Norwegian end sentences
            // with "av." ("stängdes av.") and name a party "Ap.".
            return true
        }
        if length >= 2, length <= 5, wordStart - 2 >= start, bytes[wordStart - 1] == UInt8(ascii: "."),
            vietnameseTitles.contains(where: { $0.elementsEqual(bytes[wordStart..<index]) })
        {
            // Vietnamese titles joined by points ("PGS.TS. Nguyễn", "ThS.BS."): each part a title.
            var first = wordStart - 1
            while first > start, (bytes[first - 1] | 0x20) &- UInt8(ascii: "a") < 26, wordStart - 1 - first < 5 { first -= 1 }
            return standsAlone(first) && vietnameseTitles.contains { $0.elementsEqual(bytes[first..<(wordStart - 1)]) }
        }
        guard length == 0, index - 2 >= start, bytes[index - 1] & 0xC0 == 0x80,
            let (value, _) = ByteClass.decodeScalar(bytes, at: index - 2, end: index),
            index - 2 == start || ByteClass.isSpace(bytes[index - 3]) || bytes[index - 3] == UInt8(ascii: ".")
        else { return false }
        if value >= 0x401, value <= 0x42F {
            // A Cyrillic capital alone is an initial before another initial ("В. В. Путин"),
            // or, opening its sentence, before a surname ("В. Путин заявил"); not a letter
            // ending a sentence ("в группе А. Снова", "Серии А. Однако", "витамин С. Один").
            guard let (following, width) = ByteClass.decodeScalar(bytes, at: next, end: end), following >= 0x401, following <= 0x42F
            else { return false }
            if next + width < end, bytes[next + width] == UInt8(ascii: ".") { return true }
            guard opensSentence(index - 2) else { return false }
            var wordEnd = next
            while wordEnd < end, bytes[wordEnd] &- 0xD0 < 2, wordEnd + 1 < end { wordEnd += 2 }
            let word = String(decoding: bytes[next..<wordEnd], as: UTF8.self)
            return word.count >= 3 && russianSurnameEndings.contains { word.hasSuffix($0) } && !russianOpeners.contains(word)
        }
        if value == 0x62F || value == 0x623 {
            // "د." (doctor) and "أ." (professor) before a name; not before a word opening a
            // sentence with "و" or "ف" (and, so), and not after a number.
            var before = index - 3
            while before >= start, ByteClass.isSpace(bytes[before]) { before -= 1 }
            let afterNumber =
                before >= start
                && (bytes[before] &- UInt8(ascii: "0") < 10
                    || before - 1 >= start && bytes[before - 1] == 0xD9 && bytes[before] &- 0xA0 < 10)
            let opensWithConjunction = next + 1 < end && bytes[next] == 0xD9 && (bytes[next + 1] == 0x88 || bytes[next + 1] == 0x81)
            return !afterNumber && !opensWithConjunction
        }
        return false
    }

    /// French abbreviations of the era before "J.-C." ("av.", "ap.", "apr."), lower case.
    static let eraAbbreviations: [[UInt8]] = ["av", "ap", "apr"].map { Array($0.utf8) }

    /// Polish prepositions before "ok." (about) and a number.
    static let polishPrepositions: [[UInt8]] = ["na", "o", "za", "do", "od", "po", "przez", "w", "z", "we", "ze", "dla"].map {
        Array($0.utf8)
    }

    /// Titles written with a letter past ASCII, as UTF-8: Spanish "Dña." (doña), Portuguese
    /// "Profª." and "Dª." (professora, dona).
    static let titlesPastASCII: [[UInt8]] = ["Dña", "dña", "Profª", "profª", "Dª"].map { Array($0.utf8) }

    /// Vietnamese academic and professional titles, which news joins by points before a name
    /// ("PGS.TS.", "GS.TSKH.", "ThS.BS.").
    static let vietnameseTitles: [[UInt8]] = ["GS", "PGS", "TS", "TSKH", "ThS", "BS", "CKI", "CKII", "KS", "DS", "CN", "NCS", "LS"].map {
        Array($0.utf8)
    }

    /// Endings of Russian, Ukrainian and Belarusian surnames, in the cases news writes
    /// them ("Путин", "Иванова", "Шевченко", "Лукашенко", "Зеленский").
    static let russianSurnameEndings = [
        "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ову", "еву", "ину", "ым", "ове", "еве", "ине",
        "ский", "ская", "ского", "скому", "цкий", "цкая", "енко", "ук", "юк", "ич", "ян", "дзе", "швили",
    ]

    /// Words that open sentences with a surname's ending, which an initial never comes before.
    static let russianOpeners: Set<String> = [
        "Один", "Одна", "Снова", "Основа", "Слова", "Около", "Далеко", "Только", "Однако", "Нередко", "Легко",
        "Его", "Ему", "Ним", "Им", "Том", "Этом", "Своим", "Всем", "Затем", "Потом", "Причем", "Причём",
    ]
}
