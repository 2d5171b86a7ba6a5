/// The sequential stage before LSH: filing segments as their sketches come, in corpus order.
struct SegmentFiler {
    let configuration: Configuration
    var exact: ExactIndex
    /// For each LSH entry, its segment (increasing: segments are filed in order).
    var entrySegment: [UInt32] = []
    /// Segments filed under an earlier segment's exact text.
    var exactDuplicates = 0
    /// The short segments that are the first of their text, by word pairs.
    var short: LSHShortIndex

    /// Creates a filer with room for the segments expected.
    ///
    /// - Parameters:
    ///   - capacity: The segments expected.
    ///   - keyRoom: The short segments' keys' room (entries); news's are two thirds of its
    ///     segments, and unwritten room costs nothing.
    init(configuration: Configuration, capacity: Int = 1024, keyRoom: Int = 1024) {
        self.configuration = configuration
        exact = ExactIndex(capacity: capacity)
        short = LSHShortIndex(capacity: keyRoom)
        entrySegment.reserveCapacity(capacity)
    }

    /// Files one document's segments: their records, their exact-text class, and the LSH
    /// band keys of those that are the first of their text.
    ///
    /// - Parameters:
    ///   - sketch: The document's sketch.
    ///   - document: The document's index; documents are filed in corpus order.
    ///   - table: The segment table, which gets the document's segments and fingerprints.
    ///   - index: The LSH index, which gets the band keys of the segments first of their text.
    ///   - continuing: Whether `sketch` holds the next paragraphs of the last document filed.
    /// - Complexity: O(*segments* × *bands* + *shingles*), amortized.
    mutating func file(
        _ sketch: DocumentSketch, document: Int, table: inout SegmentTable, index: inout LSHIndex, continuing: Bool = false
    ) {
        let shingleBase = table.appendFingerprints(sketch.fingerprints)
        let segments = sketch.segments
        let count = segments.count
        let firstID = table.count
        table.appendDocument(document, segments: count, continuing: continuing) { columns in
            // The exact-text table is far larger than the caches: its slots are fetched a
            // few segments ahead (one ahead left a quarter of filing waiting on them).
            let distance = 8
            for position in segments.indices.prefix(distance) { exact.prefetch(segments[position].exactHash) }
            // The short segments' words, one run of them after another, when the sketch keeps them.
            var wordCursor = 0
            for (position, segment) in segments.enumerated() {
                if position + distance < count { exact.prefetch(segments[position + distance].exactHash) }
                var words: ArraySlice<UInt16> = []
                if !segment.shortKeys.isEmpty, !sketch.shortWords.isEmpty {
                    words = sketch.shortWords[wordCursor..<(wordCursor + segment.tokens.count)]
                    wordCursor += segment.tokens.count
                }
                let id = firstID + position
                assert(segment.shingles.count == max(0, segment.tokens.count - configuration.shingle + 1))
                var record = SegmentTable.Record(
                    paragraph: segment.paragraph, isParagraph: segment.kind == .paragraph, span: segment.span,
                    tokens: segment.tokens, shingleStart: shingleBase + segment.shingles.lowerBound,
                    exactRepresentative: id)
                // Numbers and punctuation alone: its own class, never matched.
                guard segment.hasLetter else {
                    columns.write(record, at: position)
                    continue
                }
                // Identical normalized text: one class, no need to file it in LSH too.
                if let first = exact.firstOrInsert(segment.exactHash, id: UInt32(id)) {
                    exactDuplicates += 1
                    record.exactRepresentative = Int(first)
                    columns.write(record, at: position)
                    continue
                }
                columns.write(record, at: position)
                if !segment.shortKeys.isEmpty {
                    short.file(segment: id, keys: sketch.shortKeys[segment.shortKeys], words: words)
                }
                guard !segment.bandKeys.isEmpty else { continue }
                entrySegment.append(UInt32(id))
                index.append(bandKeys: sketch.bandKeys[segment.bandKeys])
            }
        }
    }
}
