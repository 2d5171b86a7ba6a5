/// Replaces the `text` value of a JSON Lines record in its raw bytes, so every other
/// field comes out exactly as it went in (values, nesting, key order, spacing).
@_spi(CommandLine) public enum JSONRecordSplice {
    /// The record with its top-level `text` value replaced by `text` as a JSON string.
    ///
    /// When `text` appears more than once, the last one is replaced (the one a reader keeps).
    ///
    /// - Parameters:
    ///   - record: One JSON object, as a line's bytes.
    ///   - text: The new text, as UTF-8 bytes (invalid sequences become U+FFFD).
    ///   - spelling: Which characters the new value escapes.
    /// - Returns: The new record, or `nil` when `record` is not an object with a `text` field.
    /// - Complexity: O(record bytes + text bytes).
    public static func replacingText(in record: [UInt8], with text: [UInt8], spelling: Spelling = .plain) -> [UInt8]? {
        guard let value = textValueRange(in: record) else { return nil }
        var result = Array(record[..<value.lowerBound])
        result += literal(text, spelling: spelling)
        result += record[value.upperBound...]
        return result
    }

    /// How a writer spelled a string.
    public typealias Spelling = CleanManifest.TextSpelling

    /// The spelling of a record's `text` value: the first one that writes its decoded text
    /// back to the very same bytes, or `nil` when none does.
    ///
    /// - Complexity: O(record bytes).
    public static func spelling(of record: [UInt8]) -> Spelling? {
        guard let range = textValueRange(in: record), let text = Restorer.decodeString(record[range]) else { return nil }
        let original = record[range]
        return Spelling.allCases.first { literal(text, spelling: $0).elementsEqual(original) }
    }

    /// A string literal, quotes included, in a spelling.
    ///
    /// - Complexity: O(text bytes).
    static func literal(_ text: [UInt8], spelling: Spelling) -> [UInt8] {
        let slash = spelling == .plainSlash || spelling == .asciiSlash
        guard spelling == .ascii || spelling == .asciiSlash else {
            var writer = JSONWriter()
            writer.string(String(decoding: text, as: UTF8.self))
            let bytes = Array(writer.output.utf8)
            // A `/` is never part of an escape, so every one is text.
            return slash ? bytes.flatMap { $0 == UInt8(ascii: "/") ? [UInt8(ascii: "\\"), $0] : [$0] } : bytes
        }
        let hex = Array("0123456789abcdef".utf8)
        var result: [UInt8] = [UInt8(ascii: "\"")]
        result.reserveCapacity(text.count + 2)
        func escape(_ unit: UInt16) {
            result += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
            for shift in stride(from: 12, through: 0, by: -4) { result.append(hex[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x22: result += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case 0x5C: result += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x2F where slash: result += [UInt8(ascii: "\\"), UInt8(ascii: "/")]
            case 0x0A: result += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: result += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: result += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: result += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: result += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20: escape(UInt16(scalar.value))
            case 0x20...0x7F: result.append(UInt8(scalar.value))
            default:
                for unit in String(scalar).utf16 { escape(unit) }
            }
        }
        result.append(UInt8(ascii: "\""))
        return result
    }

    /// The byte range of the top-level `text` value (its last occurrence).
    ///
    /// - Complexity: O(record bytes).
    static func textValueRange(in bytes: [UInt8]) -> Range<Int>? {
        var index = 0
        func skipSpace() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }
        /// Skips a string starting at its quote; returns its contents' range.
        func skipString() -> Range<Int>? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index + 1
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<(index - 1)
                default: index += 1
                }
            }
            return nil
        }
        /// Skips any value: a string, or everything up to the matching bracket, or a literal.
        func skipValue() -> Bool {
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""): return skipString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard skipString() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while index < bytes.count,
                    ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index])
                {
                    index += 1
                }
                return index > start
            }
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var found: Range<Int>?
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return found }
            guard let key = skipString() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace()
            let valueStart = index
            let isString = index < bytes.count && bytes[index] == UInt8(ascii: "\"")
            guard skipValue() else { return nil }
            if isString, isTextKey(bytes[key]) { found = valueStart..<index }
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                return found
            } else {
                return nil
            }
        }
    }

    /// Whether a key's raw bytes (between the quotes, escapes undecoded) spell `text`.
    static func isTextKey(_ raw: ArraySlice<UInt8>) -> Bool {
        if raw.elementsEqual("text".utf8) { return true }
        guard raw.contains(UInt8(ascii: "\\")) else { return false }
        // An escaped spelling such as "\u0074ext": decode the four escapes JSON allows here.
        var decoded: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == UInt8(ascii: "\\"), index + 6 <= raw.endIndex, raw[index + 1] == UInt8(ascii: "u"),
                let scalar = UInt8(String(decoding: raw[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
            {
                decoded.append(scalar)
                index += 6
            } else {
                decoded.append(raw[index])
                index += 1
            }
        }
        return decoded.elementsEqual("text".utf8)
    }
}
