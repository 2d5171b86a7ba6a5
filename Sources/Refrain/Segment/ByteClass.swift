/// Byte-level character classes shared by the segmenter and the tokenizer.
@usableFromInline
enum ByteClass {
    /// Whether `byte` is ASCII white space (space, tab, line feed, vertical tab, form feed, carriage return).
    @inlinable @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether `byte` is an ASCII letter or digit: a byte of a word (`Tokenizer.asciiFold`
    /// maps exactly these to non-zero), tested without the table, a global whose every
    /// read checks its lazy initialization.
    @inlinable @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    /// The length of the space at `index` that does not break a line, as it may follow a
    /// full stop: 1 for a space, tab, vertical tab or form feed, 2 or 3 for a no-break, Ogham,
    /// narrow, thin, em or ideographic space (U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F,
    /// U+3000), a zero-width space,
    /// word joiner or byte-order mark (U+200B, U+2060, U+FEFF), which text copied from web
    /// pages puts there; 1 for a 0xA0 that continues no UTF-8 character, Latin-1's no-break
    /// space (after a Windows-1252 quote too: `.”` then 0xA0); a character reference's
    /// length for one of these spelled as one (`&nbsp;`); 0 for anything else.
    @inlinable @inline(__always)
    static func horizontalSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte &- 0x09 < 4 && byte != 0x0A { return 1 }
        if byte == 0xA0 { return isLoneContinuation(bytes, at: index) ? 1 : 0 }
        if byte == 0xC2 { return index + 1 < end && bytes[index + 1] == 0xA0 ? 2 : 0 }
        if byte == UInt8(ascii: "&") { return CharacterReference.spaceLength(bytes, at: index, end: end) }
        guard byte >= 0xE1, byte <= 0xEF, index + 2 < end else { return 0 }
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        switch byte {
        case 0xE1: return second == 0x9A && third == 0x80 ? 3 : 0
        case 0xE2:
            if second == 0x80 { return third &- 0x80 <= 0x0B || third == 0xAF ? 3 : 0 }
            return second == 0x81 && (third == 0x9F || third == 0xA0) ? 3 : 0
        case 0xE3: return second == 0x80 && third == 0x80 ? 3 : 0
        case 0xEF: return second == 0xBB && third == 0xBF ? 3 : 0
        default: return 0
        }
    }

    /// The length of the white space at `index` of any kind: 1 for ASCII white space, line
    /// breaks included, else `horizontalSpaceLength`.
    @inlinable @inline(__always)
    static func whiteSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        isSpace(bytes[index]) ? 1 : horizontalSpaceLength(bytes, at: index, end: end)
    }

    /// Whether the continuation byte at `index` belongs to no well-formed UTF-8 character
    /// starting in the three bytes before it.
    @inlinable
    static func isLoneContinuation(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for back in 1...3 where index - back >= 0 {
            let byte = bytes[index - back]
            if byte < 0x80 { return true }
            if byte >= 0xC0 {
                guard let (_, length) = decodeScalar(bytes, at: index - back, end: bytes.count) else { return true }
                return length <= back
            }
        }
        return true
    }

    /// Whether `byte` ends a line.
    @inlinable @inline(__always)
    static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// Decodes one UTF-8 scalar at `index`.
    ///
    /// - Returns: The scalar value and its length in bytes, or `nil` when the bytes at
    ///   `index` are not valid UTF-8 (a lone continuation byte, an overlong or truncated
    ///   sequence, a surrogate): the caller treats that one byte as a separator.
    @inlinable
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (value: UInt32, length: Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= end else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        switch length {
        case 3 where value < 0x800 || (0xD800...0xDFFF).contains(value): return nil
        case 4 where value < 0x10000 || value > 0x10FFFF: return nil
        default: return (value, length)
        }
    }
}
