/// Word-level differences between a copy and its family's representative, like `git diff --word-diff`.
///
/// Words compare by their normalized token (case, punctuation, quote and dash style do not
/// matter); what is shown is the original text, punctuation included. The alignment trims
/// the common start and end, then anchors on words (or runs of words) that occur once on
/// each side, patience-style, and compares what lies between the anchors the same way.
/// Work is bounded per diff: a region between anchors that is too different (no common
/// anchor and too long to compare word by word) is shown whole, once removed and once
/// added, and counted in `wholeParts`.
public struct WordDiff: Sendable, Hashable {
    /// One piece of the copy's text, in reading order.
    public enum Piece: Sendable, Hashable {
        /// Text the copy shares with the representative (words and the punctuation around them).
        case same(String)
        /// Words of the copy that the representative lacks.
        case added(String)
        /// Words of the representative that the copy lacks, with their punctuation.
        case removed(String)
    }

    /// The pieces, in the copy's order.
    public var pieces: [Piece]

    /// Regions too different to compare word by word, shown whole instead (removed, then added).
    public var wholeParts = 0

    /// The copy's bytes each piece stands for, when made from a copy: a byte that is not
    /// UTF-8 reads as U+FFFD, three bytes in the piece's string; a removal stands for none,
    /// or for the copy's white space its two runs were joined over. Empty when made from
    /// strings, whose UTF-8 is then their length.
    var byteCounts: [Int] = []

