/// The families of a scan, with what readers ask of a template: its variants, where it appears, when.
public struct FamilyListing: Sendable {
    /// One family, described.
    public struct Entry: Sendable {
        /// The family.
        public var family: Family
        /// The variants other than the representative that were compared with it (the first
        /// `variantsCompared`), with their word differences from it.
        public var variants: [(variant: Family.Variant, diff: WordDiff, document: String)]
        /// The documents that carry a copy, in corpus order (ids).
        public var documentIDs: [String]
        /// Sources of those documents, sorted, when the input has them.
        public var sources: [String]
        /// The first and last date among those documents, when the input has them.
        public var firstDate: String?, lastDate: String?
    }

    /// Families, largest first.
    public var entries: [Entry]
    /// Documents scanned.
    public var corpusDocuments: Int

    /// Describes every family of a report.
    ///
    /// - Parameters:
    ///   - report: The scan.
    ///   - documents: The corpus the report was made of.
    ///   - variantsCompared: Variants per family compared word by word with the
    ///     representative, in order; the text listing shows only a few, and each comparison
    ///     reads the variant's document again (from disk when its text was let go).
    ///   - jobs: Threads to share the families among; the listing does not depend on it.
    /// - Complexity: O(family copies + compared variants' text).
    public init(report: ScanReport, documents: [Document], variantsCompared: Int = .max, jobs: Int = 1) {
        self.init(report: report, documents: documents, variantsCompared: variantsCompared, jobs: jobs, batchBytes: 64 << 20)
    }

    /// Describes every family of a report, reading the compared texts of about `batchBytes`
    /// at a time: their documents are read once a batch, not once a family (a text let go is
    /// read from disk again).
    init(report: ScanReport, documents: [Document], variantsCompared: Int, jobs: Int, batchBytes: Int) {
        corpusDocuments = report.documents.count
        let families = report.families
        let compared = max(0, variantsCompared)
        var entries: [Entry] = []
        entries.reserveCapacity(families.count)
        var batchStart = 0
        while batchStart < families.count {
            var batchEnd = batchStart
            var bytes = 0
            while batchEnd < families.count, batchEnd == batchStart || bytes < batchBytes {
                let family = families[batchEnd]
                bytes += family.representative.span.count
                bytes += family.variants.dropFirst().prefix(compared).reduce(0) { $0 + $1.member.span.count }
                batchEnd += 1
            }
            let batch = batchStart..<batchEnd
            let texts = Self.texts(of: families[batch], documents: documents, variantsCompared: compared, jobs: jobs)
            // Ranges of families a few times more than threads, since the largest come first.
            let parts = parallelMapChunks(batch.count, jobs: jobs) { range in
                range.map { offset in
                    Self.entry(
                        families[batch.lowerBound + offset], texts: texts[offset], documents: documents, report: report)
                }
            }
            entries += parts.joined()
            batchStart = batchEnd
        }
        self.entries = entries
    }

    /// Each family's representative text, then its first `variantsCompared` variants' texts,
    /// each document read once (`[Document].texts(of:jobs:)`).
    ///
    /// - Complexity: O(the texts, plus one read of each document they are in).
    static func texts(of families: ArraySlice<Family>, documents: [Document], variantsCompared: Int, jobs: Int) -> [[[UInt8]]] {
        let members = families.map { [$0.representative] + $0.variants.dropFirst().prefix(variantsCompared).map(\.member) }
        var texts = documents.texts(of: members.joined().map { ($0.document, $0.span) }, jobs: jobs)[...]
        return members.map { family in
            defer { texts = texts.dropFirst(family.count) }
            return Array(texts.prefix(family.count))
        }
    }

    /// One family described, from its texts (`texts(of:)`).
    static func entry(_ family: Family, texts: [[UInt8]], documents: [Document], report: ScanReport) -> Entry {
        let representative = texts[0][...]
        let variants = zip(family.variants.dropFirst(), texts.dropFirst()).map { variant, copy in
            let trim = family.representative.isParagraph && !variant.member.isParagraph
            return (
                variant, WordDiff(copy: copy[...], representative: representative, trimEnds: trim),
                documents[variant.member.document].id
            )
        }
        var seen = Set<Int>()
        let documentIndexes = family.members.map(\.document).filter { seen.insert($0).inserted }
        let dates = report.dateRange(of: documentIndexes)
        return Entry(
            family: family, variants: variants, documentIDs: documentIndexes.map { documents[$0].id },
            sources: Set(documentIndexes.compactMap { documents[$0].source }).sorted(),
            firstDate: dates?.first, lastDate: dates?.last)
    }

