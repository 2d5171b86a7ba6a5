extension Segmenter {
    /// Abbreviations a sentence does not end with: titles go before a name, "vs." and "v."
    /// before the other side ("United States v. The Amistad"). Not "St." (a street's, "on
    /// Main St. The store") nor "No." ("he said no. The vote").
    static let neverFinal: Set<[UInt8]> = Set(
        (titles.filter { !["st", "no"].contains($0) } + ["vs", "v", "nos", "cf", "approx", "ca"]).map { Array($0.utf8) })

    /// Abbreviations English writes with a capital that, written in lower case, are words of
    /// other languages: months and days, "maj" (May), "no" and "vol" (theft) ("i maj.", "cayó
    /// al mar.", "que no.", "pour vol."). Not titles: Polish, Czech, Dutch and Spanish write
    /// theirs in lower case before a name ("prof. Jan Kowalski", "el sr. Pérez"), and English
    /// "the hon. Minister", so Swedish's "säger hon." stays joined to what follows; nor company
    /// or street words, which English writes in lower case too ("& co."). Titles of other
    /// languages that in lower case end English words, hyphenated across a line ("match‐
    /// ing.") or not ("hr.", an hour), are titles only with their capital ("Ing. Novák",
    /// "Hr. Weber").
    static let capitalizedAbbreviations: Set<[UInt8]> = Set(
        (monthsAndDays + ["maj", "no", "vol", "ing", "eng", "fr", "pr", "hr"]).map { Array($0.utf8) })

    /// Words that open sentences and never follow an abbreviation inside one: "the U.S. The
    /// talks", "Acme Inc. It said", but "Ford Motor Co. Chairman Bill Ford", "the U.S.
    /// Treasury", "Fig. A" and "Vol. I" go on, so no capital alone opens a sentence here.
    /// Neither words that are also names ("Robert J. Most", "Jane T. An") nor those that open
    /// titles and headlines ("Warner Bros. In the Heights", "Prices Rise in the U.S. After
    /// the Fed …"): pronouns and determiners, two adverbs, and the imperatives that open the
    /// prompts and footers pasted after a story (`promptImperatives`).
    static let sentenceOpeners: Set<[UInt8]> = Set(
        [
            "The", "It", "Its", "He", "She", "They", "We", "This", "That", "These", "Those", "There", "Their",
            "However", "Meanwhile",
        ].map { Array($0.utf8) })

    /// German articles and pronouns that open sentences, and never follow "Mio." or "Mrd."
    /// inside one, where a noun does ("5 Mio. Euro", "2 Mrd. Menschen").
    static let germanOpeners: Set<[UInt8]> = Set(
        [
            "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Man", "Dies",
            "Diese", "Dieser", "Auch", "Doch", "Aber", "Zudem",
        ].map { Array($0.utf8) })

    /// The imperatives that open a prompt or a footer ("… in the U.S. Sign up for our
    /// newsletter", "… Acme Inc. Click here"). One of `promptFollowers` must follow them
    /// (several are surnames too: "J.R. Read said"), and then no capital (a title goes on:
    /// "the U.S. Follow the Money Act").
    static let promptImperatives: Set<[UInt8]> = Set(
        [
            "Sign", "Log", "Click", "Subscribe", "Follow", "Read", "Visit", "Contact", "Download", "Watch", "Listen",
            "Share", "Join", "Register", "Get",
        ].map { Array($0.utf8) })

    /// The words after a prompt's imperative ("up", "here", "for our …").
    static let promptFollowers: Set<[UInt8]> = Set(
        ["up", "in", "here", "more", "us", "to", "for", "our", "now", "the", "this", "on"].map { Array($0.utf8) })

    /// The openers a comma may follow ("However, officials said"); after others a comma is a
    /// name's ("Warner Bros. It, critics said").
    static let openersBeforeComma: Set<[UInt8]> = Set(["However", "Meanwhile"].map { Array($0.utf8) })

    /// Whether the period of an abbreviation at `index` ends a sentence all the same: when
    /// the next word is one that only opens sentences ("The", "However") and a lower-case
    /// word follows it, and the abbreviation is not a title, a lone initial, "v." or "e.g.",
    /// which a sentence goes on after.
    ///
    /// Without this, a template sentence ending "… Acme Inc." or "… in the U.S." was one
    /// sentence with the new one after it, so neither matched its copies. A wrong split is
    /// dearer than a missed one: its first part, if another document's sentence starts
    /// alike, is recycled and cut from a sentence that is new.
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - index: The period, which `isAbbreviation` took for an abbreviation's.
    ///   - start: Where the sentence's paragraph starts.
    ///   - end: Where it ends.
    /// - Returns: Whether to end the sentence at the period.
    /// - Complexity: O(1): at most a few words are read.
    static func abbreviationEndsSentence(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int, end: Int) -> Bool {
        /// The first byte from `position` on that is not white space (or `end`): no-break
        /// spaces too, and `&nbsp;` ("the U.S.&nbsp;The").
        func afterSpace(_ position: Int) -> Int {
            var position = position
            while position < end {
                let space = ByteClass.whiteSpaceLength(bytes, at: position, end: end)
                if space == 0 { break }
                position += space
            }
            return position
        }
        // The next word: after white space (a line break that is not soft ends the sentence anyway).
        let next = afterSpace(index + 1)
        guard next > index + 1, next < end else { return false }
        // "av. J.-C." closes a date, and so a sentence before a capital of any script; "J.-C."
        // alone is Jean-Claude's ("Selon J.-C. Juncker").
        if index - 4 >= start, bytes[(index - 4)..<index].elementsEqual("J.-C".utf8) {
            var eraPoint = index - 4
            while eraPoint > start, ByteClass.isSpace(bytes[eraPoint - 1]) { eraPoint -= 1 }
            eraPoint -= 1
            if eraPoint > start, bytes[eraPoint] == UInt8(ascii: "."),
                eraAbbreviations.contains(where: {
                    $0.elementsEqual(bytes[asciiWordStart(bytes, endingAt: eraPoint, from: start)..<eraPoint])
                })
            {
                return startsWithTitleCaseWord(bytes, at: next, end: end)
            }
        }
        if isLowerCaseCapitalizedAbbreviation(bytes, periodAt: index, from: start), startsWithTitleCaseWord(bytes, at: next, end: end) {
            return true
        }
        guard bytes[next] &- UInt8(ascii: "A") < 26 else { return false }
        var wordEnd = next + 1
        while wordEnd < end, wordEnd - next <= 10, bytes[wordEnd] &- UInt8(ascii: "a") < 26 { wordEnd += 1 }
        // A word that goes on ("Thene", "The-", "Then.") is not the opener.
        if wordEnd < end,
            ByteClass.isASCIIWordByte(bytes[wordEnd]) || bytes[wordEnd] == UInt8(ascii: ".")
                || bytes[wordEnd] == UInt8(ascii: "-") || bytes[wordEnd] >= 0x80
        {
            return false
        }
        let opener = Array(bytes[next..<wordEnd])
        let wordStart = asciiWordStart(bytes, endingAt: index, from: start)
        // German writes nouns with a capital ("12 Mio. Euro"), but an article or pronoun
        // after "Mio." or "Mrd." opens the next sentence ("rund 5 Mio. Die Stadt").
        if germanOpeners.contains(opener) {
            let word = bytes[wordStart..<index].map { $0 | 0x20 }
            if word.elementsEqual("mio".utf8) || word.elementsEqual("mrd".utf8) { return true }
        }
        if promptImperatives.contains(opener) {
            let after = afterSpace(wordEnd)
            var afterEnd = after
            while afterEnd < end, bytes[afterEnd] &- UInt8(ascii: "a") < 26 { afterEnd += 1 }
            guard after > wordEnd, promptFollowers.contains(Array(bytes[after..<afterEnd])) else { return false }
            let third = afterSpace(afterEnd)
            if third > afterEnd, third < end, bytes[third] &- UInt8(ascii: "A") < 26 { return false }
        } else if !sentenceOpeners.contains(opener) {
            return false
        }
        // A lower-case word must follow it: after a capital it starts a name ("the U.S. The
        // Hague tribunal", "Warner Bros. It Chapter Two").
        if wordEnd < end, bytes[wordEnd] == UInt8(ascii: ",") {
            if !openersBeforeComma.contains(opener) { return false }
        } else {
            let after = afterSpace(wordEnd)
            guard after > wordEnd, after < end, bytes[after] &- UInt8(ascii: "a") < 26 else { return false }
        }
        if index - wordStart == 1 {
            // A lone initial is a name's ("Jing L. He said"); the last letter of an initialism
            // ("U.S.", "D.C.") may end a sentence, but not before He or She, which are
            // surnames after initials too ("Y.Q. He said").
            guard wordStart > start, bytes[wordStart - 1] == UInt8(ascii: ".") else { return false }
            if opener == Array("He".utf8) || opener == Array("She".utf8) { return false }
            // "e.g.", "i.e." and "c.f.": a letter after another's period.
            if wordStart >= start + 2 {
                let pair = (bytes[wordStart - 2] | 0x20, bytes[wordStart] | 0x20)
                if pair == (UInt8(ascii: "e"), UInt8(ascii: "g")) || pair == (UInt8(ascii: "i"), UInt8(ascii: "e"))
                    || pair == (UInt8(ascii: "c"), UInt8(ascii: "f"))
                {
                    return false
                }
            }
        }
        return !neverFinal.contains(bytes[wordStart..<index].map { $0 | 0x20 })
    }

    /// Where the run of ASCII letters that ends at `index` starts (`index` when none does).
    ///
    /// - Complexity: O(*n*) in the run's length.
    static func asciiWordStart(_ bytes: UnsafeBufferPointer<UInt8>, endingAt index: Int, from start: Int) -> Int {
        var wordStart = index
        while wordStart > start, (bytes[wordStart - 1] | 0x20) &- UInt8(ascii: "a") < 26 { wordStart -= 1 }
        return wordStart
    }

    /// Whether the word before the period is one of `capitalizedAbbreviations` written in
    /// lower case, of two letters or more.
    static func isLowerCaseCapitalizedAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int) -> Bool {
        var wordStart = index
        while wordStart > start, index - wordStart <= 6, bytes[wordStart - 1] &- UInt8(ascii: "a") < 26 { wordStart -= 1 }
        guard index - wordStart >= 2, index - wordStart <= 5 else { return false }
        if wordStart > start, (bytes[wordStart - 1] | 0x20) &- UInt8(ascii: "a") < 26 { return false }
        return capitalizedAbbreviations.contains(Array(bytes[wordStart..<index]))
    }

    /// Whether the text at `position` starts with a word in title case, of any script: a
    /// capital, then lower-case letters ("El", "Nästa", "Los"); not a code or an acronym
    /// ("no. MH17", "no. Civ-2023-114", "ave. NYC", "vol. II").
    static func startsWithTitleCaseWord(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Bool {
        func letter(at offset: Int) -> (upper: Bool, lower: Bool, width: Int)? {
            guard offset < end else { return nil }
            let byte = bytes[offset]
            if byte &- UInt8(ascii: "A") < 26 { return (true, false, 1) }
            if byte &- UInt8(ascii: "a") < 26 { return (false, true, 1) }
            guard byte >= 0xC0, let (value, width) = ByteClass.decodeScalar(bytes, at: offset, end: end),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            return (
                scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter,
                scalar.properties.isLowercase, width
            )
        }
        guard let first = letter(at: position), first.upper, let second = letter(at: position + first.width), second.lower
        else { return false }
        // A digit or a hyphen before the word ends makes it a code.
        var offset = position + first.width + second.width
        while offset < end, let next = letter(at: offset) { offset += next.width }
        return offset >= end || !(bytes[offset] &- UInt8(ascii: "0") < 10 || bytes[offset] == UInt8(ascii: "-"))
    }
}