    /// Diffs are equal when their pieces are: how many bytes of a copy they stand for is
    /// bookkeeping for `split`.
    public static func == (lhs: WordDiff, rhs: WordDiff) -> Bool {
        lhs.pieces == rhs.pieces && lhs.wholeParts == rhs.wholeParts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pieces)
        hasher.combine(wholeParts)
    }

    /// The copy's bytes the piece at `position` stands for.
    func byteCount(at position: Int) -> Int {
        if byteCounts.count == pieces.count { return byteCounts[position] }
        switch pieces[position] {
        case .same(let text), .added(let text): return text.utf8.count
        case .removed: return 0
        }
    }

    /// Whether the copy has the representative's words exactly.
    public var isIdentical: Bool { !pieces.contains { if case .same = $0 { false } else { true } } }

    /// The number of added and removed words.
    public var changedWords: (added: Int, removed: Int) {
        var added = 0
        var removed = 0
        for piece in pieces {
            switch piece {
            case .added(let text): added += text.split(whereSeparator: \.isWhitespace).count
            case .removed(let text): removed += text.split(whereSeparator: \.isWhitespace).count
            case .same: break
            }
        }
        return (added, removed)
    }

    /// Diffs a copy against a representative.
    ///
    /// - Parameters:
    ///   - copy: The copy's bytes (a paragraph or sentence of the document being read).
    ///   - representative: The representative's bytes.
    ///   - trimEnds: Leave out words of the representative missing before the copy's first
    ///     word or after its last (the copy is a part of a longer representative).
    /// - Complexity: O((*n* + *m*) log(*n* + *m*)) for *n* and *m* words in most texts; at
    ///   most O(*n* + *m*) times a constant budget, past which regions are shown whole.
    public init(copy: ArraySlice<UInt8>, representative: ArraySlice<UInt8>, trimEnds: Bool = false) {
        self.init(copy: copy, representative: representative, trimStart: trimEnds, trimEnd: trimEnds)
    }

    /// A diff of these pieces.
    init(pieces: [Piece]) { self.pieces = pieces }

    /// Appends a piece that stands for `byteCount` bytes of the copy.
    mutating func append(_ piece: Piece, byteCount: Int) {
        if byteCounts.count != pieces.count { byteCounts = pieces.indices.map(byteCount(at:)) }
        pieces.append(piece)
        byteCounts.append(byteCount)
    }

    /// Aligns a copy with its representative, leaving out the representative's words
    /// missing before the copy's first word (`trimStart`) or after its last (`trimEnd`): a
    /// piece of a copy that new text interrupts shows only the part of the representative it
    /// stands for, not the rest as words it lacks.
    public init(copy: ArraySlice<UInt8>, representative: ArraySlice<UInt8>, trimStart: Bool, trimEnd: Bool) {
        let copyTokens = WordTokens(copy)
        let representativeTokens = WordTokens(representative)
        var aligner = WordAligner(representative: representativeTokens.hashes, copy: copyTokens.hashes)
        var match = aligner.align()
        // A term changed in part is shown changed whole: "[-$3.2bn-] {+$4.2bn+}", not
        // "$ [-$3-] {+4+}.2bn".
        for term in copyTokens.terms(in: copy) where term.words.count > 1 && term.words.contains(where: { match[$0] < 0 }) {
            for word in term.words { match[word] = -1 }
        }
        wholeParts = aligner.wholeParts
        (pieces, byteCounts) = Self.pieces(
            copy: copy, copyTokens: copyTokens, representative: representative, representativeTokens: representativeTokens,
            match: match, trimStart: trimStart, trimEnd: trimEnd)
    }

    /// The pieces of an alignment, in the copy's order: each removed run of the
    /// representative comes just before the copy's next word, after the copy's punctuation.
    ///
    /// - Parameter match: For each copy word, the representative word it matches, or -1.
    /// - Complexity: O(*n* + *m*) bytes and words.
    static func pieces(
        copy: ArraySlice<UInt8>, copyTokens: WordTokens, representative: ArraySlice<UInt8>, representativeTokens: WordTokens,
        match: [Int32], trimStart: Bool, trimEnd: Bool
    ) -> (pieces: [Piece], byteCounts: [Int]) {
        let copyBase = copy.startIndex
        let copyCount = copyTokens.count
        let representativeCount = representativeTokens.count
        // For each copy word, the representative word of the next matched copy word at or after it.
        var nextMatched = [Int32](repeating: Int32(representativeCount), count: copyCount + 1)
        if copyCount > 0 {
            for j in stride(from: copyCount - 1, through: 0, by: -1) {
                nextMatched[j] = match[j] >= 0 ? match[j] : nextMatched[j + 1]
            }
        }
        var parts = PartList()
        var i = 0  // representative words emitted
        var cursor = 0  // copy bytes emitted, relative to the copy
        for j in 0...copyCount {
            let removedEnd = Int(nextMatched[j])
            if i < removedEnd {
                // The copy's punctuation before its next word comes first: "war, [-the-] Armenian".
                var gapEnd = j < copyCount ? Int(copyTokens.starts[j]) : copy.count
                // Not the signs attached to an added word, which go with it.
                if j < copyCount, match[j] < 0 { gapEnd = max(cursor, copyTokens.extendedRange(j..<(j + 1), in: copy).lowerBound) }
                if j > 0, gapEnd > cursor {
                    parts.append(.same, cursor..<gapEnd)
                    cursor = gapEnd
                }
                if !(trimStart && j == 0 || trimEnd && j == copyCount) {
                    parts.append(.removed, representativeTokens.extendedRange(i..<removedEnd, in: representative))
                }
                i = removedEnd
            }
            guard j < copyCount else { break }
            var start = Int(copyTokens.starts[j])
            var end = Int(copyTokens.ends[j])
            if match[j] < 0 {
                // Signs attached to an added word go with it ("{+$4.2bn+}", "{+4.7%+}"), as
                // they do with a removed one; clause punctuation after it stays the copy's.
                let attached = copyTokens.extendedRange(j..<(j + 1), in: copy)
                start = max(cursor, attached.lowerBound)
                end = attached.upperBound
            }
            if start > cursor { parts.append(.same, cursor..<start) }
            if match[j] >= 0 {
                parts.append(.same, start..<end)
                i = Int(match[j]) + 1
            } else {
                parts.append(.added, start..<end)
            }
            cursor = end
        }
        if cursor < copy.count { parts.append(.same, cursor..<copy.count) }
        return parts.pieces { kind, range in
            if kind == .removed {
                let base = representative.startIndex
                return WordTokens.collapsingSpaces(representative[(base + range.lowerBound)..<(base + range.upperBound)])
            }
            return String(decoding: copy[(copyBase + range.lowerBound)..<(copyBase + range.upperBound)], as: UTF8.self)
        }
    }

    /// The diff cut into the parts of the copy at `ranges`: the text between them (new text
    /// that interrupts the copy, shown on its own, or another family's copy) is left out, and
    /// each removed run goes to the part where the copy resumes after it (the last part, after
    /// the last). A removed run replaced by added words that run into `foreign` text is shared
    /// out with those words, in order: the words another copy replaced are that copy's to
    /// show, not missing from a part.
    ///
    /// - Parameters:
    ///   - ranges: The parts' byte ranges, in order, disjoint, inside the copy.
    ///   - copy: The copy this diff was made from, indexed in the ranges' numbering: the
    ///     parts' text is cut from its bytes.
    ///   - foreign: Other copies' byte ranges between the parts.
    /// - Returns: One diff per range; `wholeParts` goes with the first.
    /// - Complexity: O(text of the pieces).
    func split(at ranges: [Range<Int>], of copy: ArraySlice<UInt8>, foreign: [Range<Int>] = []) -> [WordDiff] {
        var parts = ranges.map { _ in WordDiff(pieces: []) }
        guard !ranges.isEmpty else { return parts }
        parts[0].wholeParts = wholeParts
        var cursor = copy.startIndex
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .removed(let text):
                if !foreign.isEmpty,
                    let shares = Self.share(text, among: addedSpans(after: position, at: cursor), of: ranges, foreign: foreign)
                {
                    for (index, words) in shares where !words.isEmpty { parts[index].append(.removed(words), byteCount: 0) }
                    continue
                }
                let target = ranges.firstIndex { $0.upperBound > cursor } ?? ranges.count - 1
                parts[target].append(piece, byteCount: 0)
                cursor += byteCount(at: position)
            case .same, .added:
                let span = cursor..<(cursor + byteCount(at: position))
                for (index, range) in ranges.enumerated() where range.overlaps(span) {
                    let cut = range.clamped(to: span)
                    let text = String(decoding: copy[cut], as: UTF8.self)
                    if case .same = piece {
                        parts[index].append(.same(text), byteCount: cut.count)
                    } else {
                        parts[index].append(.added(text), byteCount: cut.count)
                    }
                }
                cursor = span.upperBound
            }
        }
        return parts
    }

    /// The byte spans of the words added in place of the removed run at `position`, whose
    /// copy text starts at `cursor`: the added runs up to the next word the two texts share.
    func addedSpans(after position: Int, at cursor: Int) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var offset = cursor
        for (later, piece) in pieces.enumerated().dropFirst(position + 1) {
            switch piece {
            case .added:
                spans.append(offset..<(offset + byteCount(at: later)))
                offset += byteCount(at: later)
            case .same(let text):
                // Punctuation between added words ("this decade. Opponents") is part of the change.
                if text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                    return spans
                }
                offset += byteCount(at: later)
            case .removed:
                return spans
            }
        }
        return spans
    }

    /// The words of a removed run shared out among the parts and the foreign ranges in
    /// proportion to the added bytes (at `spans`) that each holds, the foreign ranges' left
    /// out; `nil` when no added byte is foreign.
    static func share(_ removed: String, among spans: [Range<Int>], of ranges: [Range<Int>], foreign: [Range<Int>])
        -> [(Int, String)]?
    {
        func held(_ range: Range<Int>) -> Int { spans.reduce(0) { $0 + range.clamped(to: $1).count } }
        let away = foreign.reduce(0) { $0 + held($1) }
        guard away > 0 else { return nil }
        // Bytes added in new text between the parts count for neither side.
        let total = away + ranges.reduce(0) { $0 + held($1) }
        let words = removed.split(separator: " ")
        var result: [(Int, String)] = []
        var given = 0
        for (index, range) in ranges.enumerated() {
            let inside = held(range)
            guard inside > 0 else { continue }
            let before = (ranges + foreign).reduce(0) { $0 + held($1.clamped(to: Int.min..<range.lowerBound)) }
            let from = max(given, (words.count * before + total / 2) / total)
            let upTo = (words.count * (before + inside) + total / 2) / total
            if upTo > from { result.append((index, words[from..<upTo].joined(separator: " "))) }
            given = max(given, upTo)
        }
        return result
    }

    /// The diff as plain text with `[-removed-]` and `{+added+}` markers.
    public var markedText: String {
        var result = ""
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .same(let text): result += text
            case .added(let text): result += "{+\(text)+}"
            case .removed(let text):
                let (before, after) = Self.spaces(aroundRemoved: text, after: result.last, before: next(after: index))
                if let last = result.last, !last.isWhitespace { result += before }
                result += "[-\(text)-]"
                result += after
            }
        }
        // A removal followed by a space from the text: keep one.
        return result.replacingOccurrences(of: "-]  ", with: "-] ")
    }
}

