/// A scan as one self-contained HTML page: an overview with charts, the largest families
/// with their variants, and the most recycled documents with their recycled text marked.
///
/// The page needs nothing but itself: styles are inline, charts are SVG drawn here, there
/// is no script, and a Content-Security-Policy forbids loading anything. Every byte that
/// comes from a document (text, ids, sources, dates) goes through `HTMLBuffer`'s escaping;
/// the page's own links and anchors are made from numbers only (`#d-3`, `#f-12`). For a
/// large corpus the page shows the top of each list (see `Limits`) and says what it left
/// out; the full tables are written beside it as CSV (`writeDocumentsCSV`, `writeFamiliesCSV`).
public struct HTMLReport: Sendable {
    /// How much the page shows.
    public struct Limits: Sendable, Hashable {
        /// Documents shown with their text, most recycled bytes first.
        public var documents = 200
        /// Families shown, largest first.
        public var families = 100
        /// Variants shown per family.
        public var variants = 5
        /// Documents listed per family.
        public var carriers = 40
        /// Bytes of one document's text shown; the rest is cut at a character boundary.
        public var documentBytes = 64 << 10
        /// Bytes of page the shown documents take in all, text and markup: documents past it
        /// are listed in the CSV only.
        public var documentsBytes = 2 << 20
        /// Bytes of a family's representative, or of one variant, shown.
        public var familyBytes = 4 << 10

        /// The defaults.
        public init() {}
    }

    /// The scan.
    public let report: ScanReport
    /// The documents it scanned, in report order.
    public let documents: [Document]
    /// What the page shows.
    public let limits: Limits
    /// The CSV files written beside the page, as the page links to them (relative paths),
    /// or `nil` when there are none.
    public var tables: (documents: String, families: String)?
    /// The indexes of the documents shown, most recycled bytes first.
    public private(set) var shownDocuments: [Int] = []
    /// The number of families shown: the first ones of `report.families`.
    public let shownFamilies: Int
    /// Each document's family copies, in reading order.
    let copies: [[(span: ByteRange, family: Int, isParagraph: Bool)]]
    /// The ids of the families shown.
    let shownFamilyIDs: Set<Int>

    /// Chooses what a page shows.
    ///
    /// - Parameters:
    ///   - report: The scan.
    ///   - documents: The scanned documents, in report order.
    ///   - limits: How much to show.
    /// - Complexity: O(*n* log *n*) in the number of documents, O(*c* log *c*) in the family
    ///   copies, and the shown documents' text once.
    public init(report: ScanReport, documents: [Document], limits: Limits = Limits()) {
        self.report = report
        self.documents = documents
        self.limits = limits
        shownFamilies = min(max(0, limits.families), report.families.count)
        shownFamilyIDs = Set(report.families.prefix(shownFamilies).map(\.id))
        copies = report.familyCopiesByDocument()
        let ranked = report.documents.indices.sorted { a, b in
            let x = report.documents[a].recycledBytes
            let y = report.documents[b].recycledBytes
            return x != y ? x > y : a < b
        }
        // Each candidate is written once to measure it: marks cost markup, and a document
        // marked line by line takes several times its text.
        var budget = limits.documentsBytes
        var scratch = HTMLBuffer { _ in }
        for index in ranked.prefix(max(0, limits.documents)) {
            writeDocument(index, &scratch)
            let size = scratch.bytes.count
            scratch.discard()
            // At least one document, however long: a page with none says nothing.
            if !shownDocuments.isEmpty && size > budget { break }
            shownDocuments.append(index)
            budget -= size
        }
    }

    /// Writes the page.
    ///
    /// - Parameter write: Receives the page's bytes, one piece after another.
    /// - Complexity: O(shown text + shown families' copies + documents) plus the word diffs
    ///   of the shown variants.
    public func write(to write: ([UInt8]) throws -> Void) throws {
        try withoutActuallyEscaping(write) { write in
            var page = HTMLBuffer(write: write)
            try writePage(&page)
            try page.flush()
        }
    }

