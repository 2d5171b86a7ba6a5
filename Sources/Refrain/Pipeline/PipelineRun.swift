import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a scan runs, apart from what its stages compute: the jobs, progress reports, stage
/// timings, and freeing each stage's output once the next is done with it.
///
/// Large tables are freed on another thread when there is more than one job: unmapping
/// hundreds of megabytes between stages would otherwise stall the scanning thread while the
/// other cores wait.
struct PipelineRun {
    let configuration: Configuration
    let documentCount: Int
    private let progressHandler: (@Sendable (Pipeline.Stage, Int, Int) -> Void)?
    /// The corpus size in bytes above which fingerprints go to a temporary file while
    /// segments are filed (`SegmentTable.spillFingerprints()`).
    var spillAbove = Int.max
    /// `Pipeline.pieceBytes`.
    var pieceBytes = Int.max
    /// Whether the corpus is over `spillAbove`: its fingerprints and keys spill, and the heap
    /// is trimmed between stages.
    var isLarge = false
    /// Counts and timings, stage by stage.
    var statistics = ScanStatistics()

    init(configuration: Configuration, documentCount: Int, progress: (@Sendable (Pipeline.Stage, Int, Int) -> Void)?) {
        self.configuration = configuration
        self.documentCount = documentCount
        self.progressHandler = progress
    }

    /// A point in time, to measure a stage from.
    struct Clock {
        let started = DispatchTime.now()
        var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
    }

    func clock() -> Clock { Clock() }

    /// Runs `body` and adds its wall time to the statistic at `key`.
    mutating func timed<T>(_ key: WritableKeyPath<ScanStatistics, Double>, _ body: () -> T) -> T {
        let clock = Clock()
        let result = body()
        statistics[keyPath: key] += clock.seconds
        return result
    }

    /// Gives freed heap memory back between the stages of a large scan (one that spills):
    /// what a stage freed on many threads would otherwise stay resident into the next.
    func trimHeap() {
        guard isLarge else { return }
        ResidentMemory.trimHeap()
    }

    /// Records the resident memory as `stage` ends, when statistics are wanted (the
    /// `REFRAIN_STATISTICS` environment variable is set: reading `/proc` costs little, but
    /// nothing at all when no one looks).
    mutating func sampleMemory(_ stage: String) {
        guard Self.wantsMemory else { return }
        statistics.memory.append(.init(stage: stage, current: ResidentMemory.current, peak: ResidentMemory.peak))
    }

    static let wantsMemory = getenv("REFRAIN_STATISTICS") != nil

    /// Reports that `stage` has done `done` of the corpus's documents.
    func report(_ stage: Pipeline.Stage, done: Int) {
        progressHandler?(stage, done, documentCount)
    }

    /// A progress reporter for one stage: called with the documents done.
    func progress(of stage: Pipeline.Stage) -> (Int) -> Void {
        let handler = progressHandler
        let total = documentCount
        return { done in handler?(stage, done, total) }
    }

    /// Frees a stage's output now, on another thread when there is more than one job.
    func free<T>(_ value: consuming T) {
        discard(value, jobs: configuration.jobs)
    }

    /// The report with the run's statistics.
    func finish(_ report: consuming ScanReport) -> ScanReport {
        var report = report
        report.statistics = statistics
        return report
    }
}
