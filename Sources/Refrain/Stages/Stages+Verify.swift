/// The match stage as records: one document's LSH candidates verified, as on one machine.
@_spi(Stages) public enum VerifyStage {
    /// Verifies the candidates of every document block read.
    ///
    /// A block is a `V ⇥ document ⇥ paragraphs ⇥ entries ⇥ shortEntries ⇥ texts` line, the
    /// document's `T` line, `P` lines (paragraphs of earlier documents that candidates lie in),
    /// `C` lines (an entry's position and its candidates' keys, in band order), `S` lines (the
    /// same for short-sentence entries) and `W` lines (a short segment's key, start and text). Writes `U` (verified pair), `M`
    /// (similarity to a segment of another document) and `C` (coverage run, with the order it
    /// was found in) lines.
    ///
    /// - Throws: `StageRecordError` for a malformed block.
    /// - Complexity: O(*candidates* · *shingles* log *shingles*) per document.
    public static func run(configuration: Configuration, input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        func malformed(_ line: [UInt8], _ number: Int) -> StageRecordError {
            .malformed(stage: "verify", line: String(decoding: line, as: UTF8.self), number: number)
        }
        var matcher = Matcher(configuration: configuration)
        while let header = input.next() {
            if header.isEmpty { continue }
            let headerNumber = input.lineNumber
            let fields = header.fields()
            // `V ⇥ document ⇥ P ⇥ C` or, with short-sentence entries, `… ⇥ S ⇥ W`.
            guard fields.count == 4 || fields.count == 6, fields[0].elementsEqual("V".utf8), let document = fields[1].integer,
                let paragraphCount = fields[2].integer, let entryCount = fields[3].integer,
                let shortCount = fields.count == 6 ? fields[4].integer : 0, let textCount = fields.count == 6 ? fields[5].integer : 0,
                let tableLine = input.next()
            else { throw malformed(header, headerNumber) }
            guard let own = DocumentTable(tableLine.fields()), own.isWhole, own.fits(shingle: configuration.shingle) else {
                throw malformed(tableLine, input.lineNumber)
            }
            guard own.document == document else { throw malformed(header, headerNumber) }
            var foreign: [Int: [(index: Int, chunk: ParagraphChunk)]] = [:]
            var shipped = Set<UInt64>()  // document << 32 | paragraph, of each P line
            for _ in 0..<paragraphCount {
                guard let line = input.next() else { throw malformed(header, headerNumber) }
                let parts = line.fields()
                guard parts.count == 4, parts[0].elementsEqual("P".utf8), let other = parts[1].integer,
                    StageRecords.documents.contains(other), let paragraph = parts[2].integer, paragraph <= Int(UInt32.max),
                    let chunk = ParagraphChunk(parts[3]), chunk.fits(shingle: configuration.shingle, bytes: Int(UInt32.max)),
                    shipped.insert(UInt64(other) << 32 | UInt64(paragraph)).inserted
                else { throw malformed(line, input.lineNumber) }
                foreign[other, default: []].append((paragraph, chunk))
            }
            // The segments of the shipped paragraphs, by key: every candidate and text is looked up.
            var foreignSpans: [Int: ByteRange] = [:]
            for (other, chunks) in foreign {
                for (_, chunk) in chunks {
                    for segment in chunk.segments {
                        foreignSpans[StageRecords.key(document: other, position: segment.position)] = segment.span
                    }
                }
            }
            // The document's own segments, by position: an entry names one of them.
            let ownSpans = own.segmentsInOrder.map(\.segment.span)
            func entryLines(_ kind: String, _ count: Int) throws(StageRecordError) -> [(position: Int, candidates: [Int])] {
                var entries: [(position: Int, candidates: [Int])] = []
                for _ in 0..<count {
                    guard let line = input.next() else { throw malformed(header, headerNumber) }
                    let parts = line.fields()
                    // Every candidate names a segment of the block: its own, or one in a paragraph shipped with it.
                    guard parts.count == 3, parts[0].elementsEqual(kind.utf8), let position = parts[1].integer,
                        position < ownSpans.count, let candidates = parts[2].integers,
                        candidates.allSatisfy({
                            StageRecords.isKey($0) && span(ofKey: $0, own: own.document, ownSpans: ownSpans, foreign: foreignSpans) != nil
                        })
                    else { throw malformed(line, input.lineNumber) }
                    entries.append((position, candidates))
                }
                return entries
            }
            let entries = try entryLines("C", entryCount)
            let shortEntries = try entryLines("S", shortCount)
            var texts: [Int: (start: Int, bytes: [UInt8])] = [:]
            for _ in 0..<textCount {
                guard let line = input.next() else { throw malformed(header, headerNumber) }
                let parts = line.fields()
                // The text must be the span of a segment of the block: it is laid out at its place.
                guard parts.count == 4, parts[0].elementsEqual("W".utf8), let key = parts[1].integer, StageRecords.isKey(key),
                    let start = parts[2].integer, let bytes = parts[3].base64Bytes,
                    let span = span(ofKey: key, own: own.document, ownSpans: ownSpans, foreign: foreignSpans), span.start == start,
                    span.count == bytes.count
                else { throw malformed(line, input.lineNumber) }
                texts[key] = (start, bytes)
            }
            // A short entry's words, and its candidates', are aligned from these texts: without
            // one, the alignment would see spaces and find less.
            for entry in shortEntries {
                let key = StageRecords.key(document: document, position: entry.position)
                guard texts[key] != nil, entry.candidates.allSatisfy({ texts[$0] != nil }) else {
                    throw malformed(header, headerNumber)
                }
            }
            let log = verify(
                document: own, foreign: foreign, entries: entries, shortEntries: shortEntries, texts: texts, matcher: &matcher,
                shingle: configuration.shingle)
            write(log, document: document, to: &output)
        }
    }