extension WordDiff {
    /// The spaces that set removed words apart from the text around them: none next to
    /// Chinese, Japanese, Thai, Lao, Khmer or Burmese text, which writes words without spaces
    /// (a space there would split a word: 国 [-务院-], or part a figure from its word: 在 [-2024-]
    /// 年), and none where both neighbours are such text and so are the removed words.
    ///
    /// - Parameters:
    ///   - text: The removed words.
    ///   - previous: The last character shown before them, if any.
    ///   - next: The first character shown after them, if any.
    /// - Complexity: O(1).
    public static func spaces(aroundRemoved text: String, after previous: Character?, before next: Character?) -> (
        before: String, after: String
    ) {
        func space(_ neighbour: Character?, _ edge: Character?) -> String {
            guard let neighbour else { return edge.map(isWrittenWithoutSpaces) == true ? "" : " " }
            // Figures sit in such text without spaces (在2024年); Latin words in it are spaced.
            let edgeJoins = edge.map { isWrittenWithoutSpaces($0) || $0.isNumber || $0.isPunctuation } ?? true
            return isWrittenWithoutSpaces(neighbour) && edgeJoins ? "" : " "
        }
        return (space(previous, text.first), space(next, text.last))
    }

    /// Removed words as a report shows them: in `[-…-]` markers when `markers`, set apart by
    /// `spaces(aroundRemoved:after:before:)`.
    public static func removedRun(_ text: String, markers: Bool, after previous: Character?, before next: Character?) -> String {
        let (before, after) = spaces(aroundRemoved: text, after: previous, before: next)
        return before + (markers ? "[-\(text)-]" : text) + after
    }

