/// Writes JSON text as UTF-8 bytes with fields in a fixed order, as the report contract lists them.
///
/// Reports run to tens of megabytes: the writer appends bytes to one buffer, and integers
/// and fixed text go in without a `String` per field.
struct JSONWriter {
    /// The bytes written.
    var bytes: [UInt8] = []

    /// The text written.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends a JSON string literal, escaping what JSON requires.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    raw("\\u00")
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            bytes.append(UInt8(ascii: "\""))
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
            bytes.append(UInt8(ascii: "-"))
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
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// Appends literal JSON text.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends literal JSON text built at run time.
    mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }
}

extension String {
    /// A number rounded to four decimals without trailing zeros ("0.31", "1", "0.0725").
    init(format4 value: Double) {
        let scaled = (value * 10_000).rounded()
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
