import CRefrainKernels

/// A fast, strict reader of one JSON Lines record: `{"id": "…", "text": "…", …}`.
///
/// It decodes string values straight into bytes, without building a dictionary of `Any`
/// values, and validates everything it reads (JSON grammar, UTF-8, escapes). Whatever it
/// does not handle plainly (bad JSON, a numeric `id`, a `text` that is not a string, a
/// repeated field, a lone surrogate escape) it leaves to `JSONSerialization`, whose errors
/// and conversions then apply: the fast path never changes what a line means.
enum JSONRecordParser {
    /// Nesting deeper than this in an unused field goes to the full parser.
    static let maximumDepth = 64

    /// Parses one line.
    ///
    /// - Parameters:
    ///   - line: One line of a JSON Lines file, without its line feed.
    ///   - textLimit: The most bytes of `text` kept: a longer text is only measured
    ///     (`JSONRecord.textLengthOverLimit`), so that a record to be refused for its size
    ///     is never decoded whole.
    /// - Returns: The record, or `nil` when the line needs the full parser.
    /// - Complexity: O(*n*) in the line's length.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, textLimit: Int = .max) -> JSONRecord? {
        var reader = Reader(bytes: line, textLimit: textLimit)
        return reader.record()
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// The most bytes of `text` kept.
        let textLimit: Int
        /// The decoded length of the last string read with a limit, when past it.
        var lengthOverLimit: Int?

        init(bytes: UnsafeBufferPointer<UInt8>, textLimit: Int = .max) {
            self.bytes = bytes
            self.textLimit = textLimit
        }

