import Foundation

/// The label stage as records: one document labeled from what the cluster stage found
/// about its segments.
@_spi(Stages) public enum LabelStage {
    /// What the cluster stage found about one segment of the document, as an `I` line gives it.
    struct SegmentInfo {
        var position: Int
        /// The first segment with the same text (the segment itself when first).
        var variant: Int
        /// Distinct documents the variant's text is in.
        var exactDocuments: Int
        /// Best similarity to another document's segment, of the segment and of its variant.
        var similarity: Float, variantSimilarity: Float
        /// The reported family of the segment's family (0: none).
        var family: Int
        /// The variant's merged coverage runs.
        var coverage: CoverageRuns
        /// A short exact copy without the evidence a short match needs.
        var isWeak: Bool
    }

    /// Labels every document block read and writes its `scan --format jsonl` record.
    ///
    /// A block is `L ⇥ document ⇥ infos ⇥ texts`, the document record, its `T` line, `I` lines
    /// (`position ⇥ variant ⇥ exact documents ⇥ similarity ⇥ variant similarity ⇥ family ⇥
    /// variant runs ⇥ weak`) for segments with anything to say, and `R ⇥ family ⇥ start ⇥ end` for
    /// the families whose representative text lies here. Writes `D ⇥ document ⇥ record` and
    /// `F ⇥ family ⇥ text as a JSON string`.
    ///
    /// - Throws: `StageRecordError` for a malformed block.
    /// - Complexity: as the label stage, per document.
    public static func run(configuration: Configuration, input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        func malformed(_ line: [UInt8], _ number: Int) -> StageRecordError {
            .malformed(stage: "label", line: String(decoding: line, as: UTF8.self), number: number)
        }
        let writerReport = ScanReport(
            configuration: configuration, parameters: configuration.lshParameters, documents: [], families: [])
        while let header = input.next() {
            if header.isEmpty { continue }
            let headerNumber = input.lineNumber
            let fields = header.fields()
            guard fields.count == 4, fields[0].elementsEqual("L".utf8), let index = fields[1].integer,
                let infoCount = fields[2].integer, let textCount = fields[3].integer, let recordLine = input.next()
            else { throw malformed(header, headerNumber) }
            let record = try DocumentRecord(line: recordLine, stage: "label", number: input.lineNumber)
            guard let tableLine = input.next() else { throw malformed(header, headerNumber) }
            let bytes = record.document.bytes.count
            guard let table = DocumentTable(tableLine.fields()), table.isWhole,
                table.fits(shingle: configuration.shingle, bytes: bytes)
            else { throw malformed(tableLine, input.lineNumber) }
            guard record.index == index, table.document == index else { throw malformed(header, headerNumber) }
            let segmentation = Segmenter.segment(record.document.bytes)
            let paragraphTokens = segmentation.paragraphs.map { paragraph in
                record.document.bytes.withUnsafeBufferPointer { bytes in
                    var count = 0
                    Tokenizer.forEachTokenSpan(in: bytes, range: paragraph.range) { _, _ in count += 1 }
                    return count
                }
            }
            // Every segment's tokens must be its paragraph's: the labeler marks them (a
            // variant's runs too, on the variant).
            guard table.paragraphs.count <= paragraphTokens.count,
                zip(table.paragraphs, paragraphTokens).allSatisfy({ chunk, tokens in
                    chunk.segments.allSatisfy { $0.tokens.upperBound <= tokens }
                })
            else { throw malformed(tableLine, input.lineNumber) }
            let segments = table.segmentsInOrder
            var infos: [SegmentInfo] = []
            // A variant's runs mark the tokens of every segment with its text, itself too when
            // it is in this document: all of them have its number of tokens.
            var variantTokens: [Int: Int] = [:]
            for _ in 0..<infoCount {
                guard let line = input.next() else { throw malformed(header, headerNumber) }
                let parts = line.fields()
                guard parts.count == 9, parts[0].elementsEqual("I".utf8), let position = parts[1].integer,
                    position < segments.count, case let segment = segments[position].segment,
                    let variant = parts[2].integer, StageRecords.isKey(variant),
                    StageRecords.document(ofKey: variant) != index || StageRecords.position(ofKey: variant) < segments.count,
                    let exact = parts[3].integer, exact <= Int(UInt32.max),
                    let similarity = Float(parts[4].text), (0...1).contains(similarity),
                    let variantSimilarity = Float(parts[5].text), (0...1).contains(variantSimilarity),
                    let family = parts[6].integer, family <= Int(Int32.max), let runs = CoverageRuns(parts[7]),
                    runs.runs.allSatisfy({ $0.end <= segment.tokens.count }), let weak = parts[8].flag,
                    variantTokens[variant, default: segment.tokens.count] == segment.tokens.count,
                    StageRecords.document(ofKey: variant) != index
                        || segments[StageRecords.position(ofKey: variant)].segment.tokens.count == segment.tokens.count
                else { throw malformed(line, input.lineNumber) }
                variantTokens[variant] = segment.tokens.count
                infos.append(
                    SegmentInfo(
                        position: position, variant: variant, exactDocuments: exact, similarity: similarity,
                        variantSimilarity: variantSimilarity, family: family, coverage: runs, isWeak: weak))
            }
            var texts: [(family: Int, span: ByteRange)] = []
            for _ in 0..<textCount {
                guard let line = input.next() else { throw malformed(header, headerNumber) }
                let parts = line.fields()
                guard parts.count == 4, parts[0].elementsEqual("R".utf8), let family = parts[1].integer,
                    let start = parts[2].integer, let end = parts[3].integer, start <= end, end <= bytes
                else { throw malformed(line, input.lineNumber) }
                texts.append((family, ByteRange(start, end)))
            }
            let report = label(record, table: table, infos: infos, configuration: configuration, segmentation: segmentation)
            var writer = JSONWriter()
            writer.text("D\t\(index)\t{\"type\": \"document\", ")
            writerReport.writeDocument(report, &writer, open: false)
            writer.raw("\n")
            for (family, span) in texts {
                writer.text("F\t\(family)\t")
                writer.string(record.document.text(of: span))
                writer.raw("\n")
            }
            output.write(writer.bytes)
        }
    }