    /// The page as a string, for tests and small corpora.
    public func page() -> String {
        var bytes: [UInt8] = []
        try? write { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The whole page: head and style, overview, families, documents, footer.
    ///
    /// - Parameter page: Receives the markup; flushed to the output as it fills.
    func writePage(_ page: inout HTMLBuffer) throws {
        let shownSet = Set(shownDocuments)
        page.raw(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="generator" content="Refrain \(RefrainVersion.current)">
            <title>Refrain report: \(report.documents.count.counted("document", "documents")), \(report.recycledShare.percentHTML) recycled</title>
            <style>\(Self.styleSheet)</style>
            </head>
            <body>
            <header>
            <h1>Recycled text in \(report.documents.count.counted("document", "documents"))</h1>
            <nav><a href="#overview">Overview</a> <a href="#families">Families</a> <a href="#documents">Documents</a></nav>
            </header>
            <main>

            """)
        writeOverview(&page)
        try page.flushIfFull()
        try writeFamilies(&page, shownDocuments: shownSet)
        try writeDocuments(&page)
        page.raw(
            """
            </main>
            <footer><p>Made by Refrain \(RefrainVersion.current). This page is self-contained: it loads nothing and runs no script.</p></footer>
            </body>
            </html>

            """)
    }

    // MARK: Overview

    /// The totals, the parameters, links to the tables, and the charts.
    ///
    /// - Complexity: O(paragraphs + *n* log *n*) in the corpus's paragraphs and documents.
    func writeOverview(_ page: inout HTMLBuffer) {
        let configuration = report.configuration
        var labels: [Label: Int] = [:]
        for document in report.documents {
            for paragraph in document.paragraphs { labels[paragraph.label, default: 0] += 1 }
        }
        page.raw("<section id=\"overview\">\n<h2>Overview</h2>\n<dl class=\"facts\">")
        let facts: [(String, String)] = [
            ("Documents", report.documents.count.grouped),
            ("Paragraphs", report.paragraphCount.grouped),
            ("Bytes", report.bytes.grouped),
            ("Recycled", "\(report.recycledShare.percent) (\(report.recycledBytes.counted("byte", "bytes")))"),
            ("Families", report.families.count.grouped),
            (
                "Paragraph labels",
                Label.allCases.map { "\((labels[$0] ?? 0).grouped) \($0.rawValue)" }.joined(separator: " · ")
            ),
        ]
        for (name, value) in facts {
            page.raw("<div><dt>")
            page.text(name)
            page.raw("</dt><dd>")
            page.text(value)
            page.raw("</dd></div>")
        }
        page.raw("</dl>\n<p class=\"note\">")
        page.text(
            "Parameters: shingle \(configuration.shingle) · threshold \(String(format4: configuration.threshold)) · "
                + "\(configuration.permutations) permutations (\(report.parameters.bands) bands × \(report.parameters.rows) rows) · "
                + "min \(configuration.minDocuments.counted("document", "documents")).")
        page.raw("</p>\n")
        if let tables {
            page.raw("<p class=\"note\">Full tables: <a href=\"\(Self.href(tables.documents))\">documents (CSV)</a> · ")
            page.raw("<a href=\"\(Self.href(tables.families))\">families (CSV)</a>.</p>\n")
        }
        page.raw("<div class=\"charts\">\n")
        writeHistogram(&page)
        writeSourceChart(&page)
        writePeriodChart(&page)
        page.raw("</div>\n</section>\n")
    }

    // MARK: Families

    /// The families shown, largest first, with a note on those left out.
    ///
    /// - Parameter shownDocuments: The documents the page shows, which carriers link to.
    func writeFamilies(_ page: inout HTMLBuffer, shownDocuments: Set<Int>) throws {
        page.raw("<section id=\"families\">\n<h2>Largest families</h2>\n")
        let total = report.families.count
        if total == 0 {
            page.raw("<p class=\"note\">No text recurs in \(report.configuration.minDocuments.grouped) or more documents.</p>\n")
        } else {
            page.raw("<p class=\"note\">")
            if shownFamilies < total {
                page.raw(
                    "Showing the \(shownFamilies.grouped) largest of \(total.counted("family", "families")); "
                        + "\((total - shownFamilies).counted("family is", "families are")) left out")
                page.raw(tables.map { ", listed in <a href=\"\(Self.href($0.families))\">the families table</a>." } ?? ".")
            } else {
                page.raw("All \(total.counted("family", "families")), largest first.")
            }
            page.raw(
                " Each shows its representative (its most common text), how its variants differ from it, and the documents that carry it.</p>\n"
            )
        }
        for family in report.families.prefix(shownFamilies) {
            writeFamily(family, &page, shownDocuments: shownDocuments)
            try page.flushIfFull()
        }
        page.raw("</section>\n")
    }

    /// One family's article: facts, representative, variants as word differences, carriers.
    ///
    /// - Complexity: O(its copies) plus the word diffs of `limits.variants` variants.
    func writeFamily(_ family: Family, _ page: inout HTMLBuffer, shownDocuments: Set<Int>) {
        var seen = Set<Int>()
        let carriers = family.members.map(\.document).filter { seen.insert($0).inserted }
        let dates = report.dateRange(of: carriers)
        let sources = Set(carriers.compactMap { documents[$0].source }).sorted()
        page.raw("<article class=\"family\" id=\"f-\(family.id)\">\n<h3>Family #\(family.id)</h3>\n<p class=\"meta\">")
        var facts = [
            family.documents.counted("document", "documents"), family.members.count.counted("copy", "copies"),
            family.variants.count.counted("variant", "variants"),
        ]
        if let (first, last) = dates { facts.append(first == last ? first : "\(first) to \(last)") }
        if !sources.isEmpty {
            facts.append(
                "sources: " + sources.prefix(12).joined(separator: ", ") + (sources.count > 12 ? ", … \(sources.count - 12) more" : ""))
        }
        page.name(facts.joined(separator: " · "))
        page.raw("</p>\n<blockquote class=\"representative\">")
        let representative = documents[family.representative.document].loadedBytes()[family.representative.span.range]
        writeCut(representative, &page)
        page.raw("</blockquote>\n")
        let variants = family.variants.dropFirst()
        if !variants.isEmpty {
            page.raw("<ul class=\"variants\">\n")
            for variant in variants.prefix(max(0, limits.variants)) {
                let copy = documents[variant.member.document].loadedBytes()[variant.member.span.range]
                let trim = family.representative.isParagraph && !variant.member.isParagraph
                let diff = WordDiff(copy: copy, representative: representative, trimEnds: trim)
                page.raw("<li><span class=\"note\">")
                page.text("\(variant.copies.counted("copy", "copies")), first in ")
                writeDocumentReference(variant.member.document, &page, shown: shownDocuments)
                page.raw(":</span> ")
                writeDiff(diff, &page)
                page.raw("</li>\n")
            }
            if variants.count > limits.variants {
                page.raw("<li class=\"note\">… and \((variants.count - limits.variants).counted("more variant", "more variants"))</li>\n")
            }
            page.raw("</ul>\n")
        }
        page.raw("<p class=\"carriers\">In ")
        for (offset, document) in carriers.prefix(max(0, limits.carriers)).enumerated() {
            if offset > 0 { page.raw(", ") }
            writeDocumentReference(document, &page, shown: shownDocuments)
        }
        if carriers.count > limits.carriers {
            page.raw(", … and \((carriers.count - limits.carriers).counted("more document", "more documents"))")
        }
        page.raw("</p>\n</article>\n")
    }

    /// A document's id, linked to its text when the page shows it.
    func writeDocumentReference(_ index: Int, _ page: inout HTMLBuffer, shown: Set<Int>) {
        if shown.contains(index) {
            page.raw("<a href=\"#d-\(index)\">")
            page.name(documents[index].id)
            page.raw("</a>")
        } else {
            page.raw("<span class=\"id\">")
            page.name(documents[index].id)
            page.raw("</span>")
        }
    }

    /// A variant's words: shared text plain, words it adds in `<ins>`, words it lacks in `<del>`.
    func writeDiff(_ diff: WordDiff, _ page: inout HTMLBuffer) {
        var budget = limits.familyBytes
        for (index, piece) in diff.pieces.enumerated() {
            guard budget > 0 else {
                page.raw("<span class=\"note\"> … (cut)</span>")
                break
            }
            let (text, open, close): (String, String, String)
            switch piece {
            case .same(let same): (text, open, close) = (same, "", "")
            case .added(let added): (text, open, close) = (added, "<ins>", "</ins>")
            case .removed(let removed):
                let (before, after) = WordDiff.spaces(
                    aroundRemoved: removed, after: diff.previous(before: index), before: diff.next(after: index))
                (text, open, close) = (removed, before + "<del>", "</del>" + after)
            }
            page.raw(open)
            page.text(text.utf8.count <= budget ? text : String(text.prefix(budget)))
            page.raw(close)
            budget -= text.utf8.count
        }
        if diff.wholeParts > 0 { page.raw(" <span class=\"note\">(parts too different to compare word by word, shown whole)</span>") }
    }

    /// Text shown up to `limits.familyBytes`, cut at a character boundary.
    func writeCut(_ bytes: ArraySlice<UInt8>, _ page: inout HTMLBuffer) {
        let end = Self.characterBoundary(in: bytes, atMost: bytes.startIndex + limits.familyBytes)
        page.text(bytes[bytes.startIndex..<end])
        if end < bytes.endIndex {
            page.raw("<span class=\"note\"> … (\((bytes.endIndex - end).counted("more byte", "more bytes")))</span>")
        }
    }

    // MARK: Documents

    /// The documents shown: a table of them, then each one's article.
    func writeDocuments(_ page: inout HTMLBuffer) throws {
        let total = report.documents.count
        page.raw("<section id=\"documents\">\n<h2>Documents</h2>\n<p class=\"note\">")
        if shownDocuments.count < total {
            page.raw(
                "Showing the \(shownDocuments.count.grouped) documents with the most recycled bytes, of \(total.grouped); "
                    + "\((total - shownDocuments.count).counted("document is", "documents are")) left out")
            page.raw(tables.map { ", listed in <a href=\"\(Self.href($0.documents))\">the documents table</a>." } ?? ".")
        } else {
            page.raw("All \(total.counted("document", "documents")), most recycled bytes first.")
        }
        page.raw(" Recycled text is <mark>marked</mark> and links to its family; novel text is plain.</p>\n")
        page.raw(
            "<div class=\"scroll\"><table class=\"documents\">\n<thead><tr><th>Document</th><th>Source</th><th>Date</th>"
                + "<th class=\"n\">Recycled</th><th class=\"n\">Recycled bytes</th><th class=\"n\">Bytes</th></tr></thead>\n<tbody>\n")
        for index in shownDocuments {
            let document = report.documents[index]
            page.raw("<tr><td><a href=\"#d-\(index)\">")
            page.name(document.id)
            page.raw("</a></td><td>")
            page.name(document.source ?? "")
            page.raw("</td><td>")
            page.name(document.date ?? "")
            page.raw(
                "</td><td class=\"n\">\(document.recycledShare.percentHTML)</td><td class=\"n\">\(document.recycledBytes.grouped)</td>"
                    + "<td class=\"n\">\(document.bytes.grouped)</td></tr>\n")
            try page.flushIfFull()
        }
        page.raw("</tbody></table></div>\n")
        for index in shownDocuments {
            writeDocument(index, &page)
            try page.flushIfFull()
        }
        page.raw("</section>\n")
    }

    /// One document's article: its id, metadata and text, recycled spans marked.
    func writeDocument(_ index: Int, _ page: inout HTMLBuffer) {
        let copies = self.copies[index]
        let document = report.documents[index]
        let bytes = documents[index].loadedBytes()
        page.raw("<article class=\"document\" id=\"d-\(index)\">\n<h3>")
        page.name(document.id)
        page.raw("</h3>\n<p class=\"meta\">")
        var facts: [String] = []
        if let source = document.source { facts.append(source) }
        if let date = document.date { facts.append(date) }
        facts.append("\(document.recycledShare.percent) recycled")
        facts.append(document.paragraphs.count.counted("paragraph", "paragraphs"))
        page.name(facts.joined(separator: " · "))
        page.raw("</p>\n<div class=\"text\">\n")
        let limit = Self.characterBoundary(in: bytes[...], atMost: min(bytes.count, limits.documentBytes))
        let starts = copies.map(\.span.start)
        func isSpace(_ range: ByteRange) -> Bool { bytes[range.range].allSatisfy(ByteClass.isSpace) }
        for paragraph in document.paragraphs {
            guard paragraph.span.start < limit else { break }
            page.raw("<p class=\"\(paragraph.label.rawValue)\">")
            for piece in Self.pieces(of: paragraph, copies: copies, starts: starts, isSpace: isSpace) where piece.span.start < limit {
                let text = bytes[piece.span.start..<min(piece.span.end, limit)]
                guard piece.isRecycled else {
                    page.text(text)
                    continue
                }
                if let family = piece.family, shownFamilyIDs.contains(family) {
                    page.raw("<a class=\"r\" href=\"#f-\(family)\"><mark>")
                    page.text(text)
                    page.raw("</mark></a>")
                } else {
                    let title = piece.family.map { "family #\($0), not shown: see the families table" } ?? "recycled"
                    page.raw("<mark title=\"\(title)\">")
                    page.text(text)
                    page.raw("</mark>")
                }
            }
            page.raw("</p>\n")
        }
        page.raw("</div>\n")
        if limit < bytes.count {
            page.raw("<p class=\"note\">… \((bytes.count - limit).counted("more byte", "more bytes")) of this document not shown.</p>\n")
        }
        page.raw("</article>\n")
    }

    /// A paragraph's runs of text: recycled spans split where the document's family copies
    /// start and end, each with its family, and novel text between them.
    ///
    /// Sentence copies are finer than the paragraph's own copy and are used when the
    /// paragraph has any (as `DocumentDiff` does); recycled text between them belongs to the
    /// paragraph's own copy, and recycled text no copy covers has no family.
    /// - Parameters:
    ///   - paragraph: The paragraph.
    ///   - copies: The document's family copies, in reading order.
    ///   - starts: Their start offsets.
    ///   - isSpace: Whether a range of the document is white space only.
    /// - Returns: Runs covering the paragraph's bytes, in order.
    /// - Complexity: O(log *c* + the paragraph's spans and copies).
    static func pieces(
        of paragraph: ParagraphReport, copies: [(span: ByteRange, family: Int, isParagraph: Bool)], starts: [Int],
        isSpace: (ByteRange) -> Bool
    ) -> [(
        span: ByteRange, isRecycled: Bool, family: Int?
    )] {
        let (inParagraph, usable) = ScanReport.copies(inParagraph: paragraph.span, of: copies, starts: starts)
        // Recycled text between sentence copies belongs to the paragraph's own copy, if any.
        let whole = inParagraph.first { $0.isParagraph }?.family
        var pieces: [(span: ByteRange, isRecycled: Bool, family: Int?)] = []
        var cursor = paragraph.span.start
        // White space between two copies (or after one) goes with the copy before it:
        // a mark of its own would link to nothing.
        var pendingSpace: ByteRange?
        func appendRecycled(_ range: ByteRange, family: Int?) {
            if family == nil, isSpace(range) {
                if let last = pieces.last, last.isRecycled, last.family != nil, last.span.end == range.start {
                    pieces[pieces.count - 1].span.end = range.end
                } else {
                    pendingSpace = range
                }
                return
            }
            var range = range
            if let space = pendingSpace, space.end == range.start { range.start = space.start }
            if let space = pendingSpace, space.end != range.start { pieces.append((space, true, nil)) }
            pendingSpace = nil
            pieces.append((range, true, family))
        }
        for span in paragraph.recycled {
            if let space = pendingSpace {
                pieces.append((space, true, nil))
                pendingSpace = nil
            }
            if span.start > cursor { pieces.append((ByteRange(cursor, span.start), false, nil)) }
            var position = span.start
            for copy in usable where copy.span.end > position && copy.span.start < span.end {
                let start = max(position, copy.span.start)
                let end = min(span.end, copy.span.end)
                if start > position { appendRecycled(ByteRange(position, start), family: whole) }
                appendRecycled(ByteRange(start, end), family: copy.family)
                position = end
            }
            if position < span.end { appendRecycled(ByteRange(position, span.end), family: whole) }
            cursor = span.end
        }
        if let space = pendingSpace { pieces.append((space, true, nil)) }
        if cursor < paragraph.span.end { pieces.append((ByteRange(cursor, paragraph.span.end), false, nil)) }
        return pieces
    }

    // MARK: Helpers

    /// The largest offset at most `limit` that does not fall inside a UTF-8 sequence.
    static func characterBoundary(in bytes: ArraySlice<UInt8>, atMost limit: Int) -> Int {
        var end = min(limit, bytes.endIndex)
        guard end < bytes.endIndex else { return end }
        var steps = 0
        // At most 3 continuation bytes belong to the character cut; more are invalid text.
        while end > bytes.startIndex, steps < 3, bytes[end] & 0xC0 == 0x80 {
            end -= 1
            steps += 1
        }
        return end
    }

    /// A relative link to a file beside the page: every byte but unreserved ones
    /// percent-encoded, after `./` so that no name reads as a scheme (`javascript:`).
    static func href(_ name: String) -> String {
        var result = "./"
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2).replacingOccurrences(of: " ", with: "0")
            }
        }
        return result
    }
}

extension Double {
    /// `percent` for an HTML page: "<0.1%" with its `<` escaped, as it is written unescaped.
    var percentHTML: String { percent.replacingOccurrences(of: "<", with: "&lt;") }
}
