import Dispatch

extension PipelineRun {
    /// Segments, tokenizes, shingles and sketches every document on `jobs` threads, and files
    /// each sketch into the index in corpus order on this one.
    ///
    /// Documents go in batches: while this thread files one batch, `jobs - 1` helpers sketch
    /// the next ones, and this thread joins them when done. Batches are started up to 16
    /// ahead so that the helpers keep sketching while filing stalls (the first batches fault
    /// in the exact-text table's pages). Each sketch is written over a filed one's arrays,
    /// so that no thread frees memory another thread's allocator holds.
    ///
    /// - Returns: The index stage's output; the exact-text table is freed before returning.
    /// - Complexity: O(total bytes).
    mutating func sketchAndIndex(_ documents: [Document]) -> IndexedCorpus {
        let parameters = configuration.lshParameters
        let minHash = MinHash(permutations: configuration.permutations)
        // A segment (paragraph or sentence) comes every 80-90 bytes of news text: sizing the
        // tables from the corpus up front avoids growing them, and their copies, near the end.
        // The keys' room errs high, since its pages cost nothing until written (a large scan
        // spills its keys a block at a time instead, and reserves no address space for them);
        // the exact-text table is probed everywhere, so it is sized as expected.
        let totalBytes = documents.reduce(0) { $0 + $1.byteCount }
        let expectedSegments = max(1024, totalBytes / 96)
        isLarge = totalBytes > spillAbove
        let keyRoom = isLarge ? 0 : max(1024, totalBytes / 64)
        var index = LSHIndex(parameters: parameters, capacity: keyRoom)
        var table = SegmentTable(shingle: configuration.shingle)
        // The read stage's freed texts, when it let them go, leave the heap here.
        trimHeap()
        if isLarge {
            table.spillFingerprints()
            index.spillKeys()
            table.reserve(segments: totalBytes / 64 + 16, shingles: 0)
        } else {
            // Generous: reserved pages cost nothing until touched.
            table.reserve(segments: totalBytes / 64 + 16, shingles: totalBytes / 5 + 16)
        }
        // Made once the helpers are sketching: its exact-text table's pages are mapped and
        // cleared up front, which a virtual machine can be slow at, and nothing is filed before.
        var filer: SegmentFiler? = nil

        let batchSize = max(64, configuration.jobs * 32)
        let shingle = configuration.shingle
        let helpers = (1..<max(1, configuration.jobs)).map { DispatchQueue(label: "refrain.sketch.\($0)") }
        // With no helper nothing is sketched ahead: sketches kept for reuse would only add to the peak.
        let lookahead = helpers.isEmpty ? 1 : 16
        // In a large scan, a document of more than `pieceBytes` is sketched a piece at a time
        // as it is filed (`fileInPieces`), never whole.
        let pieceBytes = pieceBytes
        let hugeAbove = isLarge ? pieceBytes : Int.max
        // A large scan's match stage aligns short segments by words kept now, not read again.
        let keepsShortWords = isLarge
        func sketchBatch(_ batch: Range<Int>, reusing spare: HandOverSlots<DocumentSketch>) -> SharedBatch<Sketcher, DocumentSketch> {
            // A sketcher per thread, its buffers reused from document to document.
            SharedBatch(count: batch.count, helpers: helpers) {
                Sketcher(shingle: shingle, minHash: minHash, parameters: parameters, keepsShortWords: keepsShortWords)
            } _: { sketcher, offset in
                var sketch = spare.take(offset) ?? DocumentSketch()
                // Sketched as it is filed, a piece at a time.
                if documents[batch.lowerBound + offset].byteCount > hugeAbove { return sketch }
                // A deferred text is read here, on the helper, and let go once sketched.
                sketcher.sketch(documents[batch.lowerBound + offset].loadedBytes(), into: &sketch)
                return sketch
            }
        }
        var segmentations = SegmentationStore(spilling: isLarge, capacity: documents.count)
        var spareSketches: [DocumentSketch] = []
        func fileInPieces(_ document: Int) {
            let bytes = documents[document].loadedBytes()
            let segmentation = bytes.withUnsafeBufferPointer { Segmenter.segment($0) }
            segmentations.append(segmentation)
            let paragraphs = segmentation.paragraphs
            let pieces = {
                var pieces: [Range<Int>] = []
                var first = 0
                repeat {
                    var end = first
                    while end < paragraphs.count, end == first || paragraphs[end].end - paragraphs[first].start <= pieceBytes {
                        end += 1
                    }
                    pieces.append(first..<end)
                    first = end
                } while first < paragraphs.count
                return pieces
            }()
            func file(_ sketch: DocumentSketch, _ piece: Int) {
                wholeLines.mark(sketch, firstSegment: table.count, shingle: shingle)
                filer!.file(sketch, document: document, table: &table, index: &index, continuing: piece > 0)
            }
            // A helper sketches the next piece while this thread files one (filing takes about
            // as long as sketching), one piece ahead whatever the jobs: each piece's sketch is
            // about 1.5 times its text, and more in flight raised the peak with every job.
            // With no helper, this thread sketches each piece as it comes to it.
            let inFlight = helpers.isEmpty ? 1 : 2
            var ahead: [(piece: Int, batch: SharedBatch<Sketcher, DocumentSketch>)] = []
            var unstarted = 0
            func startPieces(reusing spare: consuming [DocumentSketch]) {
                var spare = spare
                while ahead.count < inFlight, unstarted < pieces.count {
                    let paragraphs = pieces[unstarted]
                    let slots = HandOverSlots(moving: consume spare)
                    spare = []
                    let batch = SharedBatch(count: 1, helpers: helpers) {
                        Sketcher(shingle: shingle, minHash: minHash, parameters: parameters, keepsShortWords: keepsShortWords)
                    } _: { sketcher, _ in
                        var sketch = slots.take(0) ?? DocumentSketch()
                        sketcher.sketch(bytes, segmentation: segmentation, paragraphs: paragraphs, into: &sketch)
                        return sketch
                    }
                    ahead.append((unstarted, batch))
                    unstarted += 1
                }
                spareSketches = spare
            }
            startPieces(reusing: spareSketches)
            while !ahead.isEmpty {
                let (number, batch) = ahead.removeFirst()
                let sketches = batch.collect()
                file(sketches[0], number)
                startPieces(reusing: consume sketches)
            }
        }
        let started = clock()
        // Clustering reads only which sentences are whole lines; the labeler reads the
        // segmentations, a large scan's from a temporary file.
        var wholeLines = WholeLines()
        var batches: [(range: Range<Int>, batch: SharedBatch<Sketcher, DocumentSketch>)] = []
        var unstarted = 0  // the first document of no batch yet
        func startBatches(reusing spare: consuming [DocumentSketch] = []) {
            var spare = spare
            while batches.count < lookahead, unstarted < documents.count {
                let range = unstarted..<min(documents.count, unstarted + batchSize)
                batches.append((range, sketchBatch(range, reusing: HandOverSlots(moving: consume spare))))
                spare = []
                unstarted = range.upperBound
            }
            // Past the last batch, a helper frees them (it made most of them).
            if !spare.isEmpty, let helper = helpers.first {
                let unused = HandOverSlots(moving: consume spare)
                helper.async { withExtendedLifetime(unused) {} }
            }
        }
        startBatches()
        filer = SegmentFiler(configuration: configuration, capacity: expectedSegments, keyRoom: keyRoom)
        if isLarge {
            filer!.short.spillKeys()
            filer!.short.spillWords()
        }
        while !batches.isEmpty {
            let (range, batch) = batches.removeFirst()
            // Each sketch is swapped out of the batch and moved into `filed`, never copied: a
            // copy (an array's subscript, or a buffer's; `reverse()` made one per swap)
            // retains its arrays, made on a helper thread, pulling their cache lines here, and
            // releases them after.
            var pending = batch.collect()
            var filed: [DocumentSketch] = []
            filed.reserveCapacity(pending.count)
            timed(\.indexSeconds) {
                for (offset, document) in range.enumerated() {
                    var sketch = DocumentSketch()
                    swap(&sketch, &pending[offset])
                    if documents[document].byteCount > hugeAbove {
                        fileInPieces(document)
                    } else {
                        wholeLines.mark(sketch, firstSegment: table.count, shingle: shingle)
                        segmentations.append(sketch.segmentation)
                        filer!.file(sketch, document: document, table: &table, index: &index)
                    }
                    filed.append(consume sketch)
                }
            }
            // The filed sketches' arrays go to the next batch, to be written over.
            startBatches(reusing: consume filed)
            report(.sketch, done: range.upperBound)
        }
        segmentations.finishWriting()
        statistics.sketchSeconds = started.seconds
        statistics.exactDuplicates = filer!.exactDuplicates
        let entrySegment = filer!.entrySegment
        let short = filer!.short
        // The exact-text table is done with once every segment is filed: freed before the
        // band tables are made, it is no longer part of the peak.
        free(filer.take())
        return IndexedCorpus(
            table: table, segmentations: segmentations, wholeLines: wholeLines, index: index, entrySegment: entrySegment, short: short)
    }
}
