extension HTMLReport {
    /// Characters of a family's text in its CSV row; longer texts end with an ellipsis.
    static let csvTextCharacters = 2000

    /// Every document as CSV (RFC 4180, a header row first), corpus order: the table the
    /// page's list of documents is cut from.
    ///
    /// Columns: id, source, date, bytes, recycledBytes, recycledShare, paragraphs, the
    /// paragraph count of each label, and onPage (whether the page shows its text).
    /// - Parameter write: Receives the table in pieces.
    /// - Complexity: O(documents + paragraphs).
    public func writeDocumentsCSV(to write: ([UInt8]) throws -> Void) throws {
        var table = CSVTable()
        table.row(
            ["id", "source", "date", "bytes", "recycledBytes", "recycledShare", "paragraphs"] + Label.allCases.map(\.rawValue) + ["onPage"])
        let shown = Set(shownDocuments)
        for document in report.documents {
            var labels = [Label: Int]()
            for paragraph in document.paragraphs { labels[paragraph.label, default: 0] += 1 }
            table.row(
                [
                    document.id, document.source ?? "", document.date ?? "", String(document.bytes), String(document.recycledBytes),
                    String(format4: document.recycledShare), String(document.paragraphs.count),
                ] + Label.allCases.map { String(labels[$0] ?? 0) } + [shown.contains(document.index) ? "yes" : "no"])
            if table.bytes.count >= HTMLBuffer.flushSize { try table.flush(write) }
        }
        try table.flush(write)
    }

    /// Every family as CSV (RFC 4180, a header row first), largest first.
    ///
    /// Columns: id, documents, copies, variants, firstDate, lastDate, sourceNames (joined
    /// by `; `; not "sources", which `families --format csv` gives as a count), text (the
    /// representative's, cut to `csvTextCharacters`), and onPage.
    /// - Parameter write: Receives the table in pieces.
    /// - Complexity: O(family copies).
    public func writeFamiliesCSV(to write: ([UInt8]) throws -> Void) throws {
        var table = CSVTable()
        table.row(["id", "documents", "copies", "variants", "firstDate", "lastDate", "sourceNames", "text", "onPage"])
        for (offset, family) in report.families.enumerated() {
            var seen = Set<Int>()
            let carriers = family.members.map(\.document).filter { seen.insert($0).inserted }
            let dates = report.dateRange(of: carriers)
            let sources = Set(carriers.compactMap { documents[$0].source }).sorted()
            table.row([
                String(family.id), String(family.documents), String(family.members.count), String(family.variants.count),
                dates?.first ?? "", dates?.last ?? "", sources.joined(separator: "; "),
                family.text.count > Self.csvTextCharacters ? String(family.text.prefix(Self.csvTextCharacters - 1)) + "…" : family.text,
                offset < shownFamilies ? "yes" : "no",
            ])
            if table.bytes.count >= HTMLBuffer.flushSize { try table.flush(write) }
        }
        try table.flush(write)
    }
}

/// Rows of comma-separated values, written as `CSVWriter` writes them (RFC 4180 quoting,
/// text defused against spreadsheet formulas), handed over in pieces.
struct CSVTable {
    /// The rows not yet flushed.
    var bytes: [UInt8] = []

    /// Appends a row.
    mutating func row(_ fields: [String]) {
        for (offset, field) in fields.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: CSVWriter.escaped(field).utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Hands the rows over and empties the table.
    mutating func flush(_ write: ([UInt8]) throws -> Void) throws {
        guard !bytes.isEmpty else { return }
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
