extension ScanReport {
    /// The report as DESIGN.md's JSON contract: summary, parameters, documents, families.
    ///
    /// Offsets are UTF-8 byte offsets into each document's original bytes, end exclusive.
    /// - Complexity: O(size of the report).
    /// - Parameter grouping: Adds `"groups"`: the recycled share per source, day or month.
    public func json(grouping: Grouping? = nil) -> String {
        String(decoding: jsonUTF8(grouping: grouping), as: UTF8.self)
    }

    /// The report as DESIGN.md's JSON contract, as UTF-8 bytes ready to write.
    public func jsonUTF8(grouping: Grouping? = nil) -> [UInt8] {
        Array(jsonUTF8Pieces(grouping: grouping).joined())
    }

    /// The report as DESIGN.md's JSON contract, as UTF-8 pieces to write one after another
    /// (no copy of the whole report into one array).
    public func jsonUTF8Pieces(grouping: Grouping? = nil) -> [[UInt8]] {
        var writer = JSONWriter()
        writer.raw("{\n  \"summary\": ")
        writeSummary(&writer)
        writer.raw(",\n  \"parameters\": ")
        writeParameters(&writer)
        if let grouping {
            writer.text(",\n  \"groups\": {\"by\": \"\(grouping.rawValue)\", \"measures\": [")
            writeGroups(measures(by: grouping), &writer)
            writer.raw("]}")
        }
        writer.raw(",\n  \"documents\": [")
        appendInParallel(documents.count, to: &writer) { index, writer in
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writeDocument(documents[index], &writer)
        }
        writer.raw(documents.isEmpty ? "],\n  \"families\": [" : "\n  ],\n  \"families\": [")
        appendInParallel(families.count, to: &writer) { index, writer in
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writeFamily(families[index], &writer)
        }
        writer.raw(families.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return writer.pieces
    }

    /// The report as JSON Lines: one document per line, then one family per line,
    /// each object tagged with `"type": "document"` or `"type": "family"`.
    public func jsonLines(grouping: Grouping? = nil) -> String {
        String(decoding: jsonLinesUTF8(grouping: grouping), as: UTF8.self)
    }

    /// The report as JSON Lines, as UTF-8 bytes ready to write.
    public func jsonLinesUTF8(grouping: Grouping? = nil) -> [UInt8] {
        Array(jsonLinesUTF8Pieces(grouping: grouping).joined())
    }

    /// The report as JSON Lines, as UTF-8 pieces to write one after another.
    public func jsonLinesUTF8Pieces(grouping: Grouping? = nil) -> [[UInt8]] {
        var writer = JSONWriter()
        if let grouping {
            for measure in measures(by: grouping) {
                writer.text("{\"type\": \"group\", \"by\": \"\(grouping.rawValue)\", ")
                var item = JSONWriter()
                writeGroups([measure], &item)
                writer.text(String(item.output.dropFirst()))
                writer.raw("\n")
            }
        }
        appendInParallel(documents.count, to: &writer) { index, writer in
            writer.raw("{\"type\": \"document\", ")
            writeDocument(documents[index], &writer, open: false)
            writer.raw("\n")
        }
        appendInParallel(families.count, to: &writer) { index, writer in
            writer.raw("{\"type\": \"family\", ")
            writeFamily(families[index], &writer, open: false)
            writer.raw("\n")
        }
        return writer.pieces
    }

    /// Writes items `0..<count` in chunks on `configuration.jobs` threads, then appends the
    /// chunks in order as pieces: the same bytes as writing them one after another.
    func appendInParallel(_ count: Int, to writer: inout JSONWriter, _ write: @Sendable (Int, inout JSONWriter) -> Void) {
        let chunk = 256
        let pieces = parallelMap((count + chunk - 1) / chunk, jobs: configuration.jobs) { piece in
            var local = JSONWriter()
            for index in (piece * chunk)..<min(count, (piece + 1) * chunk) { write(index, &local) }
            return local.bytes
        }
        writer.append(pieces: pieces)
    }

    func writeGroups(_ measures: [GroupMeasure], _ writer: inout JSONWriter) {
        for (index, measure) in measures.enumerated() {
            writer.raw(index == 0 ? "{\"key\": " : ", {\"key\": ")
            if let key = measure.key { writer.string(key) } else { writer.raw("null") }
            writer.text(
                ", \"documents\": \(measure.documents), \"bytes\": \(measure.bytes), \"recycledBytes\": \(measure.recycledBytes), \"recycledShare\": "
            )
            writer.number(measure.recycledShare)
            writer.raw("}")
        }
    }

    func writeSummary(_ writer: inout JSONWriter) {
        writer.text("{\"documents\": \(documents.count), \"paragraphs\": \(paragraphCount), \"bytes\": \(bytes), ")
        writer.text("\"recycledBytes\": \(recycledBytes), \"recycledShare\": ")
        writer.number(recycledShare)
        writer.text(", \"families\": \(families.count)}")
    }

    func writeParameters(_ writer: inout JSONWriter) {
        writer.text("{\"shingle\": \(configuration.shingle), \"threshold\": ")
        writer.number(configuration.threshold)
        writer.text(", \"permutations\": \(configuration.permutations), \"bands\": \(parameters.bands), ")
        writer.text("\"rows\": \(parameters.rows), \"minDocuments\": \(configuration.minDocuments)}")
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
        writer.raw(", \"bytes\": ")
        writer.integer(document.bytes)
        writer.raw(", \"recycledBytes\": ")
        writer.integer(document.recycledBytes)
        writer.raw(", \"recycledShare\": ")
        writer.number(document.recycledShare)
        writer.raw(", \"recycled\": [")
        for (index, span) in document.recycled.enumerated() {
            writer.raw(index == 0 ? "[" : ", [")
            writer.integer(span.start)
            writer.raw(", ")
            writer.integer(span.end)
            writer.raw("]")
        }
        writer.raw("], \"paragraphs\": [")
        for (index, paragraph) in document.paragraphs.enumerated() {
            writer.raw(index == 0 ? "{\"start\": " : ", {\"start\": ")
            writer.integer(paragraph.span.start)
            writer.raw(", \"end\": ")
            writer.integer(paragraph.span.end)
            writer.raw(", \"label\": \"")
            writer.text(paragraph.label.rawValue)
            writer.raw("\", \"family\": ")
            if let family = paragraph.family { writer.integer(family) } else { writer.raw("null") }
            writer.raw(", \"similarity\": ")
            if let similarity = paragraph.similarity { writer.number(similarity) } else { writer.raw("null") }
            writer.raw("}")
        }
        writer.raw("]}")
    }

    func writeFamily(_ family: Family, _ writer: inout JSONWriter, open: Bool = true) {
        if open { writer.raw("{") }
        writer.raw("\"id\": ")
        writer.integer(family.id)
        writer.raw(", \"documents\": ")
        writer.integer(family.documents)
        writer.raw(", \"members\": [")
        for (index, member) in family.members.enumerated() {
            writer.raw(index == 0 ? "{\"document\": " : ", {\"document\": ")
            writer.string(documents[member.document].id)
            writer.raw(", \"paragraph\": ")
            writer.integer(member.paragraph)
            writer.raw(", \"start\": ")
            writer.integer(member.span.start)
            writer.raw(", \"end\": ")
            writer.integer(member.span.end)
            writer.raw("}")
        }
        writer.raw("], \"text\": ")
        writer.string(family.text)
        writer.raw("}")
    }
}
