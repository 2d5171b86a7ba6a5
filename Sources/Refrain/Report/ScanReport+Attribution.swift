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
}
