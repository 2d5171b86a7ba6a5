import Dispatch

/// Runs the whole pipeline on a corpus: sketch → index → match → cluster → label.
///
/// Sketching, LSH (a band per thread), verification (a run of documents per thread),
/// labeling and the report run on `configuration.jobs` threads; clustering in two halves
/// side by side. Filing segments, and applying what verification found, run in corpus
/// order on one, so the report is the same for any number of jobs. With more than one
/// job, the large tables are freed on another thread once done with.
public struct Pipeline: Sendable {
    /// The parameters.
    public let configuration: Configuration

    /// A stage of a run, for progress reports: the scan reports sketch to label; the
    /// command reads before and writes after.
    public enum Stage: String, Sendable, CaseIterable {
        case read, sketch, match, cluster, label, write

        /// What the stage is doing, for a progress line: "sketching", "labelling".
        public var progressText: String {
            switch self {
            case .read: "reading"
            case .sketch: "sketching"
            case .match: "matching"
            case .cluster: "clustering"
            case .label: "labelling"
            case .write: "writing"
            }
        }
    }

    /// Creates a scanner.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Scans documents.
    ///
    /// - Parameters:
    ///   - documents: The corpus, in the order the report lists it.
    ///   - progress: Called now and then, one call at a time, with a stage, the documents
    ///     it has done so far and the total; every stage from sketch to label is reported.
    /// - Returns: Labels, recycled spans and families.
    /// - Complexity: Near-linear in the corpus size: each segment meets at most one first
    ///   occupant per LSH band.
    public func scan(_ documents: [Document], progress: (@Sendable (Stage, Int, Int) -> Void)? = nil) -> ScanReport {
        let parameters = configuration.lshParameters
        let minHash = MinHash(permutations: configuration.permutations)
        // News text has a segment (paragraph or sentence) every 80-90 bytes and a word every
        // 6: sizing the table and the fingerprints from the corpus up front avoids growing
        // them, and their copies, near the end.
        let totalBytes = documents.reduce(0) { $0 + $1.bytes.count }
        let expectedSegments = max(1024, totalBytes / 96)
        var index: LSHIndex? = LSHIndex(parameters: parameters, capacity: expectedSegments)
        var table = SegmentTable(shingle: configuration.shingle)
        // Generous: untouched reserved pages cost nothing (about one segment per 85 bytes).
        table.reserve(segments: totalBytes / 64 + 16, shingles: totalBytes / 5 + 16)
        // The exact-text table's pages are faulted in by the filing thread as it goes. (A spare
        // thread faulting them all in first, MADV_POPULATE_WRITE, held the address space's
        // lock meanwhile, and other threads' mmap waited: a 35 ms stall in 2 of 5 perf
        // timelines; the median scan was no faster with it, 0.761 s against 0.763.)
        var filer: SegmentFiler? = SegmentFiler(configuration: configuration, capacity: expectedSegments)

        // Sketch in batches: while this thread files one batch in corpus order, `jobs - 1`
        // helpers sketch the next ones, and this thread joins them when done. Batches are
        // started up to `lookahead` ahead, so that the helpers keep sketching while filing
        // stalls: the first batches fault in the exact-text table's huge pages, 12-25 ms in
        // which a helper one batch ahead sat idle.
        let batchSize = max(64, configuration.jobs * 32)
        let shingle = configuration.shingle
        let helpers = (1..<max(1, configuration.jobs)).map { DispatchQueue(label: "refrain.sketch.\($0)") }
        // With no helper nothing is sketched ahead: the sketches kept for reuse would only
        // add to the peak (16 MB at 16 batches).
        let lookahead = helpers.isEmpty ? 1 : 16
        func sketchBatch(_ batch: Range<Int>, reusing spare: HandOverSlots<DocumentSketch>) -> SharedBatch<Sketcher, DocumentSketch> {
            // A sketcher per thread, its buffers reused from document to document; each
            // document's sketch written over a filed one's arrays (`spare`, by item).
            SharedBatch(count: batch.count, helpers: helpers) {
                Sketcher(shingle: shingle, minHash: minHash, parameters: parameters)
            } _: { sketcher, offset in
                var sketch = spare.take(offset) ?? DocumentSketch()
                sketcher.sketch(documents[batch.lowerBound + offset].bytes, into: &sketch)
                return sketch
            }
        }
        var started = DispatchTime.now()
        func seconds(since start: DispatchTime) -> Double {
            Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        }
        // Kept for labeling, which would otherwise segment every document again.
        var segmentations: [Segmentation] = []
        segmentations.reserveCapacity(documents.count)
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
        var indexSeconds = 0.0
        while !batches.isEmpty {
            let (range, batch) = batches.removeFirst()
            let sketches = batch.collect()
            let filing = DispatchTime.now()
            for (offset, sketch) in sketches.enumerated() {
                filer!.file(sketch, document: range.lowerBound + offset, table: &table, index: &index!)
                segmentations.append(sketch.segmentation)
            }
            indexSeconds += seconds(since: filing)
            // The filed sketches' arrays go to the next batch, to be written over: freed
            // here instead, each free took the malloc arena lock of the helper that made
            // them while it allocated, and this thread slept on it hundreds of times a scan.
            startBatches(reusing: consume sketches)
            progress?(.sketch, range.upperBound, documents.count)
        }
        var statistics = ScanStatistics()
        statistics.sketchSeconds = seconds(since: started)
        statistics.indexSeconds = indexSeconds

        // The exact-text table is done with once every segment is filed: freed before the
        // band tables are made, it is no longer part of the peak.
        let entrySegment = filer!.entrySegment
        statistics.exactDuplicates = filer!.exactDuplicates
        discard(filer.take(), jobs: configuration.jobs)

        // Candidates band by band, on all jobs; then verification in corpus order.
        progress?(.match, 0, documents.count)
        started = DispatchTime.now()
        let candidates = index!.candidates(jobs: configuration.jobs)
        discard(index.take(), jobs: configuration.jobs)
        statistics.candidateSeconds = seconds(since: started)
        started = DispatchTime.now()
        // The similarity column goes to the match stage apart from the table (swapped out
        // and back: assigning the property instead made Swift 6.3 reject the `consume
        // table` below, "a compiler bug").
        var similarity: [Float] = []
        swap(&similarity, &table.similarity)
        let (families, coverage) = Self.verify(
            documents.count, table: table, entrySegment: entrySegment, candidates: candidates, configuration: configuration,
            similarity: &similarity, statistics: &statistics
        ) { done in progress?(.match, done, documents.count) }
        swap(&similarity, &table.similarity)
        statistics.matchSeconds = seconds(since: started)
        statistics.indexEntries = candidates.distinctKeys
        // Each value is freed once done with, not later: a `consume` keeps it alive until
        // then (all of them at the end made the peak 12 MB higher).
        discard(consume candidates, jobs: configuration.jobs)

        discard(consume entrySegment, jobs: configuration.jobs)
        statistics.segments = table.count
        statistics.shingles = table.fingerprints.count
        progress?(.cluster, 0, documents.count)
        let clustering = DispatchTime.now()
        let clusters = Clusters(table: table, families: families, coverage: coverage, configuration: configuration)
        discard((consume families, consume coverage), jobs: configuration.jobs)
        statistics.clusterSeconds = seconds(since: clustering)
        progress?(.label, 0, documents.count)
        let labeling = DispatchTime.now()
        let labeled = parallelMap(documents.count, jobs: configuration.jobs) { [segmentations] documentIndex in
            Labeler(configuration: configuration, table: clusters.table, clusters: clusters)
                .label(documents[documentIndex], index: documentIndex, segmentation: segmentations[documentIndex])
        }
        discard(consume segmentations, jobs: configuration.jobs)
        progress?(.label, documents.count, documents.count)
        statistics.labelSeconds = seconds(since: labeling)
        let reporting = DispatchTime.now()
        var report = clusters.report(
            documents: documents, labeled: labeled, configuration: configuration, parameters: parameters)
        statistics.reportSeconds = seconds(since: reporting)
        report.statistics = statistics
        discard((consume table, consume clusters, consume labeled), jobs: configuration.jobs)
        return report
    }

