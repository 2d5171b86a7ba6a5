/// Compact per-segment records kept for the whole corpus once documents are sketched.
///
/// Struct of arrays, one entry per segment in corpus order; 37 bytes a segment plus 4
/// bytes per shingle. No text is kept here. On a large corpus the fingerprints go to a
/// temporary file as they are filed (`spillFingerprints()`), and only those the match
/// stage reads come back (`keepFingerprints(of:)`). Written only a document at a time, through
/// `appendFingerprints(_:)` and `appendDocument(_:segments:_:)`, so that every column
/// keeps one entry per segment and `documentStart` stays in step with them.
struct SegmentTable {
    /// What filing records of one segment, in the caller's terms.
    struct Record: Hashable {
        /// The paragraph's index in its document.
        var paragraph: Int
        /// Whether the segment is a whole paragraph (not one sentence of a longer one).
        var isParagraph: Bool
        /// The segment's bytes.
        var span: ByteRange
        /// The segment's tokens as a range of its paragraph's token indices.
        var tokens: Range<Int>
        /// The segment's first shingle in the table's `fingerprints`.
        var shingleStart: Int
        /// The first segment with the same normalized text (the segment itself when first).
        var exactRepresentative: Int
    }

    /// One document's column entries, written in place before the table appends them.
    ///
    /// Column by column in one scratch block: an append per segment and column (ten per
    /// segment) was a uniqueness and capacity check each, a fifth of filing.
    struct DocumentColumns {
        /// The document's number of segments: the length of every column.
        let count: Int
        let paragraph: UnsafeMutableBufferPointer<UInt32>
        let isParagraph: UnsafeMutableBufferPointer<Bool>
        let spanStart: UnsafeMutableBufferPointer<UInt32>
        let spanEnd: UnsafeMutableBufferPointer<UInt32>
        let tokenStart: UnsafeMutableBufferPointer<UInt32>
        let tokenCount: UnsafeMutableBufferPointer<UInt32>
        let shingleStart: UnsafeMutableBufferPointer<UInt32>
        let exactRepresentative: UnsafeMutableBufferPointer<UInt32>

        /// Writes the record of the document's segment at `position` (0-based in the document).
        ///
        /// - Parameters:
        ///   - position: The segment's position among the document's segments.
        ///   - record: Its values; each must fit 32 bits.
        /// - Complexity: O(1).
        @inline(__always)
        func write(_ record: Record, at position: Int) {
            paragraph[position] = UInt32(record.paragraph)
            isParagraph[position] = record.isParagraph
            spanStart[position] = UInt32(record.span.start)
            spanEnd[position] = UInt32(record.span.end)
            tokenStart[position] = UInt32(record.tokens.lowerBound)
            tokenCount[position] = UInt32(record.tokens.count)
            shingleStart[position] = UInt32(record.shingleStart)
            exactRepresentative[position] = UInt32(record.exactRepresentative)
        }
    }

    /// The shingle length: a segment of *n* tokens has max(0, *n* − k + 1) shingles, so
    /// shingle counts are derived, not stored.
    private(set) var shingle: Int
    private(set) var document: [UInt32] = []
    private(set) var paragraph: [UInt32] = []
    private(set) var isParagraph: [Bool] = []
    /// The segment's bytes.
    private(set) var spanStart: [UInt32] = []
    private(set) var spanEnd: [UInt32] = []
    /// First token of the segment among its paragraph's tokens, and the token count.
    private(set) var tokenStart: [UInt32] = []
    private(set) var tokenCount: [UInt32] = []
    /// The segment's first shingle among all the table's shingles, or, once fingerprints
    /// were kept selectively, `keptFlag | ` its first shingle in `fingerprints`.
    private(set) var shingleStart: [UInt32] = []
    /// The first segment with the same normalized text (itself when it was first).
    private(set) var exactRepresentative: [UInt32] = []
    /// Best verified Jaccard similarity to a segment of another document.
    ///
    /// Settable, unlike the other columns: the match stage fills it in, after filing.
    var similarity: [Float] = []
    /// Shingle fingerprints of every paragraph, corpus order; when spilling, those not yet
    /// written to the file, and once kept selectively, the kept ones only.
    private(set) var fingerprints: [UInt32] = []
    /// Where the fingerprints go when spilling; `nil` when they stay in `fingerprints`.
    private var spill: SpillFile?
    /// Whether fingerprints go to a temporary file.
    var isSpilling: Bool { spill != nil }
    /// Fingerprints appended in all.
    private(set) var shingleCount = 0
    /// Marks a `shingleStart` that points into the kept fingerprints.
    static let keptFlag: UInt32 = 1 << 31
    /// Fingerprints written to the spill file at a time.
    private(set) var spillChunk = 1 << 18
    /// First segment of each document; one extra entry closes the last.
    private(set) var documentStart: [Int] = [0]

