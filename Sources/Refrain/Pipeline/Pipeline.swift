import Foundation

/// The scan: read → segment → tokenize → shingle → sketch → index → match → cluster → label
/// → report, over a corpus already read.
///
/// `scan(_:progress:)` is the data flow, one stage per step; `PipelineRun` is how it runs
/// (threads, batches sketched ahead, buffers reused, tables freed on another thread, timings).
/// Filing segments and applying what the match stage found run in corpus order on one
/// thread, so the report is the same for any number of jobs.
public struct Pipeline: Sendable {
    /// The parameters.
    public let configuration: Configuration
    /// The corpus size in bytes above which shingle fingerprints wait in a temporary file
    /// for the candidates to be known, and only those the match stage reads come back.
    var spillAbove = Pipeline.defaultSpillAbove

    /// `Corpus.textBudget`: a corpus whose text is not all kept in memory spills too.
    static let defaultSpillAbove = Corpus.textBudget
    /// In a scan that spills, the most text of one document sketched at once: a larger
    /// document is sketched and filed a piece at a time, since a whole document's sketch
    /// takes about three times its text. In any scan on more than one job, a larger document
    /// is labelled in ranges of paragraphs on all jobs.
    var pieceBytes = 16 << 20

    /// Creates a pipeline.
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
        var run = PipelineRun(configuration: configuration, documentCount: documents.count, progress: progress)
        run.spillAbove = spillAbove
        run.pieceBytes = pieceBytes

        // segment → tokenize → shingle → sketch, on helper threads; → index, in corpus order.
        var indexed = run.sketchAndIndex(documents)
        run.trimHeap()
        run.sampleMemory("sketch")

        // index → candidates: each segment meets the first occupant of its LSH buckets.
        run.report(.match, done: 0)
        let candidates = run.timed(\.candidateSeconds) { indexed.index.candidates(jobs: configuration.jobs) }
        run.trimHeap()
        run.sampleMemory("index")
        run.free(indexed.takeIndex())
        run.statistics.shortSegments = indexed.short.count
        let shortCandidates = run.timed(\.candidateSeconds) { indexed.short.candidates(jobs: configuration.jobs) }
        run.free(indexed.short.takeKeys())
        // Only the fingerprints of segments with candidates (or that are candidates) come
        // back, and the words of the short ones, which word alignment reads.
        let kept = run.clock()
        run.keepFingerprints(&indexed, candidates: candidates, shortCandidates: shortCandidates)
        indexed.short.keepWords(for: shortCandidates, table: indexed.table)
        run.statistics.candidateSeconds += kept.seconds

        // match: every candidate verified; verified pairs and exact copies joined.
        let matched = run.clock()
        let matchProgress = run.progress(of: .match)
        let matches = Matcher.matchAll(
            indexed: &indexed, candidates: candidates, shortCandidates: shortCandidates, documents: documents,
            configuration: configuration,
            statistics: &run.statistics, progress: matchProgress)
        run.statistics.matchSeconds = matched.seconds
        run.statistics.indexEntries = candidates.distinctKeys
        run.free((consume candidates, consume shortCandidates, indexed.takeShort()))
        run.free(indexed.takeEntrySegments())
        // Verification was the last reader of the fingerprints.
        run.free(indexed.table.takeFingerprints())
        if run.isLarge { run.free(indexed.table.takeShingleStarts()) }
        run.trimHeap()
        run.sampleMemory("verify")

        // cluster: families of near-copies, and the words each copy shares.
        run.report(.cluster, done: 0)
        var clusters = run.timed(\.clusterSeconds) {
            Clusters(
                table: indexed.table, matches: matches, configuration: configuration, wholeLines: indexed.wholeLines)
        }
        run.trimHeap()
        run.sampleMemory("cluster")
        run.free(consume matches)

        // label: each paragraph template, partial, repeat or novel, with its recycled spans.
        run.report(.label, done: 0)
        let labeled = run.timed(\.labelSeconds) {
            Labeler.label(
                documents, segmentations: indexed.segmentations, clusters: clusters, configuration: configuration,
                splitAbove: pieceBytes)
        }
        run.trimHeap()
        run.sampleMemory("label")
        run.free(indexed.takeSegmentations())
        clusters.dropLabelingData()
        indexed.table.dropLabelingColumns()
        run.report(.label, done: documents.count)

        // report: documents, paragraphs and families. Not in a `timed` closure: the labeled
        // documents are consumed, and a closure would hold them to its end.
        let reported = run.clock()
        let report = clusters.report(
            documents: documents, labeled: consume labeled, configuration: configuration, parameters: configuration.lshParameters)
        run.statistics.reportSeconds = reported.seconds
        run.sampleMemory("report")
        run.statistics.segments = indexed.table.count
        run.statistics.shingles = indexed.table.shingleCount
        run.free((consume indexed, consume clusters))
        return run.finish(report)
    }
}
