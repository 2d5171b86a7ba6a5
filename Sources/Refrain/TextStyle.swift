/// What a run of report text is, for styling.
public enum TextStyle: Sendable, Hashable {
    case plain, header, note
    case label(Label)
    /// Template text, set apart from new reporting.
    case recycled
    /// New reporting.
    case novel
    /// Words a copy adds to its family's representative, or lacks.
    case added, removed
}

/// Turns styled runs into terminal text: colour codes, or plain markers.
public protocol TextStyler {
    /// Whether changes need `[-removed-]{+added+}` markers (no colour to show them).
    var usesMarkers: Bool { get }
    /// The text of one word in a style.
    func apply(_ style: TextStyle, to text: String) -> String
}

/// Plain text: markers for word changes, nothing else.
public struct PlainStyler: TextStyler {
    public init() {}
    public var usesMarkers: Bool { true }
    public func apply(_ style: TextStyle, to text: String) -> String { text }
}

/// Wraps runs of styled text into lines of a given width, breaking at white space only.
struct Wrapper {
    /// A word: consecutive characters without white space, possibly in several styles.
    typealias Word = [(text: String, style: TextStyle)]

    /// Splits styled runs into words; runs that touch without white space stay one word.
    /// Control characters inside words come out escaped (`String.terminalSafe`).
    static func words(_ runs: [(text: String, style: TextStyle)]) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for run in runs {
            var part = ""
            for character in run.text {
                if character.isWhitespace {
                    if !part.isEmpty { current.append((part.terminalSafe, run.style)) }
                    part = ""
                    if !current.isEmpty { words.append(current) }
                    current = []
                } else {
                    part.append(character)
                }
            }
            if !part.isEmpty { current.append((part.terminalSafe, run.style)) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A plain line broken at spaces into lines of at most `width` characters, the first
    /// keeping its own spacing (aligned columns), the others indented by `indent` spaces.
    /// A word longer than the width gets a line of its own.
    ///
    /// - Parameters:
    ///   - line: Unstyled text without line breaks.
    ///   - width: The most characters per line.
    ///   - indent: The indentation of continuation lines.
    /// - Returns: One line when it fits, else the pieces.
    /// - Complexity: O(n) characters.
    static func fit(_ line: String, width: Int, indent: Int) -> [String] {
        guard line.count > width else { return [line] }
        var result: [String] = []
        var rest = Array(line)
        var prefix = 0  // leading spaces of the current line, never a place to break
        while rest.count > width {
            while prefix < rest.count, rest[prefix] == " " { prefix += 1 }
            // The last space that fits, else the first after the overlong word.
            let fitting = prefix <= width ? rest[prefix...width].lastIndex(of: " ") : nil
            let breakAt = fitting ?? rest[max(prefix, width + 1)...].firstIndex(of: " ")
            guard let breakAt else { break }
            var end = breakAt
            while end > prefix, rest[end - 1] == " " { end -= 1 }
            var next = breakAt
            while next < rest.count, rest[next] == " " { next += 1 }
            result.append(String(rest[..<end]))
            guard next < rest.count else {
                rest = []
                break
            }
            rest = Array(repeating: " ", count: indent) + rest[next...]
            prefix = indent
        }
        if !rest.isEmpty { result.append(String(rest)) }
        return result
    }

    /// Lines of at most `width` visible characters (a longer word gets a line of its own).
    static func wrap(_ words: [Word], width: Int, styler: TextStyler) -> [String] {
        var lines: [String] = []
        var line = ""
        var visible = 0
        for word in words {
            let length = word.reduce(0) { $0 + $1.text.count }
            if visible > 0, visible + 1 + length > width {
                lines.append(line)
                line = ""
                visible = 0
            }
            if visible > 0 {
                line += " "
                visible += 1
            }
            for part in word { line += styler.apply(part.style, to: part.text) }
            visible += length
        }
        if visible > 0 { lines.append(line) }
        return lines
    }
}

extension String {
    /// The string with every character that could steer a terminal shown visibly escaped,
    /// the way `ls` and `git` quote names: C0 controls (`\e`, `\n`, `\t`, `\x01`…), DEL
    /// (`\x7f`), C1 controls (`\x9b`…), the line and paragraph separators and the bidi
    /// controls (`\u{2028}`, `\u{202E}`…).
    ///
    /// Ids, file names and document text come from the input: printed raw, an OSC or CSI
    /// sequence in them would retitle the window, clear the screen or write the clipboard.
    ///
    /// - Returns: The string itself when nothing needs escaping.
    /// - Complexity: O(n) bytes.
    public var terminalSafe: String {
        var copy = self
        let needsEscaping = copy.withUTF8 { utf8 in
            // Lead bytes of everything escaped: C0, DEL, C1 (C2 80-9F), U+061C (D8 9C),
            // U+200E-200F, U+2028-202E and U+2066-2069 (E2 80/81 …).
            utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        }
        guard needsEscaping else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x07: result += "\\a"
            case 0x08: result += "\\b"
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case 0x0B: result += "\\v"
            case 0x0C: result += "\\f"
            case 0x0D: result += "\\r"
            case 0x1B: result += "\\e"
            case 0x00..<0x20, 0x7F...0x9F: result += "\\x" + Self.hex(scalar.value, digits: 2)
            case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
                result += "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }
}
