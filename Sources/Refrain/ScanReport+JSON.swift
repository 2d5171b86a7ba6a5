extension ScanReport {
    /// The report as DESIGN.md's JSON contract: summary, parameters, documents, families.
    ///
    /// Offsets are UTF-8 byte offsets into each document's original bytes, end exclusive.
    /// - Complexity: O(size of the report).
    /// - Parameter grouping: Adds `"groups"`: the recycled share per source, day or month.
    public func json(grouping: Grouping? = nil) -> String {
        var writer = JSONWriter()
        writer.raw("{\n  \"summary\": ")
        writeSummary(&writer)
        writer.raw(",\n  \"parameters\": ")
        writeParameters(&writer)
        if let grouping {
            writer.raw(",\n  \"groups\": {\"by\": \"\(grouping.rawValue)\", \"measures\": [")
            writeGroups(measures(by: grouping), &writer)
            writer.raw("]}")
        }
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
    public func jsonLines(grouping: Grouping? = nil) -> String {
        var writer = JSONWriter()
        if let grouping {
            for measure in measures(by: grouping) {
                writer.raw("{\"type\": \"group\", \"by\": \"\(grouping.rawValue)\", ")
                var item = JSONWriter()
                writeGroups([measure], &item)
                writer.raw(String(item.output.dropFirst()))
                writer.raw("\n")
            }
        }
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

    func writeGroups(_ measures: [GroupMeasure], _ writer: inout JSONWriter) {
        for (index, measure) in measures.enumerated() {
            writer.raw(index == 0 ? "{\"key\": " : ", {\"key\": ")
            if let key = measure.key { writer.string(key) } else { writer.raw("null") }
            writer.raw(
                ", \"documents\": \(measure.documents), \"bytes\": \(measure.bytes), \"recycledBytes\": \(measure.recycledBytes), \"recycledShare\": "
            )
            writer.number(measure.recycledShare)
            writer.raw("}")
        }
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