    /// Creates an empty table for shingles of `shingle` tokens.
    init(shingle: Int) { self.shingle = shingle }

    var count: Int { document.count }

    /// Reserves room for `segments` segments and `shingles` fingerprints.
    ///
    /// Large reservations are mapped lazily, so reserving generously costs no memory that
    /// is not used, and spares the copies (and fresh pages) of growing near the end.
    mutating func reserve(segments: Int, shingles: Int) {
        document.reserveCapacity(segments)
        paragraph.reserveCapacity(segments)
        isParagraph.reserveCapacity(segments)
        spanStart.reserveCapacity(segments)
        spanEnd.reserveCapacity(segments)
        tokenStart.reserveCapacity(segments)
        tokenCount.reserveCapacity(segments)
        shingleStart.reserveCapacity(segments)
        exactRepresentative.reserveCapacity(segments)
        similarity.reserveCapacity(segments)
        fingerprints.reserveCapacity(shingles)
    }

    /// Appends a document's shingle fingerprints, before its segments are appended.
    ///
    /// - Parameter fingerprints: The document's fingerprints, paragraphs one after another.
    /// - Returns: The index of the first of them in `fingerprints`, the base of the
    ///   document's `Record.shingleStart` values.
    /// - Complexity: O(*n*), amortized, for *n* fingerprints.
    @discardableResult
    mutating func appendFingerprints(_ fingerprints: some Collection<UInt32>) -> Int {
        let base = shingleCount
        precondition(base + fingerprints.count < Int(Self.keptFlag), "more than 2³¹ shingles")
        self.fingerprints.append(contentsOf: fingerprints)
        shingleCount += fingerprints.count
        if let spill, self.fingerprints.count >= spillChunk {
            self.fingerprints.withUnsafeBytes { spill.append($0) }
            self.fingerprints.removeAll(keepingCapacity: true)
        }
        return base
    }

    /// Sends the fingerprints appended from now on to a temporary file, out of resident
    /// memory, until `keepFingerprints(of:)` brings back those the match stage reads.
    ///
    /// - Parameter chunk: Fingerprints written to the file at a time.
    mutating func spillFingerprints(chunk: Int = 1 << 18) {
        precondition(shingleCount == 0, "spill before appending")
        spill = SpillFile()
        spillChunk = chunk
        fingerprints.reserveCapacity(chunk + 4096)
    }

