/// Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted
/// (its quotes doubled) when it holds a comma, a quote, a carriage return or a line feed.
///
/// Text fields that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
/// `@` or a tab, also after spaces or line breaks, which an import may trim) get a leading
/// apostrophe, as OWASP recommends against CSV injection: the text comes
/// from the documents, and a cell such as `=HYPERLINK("http://…")` must not run when an
/// analyst opens the file. Control characters other than tab and line feed are escaped as
/// `terminalSafe` escapes them (`\e`, `\x00`, `\u{202E}`): `head` on the file must not
/// steer the terminal. Numbers are written as numbers, never prefixed.
public struct CSVWriter: Sendable {
    /// The CSV text written so far.
    public private(set) var output = ""

    /// Creates an empty writer.
    public init() {}

    /// One field of a record.
    public enum Field: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// Text, quoted and defused as needed.
        case text(String)
        /// An integer.
        case integer(Int)
        /// A share, four decimals at most, as the JSON report writes it.
        case number(Double)
        /// An empty field (a missing value).
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }
    }

    /// Appends one record.
    ///
    /// - Complexity: O(total length of the fields).
    public mutating func record(_ fields: [Field]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output += "," }
            switch field {
            case .text(let text): output += Self.escaped(text)
            case .integer(let value): output += String(value)
            case .number(let value): output += String(format4: value)
            case .empty: break
            }
        }
        output += "\r\n"
    }

    /// Zero-width characters some trimming functions remove (JavaScript's `trim()` takes U+FEFF).
    static let invisible: Set<Unicode.Scalar> = ["\u{FEFF}", "\u{200B}", "\u{2060}"]

    /// A text field as CSV: defused against formulas, then quoted when needed.
    ///
    /// - Complexity: O(*n*).
    public static func escaped(_ text: String) -> String {
        var text = text.escapingControls(keepingTabsAndLineFeeds: true)
        // The first character an import that trims the cell would see, too: trimming may
        // also take a byte order mark or a zero-width space, which Unicode calls no white space.
        let visible = text.unicodeScalars.first { !$0.properties.isWhitespace && !Self.invisible.contains($0) }
        if text.unicodeScalars.first == "\t" || visible.map({ "=+-@".unicodeScalars.contains($0) }) == true { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
