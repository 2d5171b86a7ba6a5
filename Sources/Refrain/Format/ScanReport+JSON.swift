extension ScanReport {
    /// The report as DESIGN.md's JSON contract: summary, parameters, documents, families.
    ///
    /// Offsets are UTF-8 byte offsets into each document's original bytes, end exclusive.
    /// - Complexity: O(size of the report).
    /// - Parameter grouping: Adds `"groups"`: the recycled share per source, day or month.
    public func json(grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil) -> String {
        String(decoding: jsonUTF8(grouping: grouping, sources: sources, duplicates: duplicates), as: UTF8.self)
    }

    /// The report as DESIGN.md's JSON contract, as UTF-8 bytes ready to write.
    public func jsonUTF8(grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        writeJSON(grouping: grouping, sources: sources, duplicates: duplicates) { bytes += $0 }
        return bytes
    }

    /// Formats the report as DESIGN.md's JSON contract on `configuration.jobs` threads and
    /// hands it to `write` as UTF-8 pieces, in order, each as soon as it is ready: writing
    /// overlaps formatting.
    ///
    /// - Parameters:
    ///   - grouping: Adds `"groups"`: the recycled share per source, day or month.
    ///   - sources: Adds `"sources"` (own boilerplate and shared text per source, who
    ///     carries whose text) and each family's `firstPublisher`, `copiesBySource` and
    ///     `ownBoilerplate`.
    ///   - duplicates: Adds `"duplicates"`: each exact-duplicate document and its original.
    ///   - write: Called with the pieces in order, on one thread at a time. Once it
    ///     throws, it is not called again, and its error is thrown.
    /// - Complexity: O(size of the report).
    public func writeJSON<E: Error>(
        grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil,
        to write: ([UInt8]) throws(E) -> Void
    ) throws(E) {
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
        if let sources {
            writer.raw(",\n  \"sources\": ")
            writeSources(sources, &writer)
        }
        if let duplicates {
            writer.raw(",\n  \"duplicates\": [")
            writeDuplicates(duplicates, &writer)
            writer.raw("]")
        }
        writer.raw(",\n  \"documents\": [")
        try writeInParallel(documents.count, chunk: 256, after: &writer, to: write) { index, writer in
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            // Read in place: a copy of the report retained and released its five fields.
            documents.withUnsafeBufferPointer { writeDocument($0[index], &writer) }
        }
        writer.raw(documents.isEmpty ? "],\n  \"families\": [" : "\n  ],\n  \"families\": [")
        try writeInParallel(families.count, chunk: 16, after: &writer, to: write) { index, writer in
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writeFamily(families[index], spread: sources?.spreads[index], &writer)
        }
        writer.raw(families.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        try write(writer.bytes)
    }

    /// The report as JSON Lines: the summary and parameters on one line, then one document
    /// per line, then one family per line, each object tagged with its `"type"`.
    public func jsonLines(grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil)
        -> String
    {
        String(decoding: jsonLinesUTF8(grouping: grouping, sources: sources, duplicates: duplicates), as: UTF8.self)
    }

    /// The report as JSON Lines, as UTF-8 bytes ready to write.
    public func jsonLinesUTF8(grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        writeJSONLines(grouping: grouping, sources: sources, duplicates: duplicates) { bytes += $0 }
        return bytes
    }

    /// Formats the report as JSON Lines on `configuration.jobs` threads and hands it to
    /// `write` as UTF-8 pieces, in order, each as soon as it is ready.
    ///
    /// The first line, `"type": "summary"`, holds the JSON report's `summary` fields and
    /// its `parameters`, so that a reader of the lines has every part of the JSON report.
    ///
    /// - Parameters:
    ///   - grouping: Adds one `"type": "group"` line per source, day or month first.
    ///   - sources: Adds one `"type": "sources"` line (the `"sources"` object of the JSON
    ///     report) and the families' spread fields.
    ///   - duplicates: Adds one `"type": "duplicate"` line per exact-duplicate document,
    ///     naming its original (the JSON report's `duplicates`).
    ///   - write: Called with the pieces in order, on one thread at a time. Once it
    ///     throws, it is not called again, and its error is thrown.
    /// - Complexity: O(size of the report).
    public func writeJSONLines<E: Error>(
        grouping: Grouping? = nil, sources: SourceAnalysis? = nil, duplicates: DuplicateDocuments? = nil,
        to write: ([UInt8]) throws(E) -> Void
    ) throws(E) {
        var writer = JSONWriter()
        var summary = JSONWriter()
        writeSummary(&summary)
        writer.raw("{\"type\": \"summary\", ")
        writer.text(String(summary.output.dropFirst().dropLast()))
        writer.raw(", \"parameters\": ")
        writeParameters(&writer)
        writer.raw("}\n")
        if let sources {
            var item = JSONWriter()
            writeSources(sources, &item, oneLine: true)
            writer.raw("{\"type\": \"sources\", ")
            writer.text(String(item.output.dropFirst()))
            writer.raw("\n")
        }
        if let grouping {
            for measure in measures(by: grouping) {
                writer.text("{\"type\": \"group\", \"by\": \"\(grouping.rawValue)\", ")
                var item = JSONWriter()
                writeGroups([measure], &item)
                writer.text(String(item.output.dropFirst()))
                writer.raw("\n")
            }
        }
        if let duplicates { writeDuplicates(duplicates, &writer, open: "{\"type\": \"duplicate\", ", separator: "", close: "}\n") }
        try writeInParallel(documents.count, chunk: 256, after: &writer, to: write) { index, writer in
            writer.raw("{\"type\": \"document\", ")
            documents.withUnsafeBufferPointer { writeDocument($0[index], &writer, open: false) }
            writer.raw("\n")
        }
        try writeInParallel(families.count, chunk: 16, after: &writer, to: write) { index, writer in
            writer.raw("{\"type\": \"family\", ")
            writeFamily(families[index], spread: sources?.spreads[index], &writer, open: false)
            writer.raw("\n")
        }
        try write(writer.bytes)
    }

    /// Hands `write` what `writer` holds, then items `0..<count` formatted in chunks on
    /// `configuration.jobs` threads, in order: the same bytes as formatting them one after
    /// another into `writer`.
    ///
    /// Documents go 256 to a chunk (about half a megabyte). Families come largest first, so
    /// they go 16 to a chunk: in chunks of 256 the first, with the largest families, would
    /// keep one thread busy long after the other had finished the rest.
    func writeInParallel<E: Error>(
        _ count: Int, chunk: Int, after writer: inout JSONWriter, to write: ([UInt8]) throws(E) -> Void,
        _ format: @Sendable (Int, inout JSONWriter) -> Void
    ) throws(E) {
        if writer.count > 0 {
            try write(writer.bytes)
            writer.removeAll()
        }
        try parallelForEachInOrder((count + chunk - 1) / chunk, jobs: configuration.jobs) { piece in
            var local = JSONWriter(capacity: 1 << 19)
            for index in (piece * chunk)..<min(count, (piece + 1) * chunk) { format(index, &local) }
            return local.bytes
        } consume: { (bytes) throws(E) in
            try write(bytes)
        }
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
        writer.optional(", \"source\": ", document.source)
        writer.optional(", \"date\": ", document.date)
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
        // Fields read in place: a paragraph copied out of the array would retain and release
        // its three arrays.
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
            for index in paragraphs.indices {
                writer.raw(index == 0 ? "{\"start\": " : ", {\"start\": ")
                writer.integer(paragraphs[index].span.start)
                writer.raw(", \"end\": ")
                writer.integer(paragraphs[index].span.end)
                writer.raw(", \"label\": \"")
                writer.text(paragraphs[index].label.rawValue)
                writer.raw("\", \"family\": ")
                if let family = paragraphs[index].family { writer.integer(family) } else { writer.raw("null") }
                writer.raw(", \"similarity\": ")
                if let similarity = paragraphs[index].similarity { writer.number(similarity) } else { writer.raw("null") }
                writer.raw("}")
            }
        }
        writer.raw("]}")
    }

    func writeFamily(_ family: Family, spread: SourceAnalysis.Spread? = nil, _ writer: inout JSONWriter, open: Bool = true) {
        let publisher = spread.map { spread in
            let first = documents[spread.firstDocument]
            return FamilyPublisher(
                document: first.id, source: first.source, date: first.date, copiesBySource: spread.copiesBySource,
                isOwnBoilerplate: spread.isOwnBoilerplate)
        }
        // Ids read in place, not through a copy of each member's document report.
        documents.withUnsafeBufferPointer { documents in
            Self.writeFamily(
                id: family.id, documents: family.documents,
                members: family.members.lazy.map { (documents[$0.document].id, $0.paragraph, $0.span) }, text: family.text,
                publisher: publisher, &writer, open: open)
        }
    }

    /// A family's `firstPublisher`, `copiesBySource` and `ownBoilerplate` fields' values.
    struct FamilyPublisher {
        var document: String
        var source: String?
        var date: String?
        var copiesBySource: [(source: String?, copies: Int)]
        var isOwnBoilerplate: Bool
    }

    /// Writes a family record from its parts: the one layout of `refrain scan` and of the
    /// distributed job's `stage families`.
    ///
    /// - Parameters:
    ///   - members: Each copy's document id, paragraph (from 0) and span.
    ///   - publisher: The fields a corpus with sources adds, or `nil`.
    ///   - open: Whether to write the record's `{`, which the caller may have written with a `type`.
    static func writeFamily(
        id: Int, documents: Int, members: some Sequence<(String, Int, ByteRange)>, text: String, publisher: FamilyPublisher?,
        _ writer: inout JSONWriter, open: Bool = true
    ) {
        if open { writer.raw("{") }
        writer.raw("\"id\": ")
        writer.integer(id)
        writer.raw(", \"documents\": ")
        writer.integer(documents)
        writer.raw(", \"members\": [")
        var first = true
        for (document, paragraph, span) in members {
            writer.raw(first ? "{\"document\": " : ", {\"document\": ")
            first = false
            writer.string(document)
            // 1-based, as `diff` numbers paragraphs: one numbering everywhere.
            writer.raw(", \"paragraphNumber\": ")
            writer.integer(paragraph + 1)
            writer.raw(", \"start\": ")
            writer.integer(span.start)
            writer.raw(", \"end\": ")
            writer.integer(span.end)
            writer.raw("}")
        }
        writer.raw("], \"text\": ")
        writer.string(text)
        if let publisher { writeSpread(publisher, &writer) }
        writer.raw("}")
    }
}
