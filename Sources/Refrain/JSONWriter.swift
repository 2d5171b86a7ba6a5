/// Writes JSON text with fields in a fixed order, as the report contract lists them.
struct JSONWriter {
    var output = ""

    mutating func string(_ value: String) {
        output.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }

    mutating func number(_ value: Double) {
        // Four decimals: enough for shares and similarities, stable across platforms.
        var text = String(format4: value)
        if text == "-0" { text = "0" }
        output.append(text)
    }

    mutating func raw(_ text: String) { output.append(text) }
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
