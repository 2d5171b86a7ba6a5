import Foundation

/// The report's family records, written as `refrain scan --format jsonl` writes them, from
/// the families the distributed job found.
@_spi(Stages) public enum FamiliesStage {
    /// Reads `S ⇥ 0|1` (whether any document of the corpus has a source), then a
    /// `M ⇥ document ⇥ id ⇥ source ⇥ date` line per member document (base64, `-` for no
    /// source or date), and a `F ⇥ id ⇥ documents ⇥ text ⇥ members` line per family (its stable
    /// id, its document count, its text in base64, and its copies as `document,paragraph,start,end`
    /// separated by `;`, in the order the record lists them: scan's is corpus order); writes each family's
    /// `{"type": "family", …}` line in the order read, with `firstPublisher`,
    /// `copiesBySource` and `ownBoilerplate` when the corpus has sources.
    ///
    /// - Throws: `StageRecordError` for a malformed line, a document given twice, or a
    ///   member in a document with no `M` line.
    /// - Complexity: O(input bytes + *c* log *c*) for a family of *c* copies.
    public static func run(input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        var hasSources: Bool?
        var metadata: [Int: Document] = [:]
        var writer = JSONWriter(capacity: 1 << 16)
        while let line = input.next() {
            if line.isEmpty { continue }
            let fields = line.fields()
            func malformed(_ reason: String) -> StageRecordError {
                .malformed(stage: "families", line: String(decoding: line, as: UTF8.self), number: input.lineNumber, reason: reason)
            }
            switch fields.first.map(\.text) {
            case "S":
                guard fields.count == 2, let flag = fields[1].flag else { throw malformed("a sources line is S ⇥ 0 or 1") }
                guard hasSources == nil else { throw malformed("the S line is given twice") }
                hasSources = flag
            case "M":
                guard fields.count == 5, let document = fields[1].integer, StageRecords.documents.contains(document) else {
                    throw malformed("a member document line is M ⇥ number ⇥ id ⇥ source ⇥ date")
                }
                guard let id = fields[2].base64Bytes, let source = fields[3].optionalBase64Text, let date = fields[4].optionalBase64Text
                else { throw malformed("its id is not base64, or its source or date neither base64 nor -") }
                guard metadata[document] == nil else { throw malformed("document \(document) is given twice") }
                metadata[document] = Document(id: String(decoding: id, as: UTF8.self), bytes: [], source: source, date: date)
            case "F":
                guard let hasSources else { throw malformed("the S line must come first") }
                // Ids, counts, paragraphs and offsets are 32-bit in the engine; past that a value is corrupt.
                let limit = Int(UInt32.max)
                guard fields.count == 5, let id = fields[1].integer, id <= limit, let documents = fields[2].integer,
                    (1...limit).contains(documents), let text = fields[3].base64Bytes
                else { throw malformed("a family line is F ⇥ id ⇥ documents ⇥ text ⇥ members, numbers up to \(limit)") }
                var members: [(document: Int, paragraph: Int, span: ByteRange)] = []
                for item in fields[4].fields(UInt8(ascii: ";")) {
                    guard let values = item.integers, values.count == 4, values[1] < limit, values[2] <= values[3], values[3] <= limit
                    else { throw malformed("a member is document,paragraph,start,end, numbers up to \(limit)") }
                    guard metadata[values[0]] != nil else { throw malformed("no M line gives document \(values[0])") }
                    members.append((values[0], values[1], ByteRange(values[2], values[3])))
                }
                guard !members.isEmpty else { throw malformed("a family has a member") }
                let publisher = hasSources ? Self.publisher(of: members.map(\.document), metadata: metadata) : nil
                writer.raw("{\"type\": \"family\", ")
                ScanReport.writeFamily(
                    id: id, documents: documents, members: members.lazy.map { (metadata[$0.document]!.id, $0.paragraph, $0.span) },
                    text: String(decoding: text, as: UTF8.self), publisher: publisher, &writer, open: false)
                writer.raw("\n")
                output.write(writer.bytes)
                writer.removeAll()
            default:
                throw malformed("a line starts with S, M or F")
            }
        }
    }

    /// A family's first publisher and copies per source, as `SourceAnalysis` finds them.
    ///
    /// - Parameter documents: Each copy's document, in any order: the first publisher is the
    ///   least in publication order, which is total.
    /// - Complexity: O(*c* log *c*) for *c* copies.
    static func publisher(of documents: [Int], metadata: [Int: Document]) -> ScanReport.FamilyPublisher {
        let published = Dictionary(uniqueKeysWithValues: Set(documents).map { ($0, metadata[$0]!.date.flatMap(PublicationDate.init)) })
        var first = documents[0]
        for document in documents where ScanReport.isPublished(document, published[document]!, before: first, published[first]!) {
            first = document
        }
        var copies: [String?: Int] = [:]
        for document in documents { copies[Grouping.source.key(source: metadata[document]!.source, date: nil), default: 0] += 1 }
        // Most copies first; then by name, documents without a source last, as the sources are ordered.
        let bySource = copies.map { (source: $0.key, copies: $0.value) }.sorted { a, b in
            if a.copies != b.copies { return a.copies > b.copies }
            switch (a.source, b.source) {
            case (let x?, let y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
        let document = metadata[first]!
        return ScanReport.FamilyPublisher(
            document: document.id, source: document.source, date: document.date, copiesBySource: bySource,
            isOwnBoilerplate: bySource.count == 1 && bySource[0].source != nil)
    }
}
