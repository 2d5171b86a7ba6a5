import CRefrainKernels

/// Splits text into paragraphs (by blank lines) and sentences (rule-based, abbreviation-aware).
///
/// A text with no blank line at all has a paragraph per line, as JSON Lines news keeps them;
/// so has a text whose line breaks are all in one paragraph that holds most of it.
/// A line break inside a paragraph also ends a sentence (a single line is a headline, a
/// dateline or a byline), unless the paragraph is hard-wrapped: there a break where a line
/// ran out of room is read as a space (`Segmenter+Wrapping.swift`).
@_spi(Stages) public enum Segmenter {
    /// Segments a document's bytes.
    ///
    /// - Parameter bytes: UTF-8 text; invalid bytes are kept inside spans, never split on.
    /// - Returns: Paragraph and sentence spans.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func segment(_ bytes: [UInt8]) -> Segmentation {
        bytes.withUnsafeBufferPointer { segment($0) }
    }

    /// Segments a buffer of bytes.
    ///
    /// Unicode's separators break as their ASCII kin do: U+2029 (paragraph) as a blank line,
    /// U+2028 (line) and NEL as a line feed. They are rare, so a text that has one is
    /// segmented through a copy with them spelled so, byte for byte in place: its spans are
    /// the text's own.
    public static func segment(_ bytes: UnsafeBufferPointer<UInt8>) -> Segmentation {
        guard let copy = asciiBreaks(bytes) else { return segmentASCIIBreaks(bytes) }
        return copy.withUnsafeBufferPointer { segmentASCIIBreaks($0) }
    }

    /// A copy of the text with its Unicode separators spelled in ASCII, byte for byte in place
    /// (U+2029 as three line feeds, U+2028 and NEL as a line feed and spaces), or `nil` when
    /// it has none: where the segmenter, and the cleaner's seams, read white space.
    ///
    /// - Complexity: O(*n*).
    static func asciiBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return nil }
        var next = refrain_find_unicode_break(base, 0, bytes.count)
        guard next < bytes.count else { return nil }
        var copy = Array(bytes)
        while next < bytes.count {
            // NEL is two bytes, the others three: the same number of ASCII bytes in their place.
            let replacement: [UInt8] =
                bytes[next] == 0xC2 ? [0x0A, 0x20] : bytes[next + 2] == 0xA9 ? [0x0A, 0x0A, 0x0A] : [0x0A, 0x20, 0x20]
            copy.replaceSubrange(next..<(next + replacement.count), with: replacement)
            next = refrain_find_unicode_break(base, next + replacement.count, bytes.count)
        }
        return copy
    }

    /// Segments a buffer whose only line breaks are line feeds and carriage returns.
    static func segmentASCIIBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Segmentation {
        var result = Segmentation()
        // Room for news text at once (a paragraph per 300 bytes or so, a sentence per 100),
        // so that the arrays do not reallocate again and again while they grow from empty.
        result.paragraphs.reserveCapacity(bytes.count / 256 + 2)
        result.sentenceRanges.reserveCapacity(bytes.count / 256 + 2)
        result.sentences.reserveCapacity(bytes.count / 96 + 2)
        var multiLine: [Int] = []
        forEachParagraph(in: bytes) { paragraph, lineCount in
            if lineCount > 1 { multiLine.append(result.paragraphs.count) }
            result.paragraphs.append(paragraph)
        }
        // Most news text has a line per paragraph: nothing to measure.
        let layout = multiLine.isEmpty ? LineLayout() : layout(bytes, paragraphs: result.paragraphs, multiLine: multiLine)
        var softBreaks: [Int] = []
        // A text whose line breaks are all in one paragraph that holds three quarters of it
        // or more ("Headline", a blank line, then the body a paragraph per line).
        if multiLine.count == 1, let first = result.paragraphs.first, let last = result.paragraphs.last,
            4 * result.paragraphs[multiLine[0]].count >= 3 * (last.end - first.start)
        {
            appendSoftBreaks(layout, paragraph: 0, in: bytes, linesAreParagraphs: true, to: &softBreaks)
            let paragraphs = result.paragraphs
            result.paragraphs.removeAll(keepingCapacity: true)
            for (index, paragraph) in paragraphs.enumerated() {
                if index == multiLine[0] {
                    appendLineParagraphs(of: paragraph, in: bytes, softBreaks: softBreaks, to: &result)
                } else {
                    appendParagraph(paragraph, in: bytes, to: &result)
                }
            }
            return result
        }
        var nextMultiLine = 0
        for (index, paragraph) in result.paragraphs.enumerated() {
            let first = result.sentences.count
            softBreaks.removeAll(keepingCapacity: true)
            if nextMultiLine < multiLine.count, multiLine[nextMultiLine] == index {
                appendSoftBreaks(layout, paragraph: nextMultiLine, in: bytes, to: &softBreaks)
                nextMultiLine += 1
            }
            appendSentences(in: bytes, paragraph: paragraph, softBreaks: softBreaks, to: &result.sentences)
            result.sentenceRanges.append(first..<result.sentences.count)
            // Only a paragraph of several lines has sentences that are lines of their own.
            if result.sentences.count - first > 1, nextMultiLine > 0, multiLine[nextMultiLine - 1] == index {
                for sentence in first..<result.sentences.count
                where isLine(result.sentences[sentence], in: bytes, paragraph: paragraph, softBreaks: softBreaks) {
                    result.lineSentences.append(Int32(sentence))
                }
            }
        }
        return result
    }

    /// Segments the paragraph of several lines of a text that has no other (and no blank
    /// line, or little text outside it): each of its lines is a paragraph, or each run of
    /// lines joined by soft breaks where it is wrapped.
    ///
    /// JSON Lines news keeps a paragraph per line with no blank line between; read as one
    /// paragraph, no paragraph of it could be a template and `diff` showed none of its lines.
    ///
    /// - Parameters:
    ///   - paragraph: The paragraph of several lines.
    ///   - bytes: The document's bytes.
    ///   - softBreaks: The paragraph's soft line-break bytes, in increasing order.
    ///   - result: The segmentation of the paragraphs before it, which receives its pieces.
    /// - Complexity: O(*n*) in the paragraph's length.
    static func appendLineParagraphs(
        of paragraph: ByteRange, in bytes: UnsafeBufferPointer<UInt8>, softBreaks: [Int], to result: inout Segmentation
    ) {
        guard let base = bytes.baseAddress else { return }
        var softCursor = 0
        var pieceSoftBreaks: [Int] = []
        var start = paragraph.start
        var index = paragraph.start
        while index < paragraph.end {
            var lineBreak = refrain_find_line_break(base, index, paragraph.end)
            var next = lineBreak
            if lineBreak < paragraph.end {
                if bytes[next] == 0x0D, next + 1 < paragraph.end, bytes[next + 1] == 0x0A { next += 1 }
                next += 1
            }
            while softCursor < softBreaks.count, softBreaks[softCursor] < lineBreak {
                pieceSoftBreaks.append(softBreaks[softCursor])
                softCursor += 1
            }
            let isSoft = lineBreak < paragraph.end && softCursor < softBreaks.count && softBreaks[softCursor] == lineBreak
            if !isSoft {
                // The paragraph has no blank line, so every piece holds text; trim its edges.
                while lineBreak > start, ByteClass.isSpace(bytes[lineBreak - 1]) { lineBreak -= 1 }
                appendParagraph(ByteRange(start, lineBreak), in: bytes, softBreaks: pieceSoftBreaks, to: &result)
                pieceSoftBreaks.removeAll(keepingCapacity: true)
                start = next
                while start < paragraph.end, ByteClass.isSpace(bytes[start]) { start += 1 }
            }
            index = next
        }
    }

    /// Appends a paragraph and its sentences to a segmentation.
    ///
    /// - Parameter softBreaks: The paragraph's soft line-break bytes, in increasing order.
    /// - Complexity: O(*n*) in the paragraph's length.
    static func appendParagraph(
        _ paragraph: ByteRange, in bytes: UnsafeBufferPointer<UInt8>, softBreaks: [Int] = [], to result: inout Segmentation
    ) {
        let first = result.sentences.count
        result.paragraphs.append(paragraph)
        appendSentences(in: bytes, paragraph: paragraph, softBreaks: softBreaks, to: &result.sentences)
        result.sentenceRanges.append(first..<result.sentences.count)
    }

    /// Calls `body` with each paragraph span: a maximal run of lines that are not blank
    /// (`isInvisible(_:from:to:)`).
    ///
    /// A byte-order mark at the start of the text is not text: no paragraph includes it.
    /// - Complexity: O(*n*).
    public static func forEachParagraph(in bytes: UnsafeBufferPointer<UInt8>, _ body: (ByteRange) -> Void) {
        forEachParagraph(in: bytes) { paragraph, _ in body(paragraph) }
    }

    /// Calls `body` with each paragraph span and its number of lines.
    ///
    /// - Complexity: O(*n*).
    static func forEachParagraph(in bytes: UnsafeBufferPointer<UInt8>, _ body: (ByteRange, Int) -> Void) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        var index = hasByteOrderMark(bytes) ? 3 : 0
        var paragraphStart = -1  // first non-space byte of the open paragraph
        var paragraphEnd = 0  // one past its last non-space byte
        var lineCount = 0  // lines of the open paragraph
        while index < count {
            // One line: [index, lineEnd), then its terminator.
            let lineEnd = refrain_find_line_break(base, index, count)
            var firstText = index
            while firstText < lineEnd, ByteClass.isSpace(bytes[firstText]) { firstText += 1 }
            if firstText == lineEnd || isInvisible(bytes, from: firstText, to: lineEnd) {
                if paragraphStart >= 0 {
                    body(ByteRange(paragraphStart, paragraphEnd), lineCount)
                    paragraphStart = -1
                    lineCount = 0
                }
            } else {
                var lastText = lineEnd - 1
                while ByteClass.isSpace(bytes[lastText]) { lastText -= 1 }
                if paragraphStart < 0 { paragraphStart = firstText }
                paragraphEnd = lastText + 1
                lineCount += 1
            }
            index = lineEnd
            if index < count {
                // \r\n counts as one break.
                if bytes[index] == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                index += 1
            }
        }
        if paragraphStart >= 0 { body(ByteRange(paragraphStart, paragraphEnd), lineCount) }
    }

    /// Where a sentence ends at a stop with no space after it, if it does: a word that
    /// opens sentences (`missingSpaceOpeners`) and a space come next, and before the stop
    /// a run of two bytes or more without white space, nor a point, slash, at sign,
    /// underscore, colon or equals sign in it ("40 percent.The minister", "in 2023.It",
    /// "Müller.He said"), as text scraped from web pages joins paragraphs whose tags were
    /// dropped (review 105). Names of code, hosts and addresses ("threading.Thread",
    /// "Ulrich.Windl@", "www.example.Com", "U.S.The") do not end one. An opening quote between
    /// the stop and the word goes with the next sentence.
    ///
    /// - Parameters:
    ///   - index: The stop, `.`, `!` or `?`.
    ///   - after: Past the stop and the quotes or brackets that close with it.
    /// - Returns: Where the sentence ends: `after`, or before an opening quote.
    /// - Complexity: O(1): at most 64 bytes before the stop and 12 after.
    static func missingSpaceEnd(_ bytes: UnsafeBufferPointer<UInt8>, stopAt index: Int, after: Int, from start: Int, end: Int)
        -> Int?
    {
        let stop = bytes[index]
        guard stop == UInt8(ascii: ".") || stop == UInt8(ascii: "!") || stop == UInt8(ascii: "?") else { return nil }
        @inline(__always) func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
        guard after < end, bytes[after] &- UInt8(ascii: "A") < 26 else { return nil }
        // The next word ("Según" and "Während" have letters past ASCII), then a space.
        var wordEnd = after + 1
        while wordEnd < end, wordEnd - after <= 12, isLower(bytes[wordEnd]) || bytes[wordEnd] >= 0x80 { wordEnd += 1 }
        guard wordEnd < end, bytes[wordEnd] == UInt8(ascii: " ") || bytes[wordEnd] == UInt8(ascii: ","),
            wordEnd - after <= 12, missingSpaceOpeners.contains(String(decoding: bytes[after..<wordEnd], as: UTF8.self))
        else { return nil }
        var runStart = index
        while runStart > start, index - runStart <= 64, !ByteClass.isSpace(bytes[runStart - 1]) { runStart -= 1 }
        guard index - runStart >= 2, index - runStart <= 64 else { return nil }
        for byte in bytes[runStart..<index] {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "="):
                return nil
            default: continue
            }
        }
        // “ or ‘ right after the stop, with no space, opens the next sentence.
        if after == index + 4, bytes[index + 1] == 0xE2, bytes[index + 2] == 0x80, bytes[index + 3] == 0x9C || bytes[index + 3] == 0x98 {
            return index + 1
        }
        return after
    }

    /// Where a link that holds the point at `index` ends, when a capitalized word follows it
    /// after a space: the link closes its sentence ("Read more: https://example.com/politics
    /// Sign up for our newsletter…", a footer's lines as a text collapsed to one line writes
    /// them; review 105). A link is a run of bytes without white space that holds "://" or
    /// starts with "www.".
    ///
    /// - Returns: `closing`, the link's end, or `nil` when the point is in no link or no
    ///   capitalized word follows it; and `checked`, the end of the bytes read past the
    ///   point, before which no other point of the run need be asked about (a run of many
    ///   points is read once, not once a point).
    /// - Complexity: O(*n*) in the run's bytes, at most 512 before the point and 2,048 after.
    static func linkBeforeASentence(_ bytes: UnsafeBufferPointer<UInt8>, pointAt index: Int, from start: Int, end: Int)
        -> (closing: Int?, checked: Int)
    {
        var runEnd = index + 1
        while runEnd < end, runEnd - index < 2048, !ByteClass.isSpace(bytes[runEnd]) { runEnd += 1 }
        var runStart = index
        while runStart > start, index - runStart < 512, !ByteClass.isSpace(bytes[runStart - 1]) { runStart -= 1 }
        // "www." at the run's start, or "://" in it, read byte by byte: a generic search of
        // a slice was many times slower.
        var isLink =
            index - runStart >= 3 && bytes[runStart] == UInt8(ascii: "w") && bytes[runStart + 1] == UInt8(ascii: "w")
            && bytes[runStart + 2] == UInt8(ascii: "w") && bytes[runStart + 3] == UInt8(ascii: ".")
        var position = runStart
        while !isLink, position + 2 < index {
            isLink =
                bytes[position] == UInt8(ascii: ":") && bytes[position + 1] == UInt8(ascii: "/")
                && bytes[position + 2] == UInt8(ascii: "/")
            position += 1
        }
        guard isLink else { return (nil, runEnd) }
        // A link that ends with a stop or a bracket is closed by the usual rules.
        let last = bytes[runEnd - 1]
        guard runEnd + 2 < end, bytes[runEnd] == 0x20, ByteClass.isASCIIWordByte(last) || last == UInt8(ascii: "/") else {
            return (nil, runEnd)
        }
        let first = bytes[runEnd + 1]
        let second = bytes[runEnd + 2]
        guard first &- UInt8(ascii: "A") < 26, second &- UInt8(ascii: "a") < 26 else { return (nil, runEnd) }
        return (runEnd, runEnd)
    }

    /// Words that open sentences in news, in English and the languages of Western Europe's
    /// agencies, and seldom follow a point inside a name: the next
    /// word where a stop has no space after it (`missingSpaceEnd`).
    static let missingSpaceOpeners: Set<String> = [
        "The", "A", "An", "In", "It", "Its", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those",
        "There", "But", "And", "So", "Yet", "However", "Meanwhile", "On", "At", "For", "From", "With", "By", "As", "After",
        "Before", "During", "According", "His", "Her", "Their", "Our", "If", "When", "While", "Although", "Since", "Mr",
        "Mrs", "Ms", "Dr", "Some", "Many", "Most", "Earlier", "Later", "Last", "Officials", "Police",
        // Spanish, Portuguese, French and German articles, pronouns and conjunctions (review 107).
        "El", "La", "Los", "Las", "Un", "Una", "Pero", "Para", "Por", "Sin", "Con", "Del", "Al", "Os", "Um", "Uma",
        "Em", "Mas", "Le", "Les", "Il", "Ils", "Elle", "Une", "Des", "Du", "Dans", "Selon", "Mais", "Pour", "Der", "Die",
        "Das", "Den", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Im", "Am", "Auch", "Doch", "Aber", "Nach", "Laut",
        "Según", "Además", "Después", "También", "Também", "Além", "Após", "Während", "Zudem",
    ]

    /// Whether a line holds only spaces that are not ASCII (no-break, zero-width, ideographic:
    /// `ByteClass.horizontalSpaceLength`), and ASCII ones: a blank line, as web pages'
    /// empty paragraphs (`&nbsp;`) come out of an HTML export.
    ///
    /// - Complexity: O(*n*) in the line's leading spaces.
    @inline(__always)
    static func isInvisible(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end {
            let length = ByteClass.horizontalSpaceLength(bytes, at: index, end: end)
            if length == 0 { return false }
            index += length
        }
        return true
    }

    /// Whether a span is a whole line of its paragraph: only spaces and tabs between it and
    /// a hard line break or the paragraph's edge, on both sides.
    ///
    /// - Complexity: O(*n*) in the white space around the span.
    static func isLine(_ span: ByteRange, in bytes: UnsafeBufferPointer<UInt8>, paragraph: ByteRange, softBreaks: [Int]) -> Bool {
        func isEdge(_ index: Int) -> Bool {
            guard ByteClass.isLineBreak(bytes[index]) else { return false }
            let position = softBreaks.lowerBound(of: index)
            return position == softBreaks.count || softBreaks[position] != index
        }
        var before = span.start
        while before > paragraph.start, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x09 { before -= 1 }
        guard before == paragraph.start || isEdge(before - 1) else { return false }
        var after = span.end
        while after < paragraph.end, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        return after == paragraph.end || isEdge(after)
    }

    /// Whether the text starts with a UTF-8 byte-order mark (EF BB BF).
    public static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Appends the sentences of one paragraph to `sentences`.
    ///
    /// A sentence ends at a line break that is not soft, or after `.`, `!`, `?`, `…` (and any closing quotes
    /// or brackets) that are followed by white space and then by something other than a
    /// lower-case letter, unless the word before a `.` is a known abbreviation ("Sept.",
    /// "Mr.") or a single letter ("U.S.", "J. Smith"). CJK full stops end a sentence
    /// without white space.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - paragraph: The paragraph's span.
    ///   - softBreaks: The offsets of line-break bytes inside the paragraph that are read as
    ///     white space (`appendSoftBreaks`), in increasing order.
    ///   - sentences: Receives the sentence spans.
    /// - Complexity: O(*n*) in the paragraph's length.
    public static func appendSentences(
        in bytes: UnsafeBufferPointer<UInt8>, paragraph: ByteRange, softBreaks: [Int] = [], to sentences: inout [ByteRange]
    ) {
        var start = paragraph.start
        var index = paragraph.start
        let end = paragraph.end
        let first = sentences.count
        var pending = -1  // start of wordless text ("* * *", "—") waiting for the next sentence
        var hasThai = false
        var linkChecked = 0  // points before this one are in a run already read for a link
        // Offsets are asked for in increasing order: a cursor, not a search.
        var softCursor = 0
        func isSoft(_ lineBreak: Int) -> Bool {
            while softCursor < softBreaks.count, softBreaks[softCursor] < lineBreak { softCursor += 1 }
            return softCursor < softBreaks.count && softBreaks[softCursor] == lineBreak
        }

        func close(_ sentenceEnd: Int, next: Int) {
            var s = start
            var e = sentenceEnd
            while s < e {
                // `&nbsp;` too: "in 1994.&nbsp;The" starts its second sentence at "The".
                let space =
                    ByteClass.isSpace(bytes[s])
                    ? 1 : bytes[s] == UInt8(ascii: "&") ? CharacterReference.spaceLength(bytes, at: s, end: e) : 0
                if space == 0 { break }
                s += space
            }
            while e > s, ByteClass.isSpace(bytes[e - 1]) { e -= 1 }
            start = next
            guard s < e else { return }
            // A piece without a word is no sentence: it joins the next sentence, or the
            // previous one at the paragraph's end. A paragraph's only sentence would
            // otherwise be a copy of the paragraph, matched against it as a repeat.
            if !containsWord(bytes, s..<e) {
                if pending < 0 { pending = s }
                return
            }
            if pending >= 0 {
                s = pending
                pending = -1
            }
            sentences.append(ByteRange(s, e))
        }

        guard let base = bytes.baseAddress, start < end else { return }
        if let dateline = datelineEnd(bytes, from: start, end: end) {
            close(dateline, next: dateline)
            index = dateline
        }
        // Most bytes cannot end a sentence: the ones that may are read off a mask of 64
        // bytes at a time, not found by a call per candidate that searches afresh.
        var blockStart = index
        var blockMask = refrain_sentence_mask(base, index, end, bytes.count)
        while index < end {
            while index < end {
                if index >= blockStart + 64 {
                    blockStart = index
                    blockMask = refrain_sentence_mask(base, index, end, bytes.count)
                }
                let rest = blockMask >> UInt64(index - blockStart)
                if rest != 0 {
                    index += rest.trailingZeroBitCount
                    break
                }
                index = blockStart + 64
            }
            if index >= end { break }
            let byte = bytes[index]
            if ByteClass.isLineBreak(byte) {
                if !softBreaks.isEmpty, isSoft(index) {
                    index += 1
                    continue
                }
                close(index, next: index + 1)
                index += 1
                continue
            }
            var terminatorLength = 0
            var needsSpace = true
            if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                terminatorLength = 1
            } else if byte == UInt8(ascii: ".") {
                let goesOn =
                    isAbbreviation(bytes, periodAt: index, from: start)
                    ? !abbreviationEndsSentence(bytes, periodAt: index, from: start, end: end)
                    : isForeignAbbreviation(bytes, periodAt: index, from: start, end: end)
                terminatorLength = goesOn ? 0 : 1
            } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 {
                terminatorLength = 3  // …
                // After Chinese or Japanese, as their own stops: no space follows, and a “ opens the next sentence.
                needsSpace = !(index >= start + 3 && Self.isCJK(leadAt: index - 3, in: bytes, end: end))
            } else if byte == 0xE3, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x82 {
                terminatorLength = 3  // 。
                needsSpace = false
            } else if byte == 0xEF, index + 2 < end, bytes[index + 1] == 0xBC,
                bytes[index + 2] == 0x81 || bytes[index + 2] == 0x9F
            {
                terminatorLength = 3  // ！ ？
                needsSpace = false
            } else if byte == 0xEF, index + 2 < end,
                bytes[index + 1] == 0xBC && bytes[index + 2] == 0x8E || bytes[index + 1] == 0xBD && bytes[index + 2] == 0xA1
            {
                // ． and ｡, Japanese full stops; not ． as the point of a number written full width ("３．５").
                let isDecimalPoint =
                    bytes[index + 2] == 0x8E && Self.isDigit(before: index, in: bytes, from: start)
                    && Self.isDigit(at: index + 3, in: bytes, end: end)
                terminatorLength = isDecimalPoint ? 0 : 3
                needsSpace = false
            } else if byte == 0xE0, index + 2 < end, bytes[index + 1] == 0xA5, bytes[index + 2] &- 0xA4 < 2 {
                terminatorLength = 3  // । ॥, the danda of Hindi, Marathi, Nepali, Bengali, Punjabi text
                needsSpace = false
            } else if Self.isThaiOrLao(at: index, in: bytes) {
                hasThai = true  // Thai and Lao end sentences with a space: split after the loop
            } else if byte == 0xE0, index + 2 < end, bytes[index + 1] == 0xBC, bytes[index + 2] &- 0x8D < 2 {
                terminatorLength = 3  // ། ༎, Tibetan's shad
                needsSpace = false
            } else if byte == 0xCD, index + 1 < end, bytes[index + 1] == 0xBE {
                terminatorLength = 2  // ; Greek's question mark (U+037E)
            } else if byte == UInt8(ascii: ";"), index >= start + 2, bytes[index - 2] &- 0xCE < 2 {
                terminatorLength = 1  // Greek's question mark typed as a semicolon, after a Greek letter
            } else if byte == UInt8(ascii: ";"), let reference = CharacterReference.ending(at: index, in: bytes, from: start),
                reference.value == 0x2026
            {
                terminatorLength = 1  // &hellip;, read from its last byte on as … is
            } else if index + 1 < end,
                byte == 0xD8 && bytes[index + 1] == 0x9F || byte == 0xDB && bytes[index + 1] == 0x94
                    || byte == 0xD6 && bytes[index + 1] == 0x89
            {
                terminatorLength = 2  // ؟ (Arabic, Persian, Urdu), ۔ (Urdu), ։ (Armenian)
                needsSpace = false
            } else if byte == 0xE1, index + 2 < end,
                bytes[index + 1] == 0x8D && bytes[index + 2] == 0xA2 || bytes[index + 1] == 0x81 && bytes[index + 2] == 0x8B
                    || bytes[index + 1] == 0x9F && bytes[index + 2] == 0x94
            {
                terminatorLength = 3  // ። (Ethiopic), ။ (Myanmar), ។ (Khmer)
                needsSpace = false
            }
            guard terminatorLength > 0 else {
                index += 1
                continue
            }
            var after = index + terminatorLength
            // Repeated terminators ("?!", "...") and closing quotes or brackets stay with the sentence.
            while after < end {
                let b = bytes[after]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                    || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ")")
                    || b == UInt8(ascii: "]")
                {
                    after += 1
                } else if b == 0xE2, after + 2 < end, bytes[after + 1] == 0x80,
                    bytes[after + 2] == 0x99 || bytes[after + 2] == 0x9D || bytes[after + 2] == 0xA6
                        || needsSpace && (bytes[after + 2] == 0x98 || bytes[after + 2] == 0x9C)
                {
                    // ” ’ …, and after a Latin stop German's closing “ ‘ („…“); after 。 a “
                    // opens the next sentence, as Chinese writes it.
                    after += 3
                } else if b == 0xC2, after + 1 < end, bytes[after + 1] == 0xBB || needsSpace && bytes[after + 1] == 0xAB {
                    after += 2  // », and after a Latin stop German's closing « (»…«)
                } else if b == 0xC2, after + 3 < end, bytes[after + 1] == 0xA0, bytes[after + 2] == 0xC2, bytes[after + 3] == 0xBB {
                    after += 4  // French's no-break space before its closing » ("… République. »")
                } else if b == 0xE2, after + 4 < end, bytes[after + 1] == 0x80, bytes[after + 2] == 0xAF, bytes[after + 3] == 0xC2,
                    bytes[after + 4] == 0xBB
                {
                    after += 5  // the same with a narrow no-break space
                } else if b == 0xE3, after + 2 < end, bytes[after + 1] == 0x80, bytes[after + 2] == 0x8D || bytes[after + 2] == 0x8F {
                    after += 3  // 」 』
                } else if b == 0xE3, after + 2 < end, bytes[after + 1] == 0x80, bytes[after + 2] == 0x82 {
                    after += 3  // 。 after another stop ("…。")
                    needsSpace = false
                } else if b == 0xE2, after + 2 < end, bytes[after + 1] == 0x80, bytes[after + 2] == 0x8E || bytes[after + 2] == 0x8F {
                    after += 3  // the left-to-right and right-to-left marks that right-to-left text puts after its stops
                } else if b == 0xD8, after + 1 < end, bytes[after + 1] == 0x9C {
                    after += 2  // the Arabic letter mark
                } else if b == 0x94 || b == 0x92 || b == 0xBB, ByteClass.isLoneContinuation(bytes, at: after) {
                    after += 1  // ” ’ » of a Windows-1252 file
                } else if b == UInt8(ascii: "&"),
                    case let length = CharacterReference.closingQuoteLength(bytes, at: after, end: end, afterLatinStop: needsSpace),
                    length > 0
                {
                    after += length  // &quot; &rdquo; &#39; of a web page's text
                } else {
                    break
                }
            }
            if !needsSpace {
                // 「…。」と述べた: a quote ending in a stop, then the quoting "と" before a verb
                // (a kanji, or し: と述べた, とした), is one sentence with its attribution;
                // ところが, とはいえ, というのも and the like open a new one.
                if after > index + terminatorLength, bytes[after - 3] == 0xE3, after + 5 < end, bytes[after] == 0xE3,
                    bytes[after + 1] == 0x81, bytes[after + 2] == 0xA8,
                    bytes[after + 3] &- 0xE4 < 6 || bytes[after + 3] == 0xE3 && bytes[after + 4] == 0x81 && bytes[after + 5] == 0x97
                {
                    index = after
                    continue
                }
                close(after, next: after)
                index = after
                continue
            }
            var next = after
            while next < end {
                let space = ByteClass.horizontalSpaceLength(bytes, at: next, end: end)
                if space > 0 {
                    next += space
                } else if ByteClass.isLineBreak(bytes[next]) && !softBreaks.isEmpty && isSoft(next) {
                    next += 1
                } else {
                    break
                }
            }
            if next == after, after < end, Self.isCJK(leadAt: after, in: bytes, end: end),
                index >= start + 3, Self.isCJK(leadAt: index - 3, in: bytes, end: end)
            {
                // Chinese, Japanese or Korean text written with ASCII stops (or "……") puts no
                // space between sentences: "增长放缓.政府宣布" ends one.
                close(after, next: after)
                index = after
                continue
            }
            if next == after, after < end, let sentenceEnd = Self.missingSpaceEnd(bytes, stopAt: index, after: after, from: start, end: end)
            {
                close(sentenceEnd, next: sentenceEnd)
                index = after
                continue
            }
            if next == after, byte == UInt8(ascii: "."), index >= linkChecked {
                let link = Self.linkBeforeASentence(bytes, pointAt: index, from: start, end: end)
                linkChecked = link.checked
                if let closing = link.closing {
                    close(closing, next: closing)
                    index = closing
                    continue
                }
            }
            if next == after || next >= end {
                // No white space after the terminator ("Nov.3", "2.5"), or the paragraph ends.
                index = after
                continue
            }
            let following = bytes[next]
            if following >= UInt8(ascii: "a") && following <= UInt8(ascii: "z"), !Self.isCamelCase(bytes, at: next, end: end) {
                index = next
                continue
            }
            // A Latin lower-case letter past ASCII goes on as an ASCII one does ("yoğurt vb.
            // ürünlerde", "z. B. über"); a Greek one after Latin text does not ("said. β-blockers").
            // So does one spelled as a reference ("vb.&nbsp;&uuml;r").
            if following >= 0xC3, following <= 0xE1, let (value, _) = ByteClass.decodeScalar(bytes, at: next, end: end),
                Self.isLatinLowercase(value)
            {
                index = next
                continue
            }
            if following == UInt8(ascii: "&"), let (value, _) = CharacterReference.decode(bytes, at: next, end: end),
                value &- 0x61 < 26 || Self.isLatinLowercase(value)
            {
                index = next
                continue
            }
            // In text of another script a lower-case letter goes on too ("В 2023 г. завод"); not
            // after Latin text ("said. β-blockers", "café. β", "duty, φιλότιμο. φιλότιμο is"),
            // nor one of a script without case (Georgian's letters are lower case, their title
            // case themselves).
            if following >= 0xC0, Self.isNonLatinLetter(endingAt: index, in: bytes, from: start),
                Self.hasNoLatinLetter(bytes, before: index, from: start),
                let (value, _) = ByteClass.decodeScalar(bytes, at: next, end: end),
                let scalar = Unicode.Scalar(value), scalar.properties.isLowercase,
                scalar.properties.titlecaseMapping != String(scalar)
            {
                index = next
                continue
            }
            // "am 3. Oktober": a day's ordinal before a month's name; "2. Voters must…": a
            // list item's number, which goes with its item.
            if byte == UInt8(ascii: "."),
                Self.isOrdinalBeforeMonth(bytes, periodAt: index, next: next, from: start, end: end)
                    || Self.isListNumber(bytes, periodAt: index, from: start)
            {
                index = next
                continue
            }
            close(after, next: next)
            index = next
        }
        close(end, next: end)
        if pending >= 0 {
            if sentences.count > first {
                sentences[sentences.count - 1].end = end
            } else {
                sentences.append(ByteRange(pending, end))
            }
        }
        if hasThai { splitThai(bytes, sentences: &sentences, from: first) }
    }

    /// Whether a scalar past ASCII is a lower-case Latin letter (Latin-1 to Latin Extended-B,
    /// Latin Extended Additional).
    static func isLatinLowercase(_ value: UInt32) -> Bool {
        (value >= 0xDF && value <= 0x24F || value >= 0x1E00 && value <= 0x1EFF) && Unicode.Scalar(value)?.properties.isLowercase == true
    }

    /// The bytes a Thai or Lao piece must have to end at a space as a sentence (25
    /// characters), and the bytes that must follow it (10). A space also sets off a phrase
    /// ("นายกรัฐมนตรี กล่าวว่า …", the prime minister said that …), and such short pieces, alike in
    /// many documents, were marked recycled and removed; a short new sentence after a long
    /// one still stands alone.
    static let thaiPieceBytes = (before: 75, after: 30)

    /// Splits sentences where Thai or Lao ends one: at a space between two of their characters,
    /// since they write no stop and no space between words; pieces shorter than
    /// `thaiPieceBytes` stay with their neighbours.
    ///
    /// - Complexity: O(*n*) in the sentences' bytes.
    static func splitThai(_ bytes: UnsafeBufferPointer<UInt8>, sentences: inout [ByteRange], from first: Int) {
        func isThai(_ index: Int) -> Bool { isThaiOrLao(at: index, in: bytes) }
        var split: [ByteRange] = []
        for sentence in sentences[first...] {
            var start = sentence.start
            var index = sentence.start
            while index < sentence.end {
                guard bytes[index] == 0x20, index - 3 >= start, isThai(index - 3) else {
                    index += 1
                    continue
                }
                var next = index
                while next < sentence.end, bytes[next] == 0x20 { next += 1 }
                if next < sentence.end, isThai(next), index - start >= thaiPieceBytes.before, sentence.end - next >= thaiPieceBytes.after {
                    split.append(ByteRange(start, index))
                    start = next
                }
                index = next
            }
            split.append(ByteRange(start, sentence.end))
        }
        sentences.replaceSubrange(first..., with: split)
    }

    /// Whether a Thai or Lao character (U+0E00–U+0EFF) starts at `index`, whole in `bytes`.
    static func isThaiOrLao(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        index >= 0 && index + 2 < bytes.count && bytes[index] == 0xE0 && bytes[index + 1] &- 0xB8 < 4
    }

    /// Whether the point at `index` ends a list item's number that opens its sentence: one
    /// to three digits after nothing but white space ("2. Voters must bring…"). Its own
    /// sentence, the number stayed behind when `clean` removed a template list's items
    /// (review 105), as a bullet's mark does not.
    ///
    /// - Complexity: O(1): at most three digits and the white space before them.
    static func isListNumber(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int) -> Bool {
        var position = index
        while position > start, index - position < 3, bytes[position - 1] &- UInt8(ascii: "0") < 10 { position -= 1 }
        guard position < index else { return false }
        while position > start, ByteClass.isSpace(bytes[position - 1]) { position -= 1 }
        return position == start
    }

    /// Words a German date's day comes after ("am 3. Oktober", "bis zum 5. Mai").
    static let germanBeforeDay: [[UInt8]] = ["am", "vom", "zum", "bis", "ab", "seit", "den", "dem", "des", "der", "im", "und"].map {
        Array($0.utf8)
    }

    /// German weekdays, lower case, which a date's day may follow after a comma.
    static let germanWeekdays: [[UInt8]] = [
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    ].map { Array($0.utf8) }

    /// Whether a word that starts lower case has a capital after it (iPhone, eBay, mRNA): a
    /// brand that opens a sentence, not the lower-case word that continues one.
    static func isCamelCase(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        var position = index
        while position < end, position < index + 4, bytes[position] &- UInt8(ascii: "a") < 26 { position += 1 }
        return position > index && position < end && bytes[position] &- UInt8(ascii: "A") < 26
    }

    /// German month names, each a day's ordinal may come before ("3. Oktober").
    static let germanMonths: [[UInt8]] = [
        "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember",
    ].map { Array($0.utf8) }

    /// Whether the period at `index` follows a day's number (one or two digits, a word of its
    /// own) and comes before a German month's name, as in "am 3. Oktober".
    static func isOrdinalBeforeMonth(
        _ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, next: Int, from start: Int, end: Int
    ) -> Bool {
        var digits = 0
        while digits < 3, index - digits - 1 >= start, bytes[index - digits - 1] &- UInt8(ascii: "0") < 10 { digits += 1 }
        guard digits == 1 || digits == 2 else { return false }
        let before = index - digits - 1
        guard before < start || ByteClass.isSpace(bytes[before]) || bytes[before] == UInt8(ascii: "(") else { return false }
        // In German context only ("am 3.", "vom 3.", "Montag, 3."): English spells April,
        // August, September and November alike, and "the iPhone 15. September is", "13, 14,
        // 15. April was" and "so far: 3. August Weber said" end a sentence.
        var wordEnd = before
        while wordEnd > start, ByteClass.isSpace(bytes[wordEnd - 1]) { wordEnd -= 1 }
        guard wordEnd > start else { return false }
        // A weekday's comma: "Montag, 3. Oktober".
        let afterComma = bytes[wordEnd - 1] == UInt8(ascii: ",")
        if afterComma { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > start, ByteClass.isASCIIWordByte(bytes[wordStart - 1]) { wordStart -= 1 }
        let word = bytes[wordStart..<wordEnd].map { $0 | 0x20 }
        guard (afterComma ? germanWeekdays : germanBeforeDay).contains(where: { $0.elementsEqual(word) }) else { return false }
        guard
            let month = germanMonths.first(where: { month in
                next + month.count <= end && bytes[next..<(next + month.count)].elementsEqual(month)
            })
        else { return false }
        // And the month is a date's: a year, a lower-case word or punctuation follows, not a
        // capital ("I am 12. April Moreau said", a name).
        var after = next + month.count
        if after == end { return true }
        if ByteClass.isASCIIWordByte(bytes[after]) { return false }
        while after < end, bytes[after] == UInt8(ascii: " ") { after += 1 }
        guard after < end else { return true }
        if bytes[after] < 0x80 { return bytes[after] &- UInt8(ascii: "A") >= 26 }
        guard let (value, _) = ByteClass.decodeScalar(bytes, at: after, end: end), let scalar = Unicode.Scalar(value) else { return true }
        return !scalar.properties.isUppercase
    }

    /// Whether the 32 bytes before `index` (from `start` on) hold no ASCII letter: text of
    /// another script, not a foreign word inside English.
    static func hasNoLatinLetter(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int, from start: Int) -> Bool {
        !bytes[max(start, index - 32)..<index].contains { ($0 | 0x20) &- UInt8(ascii: "a") < 26 }
    }

    /// Whether the character that ends just before `index` is a cased letter of a script
    /// past Latin's blocks, in two bytes (Greek, Cyrillic, Armenian …: U+0370–U+07FF).
    static func isNonLatinLetter(endingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard index - 2 >= start, bytes[index - 2] &- 0xCD < 0xE0 - 0xCD, bytes[index - 1] & 0xC0 == 0x80,
            let (value, _) = ByteClass.decodeScalar(bytes, at: index - 2, end: index), let scalar = Unicode.Scalar(value)
        else { return false }
        return scalar.properties.isLowercase || scalar.properties.isUppercase
    }

    /// Whether a Chinese, Japanese or Korean character (U+3000–U+D7FF: CJK punctuation, kana,
    /// ideographs, Hangul) starts at `index`, whole before `end`.
    static func isCJK(leadAt index: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        index + 2 < end && bytes[index] &- 0xE3 <= 0xED - 0xE3 && bytes[index + 1] & 0xC0 == 0x80 && bytes[index + 2] & 0xC0 == 0x80
    }

    /// Whether an ASCII or full-width digit ends just before `index` (at or after `from`).
    static func isDigit(before index: Int, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        if index - 1 >= from, bytes[index - 1] &- UInt8(ascii: "0") < 10 { return true }
        return index - 3 >= from && bytes[index - 3] == 0xEF && bytes[index - 2] == 0xBC && bytes[index - 1] &- 0x90 < 10
    }

    /// Whether an ASCII or full-width digit starts at `index` (before `end`).
    static func isDigit(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        if index < end, bytes[index] &- UInt8(ascii: "0") < 10 { return true }
        return index + 2 < end && bytes[index] == 0xEF && bytes[index + 1] == 0xBC && bytes[index + 2] &- 0x90 < 10
    }

    /// Whether a range holds a letter or digit: a token of `Tokenizer`.
    ///
    /// - Complexity: O(*n*), usually stopping within a few bytes.
    static func containsWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            // "&nbsp;" is a space and "&eacute;" a letter, as the tokenizer reads them.
            let reference = byte == UInt8(ascii: "&") ? CharacterReference.decode(bytes, at: index, end: range.upperBound) : nil
            if byte < 0x80, reference == nil || reference!.value < 0x80 {
                if let reference {
                    if ByteClass.isASCIIWordByte(UInt8(reference.value)) { return true }
                    index += reference.length
                    continue
                }
                if ByteClass.isASCIIWordByte(byte) { return true }
                index += 1
                continue
            }
            guard let (value, width) = reference ?? ByteClass.decodeScalar(bytes, at: index, end: range.upperBound) else {
                index += 1
                continue
            }
            switch Tokenizer.classify(value) {
            case .word, .character: return true
            default: index += width
            }
        }
        return false
    }

    /// Abbreviations written before a name ("Dr. Lopez", "No. 2"): their period never ends a
    /// sentence (lower-case, without the period).
    static let titles: [String] = [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "cmdr",
        "adm", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "maj", "brig", "cpl", "pvt", "no", "fig", "vol",
    ]

    /// The months' and days' abbreviations (lower-case, without the period).
    static let monthsAndDays: [String] = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    /// Abbreviations after which a period does not end a sentence (lower-case, without the period).
    static let abbreviations: [String] =
        titles + ["sr", "jr"] + monthsAndDays + [
            "inc", "ltd", "co", "corp", "bros", "vs", "nos", "approx", "dept",
            "est", "al", "ca", "cf", "ed", "eds", "mt", "ft", "ave", "blvd", "rd",
            // Of other languages, inside sentences: "die sog. Reichsbürger", "12 Mrd. Euro",
            // "tzw. reformy", "np. Kraków", "Avda. de" (`foreignAbbreviations`).
        ] + foreignAbbreviations

    /// Abbreviations of other languages, which in capitals are English acronyms ("the SRA.",
    /// "NP.", "MRD."): an abbreviation only with a lower-case letter. Among them Spanish,
    /// Portuguese, German and French titles before a name ("la Dra. Ruiz", "el Lic.", "Ing.",
    /// "Gral.", "Excmo.", "Hr. Weber", "Pr. Martin"; review 107: the name went with a template
    /// before it). (French "av." before "J.-C." is `isForeignAbbreviation`'s: Swedish and
    /// Norwegian end sentences with "av.") Not "ul." (English's "UL."), "vb." (Turkish's
    /// "etc.", which ends lists and sentences) or "TP." (Vietnamese writes it in capitals).
    static let foreignAbbreviations = [
        "sra", "srta", "mme", "mlle", "dott", "sog", "mio", "mrd", "bzw", "tzw", "tzv", "np", "avda",
        "dra", "lic", "ing", "gral", "profa", "arq", "excmo", "exma", "exmo", "eng", "hr", "fr", "pr",
    ]

    /// The abbreviations packed as up to six lower-case bytes in an integer (no string per
    /// period), in a 1,024-slot open-addressing table: one multiply per lookup where a
    /// `Set<UInt64>` would hash with SipHash. Zero marks an empty slot. Under a tenth full, a word
    /// that is not in it (most) finds an empty slot at once, so the probe loop's branch is
    /// predictable; a fuller table would mispredict it often (8 KB is in L1 anyway).
    static let packedAbbreviations: [UInt64] = {
        var table = [UInt64](repeating: 0, count: abbreviationSlots)
        for word in abbreviations {
            let key = packed(word)
            var slot = abbreviationSlot(key)
            while table[slot] != 0 { slot = (slot + 1) & (abbreviationSlots - 1) }
            table[slot] = key
        }
        return table
    }()

    /// The size of `packedAbbreviations`: a power of two.
    static let abbreviationSlots = 1024

    @inline(__always)
    static func abbreviationSlot(_ packed: UInt64) -> Int { Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 54) }

    /// Whether the period at `index` belongs to an abbreviation rather than ending a sentence.
    ///
    /// The seven bytes before the period are read at once, without a branch per byte: the
    /// word's length varies from period to period, so a loop that stopped at its first
    /// byte would be mispredicted about every time.
    static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int) -> Bool {
        // Byte i of `folded` is the byte i + 1 places before the period, with 0x20 set.
        let available = min(7, index - start)
        guard available > 0, let base = bytes.baseAddress else { return false }
        let folded: UInt64
        if index >= 8 {
            // The eight bytes before the period in one load, the nearest first.
            folded =
                UnsafeRawPointer(base + (index - 8)).loadUnaligned(as: UInt64.self).littleEndian.byteSwapped
                | 0x2020_2020_2020_2020
        } else {
            var gathered: UInt64 = 0
            for place in 0..<available { gathered |= UInt64(base[index - 1 - place] | 0x20) << (8 * place) }
            folded = gathered
        }
        // Bit 7 of each byte: a letter (0x61-0x7A once folded). Both sums stay inside their
        // byte, as bit 7 is cleared first; a byte with bit 7 set is no letter.
        let high: UInt64 = 0x8080_8080_8080_8080
        let low = folded & ~high
        let letters =
            ((low &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(low &+ 0x0505_0505_0505_0505) & ~folded & high)
            & ((1 << (8 * UInt64(available))) - 1)
        // The word before the period: the letters that run up to it (7 means seven or more).
        let length = (~letters & high).trailingZeroBitCount / 8
        if length == 0 { return isCyrillicOrGreekAbbreviation(bytes, periodAt: index, from: start) }
        guard length <= 6 else { return false }
        // Letters after a letter of another script or an accent are the end of a longer word
        // ("país.", "não.", "cafés."), and after an apostrophe that follows a letter, "s" or
        // two letters or more are a possessive or an elided word ("Bogotá's.", "dans l'est."):
        // neither an initial nor an abbreviation. One other letter is a contraction's
        // ("Int'l. Airport", "Ass'n. President").
        let before = index - length - 1
        if before >= start {
            if bytes[before] >= 0x80, endsInLetterOrMark(bytes, at: before, from: start) { return false }
            if length > 1 || bytes[index - 1] | 0x20 == UInt8(ascii: "s"),
                let apostrophe = apostropheStart(bytes, endingAt: before, from: start), apostrophe > start,
                bytes[apostrophe - 1] &- UInt8(ascii: "a") < 26 || bytes[apostrophe - 1] &- UInt8(ascii: "A") < 26
                    || (bytes[apostrophe - 1] >= 0x80 && endsInLetterOrMark(bytes, at: apostrophe - 1, from: start))
            {
                return false
            }
        }
        // "U.S." and initials: a single letter before the period.
        if length == 1 { return true }
        // The word's folded bytes, its first letter highest.
        let packed = folded & ((1 << (8 * UInt64(length))) - 1)
        let found = packedAbbreviations.withUnsafeBufferPointer { table in
            var slot = abbreviationSlot(packed)
            while table[slot] != 0 {
                if table[slot] == packed { return true }
                slot = (slot + 1) & (abbreviationSlots - 1)
            }
            return false
        }
        guard found else { return false }
        // "Mio." and "Mrd." count after a number only ("12 Mio. Euro"; "O Sole Mio.").
        if packed == Self.packedMillions || packed == Self.packedBillions {
            var previous = index - length - 1
            while previous >= start, ByteClass.isSpace(bytes[previous]) { previous -= 1 }
            return previous >= start && previous < index - length - 1 && bytes[previous] &- UInt8(ascii: "0") < 10
        }
        // In capitals, another language's abbreviation is an English acronym ("the SRA.").
        guard !bytes[(index - length)..<index].contains(where: { $0 &- UInt8(ascii: "a") < 26 }) else { return true }
        return !packedForeignAbbreviations.contains(packed)
    }

    /// "mio" and "mrd" packed.
    static let packedMillions = packed("mio")
    static let packedBillions = packed("mrd")

    /// `foreignAbbreviations`, packed as `packedAbbreviations` holds them.
    static let packedForeignAbbreviations: Set<UInt64> = Set(
        foreignAbbreviations.map(packed))

    /// A word of up to eight bytes packed into an integer, its first byte highest, as
    /// `isAbbreviation` packs the folded bytes before a period.
    static func packed(_ word: String) -> UInt64 {
        word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Whether the character whose UTF-8 encoding ends at `last` (a byte of 0x80 or more)
    /// is a letter with case, a combining mark, a soft hyphen or a joiner.
    ///
    /// - Complexity: O(1).
    static func endsInLetterOrMark(_ bytes: UnsafeBufferPointer<UInt8>, at last: Int, from start: Int) -> Bool {
        var first = last
        while first > max(start, last - 3), bytes[first] & 0xC0 == 0x80 { first -= 1 }
        var decoder = UTF8()
        var iterator = bytes[first...last].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        // A soft hyphen or joiner inside a word ("Tarif\u{AD}verhand\u{AD}lun\u{AD}gen") is the
        // word's too; a zero-width space or word joiner before "Dr." is not.
        case .format: return scalar.value == 0xAD || scalar.value == 0x200C || scalar.value == 0x200D
        // A letter with case: Chinese and Japanese put "Dr." and "St." right after theirs.
        default: return properties.isLowercase || properties.isUppercase
        }
    }

    /// Whether a Cyrillic or Greek lower-case letter standing alone before the period is an
    /// abbreviation's ("в г. Москве", "ο κ. Μητσοτάκης"): one of `cyrillicOrGreekAbbreviations`
    /// after a word of its script; not after a number or a Roman numeral ("в 2023 г.", "в
    /// XVIII в."), the last of two ("т. д.", "до н. э."), or in English ("Cohen's κ."), where
    /// it mostly ends a sentence.
    ///
    /// - Complexity: O(1).
    static func isCyrillicOrGreekAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, periodAt index: Int, from start: Int) -> Bool {
        guard index - 2 >= start, bytes[index - 2] &- 0xCE < 5, bytes[index - 1] & 0xC0 == 0x80,
            index - 2 == start || ByteClass.isSpace(bytes[index - 3]),
            let (value, _) = ByteClass.decodeScalar(bytes, at: index - 2, end: index),
            cyrillicOrGreekAbbreviations.contains(value)
        else { return false }
        // After a word of another script: not at a paragraph's start, nor after a number, a
        // Roman numeral, another abbreviation's point or English text ("Cohen's κ.").
        return index - 3 > start && bytes[index - 4] >= 0x80
    }

    /// The Cyrillic and Greek letters that stand alone for a word: г (year, city), в (century),
    /// р (Ukrainian year), т, с, м, п, д, н, э, ч, and Greek κ (Mr, Mrs). Not "е" or "є" (is),
    /// "я" (I), list letters, or π and ο, which end sentences.
    static let cyrillicOrGreekAbbreviations: Set<UInt32> = Set("гвртсмпднэчκ".unicodeScalars.map(\.value))

    /// Where an apostrophe (`'` or `’`) ending at `last` starts, or `nil` when there is none.
    static func apostropheStart(_ bytes: UnsafeBufferPointer<UInt8>, endingAt last: Int, from start: Int) -> Int? {
        if bytes[last] == UInt8(ascii: "'") { return last }
        if last >= start + 2, bytes[last] == 0x99, bytes[last - 1] == 0x80, bytes[last - 2] == 0xE2 { return last - 2 }
        return nil
    }
}
