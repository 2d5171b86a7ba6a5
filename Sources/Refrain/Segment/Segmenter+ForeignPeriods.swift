extension Segmenter {
    /// Whether a period that `isAbbreviation` did not take is one of another language's that
    /// news agencies write inside sentences, and so ends none: Spanish "EE. UU.", a Cyrillic
    /// initial ("В. Путин"), Polish "ok." before a number ("ok. 5 mln zł"), an Arabic letter
    /// standing for a title ("د. محمد"), and the first part of capitals joined by points
    /// ("PGS.TS. Nguyễn").
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
        var wordStart = index
        while wordStart > start, (bytes[wordStart - 1] | 0x20) &- UInt8(ascii: "a") < 26 { wordStart -= 1 }
        let length = index - wordStart
        func isCapital(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
        func standsAlone(_ position: Int) -> Bool {
            position == start || ByteClass.isSpace(bytes[position - 1]) || bytes[position - 1] == UInt8(ascii: "(")
        }
        if length == 2, isCapital(bytes[wordStart]), bytes[wordStart] == bytes[wordStart + 1], standsAlone(wordStart) {
            // Spanish plurals of initials, "EE. UU.", "FF. AA.": the first pair goes on to the second.
            return next + 2 < end && isCapital(bytes[next]) && bytes[next] == bytes[next + 1] && bytes[next + 2] == UInt8(ascii: ".")
        }
        if length == 2, bytes[wordStart] | 0x20 == UInt8(ascii: "o"), bytes[wordStart + 1] == UInt8(ascii: "k"), standsAlone(wordStart) {
            // Polish "ok." (about) before a number; "OK." is English.
            return bytes[next] &- UInt8(ascii: "0") < 10
        }
        if length >= 2, length <= 6, bytes[wordStart..<index].allSatisfy(isCapital), wordStart - 2 >= start,
            bytes[wordStart - 1] == UInt8(ascii: "."), length > 2 || bytes[wordStart] != bytes[wordStart + 1]
        {
            // Short capitals joined by points ("PGS.TS.", "TP.HCM."): a title or a name's,
            // ended only before an English sentence's opener, as "U.S." is; not a file's name
            // ("LICENSE.TXT.", "COPYING.LESSER."), nor Spanish "EE.UU.", which ends sentences.
            var first = wordStart - 1
            while first > start, isCapital(bytes[first - 1]), wordStart - 1 - first < 5 { first -= 1 }
            let firstLength = wordStart - 1 - first
            guard firstLength >= 1, firstLength <= 4, standsAlone(first) else { return false }
            return !abbreviationEndsSentence(bytes, periodAt: index, from: start, end: end)
        }
        guard length == 0, index - 2 >= start, bytes[index - 1] & 0xC0 == 0x80,
            let (value, _) = ByteClass.decodeScalar(bytes, at: index - 2, end: index),
            index - 2 == start || ByteClass.isSpace(bytes[index - 3]) || bytes[index - 3] == UInt8(ascii: ".")
        else { return false }
        if value >= 0x401, value <= 0x42F {
            // A Cyrillic capital alone is an initial before another initial or a surname
            // ("В. В. Путин", "А. Иванова"), not a letter ending a sentence before another
            // capital ("в группе А. Сборная выиграла").
            guard let (following, width) = ByteClass.decodeScalar(bytes, at: next, end: end), following >= 0x401, following <= 0x42F
            else { return false }
            if next + width < end, bytes[next + width] == UInt8(ascii: ".") { return true }
            var wordEnd = next
            while wordEnd < end, bytes[wordEnd] &- 0xD0 < 2, wordEnd + 1 < end { wordEnd += 2 }
            let word = String(decoding: bytes[next..<wordEnd], as: UTF8.self)
            return word.count >= 3 && russianSurnameEndings.contains { word.hasSuffix($0) }
        }
        if value >= 0x621, value <= 0x64A {
            // An Arabic letter alone stands for a title ("د." doctor, "أ." professor), but
            // not "م." after a year ("2023 م."), which ends sentences.
            var before = index - 3
            while before >= start, ByteClass.isSpace(bytes[before]) { before -= 1 }
            let afterNumber =
                before >= start
                && (bytes[before] &- UInt8(ascii: "0") < 10
                    || before - 1 >= start && bytes[before - 1] == 0xD9 && bytes[before] &- 0xA0 < 10)
            return !afterNumber
        }
        return false
    }

    /// Endings of Russian, Ukrainian and Belarusian surnames, in the cases news writes
    /// them ("Путин", "Иванова", "Шевченко", "Лукашенко", "Зеленский").
    static let russianSurnameEndings = [
        "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ову", "еву", "ину", "ым", "ове", "еве", "ине",
        "ский", "ская", "ского", "скому", "цкий", "цкая", "ко", "ук", "юк", "ич", "ян", "дзе", "швили",
    ]
}
