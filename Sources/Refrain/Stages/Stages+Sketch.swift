import Foundation

/// The sketch stage as records: segment → tokenize → shingle → sketch, one document at a time.
@_spi(Stages) public enum SketchStage {
    /// Sketches every document record read, writing its segment table and its segments' keys.
    ///
    /// For each document, a `T` line (the segment table: per paragraph, its segments and their
    /// fingerprints), an `X` line per segment with a letter (its exact-text hash, where it
    /// is, and its LSH band keys) and a `Y` line per short segment (its word-pair keys and its
    /// text), as Distributed/spark/README.md describes.
    ///
    /// - Parameter segmentLimit: The most segments a document may have: a segment key
    ///   numbers them in 24 bits (lowered by tests).
    /// - Throws: `StageRecordError` for a line that is not a document record, a document
    ///   number given twice (records may come in any order), or a document of more segments
    ///   than a key numbers.
    /// - Complexity: O(*n* + *shingles* · *permutations*) per document.
    public static func run(
        configuration: Configuration, input: inout LineReader, output: inout LineWriter,
        segmentLimit: Int = (1 << StageRecords.positionBits) - 1
    ) throws(StageRecordError) {
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters)
        var sketch = DocumentSketch()
        var lineOf: [Int: Int] = [:]  // document number -> the line that gave it
        while let line = input.next() {
            if line.isEmpty { continue }
            let record = try DocumentRecord(line: line, stage: "sketch", number: input.lineNumber)
            if let first = lineOf.updateValue(input.lineNumber, forKey: record.index) {
                throw .repeatedDocument(stage: "sketch", number: input.lineNumber, document: record.index, first: first)
            }
            sketcher.sketch(record.document.bytes, into: &sketch)
            guard sketch.segments.count <= segmentLimit else {
                throw .tooManySegments(stage: "sketch", number: input.lineNumber, segments: sketch.segments.count, limit: segmentLimit)
            }
            write(sketch, document: record.index, to: &output)
            writeShort(sketch, document: record.index, bytes: record.document.bytes, to: &output)
        }
    }

    /// Writes one document's `T` and `X` lines.
    static func write(_ sketch: DocumentSketch, document: Int, to output: inout LineWriter) {
        var table = "T\t\(document)"
        let paragraphs = sketch.segmentation.paragraphs.count
        // Segments come paragraph by paragraph, a paragraph's sentences before it.
        var position = 0
        var owner = [Int](repeating: -1, count: sketch.segments.count)
        for paragraph in 0..<paragraphs {
            let first = position
            while position < sketch.segments.count, sketch.segments[position].paragraph == paragraph { position += 1 }
            let segments = sketch.segments[first..<position]
            let whole = segments.last { $0.kind == .paragraph }
            let base = whole?.shingles.lowerBound ?? 0
            let fingerprints = whole.map { sketch.fingerprints[$0.shingles] } ?? []
            let wholePosition = segments.lastIndex { $0.kind == .paragraph } ?? -1
            for index in segments.indices { owner[index] = wholePosition }
            let items = segments.indices.map { index in
                let segment = sketch.segments[index]
                let start = segment.shingles.isEmpty ? 0 : segment.shingles.lowerBound - base
                return "\(index),\(segment.kind == .paragraph ? 1 : 0),\(segment.span.start),\(segment.span.end),"
                    + "\(segment.tokens.lowerBound),\(segment.tokens.count),\(start),\(segment.hasLetter ? 1 : 0)"
            }
            table += "\t" + items.joined(separator: ";") + "|" + StageRecords.base64(fingerprints)
        }
        output.write(table + "\n")
        for (index, segment) in sketch.segments.enumerated() where segment.hasLetter {
            let keys = segment.bandKeys.isEmpty ? "-" : sketch.bandKeys[segment.bandKeys].map { String($0) }.joined(separator: ",")
            // Whole lines and token counts: a short copy's evidence (`Clusters+ShortEvidence.swift`).
            let whole =
                segment.kind == .paragraph || sketch.segmentation.isWholeLine(segment.span, paragraph: segment.paragraph)
            output.write(
                "X\t\(segment.exactHash)\t\(StageRecords.key(document: document, position: index))\t\(segment.paragraph)\t"
                    + "\(segment.kind == .paragraph ? 1 : 0)\t\(segment.span.start)\t\(segment.span.end)\t\(owner[index])\t\(keys)\t"
                    + "\(segment.tokens.count)\t\(whole ? 1 : 0)\n")
        }
    }
}

extension SketchStage {
    /// Writes one document's `Y` lines: per segment with short-sentence keys
    /// (`Sketcher.shortTokens` words), `Y ⇥ key ⇥ paragraph ⇥ start ⇥ keys ⇥ text`, the keys
    /// `LSHShortIndex.keys` decimal values and the text base64 of the segment's bytes, which
    /// `stage verify` aligns by words as `Matcher.verifyShort` reads them from the document.
    static func writeShort(_ sketch: DocumentSketch, document: Int, bytes: [UInt8], to output: inout LineWriter) {
        for (index, segment) in sketch.segments.enumerated() where !segment.shortKeys.isEmpty {
            let keys = sketch.shortKeys[segment.shortKeys].map { String($0) }.joined(separator: ",")
            let text = Data(bytes[segment.span.range]).base64EncodedString()
            output.write(
                "Y\t\(StageRecords.key(document: document, position: index))\t\(segment.paragraph)\t\(segment.span.start)\t"
                    + "\(keys)\t\(text)\n")
        }
    }
}

