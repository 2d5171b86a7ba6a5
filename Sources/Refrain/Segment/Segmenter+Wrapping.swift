import CRefrainKernels

/// Hard-wrapped paragraphs: which line breaks inside a paragraph are only where a line ran
/// out of room (soft, read as a space), not where a line of its own ends (hard).
///
/// Plain text (e-mail, manual pages, books, many news archives) is often wrapped at 60 to
/// 100 columns. Read line by line, a wrapped sentence becomes fragments that match other
/// documents' fragments by exact hash. Yet a dateline, a byline, an address or a list keeps
/// its lines. A document is taken as wrapped when a quarter of its line breaks follow a
/// filled line and precede a lower-case letter (a sentence going on); then a break is soft
/// after a line filled to the document's wrap width, or one whose next word would not have
/// fitted. A paragraph of a document that is not wrapped may still be, judged against its
/// own widest line. A break stays hard after a short line, before a list item, and where
/// the indentation changes.
extension Segmenter {
    /// One line of a paragraph, as the wrapping test reads it.
    struct Line {
        /// The byte that ends the line: its line break, or the paragraph's end.
        var breakIndex: Int
        /// The byte after its last that is not white space (its start, for a blank line).
        var textEnd: Int
        /// Characters up to its last non-space one (a character reference is one), and white
        /// space before its first.
        var width: Int
        var indent: Int
        /// The characters of its first word.
        var firstWord: Int
        /// Whether it starts with a lower-case letter, not a brand's ("iPhone", "eBay").
        var startsLowercase: Bool
        /// Whether it ends with a stop (".", "!", "?", "…", and any closing quote or bracket).
        var endsSentence = false
        /// Whether it starts with a bullet ("-", "*", "•") or a number marker ("1.", "a)").
        var startsBullet: Bool
        var startsNumber: Bool
    }

    /// The lines of a document's paragraphs that have more than one, and whether the
    /// document as a whole is hard-wrapped, and at what width.
    struct LineLayout {
        /// The lines, paragraph after paragraph.
        var lines: [Line] = []
        /// Each multi-line paragraph's lines in `lines`, in the order of `multiLine`.
        var paragraphLines: [Range<Int>] = []
        /// The document's wrap width: nearly the widest line that a line break ends.
        var width = 0
        /// Whether enough breaks across the document fall inside sentences after filled lines.
        var isWrapped = false
    }

    /// The narrowest wrap width taken as wrapping: shorter lines are items (names,
    /// addresses, headings) whatever their breaks.
    static let minimumWrapWidth = 30

    /// A line at least this share of the wrap width is filled.
    static let filledShare = 0.7

    /// In a wrapped document, a line at least this share of the wrap width was broken for
    /// room: a wrapper that evens out lines (fmt) ends them from about 75% of the width on.
    static let wrappedFilledShare = 0.75

    /// In a paragraph alone, a line at least this share of its widest line is nearly full.
    static let nearlyFullShare = 0.9

