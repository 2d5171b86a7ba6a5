extension Character {
    /// The terminal columns the character takes: 2 for East Asian wide and fullwidth
    /// characters and for emoji shown as pictures, 0 for a combining mark or format
    /// character standing alone, else 1, and 1 more for each spacing mark or letter after
    /// its first scalar (as `wcwidth` counts them).
    var columns: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value
        if value < 0x300 { return 1 }
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CD5, 0x18D00...0x18D08,
            0x1AFF0...0x1B2FB, 0x1F200...0x1F265, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
            0x30000...0x3FFFD:
            return 2
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            // A prepended number sign is drawn with the digit it joins.
            return 1
        default:
            break
        }
        let properties = first.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if properties.isEmojiPresentation || (properties.isEmoji && scalars.contains("\u{FE0F}")) { return 2 }
        // The rest of the character takes a column for each spacing mark ("मा") and each letter
        // of a conjunct ("न्दी"), as wcwidth and terminals count them: Hindi lines counted as
        // one column a character overran --width. Marks, joiners and Hangul's vowel and final
        // jamo take none.
        return 1
            + scalars.dropFirst().count { scalar in
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .enclosingMark, .format: return false
                default: return !(0x1160...0x11FF).contains(scalar.value) && !(0xD7B0...0xD7FF).contains(scalar.value)
                }
            }
    }
}

extension String {
    /// The terminal columns the string takes (`Character.columns` summed); its character
    /// count when it is ASCII.
    ///
    /// - Complexity: O(*n*).
    var columns: Int {
        var ascii = true
        for byte in utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? utf8.count : reduce(0) { $0 + $1.columns }
    }
}
