extension DocumentDiff {
    /// The diff as JSON: the same facts as `render`, paragraph by paragraph.
    ///
    /// `{"document": {id, source?, date?, bytes, recycledBytes, recycledShare, paragraphs,
    /// recycledParagraphs}, "corpusDocuments", "paragraphs": [{number, label, start, end,
    /// "pieces": [...]}]}`. Each piece has `recycled`, `start`, `end` and `text`; a recycled
    /// one also `family`, `documents`, `comparedWith` (the document whose copy the words are
    /// compared with, `null` for the representative), `addedWords`, `removedWords`, `diff`
    /// (the text with `[-…-]` and `{+…+}` marks) and `carriers` (the other documents that carry
    /// the family, earliest first: `id`, `source`?, `date`?) with `moreCarriers` counting those
    /// left out.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes, which the pieces' offsets index.
    ///   - maxCarriers: Carriers listed per piece; `nil` lists them all.
    /// - Returns: One JSON object and a line feed.
    /// - Complexity: O(the document's length + carriers listed).
    public func json(bytes: [UInt8], maxCarriers: Int? = 5) -> String {
        var writer = JSONWriter()
        writer.raw("{\"document\": {\"id\": ")
        writer.string(document.id)
        if let source = document.source {
            writer.raw(", \"source\": ")
            writer.string(source)
        }
        if let date = document.date {
            writer.raw(", \"date\": ")
            writer.string(date)
        }
        writer.text(", \"bytes\": \(document.bytes), \"recycledBytes\": \(document.recycledBytes), \"recycledShare\": ")
        writer.number(document.recycledShare)
        let recycledParagraphs = paragraphs.filter { $0.label == .template || $0.label == .partial }.count
        writer.text(", \"paragraphs\": \(paragraphs.count), \"recycledParagraphs\": \(recycledParagraphs)}")
        writer.text(",\n  \"corpusDocuments\": \(corpusDocuments),\n  \"paragraphs\": [")
        for (index, paragraph) in paragraphs.enumerated() {
            let span = document.paragraphs[paragraph.index].span
            writer.raw(index == 0 ? "\n    {" : ",\n    {")
            writer.text("\"number\": \(paragraph.index + 1), \"label\": \"\(paragraph.label.rawValue)\", ")
            writer.text("\"start\": \(span.start), \"end\": \(span.end), \"pieces\": [")
            for (offset, piece) in paragraph.pieces.enumerated() {
                writer.raw(offset == 0 ? "{" : ", {")
                writer.text("\"recycled\": \(piece.isRecycled), \"start\": \(piece.span.start), \"end\": \(piece.span.end), \"text\": ")
                writer.string(String(decoding: bytes[piece.span.range], as: UTF8.self))
                if piece.isRecycled {
                    writer.raw(", \"family\": ")
                    if let family = piece.family { writer.integer(family) } else { writer.raw("null") }
                    writer.raw(", \"documents\": ")
                    if let documents = piece.documents { writer.integer(documents) } else { writer.raw("null") }
                    writer.raw(", \"comparedWith\": ")
                    if let compared = piece.comparedWith { writer.string(compared) } else { writer.raw("null") }
                    let changes = piece.diff.changedWords
                    writer.text(", \"addedWords\": \(changes.added), \"removedWords\": \(changes.removed), \"diff\": ")
                    writer.string(piece.diff.markedText)
                    writer.raw(", \"carriers\": [")
                    let shown = piece.carriers.prefix(maxCarriers ?? piece.carriers.count)
                    for (number, carrier) in shown.enumerated() {
                        writer.raw(number == 0 ? "{\"id\": " : ", {\"id\": ")
                        writer.string(carrier.id)
                        if let source = carrier.source {
                            writer.raw(", \"source\": ")
                            writer.string(source)
                        }
                        if let date = carrier.date {
                            writer.raw(", \"date\": ")
                            writer.string(date)
                        }
                        writer.raw("}")
                    }
                    writer.text("], \"moreCarriers\": \(piece.carriers.count - shown.count)")
                }
                writer.raw("}")
            }
            writer.raw("]}")
        }
        writer.raw(paragraphs.isEmpty ? "]}\n" : "\n  ]}\n")
        return writer.output
    }
}