    /// Measures the lines of a document's multi-line paragraphs and decides whether the
    /// document is wrapped.
    ///
    /// The wrap width is the width that a tenth of the breaking lines reach (so that one
    /// long unwrapped line does not set it). The document is wrapped when at least a quarter
    /// of its breaks follow a filled line and precede a lower-case letter, as prose wrapped
    /// anywhere does, while lists, addresses and headlines over datelines do not.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - paragraphs: The document's paragraphs.
    ///   - multiLine: The indices of those with more than one line, increasing.
    /// - Complexity: O(*n*) in the multi-line paragraphs' bytes, plus O(*b* log *b*) for *b* breaks.
    static func layout(_ bytes: UnsafeBufferPointer<UInt8>, paragraphs: [ByteRange], multiLine: [Int]) -> LineLayout {
        var layout = LineLayout()
        guard let base = bytes.baseAddress else { return layout }
        var breakWidths: [Int] = []
        for paragraphIndex in multiLine {
            let paragraph = paragraphs[paragraphIndex]
            let first = layout.lines.count
            var index = paragraph.start
            while index < paragraph.end {
                let breakIndex = refrain_find_line_break(base, index, paragraph.end)
                layout.lines.append(measure(bytes, from: index, to: breakIndex))
                index = breakIndex
                if index < paragraph.end {
                    breakWidths.append(layout.lines[layout.lines.count - 1].width)
                    if bytes[index] == 0x0D, index + 1 < paragraph.end, bytes[index + 1] == 0x0A { index += 1 }
                    index += 1
                }
            }
            layout.paragraphLines.append(first..<layout.lines.count)
        }
        guard !breakWidths.isEmpty else { return layout }
        breakWidths.sort(by: >)
        layout.width = breakWidths[breakWidths.count / 10]
        guard layout.width >= minimumWrapWidth else { return layout }
        let filledWidth = Double(layout.width) * filledShare
        var inside = 0
        for lines in layout.paragraphLines {
            for line in lines.dropLast()
            where Double(layout.lines[line].width) >= filledWidth && goesOn(layout.lines[line], layout.lines[line + 1]) {
                inside += 1
            }
        }
        layout.isWrapped = 4 * inside >= breakWidths.count
        return layout
    }

    /// Appends the line-break bytes of a multi-line paragraph that are soft (both bytes of a `\r\n`).
    ///
    /// In a wrapped document a break is soft after a line filled to the wrap width or one
    /// whose next word would not have fitted in it. A paragraph of a document that is not
    /// wrapped may still be (a quoted block): it is when half its breaks follow a filled
    /// line and one of them precedes a lower-case letter, against its own widest line.
    /// Where its lines are paragraphs and the document is not wrapped, only the breaks
    /// inside a sentence (`continuesSentence`) are soft. A break stays hard before a bullet, before a number
    /// unless the number could not fit on the line, and where the indentation changes
    /// after the first line.
    ///
    /// - Parameters:
    ///   - layout: The document's lines (`layout(_:paragraphs:multiLine:)`).
    ///   - paragraph: The paragraph's place among the multi-line ones.
    ///   - linesAreParagraphs: Whether the paragraph's lines are taken as paragraphs of
    ///     their own (`appendLineParagraphs`) unless the document is wrapped.
    ///   - bytes: The document's bytes.
    ///   - softBreaks: Receives the soft breaks' byte offsets, in increasing order.
    /// - Complexity: O(*l*) in the paragraph's lines.
    static func appendSoftBreaks(
        _ layout: LineLayout, paragraph: Int, in bytes: UnsafeBufferPointer<UInt8>, linesAreParagraphs: Bool = false,
        to softBreaks: inout [Int]
    ) {
        let range = layout.paragraphLines[paragraph]
        guard range.count > 1 else { return }
        let lines = layout.lines[range]
        let wrapped = layout.isWrapped
        let width = wrapped ? layout.width : lines.reduce(0) { max($0, $1.width) }
        guard width >= minimumWrapWidth else { return }
        let filledWidth = Double(width) * (wrapped ? wrappedFilledShare : filledShare)
        let nearlyFullWidth = Double(width) * nearlyFullShare

        func mayBeSoft(_ line: Int) -> Bool {
            let this = lines[line]
            let next = lines[line + 1]
            guard this.width > 0, next.width > 0, !next.startsBullet else { return false }
            if line > range.lowerBound, next.indent != this.indent { return false }
            // The next line's first word would not have fitted: broken for room.
            let noRoom = this.width + 1 + next.firstWord > width
            // In a wrapped text with no blank line, a word wider than the wrap width (a link)
            // is a line of its own. (A sentence's end with room for the next word is not taken
            // as a paragraph's end: fmt evens lines out and breaks so inside paragraphs too,
            // and an edited sentence cut off alone is no longer found.)
            if linesAreParagraphs, this.indent + this.firstWord >= max(this.width, width) || next.firstWord >= width {
                return false
            }
            if next.startsNumber { return noRoom }
            if noRoom { return true }
            let filled = Double(this.width) >= filledWidth
            // A line that goes on in lower case continues a sentence: in a wrapped document,
            // even after a line half full (fmt evens out a paragraph's lines).
            if wrapped { return filled || (goesOn(this, next) && 2 * this.width >= width) }
            // A filled line that is not nearly full is a line of its own that happens to
            // be long, unless the next line goes on in lower case.
            return Double(this.width) >= nearlyFullWidth || (filled && goesOn(this, next))
        }
        func appendBreak(after line: Int) {
            var breakIndex = lines[line].breakIndex
            softBreaks.append(breakIndex)
            if bytes[breakIndex] == 0x0D, breakIndex + 1 < bytes.count, bytes[breakIndex + 1] == 0x0A {
                breakIndex += 1
                softBreaks.append(breakIndex)
            }
        }
        if !wrapped {
            var soft = 0
            var insideSentence = false
            for line in range.dropLast() where mayBeSoft(line) {
                soft += 1
                if goesOn(lines[line], lines[line + 1]) { insideSentence = true }
            }
            // Where each line is a paragraph, a long line ending a sentence is no sign of a wrap.
            guard !linesAreParagraphs, insideSentence, 2 * soft >= range.count - 1 else {
                // Lines that are paragraphs, yet a line that the next goes on from in lower
                // case is one sentence broken anywhere: a short or ragged wrap ("…
                // announced" / "on Monday at its plants in the U.S." / "and Canada."). Not in
                // a paragraph among others (a licence's stanza), whose lines are matched
                // with other documents' lines as they are.
                guard linesAreParagraphs else { return }
                for line in range.dropLast() where continuesSentence(lines[line], lines[line + 1], in: bytes) {
                    appendBreak(after: line)
                }
                return
            }
        }
        for line in range.dropLast() where mayBeSoft(line) { appendBreak(after: line) }
    }

