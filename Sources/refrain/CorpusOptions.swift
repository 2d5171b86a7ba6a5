import ArgumentParser
import Foundation
import Refrain

/// Options every command that scans a corpus shares.
struct CorpusOptions: ParsableArguments {
    @Option(help: "Shingle length in words.")
    var shingle: Int = 5

    @Option(help: "Similarity (Jaccard or containment) from which two paragraphs or sentences are near-copies, in (0, 1].")
    var threshold: Double = 0.8

    @Option(help: "Documents a text must appear in to count as recycled.")
    var minDocuments: Int = 2

    @Option(help: "MinHash permutations: a multiple of 8.")
    var permutations: Int = 128

    @Option(help: "Worker threads (default: all cores). The report is the same for any value.")
    var jobs: Int = Configuration.allCores

    @Flag(help: "Skip unreadable, binary or malformed inputs without failing the run (exit 0 instead of 65).")
    var skipInvalid = false

    @Flag(help: "No progress or notes on standard error.")
    var quiet = false

    var configuration: Configuration {
        var configuration = Configuration()
        configuration.shingle = shingle
        configuration.threshold = threshold
        configuration.minDocuments = minDocuments
        configuration.permutations = permutations
        configuration.jobs = jobs
        return configuration
    }

    func validate() throws {
        if let problem = configuration.problems.first { throw ValidationError(problem) }
    }

    /// Checks that a command was given at least one corpus path.
    static func validate(paths: [String]) throws {
        if paths.isEmpty {
            throw ValidationError("Give at least one path: a folder of .txt files, a .jsonl file, or - for standard input.")
        }
    }

    /// Reads the corpus, reporting each skipped input on standard error.
    func readCorpus(_ paths: [String], keepRecords: Bool = false) throws -> Corpus {
        let started = Date()
        let corpus = try Corpus.read(paths, jobs: configuration.jobs, keepRecords: keepRecords)
        if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
            Terminal.standardError.write("refrain: read \(corpus.documents.count) documents in \(Date().timeIntervalSince(started)) s\n")
        }
        for problem in corpus.problems where !(quiet && problem.severity == .warning) {
            Terminal.standardError.write("refrain: \(problem)\n")
        }
        return corpus
    }

    /// Scans with progress on standard error when it is a terminal.
    func scan(_ corpus: Corpus) -> ScanReport {
        let showProgress = !quiet && Terminal.standardError.isTerminal && corpus.documents.count >= 200
        let report = Scanner(configuration: configuration).scan(corpus.documents) { stage, done, total in
            guard showProgress else { return }
            Terminal.standardError.write("\r\u{1B}[2Krefrain: \(stage.rawValue) \(done)/\(total) documents")
        }
        if showProgress { Terminal.standardError.write("\r\u{1B}[2K") }
        if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
            Terminal.standardError.write("refrain: \(report.statistics)\n")
        }
        return report
    }

    /// Ends the run with 65 when inputs were skipped and `--skip-invalid` was not given.
    func finish(_ corpus: Corpus) throws {
        let skipped = corpus.problems.filter { $0.severity == .skipped }.count
        if skipped > 0 && !skipInvalid {
            Terminal.standardError.write(
                "refrain: \(skipped) input\(skipped == 1 ? " was" : "s were") skipped (listed above); exit 65. Pass --skip-invalid to accept that.\n"
            )
            throw ExitCode(65)
        }
    }
}

/// Output streams and whether they are terminals.
struct Terminal {
    let descriptor: Int32

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// The terminal's width in columns, or `nil` when not a terminal.
    var width: Int? {
        var size = winsize()
        guard isTerminal, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Writes all of `bytes`; a closed or failing stream ends the write silently (as a
    /// terminal's output does when its reader goes away).
    func write(_ bytes: [UInt8]) { try? writeAll(bytes, to: descriptor) }
}

/// Writes all of `bytes` to a file descriptor, going on after partial writes and
/// interruptions.
///
/// - Throws: `POSIXError` when the write fails.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        offset += written
    }
}

/// Runs a command body, turning `RefrainError` into its message and exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as RefrainError {
        Terminal.standardError.write("refrain: \(error)\n")
        throw ExitCode(error.exitCode)
    }
}