    /// Brings back from the spill file the fingerprints of the segments `needed` marks; the
    /// others stay in the file, read from there if ever asked for. Does nothing when not spilling.
    ///
    /// - Parameter needed: One flag per segment, let go before the kept fingerprints are
    ///   read: at 5 GB of text the two together were the scan's peak.
    /// - Complexity: O(*segments* + kept shingles); runs of kept shingles a short gap apart
    ///   are read together.
    mutating func keepFingerprints(of needed: consuming [Bool]) {
        guard let spill else { return }
        precondition(needed.count == count)
        fingerprints.withUnsafeBytes { spill.append($0) }
        fingerprints = []
        // The runs of shingles to keep, in file order; each is kept right after the one before.
        var reads: [Range<Int>] = []
        var kept = 0
        var runs: [Range<Int>] = []
        var keptAt: [Int] = []
        for document in 0..<(documentStart.count - 1) {
            let segments = self.segments(ofDocument: document)
            runs.removeAll(keepingCapacity: true)
            for segment in segments where needed[segment] {
                let shingles = self.shingles(of: segment)
                if !shingles.isEmpty { runs.append(shingles) }
            }
            guard !runs.isEmpty else { continue }
            // A sentence's shingles lie in its paragraph's: overlapping runs are read once.
            runs.sort { $0.lowerBound < $1.lowerBound }
            let firstRead = reads.count
            for run in runs {
                if reads.count > firstRead, run.lowerBound <= reads[reads.count - 1].upperBound {
                    reads[reads.count - 1] = reads[reads.count - 1].lowerBound..<max(reads[reads.count - 1].upperBound, run.upperBound)
                } else {
                    reads.append(run)
                }
            }
            // Where each read lands among the kept: found by binary search, since one
            // document may hold most of the corpus's reads.
            keptAt.removeAll(keepingCapacity: true)
            for read in reads[firstRead...] {
                keptAt.append(kept)
                kept += read.count
            }
            for segment in segments where needed[segment] && !shingles(of: segment).isEmpty {
                let start = Int(shingleStart[segment])
                // The last read starting at or before the segment's shingles.
                let read = reads[firstRead...].partitioningIndex { $0.lowerBound > start } - 1
                if read >= firstRead, reads[read].contains(start) {
                    shingleStart[segment] = Self.keptFlag | UInt32(keptAt[read - firstRead] + start - reads[read].lowerBound)
                }
            }
        }
        _ = consume needed
        fingerprints = [UInt32](unsafeUninitializedCapacity: kept) { buffer, initialized in
            spill.read(runs: reads, of: MemoryLayout<UInt32>.stride, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = kept
        }
    }

    /// Takes the shingle starts out once verification is done, to be freed: no fingerprint
    /// can be read after.
    mutating func takeShingleStarts() -> [UInt32] {
        var taken: [UInt32] = []
        swap(&taken, &shingleStart)
        return taken
    }

    /// Takes the kept fingerprints out once verification is done, to be freed.
    mutating func takeFingerprints() -> [UInt32] {
        var taken: [UInt32] = []
        swap(&taken, &fingerprints)
        return taken
    }

    /// A segment's shingle fingerprints: from memory, or read back from the spill file for
    /// one that was not kept.
    ///
    /// - Complexity: O(1) from memory; a file read otherwise.
    @inline(__always)
    func fingerprints(of segment: Int) -> ArraySlice<UInt32> {
        let count = max(0, Int(tokenCount[segment]) - shingle + 1)
        let start = shingleStart[segment]
        guard let spill, start & Self.keptFlag == 0 else {
            let from = Int(start & ~Self.keptFlag)
            return fingerprints[from..<(from + count)]
        }
        let read = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            spill.read(at: Int(start) * MemoryLayout<UInt32>.stride, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
        return read[...]
    }

    /// Appends the next document's segments, their records written by `write`.
    ///
    /// The segments get the ids `count ..< count + segments`, in order; their similarity
    /// starts at 0, and `documentStart` gets the entry that closes the document.
    ///
    /// - Parameters:
    ///   - document: The document's index; documents are appended in order.
    ///   - segments: The document's number of segments (0 for a document without any).
    ///   - continuing: Whether these segments follow those of the last document appended,
    ///     the same `document`: a huge document is filed a piece at a time.
    ///   - write: Writes the record of every position `0 ..< segments` (by
    ///     `DocumentColumns.write(_:at:)` or column by column); it must not touch the table.
    /// - Returns: What `write` returns.
    /// - Complexity: O(*segments*), amortized, besides `write`.
    @inline(__always)
    mutating func appendDocument<Result>(
        _ document: Int, segments count: Int, continuing: Bool = false, _ write: (DocumentColumns) throws -> Result
    ) rethrows -> Result {
        precondition(
            document == documentStart.count - (continuing ? 2 : 1), "document \(document) filed out of order")
        let result = try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 7 * count) { scratch in
            try withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { isParagraph in
                func column(_ index: Int) -> UnsafeMutableBufferPointer<UInt32> {
                    UnsafeMutableBufferPointer(rebasing: scratch[(index * count)..<((index + 1) * count)])
                }
                let columns = DocumentColumns(
                    count: count, paragraph: column(0), isParagraph: isParagraph, spanStart: column(1),
                    spanEnd: column(2), tokenStart: column(3), tokenCount: column(4), shingleStart: column(5),
                    exactRepresentative: column(6))
                let result = try write(columns)
                self.document.append(contentsOf: repeatElement(UInt32(document), count: count))
                paragraph.append(contentsOf: columns.paragraph)
                self.isParagraph.append(contentsOf: columns.isParagraph)
                spanStart.append(contentsOf: columns.spanStart)
                spanEnd.append(contentsOf: columns.spanEnd)
                tokenStart.append(contentsOf: columns.tokenStart)
                tokenCount.append(contentsOf: columns.tokenCount)
                shingleStart.append(contentsOf: columns.shingleStart)
                exactRepresentative.append(contentsOf: columns.exactRepresentative)
                similarity.append(contentsOf: repeatElement(0, count: count))
                return result
            }
        }
        if continuing {
            documentStart[documentStart.count - 1] = self.document.count
        } else {
            documentStart.append(self.document.count)
        }
        return result
    }

    /// A segment's shingles among all the table's, before any were kept selectively.
    func shingles(of segment: Int) -> Range<Int> {
        let start = Int(shingleStart[segment])
        return start..<(start + max(0, Int(tokenCount[segment]) - shingle + 1))
    }

    func span(of segment: Int) -> ByteRange {
        ByteRange(Int(spanStart[segment]), Int(spanEnd[segment]))
    }

    /// The paragraph segment of a segment's paragraph: the first paragraph segment from it
    /// on (a paragraph's sentences come before it), or `count` when there is none.
    ///
    /// - Parameters:
    ///   - segment: A segment.
    ///   - found: Answers given before, by document and paragraph: a paragraph of millions
    ///     of sentences is walked once, not once per sentence asked about.
    /// - Complexity: O(the paragraph's segments) the first time, O(1) after.
    func paragraphSegment(of segment: Int, found: inout [UInt64: Int]) -> Int {
        if isParagraph[segment] { return segment }
        let key = UInt64(document[segment]) << 32 | UInt64(paragraph[segment])
        if let known = found[key] { return known }
        var other = segment
        while other < count, !isParagraph[other] { other += 1 }
        found[key] = other
        return other
    }

    /// Whether a segment is a paragraph of two or more sentences: its sentence segments
    /// come just before it.
    ///
    /// - Complexity: O(1).
    func isSeveralSentences(_ segment: Int) -> Bool {
        isParagraph[segment] && segment > 0 && isSentence(segment - 1, of: segment)
    }

    /// The sentence segments of a paragraph segment, in order: right before it, and none
    /// for a paragraph of one sentence or a segment that is a sentence.
    ///
    /// - Complexity: O(*sentences*).
    func sentenceSegments(ofParagraph segment: Int) -> Range<Int> {
        guard isParagraph[segment] else { return segment..<segment }
        var first = segment
        while first > 0, isSentence(first - 1, of: segment) { first -= 1 }
        return first..<segment
    }

    /// Whether `sentence` is a sentence segment of the same document and paragraph as `segment`.
    func isSentence(_ sentence: Int, of segment: Int) -> Bool {
        !isParagraph[sentence] && document[sentence] == document[segment] && paragraph[sentence] == paragraph[segment]
    }

    func tokens(of segment: Int) -> Range<Int> {
        let start = Int(tokenStart[segment])
        return start..<(start + Int(tokenCount[segment]))
    }

    /// Lets go of the columns only matching and labeling read (similarities and tokens):
    /// the report reads where segments are and which text they copy, not these.
    mutating func dropLabelingColumns() {
        similarity = []
        tokenStart = []
        tokenCount = []
    }

    func segments(ofDocument index: Int) -> Range<Int> {
        documentStart[index]..<documentStart[index + 1]
    }
}
