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
            // ASCII, most text, split by bytes: `Character.isWhitespace` looks up Unicode
            // properties per character, which was a sixth of a large diff's time.
            var text = run.text
            let ascii = text.withUTF8 { utf8 -> Bool in
                guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
                var start = 0
                for index in 0...utf8.count {
                    guard index == utf8.count || ByteClass.isSpace(utf8[index]) else { continue }
                    if index > start {
                        current.append(
                            (String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<index]), as: UTF8.self).terminalSafe, run.style))
                    }
                    if index < utf8.count {
                        if !current.isEmpty { words.append(current) }
                        current = []
                    }
                    start = index + 1
                }
                return true
            }
            if ascii { continue }
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