    /// The span of the segment a key names, in the document's own table (its spans by
    /// position) or the paragraphs of other documents given with it, or `nil` when it names
    /// none of them.
    static func span(ofKey key: Int, own: Int, ownSpans: [ByteRange], foreign: [Int: ByteRange]) -> ByteRange? {
        guard StageRecords.document(ofKey: key) == own else { return foreign[key] }
        let position = StageRecords.position(ofKey: key)
        return position < ownSpans.count ? ownSpans[position] : nil
    }

    /// What one document's verification found, with segments as keys.
    struct Found {
        var unions: [(Int, Int)] = []
        var similarities: [(Int, Float)] = []
        var coverage: [(segment: Int, start: Int, end: Int, partner: Int, anchor: Int)] = []
    }

    /// Verifies one document's entries on a table of its own segments after the paragraphs of
    /// earlier documents its candidates lie in: the matcher sees the same segments, in the same
    /// order, as in the whole corpus's table.
    ///
    /// - Parameters:
    ///   - entries: Shingle band entries: a segment's position and its candidates' keys.
    ///   - shortEntries: Short-sentence entries, the same way.
    ///   - texts: The text of each short segment named, by key: where it starts, its bytes.
    static func verify(
        document: DocumentTable, foreign: [Int: [(index: Int, chunk: ParagraphChunk)]], entries: [(position: Int, candidates: [Int])],
        shortEntries: [(position: Int, candidates: [Int])] = [], texts: [Int: (start: Int, bytes: [UInt8])] = [:],
        matcher: inout Matcher, shingle: Int
    ) -> Found {
        var table = SegmentTable(shingle: shingle)
        var keys: [Int] = []  // local segment → segment key
        var documents: [Int] = []  // local document → document
        var local: [Int: Int] = [:]  // segment key → local segment
        func place(_ document: Int, _ paragraphs: [(index: Int, chunk: ParagraphChunk)]) {
            let first = table.count
            let placed = table.append(document: documents.count, paragraphs: paragraphs)
            documents.append(document)
            for (offset, (_, position)) in placed.enumerated() {
                let key = StageRecords.key(document: document, position: position)
                keys.append(key)
                local[key] = first + offset
            }
        }
        for other in foreign.keys.sorted() where other != document.document {
            place(other, foreign[other]!.sorted { $0.index < $1.index })
        }
        place(document.document, document.paragraphs.enumerated().map { ($0.offset, $0.element) })

        // Entries: every segment named, in segment order; only the document's own have candidates.
        func candidateTable(_ entries: [(position: Int, candidates: [Int])]) -> (entrySegment: [UInt32], candidates: LSHCandidates) {
            var named = Set<Int>()
            for entry in entries {
                if let id = local[StageRecords.key(document: document.document, position: entry.position)] { named.insert(id) }
                for candidate in entry.candidates { if let id = local[candidate] { named.insert(id) } }
            }
            let entrySegment = named.sorted().map { UInt32($0) }
            var entryOf: [Int: Int] = [:]
            for (entry, id) in entrySegment.enumerated() { entryOf[Int(id)] = entry }
            var lists = [[UInt32]](repeating: [], count: entrySegment.count)
            for entry in entries {
                guard let id = local[StageRecords.key(document: document.document, position: entry.position)] else { continue }
                lists[entryOf[id]!] = entry.candidates.compactMap { local[$0].flatMap { entryOf[$0] }.map { UInt32($0) } }
            }
            var offsets: [UInt32] = [0]
            for list in lists { offsets.append(offsets.last! + UInt32(list.count)) }
            return (entrySegment, LSHCandidates(offsets: offsets, occupants: lists.flatMap { $0 }, distinctKeys: 0))
        }
        let (entrySegment, candidates) = candidateTable(entries)
        let (shortSegment, shortCandidates) = candidateTable(shortEntries)
        var short = LSHShortIndex(capacity: shortSegment.count)
        let noKeys = [UInt32](repeating: 0, count: LSHShortIndex.keys)[...]  // candidates are given: keys unused
        for id in shortSegment { short.file(segment: Int(id), keys: noKeys) }
        // Short segments' words are read from their documents: each local document is its
        // short segments' texts at their places, spaces between.
        let textsOf = Dictionary(grouping: texts.values.indices) { StageRecords.document(ofKey: texts.keys[$0]) }
        var corpus: [Document] = []
        for (local, key) in documents.enumerated() {
            let placed = (textsOf[key] ?? []).map { texts.values[$0] }
            var bytes = [UInt8](repeating: UInt8(ascii: " "), count: placed.map { $0.start + $0.bytes.count }.max() ?? 0)
            for text in placed { bytes.replaceSubrange(text.start..<(text.start + text.bytes.count), with: text.bytes) }
            corpus.append(Document(id: "\(local)", bytes: bytes))
        }
        matcher.corpus = corpus
        // The matcher's caches are by segment and document of this block's table.
        matcher.forgetSegments()
        let own = documents.count - 1
        let log = matcher.verify(
            documents: own..<(own + 1), table: table, entrySegment: entrySegment, candidates: candidates, short: short,
            shortCandidates: shortCandidates)

        var found = Found()
        for pair in log.unions { found.unions.append((keys[Int(pair >> 32)], keys[Int(pair & 0xFFFF_FFFF)])) }
        for (segment, value) in log.similarities { found.similarities.append((keys[Int(segment)], value)) }
        for run in log.coverage {
            found.coverage.append(
                (keys[Int(run.segment)], Int(run.start), Int(run.end), documents[Int(run.partnerDocument)], keys[Int(run.anchor)]))
        }
        return found
    }

    /// Writes `U`, `M` and `C` lines; a `C` line's third and fourth fields (the document
    /// verified, the run's place in its log) order runs as one machine finds them.
    static func write(_ found: Found, document: Int, to output: inout LineWriter) {
        for (a, b) in found.unions { output.write("U\t\(a)\t\(b)\n") }
        for (segment, value) in found.similarities { output.write("M\t\(segment)\t\(value)\n") }
        for (order, run) in found.coverage.enumerated() {
            output.write("C\t\(run.segment)\t\(document)\t\(order)\t\(run.start)\t\(run.end)\t\(run.partner)\t\(run.anchor)\n")
        }
    }
}
