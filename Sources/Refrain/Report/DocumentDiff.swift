/// One document read against the corpus, paragraph by paragraph: what is template, what is new.
public struct DocumentDiff: Sendable {
    /// Another document that carries a family.
    public struct Carrier: Sendable, Hashable {
        /// Its index in the corpus.
        public var index: Int
        /// Its id, source and date.
        public var id: String, source: String?, date: String?
    }

    /// A run of a paragraph's text.
    public struct Piece: Sendable {
        /// Recycled text with its family (nil when no reported family holds it), or novel text.
        public var isRecycled: Bool
        /// The family of recycled text.
        public var family: Int?
        /// Documents that hold the family.
        public var documents: Int?
        /// The text, with word-level differences from the family's representative, or from
        /// `comparedWith`'s copy.
        public var diff: WordDiff
        /// The id of the document whose copy `diff` compares with, when it is not the
        /// representative (the document holds the representative itself); else `nil`.
        public var comparedWith: String? = nil
        /// The text's bytes in the document.
        public var span = ByteRange(0, 0)
        /// The other documents that carry the family, earliest first (by date, else input order).
        public var carriers: [Carrier] = []
    }

    /// One paragraph.
    public struct Paragraph: Sendable {
        /// Its index in the document.
        public var index: Int
        /// Its label.
        public var label: Label
        /// Its runs of recycled and novel text, in reading order.
        public var pieces: [Piece]
    }

    /// The document's report.
    public var document: DocumentReport
    /// Documents in the corpus it was read against (itself included).
    public var corpusDocuments: Int
    /// Paragraphs in reading order.
    public var paragraphs: [Paragraph]

