import ArgumentParser
import CRefrainKernels
import Foundation
@_spi(CommandLine) @_spi(Stages) import Refrain

/// Options every command that scans a corpus shares.
struct CorpusOptions: ParsableArguments {
    /// The help of the corpus arguments, which every command that reads a corpus takes.
    static let pathsHelp: ArgumentHelp =
        "Folders, .txt or .jsonl files (also gzip-compressed: .jsonl.gz), or - for standard input (JSON Lines when its first non-blank line is a JSON object, else one plain-text document)."

    @Option(parsing: .unconditional, help: "Shingle length in words, 1 to 64 (news: 4 to 6; a note says what values outside 3 to 11 do).")
    var shingle: Int = 5

    @Option(
        parsing: .unconditional,
        help: "Similarity (Jaccard or containment) from which two paragraphs or sentences are near-copies: 0.01 to 1, at most 4 decimals.")
    var threshold: Double = 0.8

    @Option(parsing: .unconditional, help: "Documents a text must appear in to count as recycled.")
    var minDocuments: Int = 2

    @Option(parsing: .unconditional, help: "MinHash permutations: a multiple of 8 from 8 to 1024.")
    var permutations: Int = 128

    @Option(
        name: [.customShort("j"), .long],
        // Unconditional, so that `--jobs -1` reaches validate() and its explanation
        // instead of being read as an unknown flag.
        parsing: .unconditional,
        help: ArgumentHelp(
            "Worker threads, 1 to 1024 (default: all cores, \(Configuration.allCores) here). The report is the same for any value.",
            valueName: "n"))
    var jobs: Int?

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "Read the files of a folder whose path below it matches GLOB (repeatable; default *.txt, *.jsonl, *.ndjson; * also matches /).",
            valueName: "GLOB"))
    var include: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp(
            "Leave out files and folders whose path below the folder matches GLOB (repeatable; GLOB/ names folders only; /GLOB anchors at the folder, **/GLOB matches at any depth).",
            valueName: "GLOB"))
    var exclude: [String] = []

    @Flag(help: "Skip unreadable, binary or malformed inputs without failing the run (exit 0 instead of 65).")
    var skipInvalid = false

    @Flag(name: .shortAndLong, help: "No progress or notes on standard error.")
    var quiet = false

    var configuration: Configuration {
        var configuration = Configuration()
        configuration.shingle = shingle
        configuration.threshold = threshold
        configuration.minDocuments = minDocuments
        configuration.permutations = permutations
        // Under a tiny address-space limit a worker thread may never start.
        configuration.jobs = jobs ?? (MemoryLimit.current?.isTooSmallForThreads == true ? 1 : Configuration.allCores)
        return configuration
    }

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError(
                "--jobs must be 1 or more (got \(jobs)): it is the number of worker threads, and there is no "
                    + "count relative to the cores. Leave it out to use all \(Configuration.allCores) cores, or pass --jobs 1 for one thread."
            )
        }
        // Each job is a thread with buffers of its own, and counts of jobs are multiplied.
        if let jobs, jobs > Self.mostJobs {
            throw ValidationError(
                "--jobs must be at most \(Self.mostJobs.grouped) (got \(jobs.grouped)): it is the number of worker threads, each "
                    + "with its own buffers. Leave it out to use all \(Configuration.allCores) cores."
            )
        }
        if let problem = configuration.problems.first { throw ValidationError(problem) }
        for (option, patterns) in [("--include", include), ("--exclude", exclude)] where patterns.contains("") {
            throw ValidationError("\(option) needs a pattern (got an empty one), such as '*.txt' or 'drafts/*'.")
        }
    }

    /// The most worker threads `--jobs` takes.
    static let mostJobs = 1024

    /// Warns when a corpus of `textBytes` needs more memory than the process's limit allows.
    ///
    /// Past a container's limit the system ends the run with `SIGKILL`, which nothing can
    /// report: this is the one message the user gets, so `--quiet` does not hide it.
    ///
    /// - Parameters:
    ///   - textBytes: The corpus's text (or its files), in bytes.
    ///   - what: How the message names the bytes: "its files hold", "it holds".
    /// - Returns: Whether it warned.
    @discardableResult
    func warnIfOverMemoryLimit(textBytes: Int, what: String) -> Bool {
        guard let limit = MemoryLimit.current else { return false }
        let need = limit.leastScanBytes(textBytes: textBytes)
        guard need > limit.total else { return false }
        note(
            "refrain: warning: this corpus needs at least about \(need / 1_000_000) MB (\(what) "
                + "\(textBytes / 1_000_000) MB of text), more than \(limit.source): the system may stop the run. "
                + "Raise the limit, or scan the corpus in parts.")
        return true
    }

    /// What a shingle length far from news's 4–6 words does to the answer, said before a
    /// run whose shares would otherwise be read as true: too short, the common words of new
    /// sentences beside a template count as shared; too long, short sentences and lightly
    /// edited copies are not found at all.
    static func shingleAdvice(_ shingle: Int) -> String? {
        if shingle <= 2 {
            return "--shingle \(shingle): in a paragraph that matches another, every run of \(shingle) word\(shingle == 1 ? "" : "s") "
                + "it shares with it counts as recycled, common words of new sentences too; 4 to 6 suits news."
        }
        if shingle >= 12 {
            return "--shingle \(shingle): a text of fewer than \(shingle) words is found only when identical (a whole line or "
                + "paragraph) or, at 10 to 39 words, when its words align with a copy's; longer copies need runs of \(shingle) "
                + "unchanged words; 4 to 6 suits news."
        }
        return nil
    }

    /// Checks that a command was given at least one corpus path.
    static func validate(paths: [String]) throws {
        if paths.isEmpty {
            throw ValidationError("Give at least one path: a folder of .txt files, a .jsonl file, or - for standard input.")
        }
    }

    /// Whether the first start left huge pages out only because the host takes back free
    /// huge pages, so that a large corpus may start again on them: a 5 GB scan ran 0.92×
    /// the time on them there, a 100 MB one 1.26× (Benchmarks/README.md, "Stop 35"). Not
    /// when standard input is named: `diff -` has read its article from it by then.
    static var mayStartAgainOnHugePages: Bool {
        !CommandLine.arguments.contains("-") && !RefrainCommand.heapOnHugePages
            && ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]?.contains("glibc.malloc.hugetlb") != true
            && !Corpus.isStandardInputClosed.load(ordering: .relaxed) && refrain_host_takes_free_huge_pages() != 0
    }

    /// Bytes of named files from which a corpus starts again on huge pages
    /// (`REFRAIN_HUGE_PAGES_ABOVE` moves it).
    static var hugePagesAbove: Int {
        ProcessInfo.processInfo.environment["REFRAIN_HUGE_PAGES_ABOVE"].flatMap { Int($0) } ?? 1_000_000_000
    }

    /// Reads the corpus, reporting each skipped input on standard error.
    ///
    /// - Parameters:
    ///   - textBudget: Bytes of text kept in memory; the rest is read again when needed.
    ///   - standardInput: Supplies standard input's bytes when `-` is given.
    func readCorpus(
        _ paths: [String], keepRecords: Bool = false, textBudget: Int = .max,
        standardInput: () throws -> [UInt8] = { try Corpus.readStandardInput() }
    ) throws -> Corpus {
        let started = Date()
        // Files named on the command line (and standard input redirected from a file) are
        // sized before the long read, to start again on huge pages for a large corpus where
        // the first start left them out, and for the memory-limit warning; folders and
        // pipes after it.
        // Asked once: it reads sysfs.
        let mayStartAgain = Self.mayStartAgainOnHugePages
        let fileBytes =
            MemoryLimit.current == nil && !mayStartAgain
            ? 0
            : Set(paths).reduce(0) { total, path in
                var status = stat()
                guard path == "-" ? fstat(STDIN_FILENO, &status) == 0 : stat(path, &status) == 0,
                    (status.st_mode & S_IFMT) == S_IFREG
                else { return total }
                // Standard input is read from where it stands, not from the file's start.
                let offset = path == "-" ? max(0, Int(lseek(STDIN_FILENO, 0, SEEK_CUR))) : 0
                return total + max(0, Int(status.st_size) - offset)
            }
        if mayStartAgain, fileBytes >= Self.hugePagesAbove {
            refrain_restart_with_huge_pages(CommandLine.unsafeArgv, 1)  // returns only if it could not
        }
        if !quiet, let advice = Self.shingleAdvice(shingle) { note("refrain: note: " + advice) }
        let warnedOfLimit = fileBytes > 0 && warnIfOverMemoryLimit(textBytes: fileBytes, what: "its files hold")
        ProgressLine.shared.isEnabled =
            !quiet && Terminal.standardError.isTerminal && !Terminal.isDumb(ProcessInfo.processInfo.environment)
        ProgressLine.shared.show(.read)
        let corpus = try Corpus.read(
            paths, selection: Corpus.Selection(include: include, exclude: exclude), standardInput: standardInput,
            jobs: configuration.jobs, keepRecords: keepRecords, textBudget: textBudget)
        if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
            note(
                "refrain: statistics: read \(corpus.documents.count.counted("document", "documents")) in \(seconds(since: started)); "
                    + "memory: "
                    + ScanStatistics.memoryEntry(.init(stage: "read", current: ResidentMemory.current, peak: ResidentMemory.peak))
                    + "; heap on huge pages: \(RefrainCommand.heapOnHugePages ? "yes" : "no")")
        }
        // A file with thousands of bad lines would bury every other message: its first few
        // lines skipped and its first few warned of are shown, then how many more of each.
        var lineProblems: [String: (skipped: Int, warned: Int)] = [:]
        var hidden: (path: String, skipped: Int, warned: Int)? = nil
        func sayHidden() {
            guard let (path, skipped, warned) = hidden else { return }
            hidden = nil
            let counts = [
                skipped > 0 ? "\(skipped.grouped) more line\(skipped == 1 ? "" : "s") skipped" : nil,
                warned > 0 ? "\(warned.grouped) more with warnings" : nil,
            ].compactMap { $0 }.joined(separator: " and ")
            let advice =
                skipped == 0 ? "" : skipInvalid ? " They are left out." : " Fix the file, or pass --skip-invalid to scan the rest."
            note(
                "refrain: \(path.terminalSafe): \(counts), not shown (the first \(Self.problemLinesShownPerFile) of each are above).\(advice)"
            )
        }
        for problem in corpus.problems where !(quiet && problem.severity == .warning) {
            if hidden != nil && hidden?.path != problem.path { sayHidden() }
            if problem.line != nil {
                var counts = lineProblems[problem.path, default: (0, 0)]
                let isSkipped = problem.severity == .skipped
                let count = isSkipped ? counts.skipped : counts.warned
                if isSkipped { counts.skipped += 1 } else { counts.warned += 1 }
                lineProblems[problem.path] = counts
                if count >= Self.problemLinesShownPerFile {
                    var more = hidden ?? (problem.path, 0, 0)
                    if isSkipped { more.skipped += 1 } else { more.warned += 1 }
                    hidden = more
                    continue
                }
            }
            note("refrain: \(String(describing: problem).terminalSafe)")
        }
        sayHidden()
        if !warnedOfLimit {
            warnIfOverMemoryLimit(textBytes: corpus.documents.reduce(0) { $0 + $1.byteCount }, what: "it holds")
        }
        if !quiet {
            for line in corpus.notes { note("refrain: note: \(line.terminalSafe)") }
            // A slower run says why: the limit lowered the budget and this corpus is over it.
            if textBudget == Corpus.textBudget, let limit = Corpus.textBudgetLimit,
                corpus.documents.contains(where: { $0.deferredText != nil })
            {
                note(
                    "refrain: note: under \(limit.source), texts are read again by each stage "
                        + "rather than kept in memory: slower, in less memory.")
            }
        }
        // Paths as the reader shows them: bytes that are not UTF-8 escaped, as in its messages.
        let shownPaths = paths.map(Corpus.shownPath)
        if corpus.documents.isEmpty {
            // With no problem listed, "see the problems above" would point at nothing: say
            // what was left out instead (also under --quiet, where the notes are not shown),
            // or that the files are empty.
            if corpus.filesFound == 0, !corpus.notes.isEmpty, corpus.problems.isEmpty {
                // Every file was left out (by extension, --include or --exclude): no file was read,
                // so 66 as for an empty folder, with what left them out rather than the defaults.
                note(
                    "refrain: no documents: every file in \(shownPaths.joined(separator: ", ")) was left out: "
                        + "\(corpus.notes.joined(separator: "; ")). Check --include and --exclude, or pass the folder that holds the articles."
                )
                throw ExitCode(66)
            }
            if corpus.filesFound > 0, !corpus.notes.isEmpty, !corpus.problems.contains(where: { $0.severity == .skipped }) {
                let found = corpus.filesFound
                throw RefrainError.invalidInput(
                    "no documents: the \(found) file\(found == 1 ? "" : "s") found in \(shownPaths.joined(separator: ", ")) held none, "
                        + "for all were left out: \(corpus.notes.joined(separator: "; ")). Pass the files that hold the articles.")
            }
            if corpus.filesFound > 0, corpus.notes.isEmpty, corpus.problems.isEmpty {
                let found = corpus.filesFound
                throw RefrainError.invalidInput(
                    "no documents: the \(found) file\(found == 1 ? "" : "s") found in \(shownPaths.joined(separator: ", ")) "
                        + "\(found == 1 ? "is" : "are") empty. Pass the files that hold the articles.")
            }
            throw RefrainError.noDocuments(inputs: shownPaths, filesFound: corpus.filesFound)
        }
        if corpus.documents.allSatisfy(\.isBlank) {
            // Nothing to compare: "0 paragraphs, 0.0% recycled" with exit 0 would look like a result.
            let count = corpus.documents.count
            throw RefrainError.invalidInput(
                "no text: the \(count == 1 ? "document" : "\(count.grouped) documents") read from \(shownPaths.joined(separator: ", ")) "
                    + "\(count == 1 ? "is" : "are all") empty or blank. Pass the files that hold the articles (standard input: pipe them in)."
            )
        }
        return corpus
    }

    /// Scans with progress on standard error when it is a terminal.
    func scan(_ corpus: Corpus) -> ScanReport {
        let report = Pipeline(configuration: configuration).scan(corpus.documents) { stage, done, total in
            // Clustering works on families, not documents: no count to show.
            ProgressLine.shared.show(stage, done: stage == .cluster ? nil : done, of: total)
        }
        if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
            for line in report.statistics.readableLines { note("refrain: statistics: " + line) }
        }
        return report
    }

    /// The line problems (bad JSON Lines records) shown per file and severity; the rest are counted.
    static let problemLinesShownPerFile = 10

    /// Ends the run with 65 when inputs were skipped and `--skip-invalid` was not given.
    func finish(_ corpus: Corpus) throws {
        let skipped = corpus.problems.filter { $0.severity == .skipped }.count
        if skipped > 0 && !skipInvalid {
            note(
                "refrain: \(skipped.grouped) input\(skipped == 1 ? " was" : "s were") skipped (see above); exit 65. Pass --skip-invalid to accept that."
            )
            throw ExitCode(65)
        }
    }
}