    /// The match stage: verifies every segment's candidates, a run of documents per job, and
    /// applies each run's log in corpus order.
    ///
    /// A run's log is applied as soon as it and the runs before it are verified, while the
    /// other threads verify later runs: making the union-find and applying the logs after
    /// all runs took 10 ms in which one core waited. The similarity column is passed apart
    /// from the table, so that the logs write an array the verifying threads do not read.
    ///
    /// - Parameter applied: Called after each run's log is applied, with the documents done.
    /// - Returns: The union-find over verified pairs and exact copies, and the coverage runs.
    static func verify(
        _ documentCount: Int, table: SegmentTable, entrySegment: [UInt32], candidates: LSHCandidates,
        configuration: Configuration, similarity: inout [Float], statistics: inout ScanStatistics,
        applied: (Int) -> Void = { _ in }
    ) -> (UnionFind, [Coverage]) {
        let runs = MatchLog.chunks(documentCount)
        var families: UnionFind?
        var coverage: [Coverage] = []
        var appliedRuns = 0  // logs are applied in run order
        parallelForEachInOrder(runs.count, jobs: configuration.jobs) { run in
            var verifier = Matcher(configuration: configuration)
            return verifier.verify(documents: runs[run], table: table, entrySegment: entrySegment, candidates: candidates)
        } consume: { log in
            if families == nil { families = UnionFind(count: table.count) }
            log.apply(similarity: &similarity, families: &families!, coverage: &coverage, statistics: &statistics)
            appliedRuns += 1
            applied(runs[appliedRuns - 1].upperBound)
        }
        return (families ?? UnionFind(), coverage)
    }
}