    /// Builds the diff of document `index` of a report.
    ///
    /// Recycled spans are split where the document's family copies start and end; each
    /// piece is diffed word by word against its family's representative.
    /// - Complexity: O(document bytes + (paragraphs + family copies in it) · log copies), word
    ///   diffs aside.
    public init(report: ScanReport, documents: [Document], index: Int) {
        let documentReport = report.documents[index]
        self.document = documentReport
        corpusDocuments = report.documents.count
        let bytes = documents[index].loadedBytes()
        let copies = report.familyCopies(inDocument: index)
        let copyStarts = copies.map(\.span.start)
        // Each family's carriers once: a family recurs in several pieces of one document.
        var carriersOf: [Int: [Carrier]] = [:]
        func carriers(of family: Family) -> [Carrier] {
            if let known = carriersOf[family.id] { return known }
            let found = report.documentsInPublicationOrder(of: family).filter { $0 != index }.map { other in
                let document = report.documents[other]
                return Carrier(index: other, id: document.id, source: document.source, date: document.date)
            }
            carriersOf[family.id] = found
            return found
        }
        // Each family's comparison base once, and the bases' documents read once: a paragraph
        // repeated thousands of times in one document made every piece walk the family's
        // members to the first in another document, and read that document again.
        let baseFamilies = Set(copies.map(\.family)).sorted().compactMap { report.family($0) }
        var baseMembers = baseFamilies.map { $0.comparisonBase(forDocument: index) }
        // The representative's own document is compared with an identical copy elsewhere when
        // one of the first 64 of its length is one, so its copy shows unchanged; the most
        // common other variant may be a reordered or edited copy (review 60). Every family's
        // representative and candidates are read in one pass, as the bases are.
        var candidates: [(offset: Int, twins: [Family.Member])] = []
        for (offset, family) in baseFamilies.enumerated() where family.representative.document == index {
            let representative = family.representative
            let twins = Array(
                family.members.lazy.filter {
                    $0.document != index && $0.isParagraph == representative.isParagraph
                        && $0.span.count == representative.span.count
                }.prefix(64))
            if !twins.isEmpty { candidates.append((offset, [representative] + twins)) }
        }
        let candidateTexts = documents.texts(of: candidates.flatMap { $0.twins.map { ($0.document, $0.span) } }, jobs: 1)
        var read = 0
        for (offset, members) in candidates {
            let texts = candidateTexts[read..<(read + members.count)]
            read += members.count
            if let twin = zip(members.dropFirst(), texts.dropFirst()).first(where: { $0.1 == texts.first! }) {
                baseMembers[offset] = twin.0
            }
        }
        let baseTexts = documents.texts(of: baseMembers.map { ($0.document, $0.span) }, jobs: 1)
        var basesOf: [Int: Base] = [:]
        for (family, (member, text)) in zip(baseFamilies, zip(baseMembers, baseTexts)) {
            basesOf[family.id] = Base(
                member: member, text: text[...],
                comparedWith: member == family.representative ? nil : documents[member.document].id)
        }
        func base(of family: Family) -> Base { basesOf[family.id]! }
        var paragraphs: [Paragraph] = []
        for (paragraphIndex, paragraph) in documentReport.paragraphs.enumerated() {
            var pieces: [Piece] = []
            var cursor = paragraph.span.start
            func novel(until end: Int) {
                guard end > cursor else { return }
                let text = bytes[cursor..<end]
                if !text.allSatisfy(ByteClass.isSpace) || !pieces.isEmpty {
                    pieces.append(
                        Piece(
                            isRecycled: false, family: nil, documents: nil, diff: WordDiff(copy: text, representative: text),
                            span: ByteRange(cursor, end)))
                }
            }
            // Sentence-level copies are finer; use the paragraph's own copy only when there are none.
            // Recycled text between sentence copies belongs to the paragraph's own copy, if any, as
            // on the HTML page: the scan gives the paragraph that copy's family.
            let (inParagraph, sentenceOrAll) = ScanReport.copies(inParagraph: paragraph.span, of: copies, starts: copyStarts)
            var usable = sentenceOrAll
            let sentenceCopies = usable.count
            // The paragraph's own copy, after the sentence copies in `usable`, when they are used.
            var whole: Int? = nil
            if !usable.contains(where: \.isParagraph), let copy = inParagraph.first(where: \.isParagraph) {
                whole = usable.count
                usable.append(copy)
            }
            var piecesOfCopy: [Int: [Int]] = [:]  // a copy's pieces, by their index in `pieces`
            func recycled(_ range: Range<Int>, copyIndex: Int?) {
                guard let copyIndex, let family = report.family(usable[copyIndex].family) else {
                    pieces.append(Self.unattributed(bytes[range]))
                    return
                }
                // Its diff comes once the copy's every piece is known.
                piecesOfCopy[copyIndex, default: []].append(pieces.count)
                pieces.append(
                    Piece(
                        isRecycled: true, family: family.id, documents: family.documents, diff: WordDiff(pieces: []),
                        comparedWith: base(of: family).comparedWith, span: ByteRange(range.lowerBound, range.upperBound),
                        carriers: carriers(of: family)))
            }
            // Recycled text no sentence copy covers: the paragraph's copy's, else no family's;
            // none for the white space between two copies (a no-break space, `&nbsp;`, too).
            func uncovered(_ range: Range<Int>) {
                let blank = bytes.withUnsafeBufferPointer { buffer in
                    var position = range.lowerBound
                    while position < range.upperBound {
                        let space = ByteClass.whiteSpaceLength(buffer, at: position, end: range.upperBound)
                        if space == 0 { return false }
                        position += space
                    }
                    return true
                }
                guard !blank else { return }
                recycled(range, copyIndex: whole.flatMap { usable[$0].span.range.contains(range.lowerBound) ? $0 : nil })
            }
            for span in paragraph.recycled {
                novel(until: span.start)
                var position = span.start
                for copyIndex in 0..<sentenceCopies {
                    let copy = usable[copyIndex]
                    guard copy.span.end > position && copy.span.start < span.end else { continue }
                    let start = max(position, copy.span.start)
                    let end = min(span.end, copy.span.end)
                    if start > position { uncovered(position..<start) }
                    recycled(start..<end, copyIndex: copyIndex)
                    position = end
                }
                if position < span.end { uncovered(position..<span.end) }
                cursor = span.end
            }
            novel(until: paragraph.span.end)
            // Each copy is diffed word by word against its family's base, once: a copy that new
            // text cuts into pieces is aligned whole and its diff shared out, so the words the
            // new text replaced show once, where the copy resumes. A piece is only part of the
            // copy when text that is not white space lies in the copy outside it: the base's
            // words missing on that side are its other part's, not missing. So are a
            // paragraph base's around a sentence copy.
            for (copyIndex, indices) in piecesOfCopy {
                let copy = usable[copyIndex]
                let base = base(of: report.family(copy.family)!)
                let first = pieces[indices[0]].span
                let last = pieces[indices[indices.count - 1]].span
                let trim = !copy.isParagraph && base.member.isParagraph
                let whole = WordDiff(
                    copy: bytes[first.start..<last.end], representative: base.text,
                    trimStart: trim || !bytes[copy.span.start..<first.start].allSatisfy(ByteClass.isSpace),
                    trimEnd: trim || !bytes[last.end..<copy.span.end].allSatisfy(ByteClass.isSpace))
                // Another family's pieces between this copy's: the words they replaced are theirs.
                let foreign = pieces[indices[0]...indices[indices.count - 1]].filter { $0.isRecycled && $0.family != copy.family }
                let shares = whole.split(
                    at: indices.map { pieces[$0].span.range }, of: bytes[first.start..<last.end], foreign: foreign.map(\.span.range))
                for (index, share) in zip(indices, shares) { pieces[index].diff = share }
            }
            paragraphs.append(Paragraph(index: paragraphIndex, label: paragraph.label, pieces: pieces))
        }
        self.paragraphs = paragraphs
    }

    /// What a family's copies in the document are compared with: its member, that member's
    /// text, and the id of its document when it is not the representative's.
    struct Base {
        var member: Family.Member
        var text: ArraySlice<UInt8>
        var comparedWith: String?
    }

    /// Recycled text with no family copy here to compare it with: shown as it is.
    static func unattributed(_ text: ArraySlice<UInt8>) -> Piece {
        Piece(
            isRecycled: true, family: nil, documents: nil, diff: WordDiff(copy: text, representative: text),
            span: ByteRange(text.startIndex, text.endIndex))
    }
}

extension Family {
    /// The copy a document's own copy is compared with: the representative, unless it lies
    /// in that document (a document compared with itself shows nothing, or its own text as
    /// changes); then the most common variant elsewhere, else any member elsewhere.
    ///
    /// - Parameter document: The document being read.
    /// - Returns: A member in another document when the family has one.
    /// - Complexity: O(variants + members).
    public func comparisonBase(forDocument document: Int) -> Member {
        if representative.document != document { return representative }
        if let variant = variants.first(where: { $0.member.document != document }) { return variant.member }
        return members.first { $0.document != document } ?? representative
    }
}