        mutating func record() -> JSONRecord? {
            skipSpace()
            guard consume(UInt8(ascii: "{")) else { return nil }
            var id: String?
            var text: [UInt8]?
            var textLengthOverLimit: Int?
            var source: String?
            var date: String?
            var seen: UInt8 = 0  // bit per known field: a repeated field goes to the full parser
            skipSpace()
            if !consume(UInt8(ascii: "}")) {
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard consume(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    let field = Self.field(key)
                    if field != 0 {
                        guard seen & field == 0 else { return nil }
                        seen |= field
                    }
                    switch field {
                    case Self.idField:
                        if literal("null") {
                            id = nil
                        } else {
                            guard let value = string() else { return nil }
                            id = String(decoding: value, as: UTF8.self)
                        }
                    case Self.textField:
                        guard let value = string(reserving: true, limit: textLimit) else { return nil }
                        text = value
                        textLengthOverLimit = lengthOverLimit
                    case Self.sourceField:
                        guard let value = optionalString() else { return nil }
                        source = value
                    case Self.dateField:
                        guard let value = optionalString() else { return nil }
                        date = value
                    default:
                        guard skipValue(depth: 0) else { return nil }
                    }
                    skipSpace()
                    if consume(UInt8(ascii: ",")) { continue }
                    guard consume(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipSpace()
            guard index == bytes.count, let text else { return nil }
            return JSONRecord(id: id, text: text, source: source, date: date, textLengthOverLimit: textLengthOverLimit)
        }

        static let idField: UInt8 = 1
        static let textField: UInt8 = 2
        static let sourceField: UInt8 = 4
        static let dateField: UInt8 = 8

        static func field(_ key: [UInt8]) -> UInt8 {
            if key.elementsEqual("id".utf8) { return idField }
            if key.elementsEqual("text".utf8) { return textField }
            if key.elementsEqual("source".utf8) { return sourceField }
            if key.elementsEqual("date".utf8) { return dateField }
            return 0
        }

        /// A string value as `String`, `.some(nil)` for `null`; `nil` for anything else: a
        /// number, which the full parser reads as its text, or a value it warns about.
        mutating func optionalString() -> String?? {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] &- UInt8(ascii: "0")) < 10 { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                guard let value = string() else { return nil }
                return .some(String(decoding: value, as: UTF8.self))
            }
            // An object, array or boolean goes to the full parser, which warns about it.
            return literal("null") ? .some(nil) : nil
        }

        @inline(__always)
        mutating func skipSpace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                index += 1
            }
        }

        @inline(__always)
        mutating func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// A string at `index`, decoded to UTF-8 bytes; `nil` when invalid or needing the full parser.
        ///
        /// - Parameters:
        ///   - reserving: Reserves room for the rest of the line at the first escape
        ///     (for `text`, which is most of a line), so appending never reallocates.
        ///   - limit: The most bytes kept; past them the string is still read and checked,
        ///     but only counted (`lengthOverLimit`), and what was kept is dropped.
        mutating func string(reserving: Bool = false, limit: Int = .max) -> [UInt8]? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            lengthOverLimit = nil
            var result: [UInt8] = []
            // Bytes decoded but not kept, once past `limit`.
            var dropped = 0
            var runStart = index
            guard let base = bytes.baseAddress else { return nil }
            while index < bytes.count {
                // Plain runs are skipped sixteen bytes at a time, well-formed UTF-8 a
                // character at a time; the kernel stops at a byte of any other kind.
                index = refrain_find_json_special(base, index, bytes.count)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                // Not well-formed UTF-8: no JSON string.
                if byte >= 0x80 { return nil }
                // A quote, a backslash or a control byte: flush the plain run first.
                if result.isEmpty, dropped == 0 {
                    result.reserveCapacity(min(limit, reserving ? bytes.count - runStart : index - runStart + 16))
                }
                Self.keep(UnsafeBufferPointer(rebasing: bytes[runStart..<index]), in: &result, dropped: &dropped, limit: limit)
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    if dropped > 0 { lengthOverLimit = dropped }
                    return result
                }
                guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else { return nil }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                    Self.keep(escape, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "b"): Self.keep(0x08, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "f"): Self.keep(0x0C, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "n"): Self.keep(0x0A, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "r"): Self.keep(0x0D, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "t"): Self.keep(0x09, in: &result, dropped: &dropped, limit: limit)
                case UInt8(ascii: "u"):
                    guard var value = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(value) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(value) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    for unit in UTF8.encode(scalar)! { Self.keep(unit, in: &result, dropped: &dropped, limit: limit) }
                default:
                    return nil
                }
                runStart = index
            }
            return nil
        }

        /// Appends decoded bytes to `result` while it stays within `limit`; past it, drops
        /// `result` and counts in `dropped` instead.
        @inline(__always)
        static func keep(_ decoded: UnsafeBufferPointer<UInt8>, in result: inout [UInt8], dropped: inout Int, limit: Int) {
            if dropped == 0, result.count &+ decoded.count <= limit {
                result.append(contentsOf: decoded)
            } else {
                if dropped == 0 { dropped = result.count; result = [] }
                dropped &+= decoded.count
            }
        }

        @inline(__always)
        static func keep(_ byte: UInt8, in result: inout [UInt8], dropped: inout Int, limit: Int) {
            if dropped == 0, result.count < limit {
                result.append(byte)
            } else {
                if dropped == 0 { dropped = result.count; result = [] }
                dropped &+= 1
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// Skips one valid JSON value; `false` when it is not one.
        mutating func skipValue(depth: Int) -> Bool {
            guard index < bytes.count, depth < JSONRecordParser.maximumDepth else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"):
                index += 1
                skipSpace()
                if consume(UInt8(ascii: "}")) { return true }
                while true {
                    skipSpace()
                    guard string() != nil else { return false }
                    skipSpace()
                    guard consume(UInt8(ascii: ":")) else { return false }
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if consume(UInt8(ascii: ",")) { continue }
                    return consume(UInt8(ascii: "}"))
                }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if consume(UInt8(ascii: "]")) { return true }
                while true {
                    skipSpace()
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if consume(UInt8(ascii: ",")) { continue }
                    return consume(UInt8(ascii: "]"))
                }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        /// Skips a number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        mutating func number() -> Bool {
            _ = consume(UInt8(ascii: "-"))
            func digits() -> Int {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                return index - start
            }
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return false
            }
            if consume(UInt8(ascii: ".")), digits() == 0 { return false }
            if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
                if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
                if digits() == 0 { return false }
            }
            return true
        }
    }
}