/// One paragraph of a `T` line: its segments and their fingerprints.
struct ParagraphChunk {
    struct Segment {
        var position: Int
        var isParagraph: Bool
        var span: ByteRange
        var tokens: Range<Int>
        /// The first shingle in the chunk's fingerprints.
        var shingleStart: Int
        var hasLetter: Bool
    }

    var segments: [Segment] = []
    var fingerprints: [UInt32] = []

    /// Reads `segments|fingerprints`.
    init?(_ field: ArraySlice<UInt8>) {
        guard let bar = field.firstIndex(of: UInt8(ascii: "|")), let fingerprints = field[(bar + 1)...].fingerprints else { return nil }
        self.fingerprints = fingerprints
        let limit = Int(UInt32.max)
        for item in field[..<bar].fields(UInt8(ascii: ";")) {
            let parts = item.fields(UInt8(ascii: ","))
            // The table's columns are 32-bit, and a position has 24 bits of a key.
            guard parts.count == 8, let values = item.integers, let isParagraph = parts[1].flag, let hasLetter = parts[7].flag,
                values[0] < 1 << StageRecords.positionBits, values[0] > (segments.last?.position ?? -1),
                values[2] <= values[3], values[3] <= limit, values[4] + values[5] <= limit, values[6] <= fingerprints.count
            else { return nil }
            segments.append(
                Segment(
                    position: values[0], isParagraph: isParagraph, span: ByteRange(values[2], values[3]),
                    tokens: values[4]..<(values[4] + values[5]), shingleStart: values[6], hasLetter: hasLetter))
        }
    }

    /// Whether every segment's shingles lie in the chunk's fingerprints and its span in a text
    /// of `bytes` bytes: what the tables made from records read.
    func fits(shingle: Int, bytes: Int) -> Bool {
        segments.allSatisfy { segment in
            segment.shingleStart + max(0, segment.tokens.count - shingle + 1) <= fingerprints.count && segment.span.end <= bytes
        }
    }
}

/// A document's segment table read back from its `T` line.
struct DocumentTable {
    var document: Int
    /// Paragraph by paragraph.
    var paragraphs: [ParagraphChunk]

    init?(_ fields: [ArraySlice<UInt8>]) {
        guard fields.count >= 2, fields[0].elementsEqual("T".utf8), let document = fields[1].integer,
            StageRecords.documents.contains(document)
        else { return nil }
        self.document = document
        var paragraphs: [ParagraphChunk] = []
        for field in fields.dropFirst(2) {
            // Positions increase, and each must fit a segment key.
            guard let chunk = ParagraphChunk(field),
                chunk.segments.first.map({ $0.position > (paragraphs.last?.segments.last?.position ?? -1) }) ?? true,
                chunk.segments.last.map({ $0.position < 1 << StageRecords.positionBits }) ?? true
            else { return nil }
            paragraphs.append(chunk)
        }
        self.paragraphs = paragraphs
    }

    /// Whether every paragraph `fits` a shingle length and a text length.
    func fits(shingle: Int, bytes: Int = Int(UInt32.max)) -> Bool {
        paragraphs.allSatisfy { $0.fits(shingle: shingle, bytes: bytes) }
    }

    /// Every segment with its paragraph's index, in order: of a whole table (`isWhole`), the
    /// segment at position *p* is element *p*.
    ///
    /// - Complexity: O(segments).
    var segmentsInOrder: [(paragraph: Int, segment: ParagraphChunk.Segment)] {
        paragraphs.enumerated().flatMap { index, chunk in chunk.segments.map { (index, $0) } }
    }

    /// The number of segments.
    var segmentCount: Int { paragraphs.reduce(0) { $0 + $1.segments.count } }

    /// Whether the table holds every segment of its document, as the sketch stage writes it:
    /// positions 0, 1, 2, … (a table of some paragraphs skips some).
    var isWhole: Bool {
        (paragraphs.last { !$0.segments.isEmpty }?.segments.last).map { $0.position + 1 == segmentCount } ?? true
    }
}

extension SegmentTable {
    /// Appends a document made of the given paragraphs' segments, in order.
    ///
    /// - Returns: Each appended segment's (paragraph, position in its document).
    @discardableResult
    mutating func append(
        document: Int, paragraphs: [(index: Int, chunk: ParagraphChunk)], exactRepresentative: (Int, Int) -> Int = { id, _ in id }
    ) -> [(paragraph: Int, position: Int)] {
        var bases: [Int] = []
        for (_, chunk) in paragraphs { bases.append(appendFingerprints(chunk.fingerprints)) }
        var placed: [(paragraph: Int, position: Int)] = []
        let count = paragraphs.reduce(0) { $0 + $1.chunk.segments.count }
        let firstID = self.count
        appendDocument(document, segments: count) { columns in
            var slot = 0
            for (offset, (paragraph, chunk)) in paragraphs.enumerated() {
                for segment in chunk.segments {
                    let id = firstID + slot
                    columns.write(
                        Record(
                            paragraph: paragraph, isParagraph: segment.isParagraph, span: segment.span, tokens: segment.tokens,
                            shingleStart: bases[offset] + segment.shingleStart,
                            exactRepresentative: exactRepresentative(id, segment.position)),
                        at: slot)
                    placed.append((paragraph, segment.position))
                    slot += 1
                }
            }
        }
        return placed
    }
}
