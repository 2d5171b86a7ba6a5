/// HTML character references (`&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`), read as the
/// characters they stand for.
///
/// News text taken from web pages keeps them: "Russia &amp; France" and
/// "in 1994.&nbsp;The" are "Russia & France" and "in 1994. The" to a reader, and so to
/// the tokenizer and the segmenter, which would otherwise read "amp" and "nbsp" as words and
/// glue two sentences into one. The text's bytes stay as they are: only how they are read changes.
@usableFromInline
enum CharacterReference {
    /// The reference at `index`, if one starts there: the scalar it stands for and its
    /// length in bytes, `;` included.
    ///
    /// Named references are HTML 4's 252 and `&apos;`; numeric ones are decimal or
    /// hexadecimal, and those of U+0080–U+009F are Windows-1252's characters, as browsers
    /// read them (`&#146;` is `’`). Only references closed by `;` count.
    ///
    /// - Complexity: O(1): a name has at most 8 letters, a number at most 8 digits.
    @usableFromInline  // out of line: the tokenizer's rare path
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (value: UInt32, length: Int)? {
        guard bytes[index] == UInt8(ascii: "&"), index + 3 < end else { return nil }
        var cursor = index + 1
        if bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < end && bytes[cursor] | 0x20 == UInt8(ascii: "x")
            if hex { cursor += 1 }
            var value: UInt32 = 0
            var digits = 0
            // Leading zeros count for nothing ("&#000039;"), as browsers read them.
            var zeros = false
            while cursor < end, bytes[cursor] == UInt8(ascii: "0") {
                zeros = true
                cursor += 1
            }
            while cursor < end, digits < 8 {
                let byte = bytes[cursor]
                let digit: UInt32
                if byte &- UInt8(ascii: "0") < 10 {
                    digit = UInt32(byte &- UInt8(ascii: "0"))
                } else if hex, (byte | 0x20) &- UInt8(ascii: "a") < 6 {
                    digit = UInt32((byte | 0x20) &- UInt8(ascii: "a")) + 10
                } else {
                    break
                }
                value = value &* (hex ? 16 : 10) &+ digit
                digits += 1
                cursor += 1
            }
            guard digits > 0 || zeros, cursor < end, bytes[cursor] == UInt8(ascii: ";") else { return nil }
            if value &- 0x80 < 0x20 { value = windows1252[Int(value - 0x80)] }
            guard value != 0, value < 0x11_0000, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, cursor + 1 - index)
        }
        var packed: UInt64 = 0
        var length = 0
        while cursor < end, length < 8, ByteClass.isASCIIWordByte(bytes[cursor]) {
            packed |= UInt64(bytes[cursor]) << (8 * length)
            length += 1
            cursor += 1
        }
        guard length >= 2, cursor < end, bytes[cursor] == UInt8(ascii: ";"), let value = named[packed] else { return nil }
        return (value, cursor + 1 - index)
    }

    /// The length of a reference at `index` to a space that does not break a line (`&nbsp;`,
    /// `&#160;`, `&ensp;`, `&thinsp;`, `&#32;`), else 0: where a sentence may end.
    @usableFromInline
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        guard let (value, length) = decode(bytes, at: index, end: end) else { return 0 }
        switch value {
        // `ByteClass.horizontalSpaceLength`'s spaces.
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF: return length
        default: return 0
        }
    }

    /// The length of a reference at `index` to a closing quote (`&quot;`, `&#39;`,
    /// `&rdquo;`, `&rsquo;`, `&raquo;`; after a Latin stop also German's `&ldquo;`, `&lsquo;`
    /// and `&laquo;`, as `Segmenter` takes them spelled out), else 0: a quote that stays with
    /// the sentence it ends.
    static func closingQuoteLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int, afterLatinStop: Bool) -> Int {
        guard let (value, length) = decode(bytes, at: index, end: end) else { return 0 }
        switch value {
        case 0x22, 0x27, 0x2019, 0x201D, 0xBB: return length
        case 0x201C, 0x2018, 0xAB: return afterLatinStop ? length : 0
        default: return 0
        }
    }

    /// The reference that ends with the `;` at `last`, if one does: its value and first byte.
    static func ending(at last: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: UInt32, start: Int)? {
        guard bytes[last] == UInt8(ascii: ";") else { return nil }
        // "&" and 8 letters or "&#x" and 8 digits; leading zeros are not looked back for.
        for first in stride(from: last - 2, through: max(start, last - 11), by: -1) where bytes[first] == UInt8(ascii: "&") {
            guard let (value, length) = decode(bytes, at: first, end: last + 1), first + length == last + 1 else { return nil }
            return (value, first)
        }
        return nil
    }

    /// Whether a reference at `index` stands for a letter, digit or mark: one that goes on
    /// with a word after an apostrophe or underscore ("l&#39;&eacute;conomie").
    @usableFromInline
    static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        guard let (value, _) = decode(bytes, at: index, end: end) else { return false }
        if value < 0x80 { return ByteClass.isASCIIWordByte(UInt8(value)) }
        switch Tokenizer.classify(value) {
        case .word, .character, .mark: return true
        default: return false
        }
    }

    /// Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined stay).
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The named references, each name's bytes packed into a `UInt64`, first byte lowest.
    static let named: [UInt64: UInt32] = {
        var table: [UInt64: UInt32] = [:]
        for (name, value) in names {
            var packed: UInt64 = 0
            for (offset, byte) in name.utf8.enumerated() { packed |= UInt64(byte) << (8 * offset) }
            table[packed] = value
        }
        return table
    }()

    /// HTML 4's named references, and `apos`.
    static let names: [String: UInt32] = [
        "Aacute": 0x00C1, "aacute": 0x00E1, "Acirc": 0x00C2, "acirc": 0x00E2, "acute": 0x00B4, "AElig": 0x00C6,
        "aelig": 0x00E6, "Agrave": 0x00C0, "agrave": 0x00E0, "alefsym": 0x2135, "Alpha": 0x0391, "alpha": 0x03B1,
        "amp": 0x0026, "and": 0x2227, "ang": 0x2220, "apos": 0x0027, "Aring": 0x00C5, "aring": 0x00E5, "asymp": 0x2248,
        "Atilde": 0x00C3, "atilde": 0x00E3, "Auml": 0x00C4, "auml": 0x00E4, "bdquo": 0x201E, "Beta": 0x0392,
        "beta": 0x03B2, "brvbar": 0x00A6, "bull": 0x2022, "cap": 0x2229, "Ccedil": 0x00C7, "ccedil": 0x00E7,
        "cedil": 0x00B8, "cent": 0x00A2, "Chi": 0x03A7, "chi": 0x03C7, "circ": 0x02C6, "clubs": 0x2663, "cong": 0x2245,
        "copy": 0x00A9, "crarr": 0x21B5, "cup": 0x222A, "curren": 0x00A4, "Dagger": 0x2021, "dagger": 0x2020,
        "dArr": 0x21D3, "darr": 0x2193, "deg": 0x00B0, "Delta": 0x0394, "delta": 0x03B4, "diams": 0x2666,
        "divide": 0x00F7, "Eacute": 0x00C9, "eacute": 0x00E9, "Ecirc": 0x00CA, "ecirc": 0x00EA, "Egrave": 0x00C8,
        "egrave": 0x00E8, "empty": 0x2205, "emsp": 0x2003, "ensp": 0x2002, "Epsilon": 0x0395, "epsilon": 0x03B5,
        "equiv": 0x2261, "Eta": 0x0397, "eta": 0x03B7, "ETH": 0x00D0, "eth": 0x00F0, "Euml": 0x00CB, "euml": 0x00EB,
        "euro": 0x20AC, "exist": 0x2203, "fnof": 0x0192, "forall": 0x2200, "frac12": 0x00BD, "frac14": 0x00BC,
        "frac34": 0x00BE, "frasl": 0x2044, "Gamma": 0x0393, "gamma": 0x03B3, "ge": 0x2265, "gt": 0x003E, "hArr": 0x21D4,
        "harr": 0x2194, "hearts": 0x2665, "hellip": 0x2026, "Iacute": 0x00CD, "iacute": 0x00ED, "Icirc": 0x00CE,
        "icirc": 0x00EE, "iexcl": 0x00A1, "Igrave": 0x00CC, "igrave": 0x00EC, "image": 0x2111, "infin": 0x221E,
        "int": 0x222B, "Iota": 0x0399, "iota": 0x03B9, "iquest": 0x00BF, "isin": 0x2208, "Iuml": 0x00CF, "iuml": 0x00EF,
        "Kappa": 0x039A, "kappa": 0x03BA, "Lambda": 0x039B, "lambda": 0x03BB, "lang": 0x2329, "laquo": 0x00AB,
        "lArr": 0x21D0, "larr": 0x2190, "lceil": 0x2308, "ldquo": 0x201C, "le": 0x2264, "lfloor": 0x230A,
        "lowast": 0x2217, "loz": 0x25CA, "lrm": 0x200E, "lsaquo": 0x2039, "lsquo": 0x2018, "lt": 0x003C, "macr": 0x00AF,
        "mdash": 0x2014, "micro": 0x00B5, "middot": 0x00B7, "minus": 0x2212, "Mu": 0x039C, "mu": 0x03BC,
        "nabla": 0x2207, "nbsp": 0x00A0, "ndash": 0x2013, "ne": 0x2260, "ni": 0x220B, "notin": 0x2209, "not": 0x00AC,
        "nsub": 0x2284, "Ntilde": 0x00D1, "ntilde": 0x00F1, "Nu": 0x039D, "nu": 0x03BD, "Oacute": 0x00D3,
        "oacute": 0x00F3, "Ocirc": 0x00D4, "ocirc": 0x00F4, "OElig": 0x0152, "oelig": 0x0153, "Ograve": 0x00D2,
        "ograve": 0x00F2, "oline": 0x203E, "Omega": 0x03A9, "omega": 0x03C9, "Omicron": 0x039F, "omicron": 0x03BF,
        "oplus": 0x2295, "ordf": 0x00AA, "ordm": 0x00BA, "or": 0x2228, "Oslash": 0x00D8, "oslash": 0x00F8,
        "Otilde": 0x00D5, "otilde": 0x00F5, "otimes": 0x2297, "Ouml": 0x00D6, "ouml": 0x00F6, "para": 0x00B6,
        "part": 0x2202, "permil": 0x2030, "perp": 0x22A5, "Phi": 0x03A6, "phi": 0x03C6, "Pi": 0x03A0, "pi": 0x03C0,
        "piv": 0x03D6, "plusmn": 0x00B1, "pound": 0x00A3, "Prime": 0x2033, "prime": 0x2032, "prod": 0x220F,
        "prop": 0x221D, "Psi": 0x03A8, "psi": 0x03C8, "quot": 0x0022, "radic": 0x221A, "rang": 0x232A, "raquo": 0x00BB,
        "rArr": 0x21D2, "rarr": 0x2192, "rceil": 0x2309, "rdquo": 0x201D, "real": 0x211C, "reg": 0x00AE,
        "rfloor": 0x230B, "Rho": 0x03A1, "rho": 0x03C1, "rlm": 0x200F, "rsaquo": 0x203A, "rsquo": 0x2019,
        "sbquo": 0x201A, "Scaron": 0x0160, "scaron": 0x0161, "sdot": 0x22C5, "sect": 0x00A7, "shy": 0x00AD,
        "Sigma": 0x03A3, "sigmaf": 0x03C2, "sigma": 0x03C3, "sim": 0x223C, "spades": 0x2660, "sube": 0x2286,
        "sub": 0x2282, "sum": 0x2211, "sup1": 0x00B9, "sup2": 0x00B2, "sup3": 0x00B3, "supe": 0x2287, "sup": 0x2283,
        "szlig": 0x00DF, "Tau": 0x03A4, "tau": 0x03C4, "there4": 0x2234, "Theta": 0x0398, "thetasym": 0x03D1,
        "theta": 0x03B8, "thinsp": 0x2009, "THORN": 0x00DE, "thorn": 0x00FE, "tilde": 0x02DC, "times": 0x00D7,
        "trade": 0x2122, "Uacute": 0x00DA, "uacute": 0x00FA, "uArr": 0x21D1, "uarr": 0x2191, "Ucirc": 0x00DB,
        "ucirc": 0x00FB, "Ugrave": 0x00D9, "ugrave": 0x00F9, "uml": 0x00A8, "upsih": 0x03D2, "Upsilon": 0x03A5,
        "upsilon": 0x03C5, "Uuml": 0x00DC, "uuml": 0x00FC, "weierp": 0x2118, "Xi": 0x039E, "xi": 0x03BE,
        "Yacute": 0x00DD, "yacute": 0x00FD, "yen": 0x00A5, "Yuml": 0x0178, "yuml": 0x00FF, "Zeta": 0x0396,
        "zeta": 0x03B6, "zwj": 0x200D, "zwnj": 0x200C,
    ]
}
