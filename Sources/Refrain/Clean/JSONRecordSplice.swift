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
    /// - Returns: The new record, or `nil` when `record` is not an object with a `text` field.
    /// - Complexity: O(record bytes + text bytes).
    public static func replacingText(in record: [UInt8], with text: [UInt8]) -> [UInt8]? {
        guard let value = textValueRange(in: record) else { return nil }
        var writer = JSONWriter()
        writer.string(String(decoding: text, as: UTF8.self))
        var result = Array(record[..<value.lowerBound])
        result += Array(writer.output.utf8)
        result += record[value.upperBound...]
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
