extension ScanReport {
    /// The tables the report writes as CSV.
    public enum CSVTable: String, Sendable, CaseIterable {
        /// One row per document, in corpus order.
        case documents
        /// One row per source, day or month (needs a grouping).
        case groups
        /// One row per family, largest first.
        case families
        /// One row per source: own boilerplate and shared text (needs sources).
        case sources
    }

    /// A table of the report as RFC 4180 CSV with a header row (see `CSVWriter`).
    ///
    /// - Parameters:
    ///   - table: The table.
    ///   - grouping: The groups' key, for `.groups` (`nil`: by source).
    ///   - sources: The per-source analysis, for `.sources` and the families' spread columns
    ///     (computed from `documents` when `nil`).
    ///   - documents: The scanned documents, in report order.
    /// - Returns: The CSV text, CRLF line ends.
    /// - Complexity: O(size of the table).
    public func csv(_ table: CSVTable, grouping: Grouping? = nil, sources: SourceAnalysis? = nil, documents texts: [Document])
        -> String
    {
        var writer = CSVWriter()
        func optional(_ value: String?) -> CSVWriter.Field { value.map { .text($0) } ?? .empty }
        switch table {
        case .documents:
            writer.record(
                ["id", "source", "date", "bytes", "recycledBytes", "recycledShare", "paragraphs"]
                    + Label.allCases.map { .text($0.rawValue) })
            for document in documents {
                var counts = [Label: Int]()
                for paragraph in document.paragraphs { counts[paragraph.label, default: 0] += 1 }
                writer.record(
                    [
                        .text(document.id), optional(document.source), optional(document.date), .integer(document.bytes),
                        .integer(document.recycledBytes), .number(document.recycledShare), .integer(document.paragraphs.count),
                    ] + Label.allCases.map { .integer(counts[$0] ?? 0) })
            }
        case .groups:
            let grouping = grouping ?? .source
            writer.record(["by", "key", "documents", "bytes", "recycledBytes", "recycledShare"])
            for measure in measures(by: grouping) {
                writer.record([
                    .text(grouping.rawValue), optional(measure.key), .integer(measure.documents), .integer(measure.bytes),
                    .integer(measure.recycledBytes), .number(measure.recycledShare),
                ])
            }
        case .families:
            let analysis = sources ?? SourceAnalysis(report: self, documents: texts)
            writer.record([
                "id", "documents", "copies", "variants", "firstDocument", "firstSource", "firstDate", "sources", "ownBoilerplate",
                "text",
            ])
            for (index, family) in families.enumerated() {
                let spread = analysis.spreads[index]
                let first = documents[spread.firstDocument]
                writer.record([
                    .integer(family.id), .integer(family.documents), .integer(family.members.count), .integer(family.variants.count),
                    .text(first.id), optional(first.source), optional(first.date),
                    .integer(spread.copiesBySource.filter { $0.source != nil }.count),
                    .text(spread.isOwnBoilerplate ? "true" : "false"), .text(family.text),
                ])
            }
        case .sources:
            let analysis = sources ?? SourceAnalysis(report: self, documents: texts)
            writer.record([
                "source", "documents", "bytes", "recycledShare", "ownShare", "sharedShare", "ownFamilies", "sharedFamilies",
                "firstPublished",
            ])
            for measure in analysis.measures {
                writer.record([
                    optional(measure.source), .integer(measure.documents), .integer(measure.bytes), .number(measure.recycledShare),
                    .number(measure.ownShare), .number(measure.sharedShare(roundedTo: 4)), .integer(measure.ownFamilies),
                    .integer(measure.sharedFamilies), .integer(measure.firstPublished),
                ])
            }
        }
        return writer.output
    }
}
