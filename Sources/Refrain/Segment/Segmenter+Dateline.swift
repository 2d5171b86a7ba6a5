extension Segmenter {
    /// The most bytes a dateline may have, dash included.
    static let datelineBytes = 100

    /// Where a paragraph's dateline ends, when it opens with one: a place in capitals, then a
    /// date after a comma or an agency in brackets or both, then a dash ("BERLIN (dpa) – ",
    /// "PARIS, 3 mars (AFP) — ", "MOSCOW, Oct 5 - ").
    ///
    /// The dateline is a sentence of its own: read with the template sentence that follows
    /// it, the place and date, which are new in every story, were recycled with it.
    ///
    /// - Parameters:
    ///   - bytes: The text.
    ///   - start: Where the paragraph starts.
    ///   - end: Where it ends.
    /// - Returns: The offset past the dash and the white space after it, or `nil`.
    /// - Complexity: O(`datelineBytes`).
    static func datelineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        let limit = min(end, start + datelineBytes)
        var at = start
        while at < limit, ByteClass.isSpace(bytes[at]) { at += 1 }
        /// A capital letter of any script at `position`, and its width.
        func capital(at position: Int) -> Int? {
            guard position < limit else { return nil }
            if bytes[position] &- UInt8(ascii: "A") < 26 { return 1 }
            guard bytes[position] >= 0xC0, let (value, width) = ByteClass.decodeScalar(bytes, at: position, end: limit),
                let scalar = Unicode.Scalar(value), scalar.properties.isUppercase
            else { return nil }
            return width
        }
        // The place: words of capitals, the first of two letters or more.
        var words = 0
        while words < 5 {
            let wordStart = at
            while let width = capital(at: at) { at += width }
            guard at > wordStart, words > 0 || at - wordStart >= 2 else { return nil }
            words += 1
            guard at < limit, bytes[at] == 0x20 || bytes[at] == UInt8(ascii: "-") || bytes[at] == UInt8(ascii: "/"),
                at + 1 < limit, capital(at: at + 1) != nil
            else { break }
            at += 1
        }
        // A date after a comma: letters, digits (one at least), points and spaces. A place
        // with neither a date nor an agency is a heading, a label or a name ("WARNING - ",
        // "US - China talks", "JOHN - Hi"), not a dateline.
        var hasDateOrAgency = false
        if at < limit, bytes[at] == UInt8(ascii: ",") {
            at += 1
            let dateStart = at
            while at < limit,
                bytes[at] == 0x20 || bytes[at] == UInt8(ascii: ".") || bytes[at] &- UInt8(ascii: "0") < 10
                    || (bytes[at] | 0x20) &- UInt8(ascii: "a") < 26 || bytes[at] >= 0x80 && dashLength(at) == 0
            {
                at += 1
            }
            guard at - dateStart <= 24, at > dateStart + 1,
                bytes[dateStart..<at].contains(where: { $0 &- UInt8(ascii: "0") < 10 })
            else { return nil }
            while at > dateStart, bytes[at - 1] == 0x20 { at -= 1 }
            hasDateOrAgency = true
        }
        /// The length of an en or em dash at `position`, spelled out or as a reference (`&mdash;`), else 0.
        func dashLength(_ position: Int) -> Int {
            if position + 2 < limit, bytes[position] == 0xE2, bytes[position + 1] == 0x80, bytes[position + 2] &- 0x93 < 2 { return 3 }
            guard position < limit, bytes[position] == UInt8(ascii: "&"),
                let (value, length) = CharacterReference.decode(bytes, at: position, end: limit), value &- 0x2013 < 2
            else { return 0 }
            return length
        }
        // An agency in brackets.
        if at + 1 < limit, bytes[at] == 0x20, bytes[at + 1] == UInt8(ascii: "(") {
            let close = bytes[(at + 2)..<min(limit, at + 42)].firstIndex(of: UInt8(ascii: ")"))
            guard let close, close > at + 2 else { return nil }
            at = close + 1
            hasDateOrAgency = true
        }
        guard hasDateOrAgency else { return nil }
        // The dash, between spaces: – —, or - and --.
        guard at < limit, bytes[at] == 0x20 else { return nil }
        at += 1
        if case let dash = dashLength(at), dash > 0 {
            at += dash
        } else if bytes[at] == UInt8(ascii: "-") {
            at += 1
            if at < limit, bytes[at] == UInt8(ascii: "-") { at += 1 }
        } else {
            return nil
        }
        guard at < end, bytes[at] == 0x20 else { return nil }
        while at < end, bytes[at] == 0x20 { at += 1 }
        // A sentence must follow, not a paragraph's end or more capitals: "WORKED EXAMPLE -
        // SCROLLKEEPER" is a heading.
        guard at < end else { return nil }
        if at + 1 < end, bytes[at] &- UInt8(ascii: "A") < 26, bytes[at + 1] &- UInt8(ascii: "A") < 26 { return nil }
        return at
    }
}
