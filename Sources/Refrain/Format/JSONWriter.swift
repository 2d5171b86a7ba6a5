/// Writes JSON text as UTF-8 bytes with fields in a fixed order, as the report contract lists them.
///
/// Reports run to tens of megabytes of short pieces: the writer appends them to a buffer
/// it manages itself, so a piece is a capacity check and a copy, inlined, where appending
/// to an `[UInt8]` is a call with a uniqueness check per piece.
/// Integers and fixed text go in without a `String` per field.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0

    /// Creates an empty writer with room for `capacity` bytes before it grows.
    init(capacity: Int = 1024) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The text written.
    var output: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Forgets what was written, keeping the room.
    mutating func removeAll() { count = 0 }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress else { return }
        if count &+ piece.count > capacity { grow(toHold: count + piece.count) }
        (base + count).update(from: source, count: piece.count)
        count &+= piece.count
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count &+= 1
    }

    private mutating func grow(toHold needed: Int) {
        let larger = max(needed, 2 * capacity)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = larger
    }

    /// Appends a JSON string literal, escaping what JSON requires and every control
    /// character: C0, DEL, C1 and U+2028/2029, so that no reader (a terminal showing the
    /// file, a JavaScript parser) meets them raw.
    ///
    /// - Complexity: O(n) bytes; text without anything to escape is copied in runs.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            append(UInt8(ascii: "\""))
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                // Lead bytes of what may need escaping: C1 is C2 80-9F, U+2028/2029 is E2 80 A8/A9.
                guard
                    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2 || byte == 0xE2
                else {
                    index += 1
                    continue
                }
                let escapedLength: Int
                let codePoint: UInt32
                if byte == 0xC2 {
                    guard index + 1 < count, (0x80...0x9F).contains(utf8[index + 1]) else {
                        index += 1
                        continue
                    }
                    escapedLength = 2
                    codePoint = UInt32(utf8[index + 1])
                } else if byte == 0xE2 {
                    guard index + 2 < count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    escapedLength = 3
                    codePoint = 0x2000 | UInt32(utf8[index + 2] - 0x80)
                } else {
                    escapedLength = 1
                    codePoint = UInt32(byte)
                }
                append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    raw("\\u")
                    for shift in [12, 8, 4, 0] as [UInt32] { append(Self.hexDigits[Int((codePoint >> shift) & 0xF)]) }
                }
                index += escapedLength
                runStart = index
            }
            append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
            append(UInt8(ascii: "\""))
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends a number rounded to four decimals (enough for shares and similarities, stable across platforms).
    mutating func number(_ value: Double) {
        var text = String(format4: value)
        if text == "-0" { text = "0" }
        self.text(text)
    }

    /// Appends an integer's decimal digits.
    mutating func integer(_ value: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart; its magnitude still fits a UInt.
            appendDigits(UInt(bitPattern: 0 &- value))
        } else {
            appendDigits(UInt(value))
        }
    }

    private mutating func appendDigits(_ value: UInt) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[position...]))
        }
    }

    /// Appends literal JSON text.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `key` (literal JSON text, such as `, "source": `) and a string value, or
    /// nothing when there is no value: the optional fields of a document.
    mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        raw(key)
        string(value)
    }

    /// Appends literal JSON text built at run time.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }
}

extension String {
    /// A number rounded to four decimals without trailing zeros ("0.31", "1", "0.0725"); one
    /// strictly between 0 and 1 stays so (0.9999, 0.0001), as a share short of all or above
    /// none must not read as all or none.
    init(format4 value: Double) {
        var scaled = (value * 10_000).rounded()
        if value > 0, value < 1 { scaled = Swift.min(Swift.max(scaled, 1), 9_999) }
        let integer = Int(scaled)
        let whole = integer / 10_000
        var fraction = abs(integer % 10_000)
        if fraction == 0 {
            self = String(whole)
            return
        }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        self =
            (integer < 0 && whole == 0 ? "-" : "") + String(whole) + "."
            + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
