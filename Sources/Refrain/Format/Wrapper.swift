/// Wraps runs of styled text into lines of a given width, breaking at ASCII white space only.
///
/// Other white space (a no-break space, an ideographic space) stays inside its word: a line
/// broken there would show it as an ASCII space, and a name such as `e<U+3000>f.txt` would
/// read as `e f.txt` (review 99).
struct Wrapper {
    /// A word: consecutive characters without white space, possibly in several styles.
    typealias Word = [(text: String, style: TextStyle)]

    /// Splits styled runs into words; runs that touch without white space stay one word.
    /// Control characters inside words come out escaped (`String.terminalSafe`).
    static func words(_ runs: [(text: String, style: TextStyle)]) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for run in runs {
            // Split by bytes where that gives the characters' words (nearly all text):
            // `Character.isWhitespace` looks up Unicode properties per character, which was
            // a sixth of a large diff's time.
            var text = run.text
            let split = text.withUTF8 { utf8 -> Bool in
                guard Self.splitsAtASCIISpaces(utf8) else { return false }
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
            if split { continue }
            var part = ""
            for character in run.text {
                if character.isWhitespace, character.isASCII {
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

    /// Whether a text's ASCII white space bytes are each a character of its own: no space
    /// that a combining mark, joiner or prepended sign makes one character with its neighbour.
    ///
    /// - Complexity: O(*n*); Unicode properties are looked up for non-ASCII scalars only.
    static func splitsAtASCIISpaces(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var previous: UInt32 = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                if ByteClass.isSpace(byte), Self.isPrepend(previous) { return false }
                previous = UInt32(byte)
                index += 1
                continue
            }
            guard let (value, length) = ByteClass.decodeScalar(utf8, at: index, end: utf8.count),
                let scalar = Unicode.Scalar(value)
            else { return false }
            let properties = scalar.properties
            let joins =
                properties.isGraphemeExtend || properties.generalCategory == .spacingMark || properties.isEmojiModifier
                || value == 0x200D
            if joins, index > 0, ByteClass.isSpace(utf8[index - 1]) { return false }
            previous = value
            index += length
        }
        return true
    }

    /// Whether a scalar is one of the few that join the next into one character (Unicode's
    /// Grapheme_Cluster_Break=Prepend: Arabic number signs, some Brahmic signs).
    static func isPrepend(_ value: UInt32) -> Bool {
        switch value {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x0D4E, 0x110BD, 0x110CD, 0x111C2...0x111C3, 0x1193F,
            0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02:
            true
        default: false
        }
    }

    /// A plain line broken at spaces into lines of at most `width` terminal columns, the
    /// first keeping its own spacing (aligned columns), the others indented by `indent`
    /// spaces. A word longer than a line is cut where the line ends.
    ///
    /// - Parameters:
    ///   - line: Unstyled text without line breaks.
    ///   - width: The most columns per line.
    ///   - indent: The indentation of continuation lines.
    /// - Returns: One line when it fits, else the pieces.
    /// - Complexity: O(n) characters.
    static func fit(_ line: String, width: Int, indent: Int) -> [String] {
        guard line.columns > width else { return [line] }
        let characters = Array(line)
        let widths = characters.map(\.columns)
        var result: [String] = []
        var start = 0
        // The first line's leading spaces are its alignment, never a place to break.
        var protected = characters.prefix { $0 == " " }.count
        var lead = ""
        while start < characters.count {
            let room = max(1, width - lead.count)
            var end = start
            var used = 0
            while end < characters.count, used + widths[end] <= room {
                used += widths[end]
                end += 1
            }
            if end == characters.count {
                result.append(lead + String(characters[start...]))
                break
            }
            // The last space that fits (or ends the fitting part), else a cut inside the word;
            // alignment wider than the line keeps its first word.
            let breakAt =
                protected < end
                ? characters[max(start, protected)...end].lastIndex(of: " ")
                : characters[protected...].firstIndex(of: " ") ?? characters.count
            var lineEnd = breakAt ?? max(end, start + 1)
            var next = lineEnd
            while lineEnd > start, characters[lineEnd - 1] == " " { lineEnd -= 1 }
            while next < characters.count, characters[next] == " " { next += 1 }
            result.append(lead + String(characters[start..<lineEnd]))
            start = next
            protected = start
            lead = String(repeating: " ", count: indent)
        }
        return result
    }

    /// Lines of at most `width` visible terminal columns; a word longer than a line is cut
    /// where the line ends (text without spaces, such as Chinese, or a long link).
    static func wrap(_ words: [Word], width: Int, styler: TextStyler) -> [String] {
        var lines: [String] = []
        var line = ""
        var visible = 0
        func place(_ word: Word, length: Int) {
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
        for word in words {
            let bytes = word.reduce(0) { $0 + $1.text.utf8.count }
            // An ASCII word's columns are its bytes; any other is measured once, as it is cut.
            if bytes <= width, word.allSatisfy({ $0.text.utf8.allSatisfy { $0 < 0x80 } }) {
                place(word, length: bytes)
            } else {
                for piece in pieces(of: word, width: max(1, width)) { place(piece.word, length: piece.columns) }
            }
        }
        if visible > 0 { lines.append(line) }
        return lines
    }

    /// A word cut into pieces of at most `width` columns (one piece when it fits), each
    /// with its columns.
    static func pieces(of word: Word, width: Int) -> [(word: Word, columns: Int)] {
        var pieces: [(word: Word, columns: Int)] = []
        var piece: Word = []
        var used = 0
        for part in word {
            var text = ""
            for character in part.text {
                let columns = character.columns
                if used + columns > width, used > 0 {
                    if !text.isEmpty { piece.append((text, part.style)) }
                    pieces.append((piece, used))
                    piece = []
                    text = ""
                    used = 0
                }
                text.append(character)
                used += columns
            }
            if !text.isEmpty { piece.append((text, part.style)) }
        }
        if !piece.isEmpty { pieces.append((piece, used)) }
        return pieces
    }
}