    /// Whether a sentence goes on from a line to the next whatever their widths: the next
    /// starts in lower case at the same indentation, and the line ends with no stop and a
    /// word not capitalized ("… announced" / "on Monday"), or with an abbreviation's point
    /// ("in the U.S." / "and Canada").
    ///
    /// - Complexity: O(1), but for the line's last word.
    static func continuesSentence(_ line: Line, _ next: Line, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.width > 0, next.width > 0, next.startsLowercase, next.indent == line.indent else { return false }
        let last = line.textEnd
        if !line.endsSentence {
            // Not after a capitalized word: a credit or a title ends in a name ("Editing by
            // John Smith"), and the next line may start with another ("de Blasio", "eBay").
            var wordStart = last
            while wordStart > 0, !ByteClass.isSpace(bytes[wordStart - 1]) { wordStart -= 1 }
            return bytes[wordStart] &- UInt8(ascii: "A") >= 26
        }
        let period = last - 1
        guard period > 0, bytes[period] == UInt8(ascii: "."),
            isAbbreviation(bytes, periodAt: period, from: max(0, period - line.width))
        else { return false }
        // A lone lower-case letter ("… or a.") is a word, not an initial or an initialism's.
        let letter = bytes[period - 1]
        let alone = period < 2 || !ByteClass.isASCIIWordByte(bytes[period - 2]) && bytes[period - 2] != UInt8(ascii: ".")
        return !(letter &- UInt8(ascii: "a") < 26 && alone)
    }

    /// Whether a sentence goes on from one line to the next: the first ends with no stop,
    /// and the next starts in lower case. A paragraph per line that happens to start
    /// "iPhone" or follows one ending "e.g." does not make a text wrapped.
    static func goesOn(_ line: Line, _ next: Line) -> Bool { next.startsLowercase && !line.endsSentence }

