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

        /// `sharedShare` as shown beside the other two rounded to `digits` decimals: the
        /// rounded recycled share less the rounded own share, so that the parts shown add up
        /// to the whole shown (each rounded alone, 0.3916 + 0.1958 showed beside 0.5875).
        ///
        /// - Complexity: O(1).
        public func sharedShare(roundedTo digits: Int) -> Double {
            let scale = Double([1, 10, 100, 1_000, 10_000, 100_000][min(5, max(0, digits))])
            return max(0, (recycledShare * scale).rounded() - (ownShare * scale).rounded()) / scale
        }
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
    ///   - jobs: Threads to share the documents; the answer does not depend on it.
    /// - Complexity: O(recycled bytes + *c* log *c* for *c* family copies + *s*² for *s* sources).
    public init(report: ScanReport, documents: [Document], jobs: Int = 1) {
        // Source keys: names in ascending order, then nil.
        // Each document's source key, read in place: an array's elements are handed to a
        // closure as copies, retaining every field of each report.
        let sourceKeys = report.documents.withUnsafeBufferPointer { reports in
            reports.indices.map { Grouping.source.key(source: reports[$0].source, date: nil) }
        }
        let names = Set(sourceKeys.compactMap { $0 }).sorted()
        let hasUnsourced = sourceKeys.contains { $0 == nil }
        let keys: [String?] = names.map { Optional($0) } + (hasUnsourced ? [nil] : [])
        var slot: [String: Int] = [:]
        for (offset, name) in names.enumerated() { slot[name] = offset }
        let unsourced = names.count
        let sourceOf = sourceKeys.map { key in key.map { slot[$0]! } ?? unsourced }

        var spreads: [Spread] = []
        spreads.reserveCapacity(report.families.count)
        var isOwn: [Int: Bool] = [:]
        isOwn.reserveCapacity(report.families.count)
        var ownFamilies = [Int](repeating: 0, count: keys.count)
        var sharedFamilies = ownFamilies
        var firstPublished = ownFamilies
        var carried = [[Int]](repeating: [Int](repeating: 0, count: keys.count), count: keys.count)
        // Copies per source of one family, and the sources it touched: counts are reset
        // through the touched list, not by clearing every source.
        var copiesOf = [Int](repeating: 0, count: keys.count)
        var touched: [Int] = []
        for family in report.families {
            for member in family.members {
                let source = sourceOf[member.document]
                if copiesOf[source] == 0 { touched.append(source) }
                copiesOf[source] += 1
            }
            let first = report.firstPublished(of: family)
            let own = touched.count == 1 && touched[0] != unsourced
            isOwn[family.id] = own
            if own {
                ownFamilies[touched[0]] += 1
            } else {
                for source in touched {
                    sharedFamilies[source] += 1
                    carried[sourceOf[first]][source] += 1
                }
                firstPublished[sourceOf[first]] += 1
            }
            touched.sort { a, b in copiesOf[a] != copiesOf[b] ? copiesOf[a] > copiesOf[b] : a < b }
            let bySource = touched.map { (source: keys[$0], copies: copiesOf[$0]) }
            for source in touched { copiesOf[source] = 0 }
            touched.removeAll(keepingCapacity: true)
            spreads.append(Spread(family: family.id, firstDocument: first, copiesBySource: bySource, isOwnBoilerplate: own))
        }

        // Recycled weight in own boilerplate: each recycled span goes to the family whose copy
        // overlaps it most, as `clean` credits it. Chunks of documents in parallel, each
        // summing per source; a document's text is read only when one of its spans is own.
        let copiesByDocument = report.familyCopiesByDocument()
        let sourceCount = keys.count
        let isOwnFamily = isOwn
        let sums = parallelMapChunks(report.documents.count, jobs: jobs) { range -> [SourceSums] in
            var sums = [SourceSums](repeating: SourceSums(), count: sourceCount)
            var active: [(span: ByteRange, family: Int)] = []
            // Read through a buffer: a document's report read by subscript is copied, retaining its arrays.
            report.documents.withUnsafeBufferPointer { reports in
                for index in range {
                    let source = sourceOf[index]
                    sums[source].documents += 1
                    sums[source].bytes += reports[index].bytes
                    sums[source].weight += reports[index].weight
                    sums[source].recycledWeight += reports[index].recycledWeight
                    var text: [UInt8]?
                    // Spans and copies in reading order: the copies overlapping each span
                    // are kept as they come and dropped once behind, where a walk of every
                    // copy per span took a document's copies × spans (minutes for one huge
                    // document).
                    let copies = copiesByDocument[index]
                    var next = 0
                    active.removeAll(keepingCapacity: true)
                    // The document's spans are its paragraphs', in order: a paragraph's only
                    // span weighs what its recycled text does, and a large scan's text, not
                    // resident, need not be read again for it.
                    let paragraphs = reports[index].paragraphs
                    let byParagraph = paragraphs.total { $0.recycled.count } == reports[index].recycled.count
                    var paragraph = 0
                    var taken = 0  // of the paragraph's spans
                    for span in reports[index].recycled {
                        var knownWeight: Int?
                        if byParagraph {
                            while taken == paragraphs[paragraph].recycled.count {
                                paragraph += 1
                                taken = 0
                            }
                            taken += 1
                            if paragraphs[paragraph].recycled.count == 1, paragraphs[paragraph].recycled[0] == span {
                                knownWeight = paragraphs[paragraph].recycledWeight
                            }
                        }
                        active.removeAll { $0.span.end <= span.start }
                        while next < copies.count, copies[next].span.start < span.end {
                            if copies[next].span.end > span.start { active.append((copies[next].span, copies[next].family)) }
                            next += 1
                        }
                        var best: (family: Int, overlap: Int)?
                        for copy in active {
                            let overlap = min(span.end, copy.span.end) - max(span.start, copy.span.start)
                            if overlap > best?.overlap ?? 0 { best = (copy.family, overlap) }
                        }
                        guard let family = best?.family, isOwnFamily[family] == true else { continue }
                        if let knownWeight {
                            sums[source].ownWeight += knownWeight
                            continue
                        }
                        if text == nil { text = documents[index].loadedBytes() }
                        sums[source].ownWeight += text!.withUnsafeBufferPointer { Labeler.weight(of: span, in: $0) }
                    }
                }
            }
            return sums
        }
        var total = [SourceSums](repeating: SourceSums(), count: sourceCount)
        for chunk in sums {
            for source in 0..<sourceCount { total[source].add(chunk[source]) }
        }
        measures = keys.indices.map { source in
            let sum = total[source]
            let all = Double(max(1, sum.weight))
            let own = min(sum.ownWeight, sum.recycledWeight)
            return Measure(
                source: keys[source], documents: sum.documents, bytes: sum.bytes,
                recycledShare: Double(sum.recycledWeight) / all, ownShare: Double(own) / all,
                sharedShare: Double(sum.recycledWeight - own) / all, ownFamilies: ownFamilies[source],
                sharedFamilies: sharedFamilies[source], firstPublished: firstPublished[source])
        }
        self.spreads = spreads
        self.carried = carried
    }
}

/// One source's sums over a chunk of documents.
private struct SourceSums: Sendable {
    var documents = 0, bytes = 0, weight = 0, recycledWeight = 0, ownWeight = 0

    mutating func add(_ other: SourceSums) {
        documents += other.documents
        bytes += other.bytes
        weight += other.weight
        recycledWeight += other.recycledWeight
        ownWeight += other.ownWeight
    }
}

extension ScanReport {
    /// Whether any document has a `source`: the reports add the per-source analysis then.
    public var hasSources: Bool { documents.contains { Grouping.source.key(source: $0.source, date: nil) != nil } }
}
