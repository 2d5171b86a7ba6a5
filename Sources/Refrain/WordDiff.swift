/// Word-level differences between a copy and its family's representative, like `git diff --word-diff`.
///
/// Words compare by their normalized token (case, punctuation, quote and dash style do not
/// matter), through the standard library's `CollectionDifference`.
public struct WordDiff: Sendable, Hashable {
    /// One piece of the copy's text, in reading order.
    public enum Piece: Sendable, Hashable {
        /// Text the copy shares with the representative (words and the punctuation around them).
        case same(String)
        /// Words of the copy that the representative lacks.
        case added(String)
        /// Words of the representative that the copy lacks.
        case removed(String)
    }

    /// The pieces, in the copy's order.
    public var pieces: [Piece]

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
    /// - Complexity: O((*n* + *m*) · *d*) for *d* differing words.
    public init(copy: ArraySlice<UInt8>, representative: ArraySlice<UInt8>, trimEnds: Bool = false) {
        let copyBytes = Array(copy)
        let representativeBytes = Array(representative)
        let copyTokens = Tokenizer.tokens(in: copyBytes)
        let representativeTokens = Tokenizer.tokens(in: representativeBytes)
        let difference = copyTokens.map(\.hash).difference(from: representativeTokens.map(\.hash)).inferringMoves()
        var removedAt = Set<Int>()
        var insertedAt = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removedAt.insert(offset)
            case .insert(let offset, _, _): insertedAt.insert(offset)
            }
        }
        func text(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        var pieces: [Piece] = []
        func append(_ piece: Piece) {
            switch (pieces.last, piece) {
            case (.same(let a)?, .same(let b)):
                pieces[pieces.count - 1] = .same(a + b)
            case (.added(let a)?, .added(let b)):
                pieces[pieces.count - 1] = .added(a + " " + b)
            case (.removed(let a)?, .removed(let b)):
                pieces[pieces.count - 1] = .removed(a + " " + b)
            default:
                pieces.append(piece)
            }
        }
        var i = 0  // representative token
        var j = 0  // copy token
        var cursor = 0  // copy bytes emitted
        while i < representativeTokens.count || j < copyTokens.count {
            if i < representativeTokens.count, removedAt.contains(i) {
                // The copy's punctuation before its next word comes first: "war, [-the-] Armenian".
                let gapEnd = j < copyTokens.count ? copyTokens[j].span.start : copyBytes.count
                if j > 0, gapEnd > cursor {
                    append(.same(text(copyBytes, cursor..<gapEnd)))
                    cursor = gapEnd
                }
                let atStart = j == 0
                let atEnd = j == copyTokens.count
                if !(trimEnds && (atStart || atEnd)) {
                    append(.removed(text(representativeBytes, representativeTokens[i].span.range)))
                }
                i += 1
            } else if j < copyTokens.count {
                let span = copyTokens[j].span
                if span.start > cursor { append(.same(text(copyBytes, cursor..<span.start))) }
                let word = text(copyBytes, span.range)
                append(insertedAt.contains(j) ? .added(word) : .same(word))
                cursor = span.end
                if !insertedAt.contains(j) { i += 1 }
                j += 1
            } else {
                i += 1
            }
        }
        if cursor < copyBytes.count { append(.same(text(copyBytes, cursor..<copyBytes.count))) }
        // Added (or removed) words separated only by white space read as one run.
        var joined: [Piece] = []
        for piece in pieces {
            if joined.count >= 2, case .same(let gap) = joined[joined.count - 1], gap.allSatisfy(\.isWhitespace) {
                switch (joined[joined.count - 2], piece) {
                case (.added(let a), .added(let b)):
                    joined.removeLast(2)
                    joined.append(.added(a + gap + b))
                    continue
                case (.removed(let a), .removed(let b)):
                    joined.removeLast(2)
                    joined.append(.removed(a + " " + b))
                    continue
                default: break
                }
            }
            joined.append(piece)
        }
        self.pieces = joined
    }

    /// The diff as plain text with `[-removed-]` and `{+added+}` markers.
    public var markedText: String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .same(let text): result += text
            case .added(let text): result += "{+\(text)+}"
            case .removed(let text):
                if let last = result.last, !last.isWhitespace { result += " " }
                result += "[-\(text)-]"
                result += " "
            }
        }
        // A removal followed by a space from the text: keep one.
        return result.replacingOccurrences(of: "-]  ", with: "-] ")
    }
}
