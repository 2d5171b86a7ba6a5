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
    @_spi(CommandLine) public var terminalSafe: String { escapingControls(keepingTabsAndLineFeeds: false) }

    /// `terminalSafe`, with the invisible characters escaped too (zero-width spaces and
    /// joiners, the word joiner, byte-order mark, soft hyphen, Hangul fillers, variation
    /// selectors, tag characters): for a name (an id, a source), where they make one name
    /// look like another ("pay\u{200b}pal"). Text keeps them: Thai, Persian and Indic
    /// writing uses them between and inside words.
    ///
    /// - Returns: The string itself when nothing needs escaping.
    /// - Complexity: O(n) bytes.
    @_spi(CommandLine) public var terminalSafeName: String {
        let safe = terminalSafe
        guard safe.utf8.contains(where: { $0 >= 0xC2 }),
            safe.unicodeScalars.contains(where: { Self.isInvisibleInName($0.value) })
        else { return safe }
        var result = ""
        result.reserveCapacity(safe.utf8.count + 16)
        let scalars = Array(safe.unicodeScalars)
        for (position, scalar) in scalars.enumerated() {
            // A joiner or non-joiner next to a character past ASCII is writing's own ("می‌گوید",
            // "👨‍💻"); between ASCII letters, or at an end, it only hides itself ("pay‍pal").
            let isJoiner = scalar.value == 0x200C || scalar.value == 0x200D
            let joinsWriting =
                isJoiner
                && (position > 0 && scalars[position - 1].value >= 0x80
                    || position + 1 < scalars.count && scalars[position + 1].value >= 0x80)
            if Self.isInvisibleInName(scalar.value), !joinsWriting {
                result += "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a scalar draws nothing and is no space: the default-ignorable characters a
    /// name could hide (`terminalSafeName`).
    static func isInvisibleInName(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200D, 0x2060...0x2064,
            0x206A...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0x1BCA0...0x1BCA3, 0xE0000...0xE0FFF:
            return true
        default: return false
        }
    }

    /// The string with the characters `terminalSafe` escapes escaped the same way, except,
    /// when `keepingTabsAndLineFeeds`, tabs and line feeds, carriage return and line feed
    /// included: a CSV cell may hold them (quoted), and they steer nothing. A lone carriage
    /// return is escaped: it would draw the rest of the line over its start.
    ///
    /// - Returns: The string itself when nothing needs escaping.
    /// - Complexity: O(n) bytes.
    func escapingControls(keepingTabsAndLineFeeds: Bool) -> String {
        var copy = self
        let needsEscaping = copy.withUTF8 { utf8 in
            // Lead bytes of everything escaped: C0, DEL, C1 (C2 80-9F), U+061C (D8 9C),
            // U+200E-200F, U+2028-202E and U+2066-2069 (E2 80/81 …).
            utf8.contains {
                ($0 < 0x20 && !(keepingTabsAndLineFeeds && ($0 == 0x09 || $0 == 0x0A))) || $0 == 0x7F || $0 == 0xC2
                    || $0 == 0xD8 || $0 == 0xE2
            }
        }
        guard needsEscaping else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        var scalars = unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            switch scalar.value {
            case 0x09 where keepingTabsAndLineFeeds, 0x0A where keepingTabsAndLineFeeds,
                0x0D where keepingTabsAndLineFeeds && next == "\n":
                result.unicodeScalars.append(scalar)
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