/// "1.2345 s": the seconds since `start`, for statistics lines.
func seconds(since start: Date) -> String { String(format: "%.4f s", Date().timeIntervalSince(start)) }

/// The one progress line on standard error ("refrain: matching 1,200/24,001 documents"):
/// shown only when enabled (a terminal, no `--quiet`), and cleared before any other line.
final class ProgressLine: @unchecked Sendable {
    static let shared = ProgressLine()
    private let lock = NSLock()
    private var isShowing = false
    /// Whether to show it: set once the command knows where standard error goes.
    var isEnabled: Bool {
        get { lock.withLock { enabled } }
        set { lock.withLock { enabled = newValue } }
    }
    private var enabled = false

    /// Shows a stage, with how many documents (or files) it has done when known.
    func show(_ stage: Refrain.Pipeline.Stage, done: Int? = nil, of total: Int? = nil, unit: String = "documents") {
        lock.withLock {
            guard enabled else { return }
            var text = "refrain: \(stage.progressText)"
            if let done, let total { text += " \(done.grouped)/\(total.grouped) \(unit)" }
            Terminal.standardError.write("\r\u{1B}[2K" + text)
            isShowing = true
        }
    }

    /// Removes the line, if shown.
    func clear() {
        lock.withLock {
            if isShowing { Terminal.standardError.write("\r\u{1B}[2K") }
            isShowing = false
        }
    }
}