    /// The diff as styled runs for a text report: shared words in `same`'s style, added and
    /// removed words in theirs, in `{+…+}`/`[-…-]` markers when `markers`.
    func styledRuns(same: TextStyle, markers: Bool) -> [(text: String, style: TextStyle)] {
        pieces.indices.map { index in
            switch pieces[index] {
            case .same(let text): (text, same)
            case .added(let text): (markers ? "{+\(text)+}" : text, .added)
            case .removed(let text):
                (Self.removedRun(text, markers: markers, after: previous(before: index), before: next(after: index)), .removed)
            }
        }
    }

    /// The first character shown after piece `index`, if any.
    func next(after index: Int) -> Character? {
        guard index + 1 < pieces.count else { return nil }
        switch pieces[index + 1] {
        case .same(let text), .added(let text), .removed(let text): return text.first
        }
    }

    /// The last character shown before piece `index`, if any.
    func previous(before index: Int) -> Character? {
        guard index > 0 else { return nil }
        switch pieces[index - 1] {
        case .same(let text), .added(let text), .removed(let text): return text.last
        }
    }

    /// Whether a character belongs to a script that writes words without spaces between them
    /// (those the tokenizer makes one token per character of), or is such text's punctuation,
    /// kana marks included (the CJK symbols and kana blocks, ，。 and full-width forms).
    static func isWrittenWithoutSpaces(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return Tokenizer.classify(value) == .character || value &- 0x3000 < 0x100 || value &- 0xFF00 < 0xF0
    }
}