    /// The listing for people: each family's size, text, variants and whereabouts.
    ///
    /// - Parameters:
    ///   - width: Line width.
    ///   - maxVariants: Variants shown per family; the rest are counted.
    ///   - maxDocuments: Document ids listed per family; the rest are counted.
    ///   - styler: Colours, or plain markers.
    public func render(width: Int = 100, maxVariants: Int = 3, maxDocuments: Int = 8, styler: TextStyler = PlainStyler()) -> String {
        var out: [String] = []
        let corpus = "a corpus of \(corpusDocuments.counted("document", "documents"))"
        // With none, say what a family would need, not an order of nothing.
        let title =
            entries.isEmpty
            ? "No families in \(corpus): no text recurs in enough documents (--min-documents) at the similarity threshold (--threshold)."
            : "\(entries.count.counted("family", "families")) in \(corpus), largest first"
        out += Wrapper.wrap(Wrapper.words([(title, .header)]), width: width, styler: styler)
        out.append("")
        let indent = "     "
        let textWidth = max(20, width - indent.count)
        for entry in entries {
            let family = entry.family
            var facts = [
                family.documents.counted("document", "documents"), family.members.count.counted("copy", "copies"),
                family.variants.count.counted("variant", "variants"),
            ]
            if let first = entry.firstDate, let last = entry.lastDate {
                facts.append((first == last ? first : "\(first) to \(last)").terminalSafe)
            }
            if !entry.sources.isEmpty {
                facts.append("sources: " + entry.sources.map { $0.terminalSafeName.shortenedInMiddle(to: 40) }.joined(separator: ", "))
            }
            // The id in a margin of its own; the facts wrap beside it.
            let tag = "#\(family.id)".padded(4) + " "
            let factLines = Wrapper.wrap(
                Wrapper.words([(facts.joined(separator: " · "), .plain)]), width: max(20, width - tag.count), styler: styler)
            for (offset, line) in factLines.enumerated() {
                out.append((offset == 0 ? styler.apply(.header, to: tag) : String(repeating: " ", count: tag.count)) + line)
            }
            let text = Wrapper.wrap(Wrapper.words([(family.text, .recycled)]), width: textWidth, styler: styler)
            out += text.map { indent + $0 }
            for (variant, diff, document) in entry.variants.prefix(maxVariants) {
                let copies = variant.copies.counted("copy", "copies")
                out += Wrapper.wrap(
                    Wrapper.words([("variant (\(copies), first in \(document.terminalSafeName.shortenedInMiddle(to: 40))):", .note)]),
                    width: textWidth,
                    styler: styler
                ).map { indent + $0 }
                let runs = diff.styledRuns(same: .recycled, markers: styler.usesMarkers)
                out += Wrapper.wrap(Wrapper.words(runs), width: textWidth - 2, styler: styler).map { indent + "  " + $0 }
                if diff.wholeParts > 0 {
                    out.append(indent + "  " + styler.apply(.note, to: "(parts too different to compare word by word, shown whole)"))
                }
            }
            // Counted from the family: variants not compared are still variants.
            let unshown = family.variants.count - 1 - min(maxVariants, entry.variants.count)
            if unshown > 0 {
                out.append(indent + styler.apply(.note, to: "… and \(unshown.counted("more variant", "more variants"))"))
            }
            // Escaped before wrapping, which would turn a line feed in a name into a space.
            var ids = entry.documentIDs.prefix(maxDocuments).map { $0.terminalSafeName.shortenedInMiddle(to: 40) }.joined(separator: ", ")
            if entry.documentIDs.count > maxDocuments { ids += ", … \((entry.documentIDs.count - maxDocuments).grouped) more" }
            out += Wrapper.wrap(Wrapper.words([("in: " + ids, .note)]), width: textWidth, styler: styler).map { indent + $0 }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// The listing as JSON: `{"families": [...]}` with variants' marked word differences.
    public func json(documents: [Document]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"families\": [")
        for (index, entry) in entries.enumerated() {
            let family = entry.family
            writer.raw(index == 0 ? "\n  {" : ",\n  {")
            writer.text("\"id\": \(family.id), \"documents\": \(family.documents), \"copies\": \(family.members.count), \"text\": ")
            writer.string(family.text)
            writer.raw(", \"representative\": ")
            member(family.representative, documents, &writer)
            writer.raw(", \"variants\": [")
            for (offset, (variant, diff, _)) in entry.variants.enumerated() {
                writer.raw(offset == 0 ? "" : ", ")
                writer.text("{\"copies\": \(variant.copies), \"member\": ")
                member(variant.member, documents, &writer)
                let changes = diff.changedWords
                writer.text(", \"addedWords\": \(changes.added), \"removedWords\": \(changes.removed), \"diff\": ")
                writer.string(diff.markedText)
                writer.raw("}")
            }
            writer.raw("], \"members\": [")
            for (offset, copy) in family.members.enumerated() {
                writer.raw(offset == 0 ? "" : ", ")
                member(copy, documents, &writer)
            }
            writer.raw("], \"sources\": [")
            writer.text(
                entry.sources.map { value in
                    var item = JSONWriter()
                    item.string(value)
                    return item.output
                }.joined(separator: ", "))
            writer.raw("], \"firstDate\": ")
            if let first = entry.firstDate { writer.string(first) } else { writer.raw("null") }
            writer.raw(", \"lastDate\": ")
            if let last = entry.lastDate { writer.string(last) } else { writer.raw("null") }
            writer.raw("}")
        }
        writer.raw(entries.isEmpty ? "]}\n" : "\n]}\n")
        return writer.output
    }

    func member(_ member: Family.Member, _ documents: [Document], _ writer: inout JSONWriter) {
        writer.raw("{\"document\": ")
        writer.string(documents[member.document].id)
        writer.text(", \"paragraphNumber\": \(member.paragraph + 1), \"start\": \(member.span.start), \"end\": \(member.span.end)}")
    }
}
