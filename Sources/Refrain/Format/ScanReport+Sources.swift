extension ScanReport {
    /// The per-source analysis as JSON: `{"measures": [...], "carried": {"sources": [...],
    /// "families": [[...]]}}`.
    ///
    /// - Parameter oneLine: No line breaks, for a JSON Lines record; else one measure a line.
    func writeSources(_ analysis: SourceAnalysis, _ writer: inout JSONWriter, oneLine: Bool = false) {
        let (first, next) = oneLine ? ("", ", ") : ("\n    ", ",\n    ")
        writer.raw("{\"measures\": [")
        for (index, measure) in analysis.measures.enumerated() {
            writer.text((index == 0 ? first : next) + "{\"source\": ")
            if let source = measure.source { writer.string(source) } else { writer.raw("null") }
            writer.text(", \"documents\": \(measure.documents), \"bytes\": \(measure.bytes), \"recycledShare\": ")
            writer.number(measure.recycledShare)
            writer.raw(", \"ownShare\": ")
            writer.number(measure.ownShare)
            writer.raw(", \"sharedShare\": ")
            writer.number(measure.sharedShare(roundedTo: 4))
            writer.text(
                ", \"ownFamilies\": \(measure.ownFamilies), \"sharedFamilies\": \(measure.sharedFamilies), \"firstPublished\": \(measure.firstPublished)}"
            )
        }
        writer.text(oneLine ? "], \"carried\": {\"sources\": [" : "],\n   \"carried\": {\"sources\": [")
        for (index, source) in analysis.sources.enumerated() {
            if index > 0 { writer.raw(", ") }
            if let source { writer.string(source) } else { writer.raw("null") }
        }
        writer.raw("], \"families\": [")
        for (index, row) in analysis.carried.enumerated() {
            writer.raw(index == 0 ? "[" : ", [")
            writer.text(row.map(String.init).joined(separator: ", "))
            writer.raw("]")
        }
        writer.raw("]}}")
    }

    /// A family's `firstPublisher`, `copiesBySource` and `ownBoilerplate` fields.
    static func writeSpread(_ publisher: FamilyPublisher, _ writer: inout JSONWriter) {
        writer.raw(", \"firstPublisher\": {\"document\": ")
        writer.string(publisher.document)
        writer.raw(", \"source\": ")
        if let source = publisher.source { writer.string(source) } else { writer.raw("null") }
        writer.raw(", \"date\": ")
        if let date = publisher.date { writer.string(date) } else { writer.raw("null") }
        writer.raw("}, \"copiesBySource\": [")
        for (index, entry) in publisher.copiesBySource.enumerated() {
            writer.raw(index == 0 ? "{\"source\": " : ", {\"source\": ")
            if let source = entry.source { writer.string(source) } else { writer.raw("null") }
            writer.text(", \"copies\": \(entry.copies)}")
        }
        writer.text("], \"ownBoilerplate\": \(publisher.isOwnBoilerplate)")
    }

    /// The text report's section on sources: own boilerplate and shared text per source, and
    /// which source carries the shared text another published first.
    ///
    /// - Parameters:
    ///   - analysis: The per-source analysis.
    ///   - maxSources: Sources listed, most documents first; `nil` lists all.
    /// - Returns: Lines, without a trailing blank line.
    func sourceLines(_ analysis: SourceAnalysis, maxSources: Int?, width: Int = 100) -> [String] {
        let order = Self.mostDocumentsFirst(analysis.measures.map(\.documents))
        let shown = Array(order.prefix(maxSources ?? order.count))
        func name(_ index: Int) -> String { analysis.measures[index].source?.terminalSafeName ?? "(no source)" }
        // Short headers, each column as wide as its header or its widest number, and names
        // cut to what the line has left: at 80 columns the long headers wrapped every row.
        func column(_ header: String, _ value: (SourceAnalysis.Measure) -> Int) -> Int {
            max(header.count, shown.map { value(analysis.measures[$0]).grouped.count }.max() ?? 0)
        }
        let docs = column("docs", \.documents), own = column("own fam", \.ownFamilies)
        let shared = column("shared fam", \.sharedFamilies), first = column("first", \.firstPublished)
        let fixed = 2 + 6 + 2 + 6 + 2 + 2 + docs + 2 + own + 2 + shared + 2 + first
        let nameWidth = max(8, min(30, shown.map { name($0).columns }.max() ?? 0, width - fixed))
        var lines = ["Recycled text per source: own boilerplate, and text shared with other sources"]
        lines.append(
            "     own  shared  " + "source".padded(nameWidth) + "  " + "docs".leftPadded(docs) + "  " + "own fam".leftPadded(own)
                + "  " + "shared fam".leftPadded(shared) + "  " + "first".leftPadded(first))
        for index in shown {
            let measure = analysis.measures[index]
            lines.append(
                "  \(measure.ownShare.percent.leftPadded(6))  \(min(measure.sharedShare(roundedTo: 3), measure.recycledShare).percent.leftPadded(6))  "
                    + "\(name(index).shortened(to: nameWidth).padded(nameWidth))  \(measure.documents.grouped.leftPadded(docs))  "
                    + "\(measure.ownFamilies.grouped.leftPadded(own))  \(measure.sharedFamilies.grouped.leftPadded(shared))  "
                    + measure.firstPublished.grouped.leftPadded(first))
        }
        if shown.count < order.count {
            lines.append("  … and \((order.count - shown.count).counted("more source", "more sources")) (--all or --format csv lists all)")
        }
        lines.append("  (fam: families; own: all copies in the source; first: shared ones it published first)")
        guard analysis.measures.contains(where: { $0.sharedFamilies > 0 }) else { return lines }
        lines.append("")
        lines.append("Shared families first published by each source (row) and carried by each (column)")
        let cellWidth = max(4, shown.map { analysis.carried[$0].max() ?? 0 }.max().map { $0.grouped.count + 1 } ?? 4)
        let labelWidth = min(20, nameWidth) + 5
        // As many columns as the line holds; the rest are said, not wrapped into the rows.
        let columns = min(shown.count, max(1, (width - labelWidth) / cellWidth))
        lines.append(String(repeating: " ", count: labelWidth) + (0..<columns).map { String($0 + 1).leftPadded(cellWidth) }.joined())
        for (row, index) in shown.enumerated() {
            let label = "  \(String(row + 1).leftPadded(2)) \(name(index).shortened(to: labelWidth - 5))".padded(labelWidth)
            lines.append(label + shown.prefix(columns).map { analysis.carried[index][$0].grouped.leftPadded(cellWidth) }.joined())
        }
        if columns < shown.count {
            lines.append(
                "  (columns 1 to \(columns) of \(shown.count): a wider --width shows the rest; --format json has the whole table)")
        }
        return lines
    }

    /// "first in Beta Times, 2024-01-01 · Beta Times 3 · Alpha Wire 1": a family's first
    /// publisher and its copies per source.
    func spreadLine(_ spread: SourceAnalysis.Spread, maxSources: Int = 4) -> String {
        let first = documents[spread.firstDocument]
        // Without a source, the document names the publisher: a date alone says not where.
        let publisher = [first.source ?? first.id, first.date].compactMap { $0?.terminalSafeName.shortenedInMiddle(to: 40) }.filter {
            !$0.isEmpty
        }
        var parts = ["first in " + publisher.joined(separator: ", ")]
        if spread.isOwnBoilerplate { parts.append("own boilerplate") }
        parts += spread.copiesBySource.prefix(maxSources).map {
            "\($0.source?.terminalSafeName.shortenedInMiddle(to: 40) ?? "(no source)") \($0.copies.grouped)"
        }
        if spread.copiesBySource.count > maxSources {
            parts.append("\((spread.copiesBySource.count - maxSources).counted("more source", "more sources"))")
        }
        return parts.joined(separator: " · ")
    }

    /// The text report's section on exact duplicates: each duplicate and its original.
    ///
    /// - Parameters:
    ///   - duplicates: The exact-duplicate groups.
    ///   - maxDocuments: Duplicates listed; the rest are counted.
    func duplicateLines(_ duplicates: DuplicateDocuments, maxDocuments: Int) -> [String] {
        let pairs = duplicates.groups.flatMap { group in group.duplicates.map { ($0, group.original) } }
        var lines = [
            "Exact duplicates: \(pairs.count.counted("document repeats", "documents repeat")) an earlier one whole "
                + "(clean --keep-first keeps the first)"
        ]
        let shown = pairs.prefix(maxDocuments)
        let idWidth = min(40, shown.map { documents[$0.0].id.terminalSafeName.columns }.max() ?? 0)
        for (duplicate, original) in shown {
            lines.append(
                "  \(documents[duplicate].id.terminalSafeName.shortened(to: 40).padded(idWidth))  duplicate of "
                    + documents[original].id.terminalSafeName.shortened(to: 40))
        }
        if pairs.count > shown.count {
            lines.append(
                "  … and \((pairs.count - shown.count).counted("more duplicate", "more duplicates")) (--all or --format json lists all)")
        }
        return lines
    }

    /// The exact duplicates as JSON: `[{"document": id, "duplicateOf": id}, …]`.
    ///
    /// Each duplicate's `"document": …, "duplicateOf": …` is written between `open` and
    /// `close`, with `separator` between two: a JSON array's items by default, or JSON Lines
    /// records.
    func writeDuplicates(
        _ duplicates: DuplicateDocuments, _ writer: inout JSONWriter, open: StaticString = "{",
        separator: StaticString = ", ", close: StaticString = "}"
    ) {
        var first = true
        for group in duplicates.groups {
            for duplicate in group.duplicates {
                if !first { writer.raw(separator) }
                first = false
                writer.raw(open)
                writer.raw("\"document\": ")
                writer.string(documents[duplicate].id)
                writer.raw(", \"duplicateOf\": ")
                writer.string(documents[group.original].id)
                writer.raw(close)
            }
        }
    }
}
