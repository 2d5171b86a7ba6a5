extension ScanReport {
    /// The family of each recycled span of a document: the family whose copy in this
    /// document overlaps the span most, or `nil` when none does.
    ///
    /// - Complexity: O(*s* · *m*) for *s* spans and *m* family copies in the document.
    public func recycledFamilies(ofDocument index: Int) -> [(span: ByteRange, family: Int?)] {
        let copies = familyCopies(inDocument: index)
        return documents[index].recycled.map { span in
            var best: (family: Int, overlap: Int)?
            for copy in copies {
                let overlap = min(span.end, copy.span.end) - max(span.start, copy.span.start)
                if overlap > 0, overlap > best?.overlap ?? 0 { best = (copy.family, overlap) }
            }
            return (span, best?.family)
        }
    }

    /// Every family copy in a document: its span and family id, in reading order.
    ///
    /// - Complexity: O(*c*) for *c* family copies in the corpus; to visit every document,
    ///   call `familyCopiesByDocument()` once instead.
    public func familyCopies(inDocument index: Int) -> [(span: ByteRange, family: Int, isParagraph: Bool)] {
        var result: [(span: ByteRange, family: Int, isParagraph: Bool)] = []
        for family in families {
            for member in family.members where member.document == index {
                result.append((member.span, family.id, member.isParagraph))
            }
        }
        return result.sorted { $0.span < $1.span }
    }

    /// Every document's family copies, in reading order: one pass over the families, so a
    /// caller that visits every document calls it once rather than once per document.
    ///
    /// - Returns: Per document index, its copies' spans, family ids and whether each is a paragraph.
    /// - Complexity: O(*c* log *c*) for *c* family copies in the corpus.
    public func familyCopiesByDocument() -> [[(span: ByteRange, family: Int, isParagraph: Bool)]] {
        var result = [[(span: ByteRange, family: Int, isParagraph: Bool)]](repeating: [], count: documents.count)
        for family in families {
            for member in family.members { result[member.document].append((member.span, family.id, member.isParagraph)) }
        }
        return result.map { $0.sorted { $0.span < $1.span } }
    }

    /// The copies that lie inside a paragraph, and those that attribute its recycled text:
    /// its sentence copies when it has any (they are finer), else all of them.
    ///
    /// - Parameters:
    ///   - paragraph: The paragraph's bytes.
    ///   - copies: The document's family copies, in reading order.
    ///   - starts: Their start offsets.
    /// - Returns: Every copy inside the paragraph, and the ones to attribute by.
    /// - Complexity: O(log *c* + the copies starting inside the paragraph).
    static func copies(
        inParagraph paragraph: ByteRange, of copies: [(span: ByteRange, family: Int, isParagraph: Bool)], starts: [Int]
    ) -> (all: [(span: ByteRange, family: Int, isParagraph: Bool)], usable: [(span: ByteRange, family: Int, isParagraph: Bool)]) {
        // Copies are in reading order: only those starting inside the paragraph are read.
        var inParagraph: [(span: ByteRange, family: Int, isParagraph: Bool)] = []
        var copy = starts.lowerBound(of: paragraph.start)
        while copy < copies.count, copies[copy].span.start < paragraph.end {
            if copies[copy].span.end <= paragraph.end { inParagraph.append(copies[copy]) }
            copy += 1
        }
        let sentenceCopies = inParagraph.filter { !$0.isParagraph }
        return (inParagraph, sentenceCopies.isEmpty ? inParagraph : sentenceCopies)
    }
}