/// A text's words for a diff: each word's normalized hash and byte range (relative to the text).
struct WordTokens {
    var hashes: [UInt64] = []
    var starts: [UInt32] = []
    var ends: [UInt32] = []

    var count: Int { hashes.count }

    /// Tokenizes a text.
    ///
    /// - Complexity: O(*n*) bytes.
    init(_ text: ArraySlice<UInt8>) {
        text.withUnsafeBufferPointer { buffer in
            let estimate = buffer.count / 5 + 4
            hashes.reserveCapacity(estimate)
            starts.reserveCapacity(estimate)
            ends.reserveCapacity(estimate)
            Tokenizer.forEachToken(in: buffer, range: 0..<buffer.count) { hash, start, end in
                hashes.append(hash)
                starts.append(UInt32(truncatingIfNeeded: start))
                ends.append(UInt32(truncatingIfNeeded: end))
            }
        }
    }

    /// The bytes of words `words`, widened to the punctuation attached to them (up to white
    /// space or a neighbouring word): "50%", "(2006)", "7:30pm" keep their signs; clause
    /// punctuation after the last word is left out.
    ///
    /// - Complexity: O(length of the range and its attached punctuation).
    func extendedRange(_ words: Range<Int>, in text: ArraySlice<UInt8>) -> Range<Int> {
        let base = text.startIndex
        var start = Int(starts[words.lowerBound])
        let floor = words.lowerBound > 0 ? Int(ends[words.lowerBound - 1]) : 0
        while start > floor, !ByteClass.isSpace(text[base + start - 1]) { start -= 1 }
        var end = Int(ends[words.upperBound - 1])
        let ceiling = words.upperBound < count ? Int(starts[words.upperBound]) : text.count
        while end < ceiling, !ByteClass.isSpace(text[base + end]) { end += 1 }
        // Clause punctuation after the last word stays with the copy, which shows its own.
        let wordEnd = Int(ends[words.upperBound - 1])
        while end > wordEnd, Self.isClausePunctuation(text[base + end - 1]) { end -= 1 }
        return start..<end
    }