    /// Labels one document with the scan's own labeler, on a table of its segments after the
    /// variants of other documents they copy, and a `Clusters` holding what the records say.
    static func label(
        _ record: DocumentRecord, table own: DocumentTable, infos: [SegmentInfo], configuration: Configuration, segmentation: Segmentation
    )
        -> DocumentReport
    {
        let document = record.index
        let external = Set(infos.map(\.variant).filter { StageRecords.document(ofKey: $0) != document }).sorted()
        var table = SegmentTable(shingle: configuration.shingle)
        // Two more segments stand for a run's anchor: one whose family counts, one whose does not.
        let anchorNot = external.count
        let anchorCounts = external.count + 1
        table.appendDocument(0, segments: external.count + 2) { columns in
            for id in 0..<(external.count + 2) {
                columns.write(
                    SegmentTable.Record(
                        paragraph: 0, isParagraph: false, span: ByteRange(0, 0), tokens: 0..<0, shingleStart: 0, exactRepresentative: id),
                    at: id)
            }
        }
        let base = table.count
        var externalID: [Int: Int] = [:]
        for (id, key) in external.enumerated() { externalID[key] = id }
        func localID(_ key: Int) -> Int {
            StageRecords.document(ofKey: key) == document ? base + StageRecords.position(ofKey: key) : externalID[key]!
        }
        var variantOf: [Int: Int] = [:]
        for info in infos { variantOf[info.position] = localID(info.variant) }
        table.append(document: 1, paragraphs: own.paragraphs.enumerated().map { ($0.offset, $0.element) }) { id, position in
            variantOf[position] ?? id
        }

        let count = table.count
        var exactDocuments = [UInt32](repeating: 1, count: count)
        var familyID: [UInt32: Int32] = [:]
        var familyDocuments = [UInt32](repeating: 1, count: count)
        familyDocuments[anchorCounts] = UInt32(configuration.minDocuments)
        var runs: [Int: [Coverage]] = [:]
        var weak: [UInt32] = []
        for info in infos {
            let segment = base + info.position
            if info.isWeak { weak.append(UInt32(segment)) }
            let variant = localID(info.variant)
            exactDocuments[variant] = UInt32(info.exactDocuments)
            table.similarity[segment] = info.similarity
            table.similarity[variant] = info.variantSimilarity
            if info.family > 0 { familyID[UInt32(segment)] = Int32(info.family) }
            runs[variant] = info.coverage.runs.map {
                Coverage(
                    segment: UInt32(variant), start: UInt32($0.start), end: UInt32($0.end),
                    partnerDocument: $0.partner == document ? 1 : 0, anchor: UInt32($0.counts ? anchorCounts : anchorNot))
            }
        }
        let coverage = runs.keys.sorted().flatMap { runs[$0]! }
        let clusters = Clusters(
            table: table, minDocuments: configuration.minDocuments, root: (0..<UInt32(count)).map { $0 },
            familyDocuments: familyDocuments, exactDocuments: exactDocuments, coverage: coverage,
            coverageBlockStart: Clusters.blockStarts(of: coverage, segments: count), reportedRoots: [], familyIDOfRoot: familyID,
            weakShortCopies: weak.sorted())
        let labeled = Labeler(configuration: configuration, table: table, clusters: clusters)
            .label(text: record.document.loadedBytes(), index: 1, segmentation: segmentation)
        let source = record.document
        return DocumentReport(
            index: document, id: source.id, bytes: source.bytes.count, source: source.source, date: source.date,
            recycled: labeled.recycled, paragraphs: labeled.paragraphs, recycledWeight: labeled.recycledWeight, weight: labeled.weight)
    }
}

extension Clusters {
    /// Clusters made of given parts, for labeling one document from stage records.
    init(
        table: SegmentTable, minDocuments: Int, root: [UInt32], familyDocuments: [UInt32], exactDocuments: [UInt32],
        coverage: [Coverage], coverageBlockStart: [UInt32], reportedRoots: [Int], familyIDOfRoot: [UInt32: Int32], weakShortCopies: [UInt32]
    ) {
        self.table = table
        self.minDocuments = minDocuments
        self.root = root
        self.familyDocuments = familyDocuments
        self.exactDocuments = exactDocuments
        self.coverage = coverage
        self.coverageBlockStart = coverageBlockStart
        self.reportedRoots = reportedRoots
        self.familyIDOfRoot = familyIDOfRoot
        self.weakShortCopies = weakShortCopies
    }
}
