/// Who publishes which recycled text: per source, its own boilerplate apart from text it
/// shares with other sources; per family, its first publisher and its copies per source; and
/// which source carries text that another published first.
///
/// A family is a source's **own boilerplate** when every copy lies in documents of that one
/// source (an outlet's footer, its standing paragraphs); it is **shared** when its copies
/// span two or more sources (documents without a source count as one more). The **first
/// publisher** of a family is its earliest document (`ScanReport.isPublished(_:before:)`).
public struct SourceAnalysis: Sendable {
    /// One source's recycled text, split.
    public struct Measure: Sendable, Hashable {
        /// The source; `nil` collects documents without one.
        public var source: String?
        /// Documents, and their bytes.
        public var documents: Int, bytes: Int
        /// Recycled non-space bytes over all non-space bytes (as `GroupMeasure`).
        public var recycledShare: Double
        /// The part of `recycledShare` in the source's own boilerplate families.
        public var ownShare: Double
        /// The rest of `recycledShare`: text in families shared with other sources.
        public var sharedShare: Double
        /// Own boilerplate families, and shared families with a copy in this source.
        public var ownFamilies: Int, sharedFamilies: Int
        /// Shared families whose first publisher is in this source.
        public var firstPublished: Int
    }

    /// One family's spread over the sources.
    public struct Spread: Sendable, Hashable {
        /// The family's id.
        public var family: Int
        /// The family's earliest document (index in the report).
        public var firstDocument: Int
        /// Copies per source, most copies first, then by name (`nil`, no source, last).
        public var copiesBySource: [(source: String?, copies: Int)]
        /// Whether every copy lies in documents of one named source.
        public var isOwnBoilerplate: Bool

        public static func == (a: Spread, b: Spread) -> Bool {
            a.family == b.family && a.firstDocument == b.firstDocument && a.isOwnBoilerplate == b.isOwnBoilerplate
                && a.copiesBySource.map(\.source) == b.copiesBySource.map(\.source)
                && a.copiesBySource.map(\.copies) == b.copiesBySource.map(\.copies)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(family)
            hasher.combine(firstDocument)
        }
    }

    /// Per source, in ascending order of name, documents without a source last.
    public var measures: [Measure]
    /// Per family, in the report's order (largest first).
    public var spreads: [Spread]
    /// Sources as `measures` lists them: the rows and columns of `carried`.
    public var sources: [String?] { measures.map(\.source) }
    /// `carried[row][column]`: shared families first published in source `row` that have a
    /// copy in source `column`; the diagonal counts the shared families `row` published first.
    public var carried: [[Int]]

    /// Analyses a report.
    ///
    /// - Parameters:
    ///   - report: The scan's report.
    ///   - documents: The scanned documents, in report order (their bytes weigh each span).
    /// - Complexity: O(recycled bytes + *c* log *c* for *c* family copies + *s*² for *s* sources).
    public init(report: ScanReport, documents: [Document]) {
        // Source keys: names in ascending order, then nil.
        let names = Set(report.documents.compactMap { Grouping.source.key(source: $0.source, date: nil) }).sorted()
        let hasUnsourced = report.documents.contains { Grouping.source.key(source: $0.source, date: nil) == nil }
        let keys: [String?] = names.map { Optional($0) } + (hasUnsourced ? [nil] : [])
        var slot: [String: Int] = [:]
        for (offset, name) in names.enumerated() { slot[name] = offset }
        let unsourced = names.count
        let sourceOf = report.documents.map { document in
            Grouping.source.key(source: document.source, date: nil).map { slot[$0]! } ?? unsourced
        }

        var spreads: [Spread] = []
        spreads.reserveCapacity(report.families.count)
        var isOwn: [Int: Bool] = [:]
        var ownFamilies = [Int](repeating: 0, count: keys.count)
        var sharedFamilies = ownFamilies
        var firstPublished = ownFamilies
        var carried = [[Int]](repeating: [Int](repeating: 0, count: keys.count), count: keys.count)
        for family in report.families {
            var copies = [Int: Int]()
            for member in family.members { copies[sourceOf[member.document], default: 0] += 1 }
            let first = report.documentsInPublicationOrder(of: family).first ?? family.representative.document
            let own = copies.count == 1 && copies.keys.first! != unsourced
            isOwn[family.id] = own
            if own {
                ownFamilies[copies.keys.first!] += 1
            } else {
                for source in copies.keys {
                    sharedFamilies[source] += 1
                    carried[sourceOf[first]][source] += 1
                }
                firstPublished[sourceOf[first]] += 1
            }
            let bySource = copies.sorted { a, b in
                a.value != b.value ? a.value > b.value : a.key < b.key
            }.map { (source: keys[$0.key], copies: $0.value) }
            spreads.append(Spread(family: family.id, firstDocument: first, copiesBySource: bySource, isOwnBoilerplate: own))
        }

        // Recycled weight in own boilerplate: each recycled span goes to the family whose copy
        // overlaps it most, as `clean` credits it.
        var weight = [Int](repeating: 0, count: keys.count)
        var recycledWeight = weight
        var ownWeight = weight
        var documentCount = weight
        var bytes = weight
        let copiesByDocument = report.familyCopiesByDocument()
        // Fields read in place: a copy of each document's report would retain its arrays.
        for index in report.documents.indices {
            let source = sourceOf[index]
            documentCount[source] += 1
            bytes[source] += report.documents[index].bytes
            weight[source] += report.documents[index].weight
            recycledWeight[source] += report.documents[index].recycledWeight
            // Read once, and only when needed: a large scan's texts are not resident.
            var text: [UInt8]?
            for span in report.documents[index].recycled {
                var best: (family: Int, overlap: Int)?
                for copy in copiesByDocument[index] where copy.span.start < span.end && span.start < copy.span.end {
                    let overlap = min(span.end, copy.span.end) - max(span.start, copy.span.start)
                    if overlap > best?.overlap ?? 0 { best = (copy.family, overlap) }
                }
                guard let family = best?.family, isOwn[family] == true else { continue }
                if text == nil { text = documents[index].loadedBytes() }
                ownWeight[source] += text![span.range].count { !ByteClass.isSpace($0) }
            }
        }
        measures = keys.indices.map { source in
            let all = Double(max(1, weight[source]))
            let own = min(ownWeight[source], recycledWeight[source])
            return Measure(
                source: keys[source], documents: documentCount[source], bytes: bytes[source],
                recycledShare: Double(recycledWeight[source]) / all, ownShare: Double(own) / all,
                sharedShare: Double(recycledWeight[source] - own) / all, ownFamilies: ownFamilies[source],
                sharedFamilies: sharedFamilies[source], firstPublished: firstPublished[source])
        }
        self.spreads = spreads
        self.carried = carried
    }
}

extension ScanReport {
    /// Whether any document has a `source`: the reports add the per-source analysis then.
    public var hasSources: Bool { documents.contains { Grouping.source.key(source: $0.source, date: nil) != nil } }
}