    /// Whether a byte ends a clause or sentence: `.`, `,`, `;`, `:`, `!` or `?`.
    static func isClausePunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"): true
        default: false
        }
    }

    /// A text with each run of white space made one space, for a removal shown inline.
    static func collapsingSpaces(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var inSpace = false
        for byte in bytes {
            if ByteClass.isSpace(byte) {
                if !inSpace { result.append(0x20) }
                inSpace = true
            } else {
                result.append(byte)
                inSpace = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Pieces of a word diff as byte ranges, merged as they come; strings are made once at the end,
/// since growing a string per word makes long paragraphs quadratic.
struct PartList {
    enum Kind { case same, added, removed }
    /// Each part: its kind and its byte range (copy bytes for `same` and `added`, representative
    /// bytes for `removed`); `joined` holds further ranges of a removal that spans two places.
    var kinds: [Kind] = []
    var ranges: [Range<Int>] = []
    var joined: [Int: [Range<Int>]] = [:]

    /// Appends a part: same or added text joins the previous part of its kind when contiguous,
    /// and added text separated from the previous added text by white space only joins it.
    mutating func append(_ kind: Kind, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let last = kinds.last {
            if last == kind, kind != .removed, ranges[ranges.count - 1].upperBound == range.lowerBound {
                ranges[ranges.count - 1] = ranges[ranges.count - 1].lowerBound..<range.upperBound
                return
            }
            if last == kind, kind == .removed {
                joined[kinds.count - 1, default: []].append(range)
                return
            }
        }
        kinds.append(kind)
        ranges.append(range)
    }

    /// The pieces, with added (or removed) runs separated only by white space read as one
    /// run, and added words joined by punctuation alone ("7:30pm") kept as one.
    func pieces(_ text: (Kind, Range<Int>) -> String) -> (pieces: [WordDiff.Piece], byteCounts: [Int]) {
        var result: [WordDiff.Piece] = []
        var counts: [Int] = []
        result.reserveCapacity(kinds.count)
        counts.reserveCapacity(kinds.count)
        for index in kinds.indices {
            var string = text(kinds[index], ranges[index])
            for more in joined[index] ?? [] { string += " " + text(kinds[index], more) }
            let piece: WordDiff.Piece
            switch kinds[index] {
            case .same: piece = .same(string)
            case .added: piece = .added(string)
            case .removed: piece = .removed(string)
            }
            if result.count >= 2, case .same(let gap) = result[result.count - 1],
                gap.allSatisfy(\.isWhitespace) || !gap.contains(where: \.isWhitespace)
            {
                switch (result[result.count - 2], piece) {
                case (.added(let a), .added(let b)):
                    result.removeLast(2)
                    result.append(.added(a + gap + b))
                    let joinedCount = counts.removeLast() + counts.removeLast() + ranges[index].count
                    counts.append(joinedCount)
                    continue
                case (.removed(let a), .removed(let b)) where gap.allSatisfy(\.isWhitespace):
                    // The copy's white space between them is not shown, but still counted.
                    result.removeLast(2)
                    result.append(.removed(a + " " + b))
                    let joinedCount = counts.removeLast() + counts.removeLast()
                    counts.append(joinedCount)
                    continue
                default: break
                }
            }
            result.append(piece)
            counts.append(kinds[index] == .removed ? 0 : ranges[index].count)
        }
        return (result, counts)
    }
}

/// Aligns two word sequences: common start and end, then patience anchors, within a budget.
struct WordAligner {
    let representative: [UInt64]
    let copy: [UInt64]
    /// For each copy word, the representative word it matches, or -1.
    var match: [Int32]
    /// Regions shown whole because they were too different or the budget ran out.
    var wholeParts = 0
    /// Work left (words hashed or compared); regions met after it runs out are shown whole.
    var budget: Int

    /// Word pairs a region may compare one by one (Myers) when it has no anchor.
    static let smallRegion = 1 << 20
    /// Length of the word runs used as anchors when no single word is unique on both sides.
    static let runLength = 4

    init(representative: [UInt64], copy: [UInt64]) {
        self.representative = representative
        self.copy = copy
        match = [Int32](repeating: -1, count: copy.count)
        budget = 48 * (representative.count + copy.count) + 4 * Self.smallRegion
    }

    /// Aligns the whole sequences.
    ///
    /// - Returns: For each copy word, its representative word or -1.
    /// - Complexity: O(*n* + *m*) times the budget's constant at most.
    mutating func align() -> [Int32] {
        var regions: [(Range<Int>, Range<Int>)] = [(0..<representative.count, 0..<copy.count)]
        while let (a, b) = regions.popLast() {
            alignRegion(a, b, pushing: &regions)
        }
        return match
    }

    /// Aligns one region, pushing the regions between its anchors.
    mutating func alignRegion(_ a: Range<Int>, _ b: Range<Int>, pushing regions: inout [(Range<Int>, Range<Int>)]) {
        var a = a
        var b = b
        // Common start and end.
        while !a.isEmpty, !b.isEmpty, representative[a.lowerBound] == copy[b.lowerBound] {
            match[b.lowerBound] = Int32(a.lowerBound)
            a = (a.lowerBound + 1)..<a.upperBound
            b = (b.lowerBound + 1)..<b.upperBound
        }
        while !a.isEmpty, !b.isEmpty, representative[a.upperBound - 1] == copy[b.upperBound - 1] {
            match[b.upperBound - 1] = Int32(a.upperBound - 1)
            a = a.lowerBound..<(a.upperBound - 1)
            b = b.lowerBound..<(b.upperBound - 1)
        }
        if a.isEmpty || b.isEmpty { return }
        if budget <= 0 {
            wholeParts += 1
            return
        }
        budget -= a.count + b.count
        for length in [1, Self.runLength] where a.count >= length && b.count >= length {
            let anchors = uniqueCommon(a, b, length: length)
            if anchors.isEmpty { continue }
            // Between consecutive anchors (and before the first, after the last): a region each.
            var previous = (a.lowerBound, b.lowerBound)
            var gaps: [(Range<Int>, Range<Int>)] = []
            for (i, j) in anchors where i >= previous.0 && j >= previous.1 {
                gaps.append((previous.0..<i, previous.1..<j))
                for offset in 0..<length { match[j + offset] = Int32(i + offset) }
                previous = (i + length, j + length)
            }
            gaps.append((previous.0..<a.upperBound, previous.1..<b.upperBound))
            regions += gaps.reversed()
            return
        }
        if a.count * b.count <= Self.smallRegion {
            budget -= a.count * b.count / 8
            myers(a, b)
            return
        }
        wholeParts += 1
    }

    /// Runs of `length` words that occur once in each side of the region, as (representative
    /// start, copy start), the longest chain increasing on both sides (patience sorting).
    ///
    /// - Complexity: O((*n* + *m*) log *k*) for *k* unique common runs.
    func uniqueCommon(_ a: Range<Int>, _ b: Range<Int>, length: Int) -> [(Int, Int)] {
        func key(_ words: [UInt64], _ start: Int) -> UInt64 {
            var value = words[start]
            for offset in 1..<length { value = (value &* 0x9E37_79B9_7F4A_7C15) ^ words[start + offset] }
            return value
        }
        // Per key: its position on each side, or -2 once seen twice there.
        var seen: [UInt64: (a: Int, b: Int)] = [:]
        seen.reserveCapacity(a.count - length + 1)
        for i in a.lowerBound...(a.upperBound - length) {
            let k = key(representative, i)
            if let old = seen[k] {
                if old.a != -2 { seen[k] = (-2, -1) }
            } else {
                seen[k] = (i, -1)
            }
        }
        for j in b.lowerBound...(b.upperBound - length) {
            let k = key(copy, j)
            guard let old = seen[k], old.a >= 0 else { continue }
            seen[k] = (old.a, old.b == -1 ? j : -2)
        }
        var pairs: [(Int, Int)] = []
        for (_, value) in seen where value.a >= 0 && value.b >= 0 { pairs.append((value.a, value.b)) }
        if pairs.isEmpty { return [] }
        pairs.sort { $0.0 < $1.0 }
        // Longest increasing subsequence of copy positions.
        var tails: [Int] = []  // index into pairs of the smallest tail of each length
        var previous = [Int](repeating: -1, count: pairs.count)
        for index in pairs.indices {
            let j = pairs[index].1
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].1 < j { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var chain: [(Int, Int)] = []
        var index = tails.last ?? -1
        while index >= 0 {
            chain.append(pairs[index])
            index = previous[index]
        }
        return chain.reversed()
    }

    /// Aligns a small region word by word (the standard library's Myers difference).
    mutating func myers(_ a: Range<Int>, _ b: Range<Int>) {
        let difference = copy[b].difference(from: representative[a])
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(a.lowerBound + offset)
            case .insert(let offset, _, _): inserted.insert(b.lowerBound + offset)
            }
        }
        var i = a.lowerBound
        for j in b {
            if inserted.contains(j) { continue }
            while removed.contains(i) { i += 1 }
            match[j] = Int32(i)
            i += 1
        }
    }
}
