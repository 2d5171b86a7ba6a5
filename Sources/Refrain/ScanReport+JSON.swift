extension ScanReport {
    /// The report as DESIGN.md's JSON contract: summary, parameters, documents, families.
    ///
    /// Offsets are UTF-8 byte offsets into each document's original bytes, end exclusive.
    /// - Complexity: O(size of the report).
    public func json() -> String {
        var writer = JSONWriter()
        writer.raw("{\n  \"summary\": ")
        writeSummary(&writer)
        writer.raw(",\n  \"parameters\": ")
        writeParameters(&writer)
        writer.raw(",\n  \"documents\": [")
        for (index, document) in documents.enumerated() {
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writeDocument(document, &writer)
        }
        writer.raw(documents.isEmpty ? "],\n  \"families\": [" : "\n  ],\n  \"families\": [")
        for (index, family) in families.enumerated() {
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writeFamily(family, &writer)
        }
        writer.raw(families.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return writer.output
    }

    /// The report as JSON Lines: one document per line, then one family per line,
    /// each object tagged with `"type": "document"` or `"type": "family"`.
    public func jsonLines() -> String {
        var writer = JSONWriter()
        for document in documents {
            writer.raw("{\"type\": \"document\", ")
            writeDocument(document, &writer, open: false)
            writer.raw("\n")
        }
        for family in families {
            writer.raw("{\"type\": \"family\", ")
            writeFamily(family, &writer, open: false)
            writer.raw("\n")
        }
        return writer.output
    }

    func writeSummary(_ writer: inout JSONWriter) {
        writer.raw("{\"documents\": \(documents.count), \"paragraphs\": \(paragraphCount), \"bytes\": \(bytes), ")
        writer.raw("\"recycledBytes\": \(recycledBytes), \"recycledShare\": ")
        writer.number(recycledShare)
        writer.raw(", \"families\": \(families.count)}")
    }

    func writeParameters(_ writer: inout JSONWriter) {
        writer.raw("{\"shingle\": \(configuration.shingle), \"threshold\": ")
        writer.number(configuration.threshold)
        writer.raw(", \"permutations\": \(configuration.permutations), \"bands\": \(parameters.bands), ")
        writer.raw("\"rows\": \(parameters.rows), \"minDocuments\": \(configuration.minDocuments)}")
    }

    func writeDocument(_ document: DocumentReport, _ writer: inout JSONWriter, open: Bool = true) {
        if open { writer.raw("{") }
        writer.raw("\"id\": ")
        writer.string(document.id)
        if let source = document.source {
            writer.raw(", \"source\": ")
            writer.string(source)
        }
        if let date = document.date {
            writer.raw(", \"date\": ")
            writer.string(date)
        }
        writer.raw(", \"bytes\": \(document.bytes), \"recycledBytes\": \(document.recycledBytes), \"recycledShare\": ")
        writer.number(document.recycledShare)
        writer.raw(", \"recycled\": [")
        writer.raw(document.recycled.map { "[\($0.start), \($0.end)]" }.joined(separator: ", "))
        writer.raw("], \"paragraphs\": [")
        for (index, paragraph) in document.paragraphs.enumerated() {
            writer.raw(index == 0 ? "" : ", ")
            writer.raw("{\"start\": \(paragraph.span.start), \"end\": \(paragraph.span.end), \"label\": \"\(paragraph.label.rawValue)\", ")
            writer.raw("\"family\": \(paragraph.family.map(String.init) ?? "null"), \"similarity\": ")
            if let similarity = paragraph.similarity { writer.number(similarity) } else { writer.raw("null") }
            writer.raw("}")
        }
        writer.raw("]}")
    }

    func writeFamily(_ family: Family, _ writer: inout JSONWriter, open: Bool = true) {
        if open { writer.raw("{") }
        writer.raw("\"id\": \(family.id), \"documents\": \(family.documents), \"members\": [")
        for (index, member) in family.members.enumerated() {
            writer.raw(index == 0 ? "{\"document\": " : ", {\"document\": ")
            writer.string(documents[member.document].id)
            writer.raw(", \"paragraph\": \(member.paragraph), \"start\": \(member.span.start), \"end\": \(member.span.end)}")
        }
        writer.raw("], \"text\": ")
        writer.string(family.text)
        writer.raw("}")
    }
}