/// Writes a line to standard error, clearing the progress line first.
func note(_ line: String) {
    ProgressLine.shared.clear()
    Terminal.standardError.write(line + "\n")
}

/// Output streams and whether they are terminals.
struct Terminal {
    let descriptor: Int32

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Whether `TERM` names a terminal that takes no escape codes (Emacs shells, some CI
    /// logs): no colour and no progress line, which rewrites itself with codes.
    static func isDumb(_ environment: [String: String]) -> Bool { environment["TERM"] == "dumb" }

    /// The terminal's width in columns, or `nil` when not a terminal.
    var width: Int? {
        var size = winsize()
        guard isTerminal, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Writes all of `bytes`; a closed or failing stream ends the write silently, for notes
    /// and progress on standard error (reports go through `writeToStandardOutput`, which checks).
    func write(_ bytes: [UInt8]) { try? System.writeAll(bytes, to: descriptor) }
}

/// Refuses an input, or a folder, as a report's `--output` before the corpus is read, so
/// the mistake costs no scan (exit 64).
func refuseOutputBeforeReading(_ output: String?, inputs: [String]) throws {
    guard let file = outputFile(output) else { return }
    // An interrupt during the scan says that nothing was written, as one during the write does.
    Interrupts.install()
    try SafeWriting.checkOutside(output: file, inputs: inputs, isFolder: false)
    var status = stat()
    if stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        throw RefrainError.usage("\(file): is a folder, not replaced. Give --output a file name.")
    }
    // `out/` would otherwise be written as a file named `out`, or a page's tables into it.
    try SafeWriting.checkNotPlanted(file)
    if file.hasSuffix("/") || file.hasSuffix("/.") || file.hasSuffix("/..") || file == "." || file == ".." {
        let example = (file.hasSuffix("/") ? file : file + "/") + "report"
        throw RefrainError.usage("\(file): names a folder, not a file. Give --output a file name inside it, such as \(example).")
    }
}

/// Writes a report to `--output FILE` or to standard output (no `--output`, or `-`), refusing a file that is, or
/// lies inside, an input (exit 64).
///
/// The file is written by `SafeWriting.writeFile`: never through a planted link; a FIFO or
/// device is written to, a regular file replaced atomically.
/// - Parameters:
///   - output: The `--output` path, or `nil` or `-` for standard output.
///   - inputs: The command's input paths.
///   - body: Writes the report, one piece after another, with the function it is given.
func emit(to output: String?, inputs: [String], _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    // The report's own lines would mix with the progress line on a terminal.
    if output != nil || !Terminal.standardOutput.isTerminal { ProgressLine.shared.show(.write) } else { ProgressLine.shared.clear() }
    defer { ProgressLine.shared.clear() }
    guard let output = outputFile(output) else {
        try writeToStandardOutput(body)
        return
    }
    try SafeWriting.checkOutside(output: output, inputs: inputs, isFolder: false)
    // It quotes the inputs: no more readable than the least readable of them.
    try SafeWriting.writeFile(at: output, readableAs: SafeWriting.reportModeLimit(inputs: inputs), body)
}

/// A CSV table as it goes out: to a terminal, each row's control characters are shown
/// escaped, as the text report shows them, so that a file name cannot move the cursor or
/// retitle the window; to a file or a pipe, the table is written as it is.
func csvForDestination(_ csv: String, output: String?) -> String {
    guard outputFile(output) == nil, Terminal.standardOutput.isTerminal else { return csv }
    return csv.split(separator: "\r\n", omittingEmptySubsequences: false).map { String($0).terminalSafe }.joined(separator: "\r\n")
}

/// The file an `--output` value names: `nil` for none and for `-`, which means standard output.
func outputFile(_ output: String?) -> String? { output == "-" ? nil : output }

/// Checks an `--output` value of a command that writes one report, or a folder.
///
/// - Parameters:
///   - output: The `--output` value, if given.
///   - isFolder: Whether it names a folder (`clean`), which standard output cannot be.
/// - Throws: `ValidationError` (exit 64) for an empty path, which names no file.
func validateOutputPath(_ output: String?, isFolder: Bool = false) throws {
    if output == "" {
        throw ValidationError(
            isFolder
                ? "--output needs a folder name (got an empty one): a new folder, an empty one, or an earlier clean output."
                : "--output needs a file name (got an empty one). Pass a path, or - for standard output.")
    }
    try validateUTF8Name(output, role: "--output")
}

/// Refuses a path whose bytes are not UTF-8 where refrain takes the name as text (outputs,
/// `restore`'s clean folder, `diff`'s article): Swift's arguments carry U+FFFD in place of
/// the bad bytes, and that other name would write or read the wrong file.
///
/// - Throws: `ValidationError` (exit 64) that names the path and what to do.
func validateUTF8Name(_ path: String?, role: String) throws {
    guard let path else { return }
    // Shown differently exactly when its bytes are not the string's UTF-8.
    let shown = Corpus.shownPath(path)
    guard shown != path else { return }
    throw ValidationError(
        "\(role) \(shown) is not a UTF-8 name, which refrain can read in a corpus "
            + "but not use here. Rename it (or choose a UTF-8 name), and run again.")
}

/// A write to standard output that failed, with its `errno`.
private struct StandardOutputFailure: Error { var code: Int32 }

/// Runs `body` with a function that writes to standard output, and turns a failed write into
/// `RefrainError.io` (exit 74) naming standard output.
///
/// A reader that went away (`EPIPE`, e.g. `| head`) is no error: the run ends quietly with 141,
/// the status the default `SIGPIPE` gives every filter (the signal usually ends the process
/// first; this is the same end when the parent ignores it).
/// - Parameter body: Writes the report, one piece after another, with the function it is given.
/// - Throws: `RefrainError.io` when a write fails; whatever `body` throws otherwise.
func writeToStandardOutput(_ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
    do {
        try body { bytes in
            do {
                try System.writeAll(bytes, to: STDOUT_FILENO)
            } catch let error as POSIXError {
                throw StandardOutputFailure(code: error.code.rawValue)
            }
        }
    } catch let failure as StandardOutputFailure {
        ProgressLine.shared.clear()
        if failure.code == EPIPE { System.exit(141) }
        throw RefrainError.io(path: "standard output", reason: "cannot be written (\(String(cString: strerror(failure.code)))).")
    }
}

/// Writes a report's text to `--output FILE` or to standard output; see `emit(to:inputs:_:)`.
func emit(_ text: String, to output: String?, inputs: [String]) throws {
    try emit(to: output, inputs: inputs) { write in try write(Array(text.utf8)) }
}

/// Runs a command body, turning `RefrainError` into its message and exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as RefrainError {
        note("refrain: \(error.description.terminalSafe)")
        throw ExitCode(error.exitCode)
    }
}