    /// Measures the line `[start, end)`.
    ///
    /// - Complexity: O(*n*) in the line's length.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Line {
        var line = Line(
            breakIndex: end, textEnd: start, width: 0, indent: 0, firstWord: 0, startsLowercase: false, startsBullet: false,
            startsNumber: false)
        var index = start
        while index < end, ByteClass.isSpace(bytes[index]) { index += 1 }
        line.indent = index - start
        guard index < end else { return line }
        let textStart = index
        // Characters, not bytes: a UTF-8 continuation byte adds none.
        var characters = line.indent
        var lastText = line.indent
        var firstWordEnd = -1
        while index < end {
            let byte = bytes[index]
            // A character reference is the one character it stands for on the page ("&lt;").
            if byte == UInt8(ascii: "&"), let (_, length) = CharacterReference.decode(bytes, at: index, end: end) {
                characters += 1
                lastText = characters
                line.textEnd = index + length
                index += length
                continue
            }
            if byte & 0xC0 != 0x80 { characters += 1 }
            if ByteClass.isSpace(byte) {
                if firstWordEnd < 0 { firstWordEnd = characters - 1 }
            } else {
                lastText = characters
                line.textEnd = index + 1
            }
            index += 1
        }
        line.width = lastText
        line.endsSentence = endsWithStop(bytes, from: textStart, to: line.textEnd)
        line.firstWord = (firstWordEnd < 0 ? lastText : firstWordEnd) - line.indent
        let first = bytes[textStart]
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            line.startsLowercase = !isCamelCase(bytes, at: textStart, end: end)
        } else if first >= 0x80, let (value, _) = ByteClass.decodeScalar(bytes, at: textStart, end: end),
            let scalar = Unicode.Scalar(value)
        {
            // Not a letter of a script without case: Georgian's are lower case, their title case themselves.
            line.startsLowercase = scalar.properties.isLowercase && scalar.properties.titlecaseMapping != String(scalar)
            line.startsBullet = value == 0x2022 || value == 0x25CF  // • ●
        } else {
            switch listMarker(bytes, at: textStart, end: end) {
            case .bullet: line.startsBullet = true
            case .number: line.startsNumber = true
            case nil: break
            }
        }
        return line
    }

    /// Whether the text `[start, end)` ends, white space aside, with a stop and any closing
    /// quotes or brackets after it.
    ///
    /// - Complexity: O(1), but for the trailing white space and closers.
    static func endsWithStop(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = end
        while index > start, ByteClass.isSpace(bytes[index - 1]) { index -= 1 }
        while index > start {
            let byte = bytes[index - 1]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
                return true
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                index -= 1
            default:
                // ” and ’ close a quote, and » too; … is a stop.
                let punctuation = index - 3 >= start && bytes[index - 3] == 0xE2 && bytes[index - 2] == 0x80
                if punctuation, byte == 0xA6 { return true }
                if punctuation, byte == 0x9D || byte == 0x99 {
                    index -= 3
                } else if byte == 0xBB, index - 2 >= start, bytes[index - 2] == 0xC2 {
                    index -= 2
                } else {
                    return false
                }
            }
        }
        return false
    }

    /// A list marker at a line's start.
    enum ListMarker { case bullet, number }

    /// The list marker an ASCII line starts with: a bullet (`-`, `*`, `+`, `>`, `#`, `|`
    /// and white space), a number (up to three digits and `.` or `)`, or one letter and
    /// `)`, then white space or the line's end), or none.
    static func listMarker(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> ListMarker? {
        func spaceAt(_ position: Int) -> Bool { position >= end || ByteClass.isSpace(bytes[position]) }
        let first = bytes[index]
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
            return spaceAt(index + 1) ? .bullet : nil
        default:
            break
        }
        var position = index
        while position < end, position - index < 3, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        let closer = bytes[position < end ? position : index]
        if position > index {
            guard position < end, closer == UInt8(ascii: ".") || closer == UInt8(ascii: ")") else { return nil }
        } else {
            // A letter item takes ")" only: "J. Smith" at a line's start is an initial.
            position += 1
            guard (first | 0x20) &- UInt8(ascii: "a") < 26, position < end, bytes[position] == UInt8(ascii: ")") else { return nil }
        }
        return spaceAt(position + 1) ? .number : nil
    }
}
