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
    static func words(_ runs: [(text: String, style: TextStyle)]) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for run in runs {
            var part = ""
            for character in run.text {
                if character.isWhitespace {
                    if !part.isEmpty { current.append((part, run.style)) }
                    part = ""
                    if !current.isEmpty { words.append(current) }
                    current = []
                } else {
                    part.append(character)
                }
            }
            if !part.isEmpty { current.append((part, run.style)) }
        }
        if !current.isEmpty { words.append(current) }
        return words
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
