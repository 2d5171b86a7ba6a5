import Dispatch

/// The sequential stage before LSH: filing segments as their sketches come, in corpus order.
struct SegmentFiler {
    let configuration: Configuration
    var exact: ExactIndex
    /// For each LSH entry, its segment (increasing: segments are filed in order).
    var entrySegment: [UInt32] = []
    /// Segments filed under an earlier segment's exact text.
    var exactDuplicates = 0

    init(configuration: Configuration, capacity: Int = 1024) {
        self.configuration = configuration
        exact = ExactIndex(capacity: capacity)
        entrySegment.reserveCapacity(capacity)
    }

    /// Files one document's segments: their records, their exact-text class, and the LSH
    /// band keys of those that are the first of their text.
    mutating func file(_ sketch: DocumentSketch, document: Int, table: inout SegmentTable, index: inout LSHIndex) {
        let shingleBase = table.fingerprints.count
        table.fingerprints.append(contentsOf: sketch.fingerprints)
        let segments = sketch.segments
        let count = segments.count
        let firstID = table.count
        // The document's column values are made in one scratch block and appended a column
        // at a time: an append per segment and column (ten per segment) was a uniqueness
        // and capacity check each, a fifth of filing.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 7 * count) { scratch in
            let paragraph = scratch.baseAddress!
            let spanStart = paragraph + count, spanEnd = spanStart + count
            let tokenStart = spanEnd + count, tokenCount = tokenStart + count
            let shingleStart = tokenCount + count, exactRepresentative = shingleStart + count
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { isParagraph in
                // The exact-text table is far larger than the caches: its slots are fetched a
                // few segments ahead (one ahead left a quarter of filing waiting on them).
                let distance = 8
                for position in segments.indices.prefix(distance) { exact.prefetch(segments[position].exactHash) }
                for (position, segment) in segments.enumerated() {
                    if position + distance < count { exact.prefetch(segments[position + distance].exactHash) }
                    let id = firstID + position
                    paragraph[position] = UInt32(segment.paragraph)
                    isParagraph[position] = segment.kind == .paragraph
                    spanStart[position] = UInt32(segment.span.start)
                    spanEnd[position] = UInt32(segment.span.end)
                    tokenStart[position] = UInt32(segment.tokens.lowerBound)
                    tokenCount[position] = UInt32(segment.tokens.count)
                    shingleStart[position] = UInt32(shingleBase + segment.shingles.lowerBound)
                    assert(segment.shingles.count == max(0, segment.tokens.count - configuration.shingle + 1))

                    // Numbers and punctuation alone: its own class, never matched.
                    guard segment.hasLetter else {
                        exactRepresentative[position] = UInt32(id)
                        continue
                    }
                    // Identical normalized text: one class, no need to file it in LSH too.
                    if let first = exact.firstOrInsert(segment.exactHash, id: UInt32(id)) {
                        exactDuplicates += 1
                        exactRepresentative[position] = first
                        continue
                    }
                    exactRepresentative[position] = UInt32(id)
                    guard !segment.bandKeys.isEmpty else { continue }
                    entrySegment.append(UInt32(id))
                    index.append(bandKeys: sketch.bandKeys[segment.bandKeys])
                }
                func column(_ start: UnsafeMutablePointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
                    UnsafeBufferPointer(start: start, count: count)
                }
                table.document.append(contentsOf: repeatElement(UInt32(document), count: count))
                table.paragraph.append(contentsOf: column(paragraph))
                table.isParagraph.append(contentsOf: UnsafeBufferPointer(isParagraph))
                table.spanStart.append(contentsOf: column(spanStart))
                table.spanEnd.append(contentsOf: column(spanEnd))
                table.tokenStart.append(contentsOf: column(tokenStart))
                table.tokenCount.append(contentsOf: column(tokenCount))
                table.shingleStart.append(contentsOf: column(shingleStart))
                table.exactRepresentative.append(contentsOf: column(exactRepresentative))
                table.similarity.append(contentsOf: repeatElement(0, count: count))
            }
        }
        table.documentStart.append(table.count)
    }
}
