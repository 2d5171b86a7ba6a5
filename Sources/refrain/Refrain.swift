import ArgumentParser
import CRefrainKernels
import Foundation
@_spi(CommandLine) import Refrain

@main
struct RefrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refrain",
        abstract: "Find the template text that news articles share, and separate it from new reporting.",
        discussion: """
            Refrain reads a corpus (a folder of .txt files, .jsonl files with {"id", "text", \
            "source", "date"} per line, or - for standard input), finds paragraphs and sentences \
            that recur near-exactly in two or more documents (word shingles, MinHash, LSH, exact \
            verification), and labels every paragraph: template (80% or more of its \
            non-space bytes recycled), partial (some), repeat (only text repeated inside its own \
            document) or novel. refrain help scan explains the cut-offs, the similarity and the \
            JSON report.

            Examples:
              refrain scan samples
              refrain scan corpus.jsonl --format json --output report.json
              refrain diff samples/000_96c4b650bc7dc9e5.txt
              refrain families samples
              refrain report samples --output report.html
              refrain clean samples --output cleaned
              refrain restore cleaned --output rebuilt
            """,
        version: RefrainVersion.current,
        subcommands: [Scan.self, Diff.self, Families.self, Report.self, Clean.self, Restore.self, Stage.self],
        defaultSubcommand: nil
    )

    /// Runs the command line, with glibc's heap on huge pages and its tops kept.
    ///
    /// The first start of the process starts it again with glibc's `hugetlb` tunable, so that
    /// large arrays are backed by 2 MiB pages: on a virtual machine each 4 KiB fault and TLB
    /// miss is dear, and a 5 GB corpus faulted in millions of them.
    ///
    /// glibc gives the free top of a thread's heap back to the kernel once it passes 128 KB,
    /// and the next allocations fault it in again, zeroed: with `--jobs 2` the helper
    /// threads' heaps would do so batch after batch. A 1 GiB threshold and 64 MB of padding
    /// keep the tops, for a little more peak memory. Under `ulimit -v` one heap serves every
    /// thread, unpadded, since the limit counts reserved address space.
    static func main() {
        refrain_restart_with_huge_pages(CommandLine.unsafeArgv, 0)
        refrain_explain_crashes_under_address_limit()
        refrain_keep_heap_tops(1 << 30, 64 << 20)
        refrain_fit_heap_to_address_limit()
        // A JSON Lines input is mapped: one cut short under the run faults, and that is input
        // that changed (65, as when a text read again differs), not a crash.
        refrain_exit_on_bus_error(65)
        // Past a file size limit (`ulimit -f`) a write then fails with EFBIG, which each writer
        // reports with exit 74 and the file's name, instead of the signal ending the process.
        signal(SIGXFSZ, SIG_IGN)
        // Swift's backtracer takes SIGQUIT (Ctrl-\) as a request for a backtrace and lets the
        // run go on to exit 0; a user who quits means the run to end, as SIGQUIT's default does.
        // Unblocked too: a parent's blocked mask is inherited (a test runner's thread, say).
        if let previous = signal(SIGQUIT, SIG_DFL), unsafeBitCast(previous, to: Int.self) == 1 {
            signal(SIGQUIT, SIG_IGN)
        } else {
            var quit = sigset_t()
            sigemptyset(&quit)
            sigaddset(&quit, SIGQUIT)
            pthread_sigmask(SIG_UNBLOCK, &quit, nil)
        }
        holdClosedStandardDescriptors()
        ensureDescriptors()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let refusal = unknownCommand(arguments) ?? nameTakenForOptions(arguments) ?? formatOrVersionSlip(arguments) {
            note("refrain: \(refusal.terminalSafe)")
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot(splittingAttachedValues(arguments))
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// The arguments with `-jN` written as `-j N`: `make -j4` taught the attached form, which
    /// the parser reads as unknown flags `-4`.
    static func splittingAttachedValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                result.append(argument)
                result += rest
                break
            }
            if argument.hasPrefix("-j"), argument.count > 2, argument.utf8.dropFirst(2).allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
                result += ["-j", String(argument.dropFirst(2))]
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// What to say when the first argument (or `help`'s) names no command, with the nearest
    /// command's name when it is a slip of a letter or two ("scna"): the parser's own message
    /// calls it an unexpected argument, and `help` of an unknown name printed the top help
    /// with exit 0.
    ///
    /// - Returns: The message, or `nil` when the arguments start with a command, an option or
    ///   nothing.
    static func unknownCommand(_ arguments: [String]) -> String? {
        var asked = arguments.first
        var what = "a command"
        if asked == "help" {
            asked = arguments.dropFirst().first
            what = "a command to explain"
        }
        guard let asked, !asked.hasPrefix("-"), !names.contains(asked), asked != "help" else { return nil }
        let nearest = names.min { distance(asked, $0) < distance(asked, $1) }
        var guess = nearest.flatMap { distance(asked, $0) <= 2 ? " Did you mean \($0)?" : nil } ?? ""
        if guess.isEmpty, what == "a command", FileManager.default.fileExists(atPath: asked) {
            guess = " To scan it: refrain scan \(asked)."
        }
        return "\(asked) is not \(what).\(guess) The commands: \(names.joined(separator: ", ")); refrain --help says what each does."
    }

    /// What to say when an argument before `--` that begins with one dash holds more than
    /// the short options' letters (`-dash.txt`): the parser would read it as `-d -a -s -h …`,
    /// and its `h` printed the help with exit 0 in place of the run.
    ///
    /// - Returns: The message, or `nil` when every such argument is short options or a number.
    static func nameTakenForOptions(_ arguments: [String]) -> String? {
        let shortOptions = Set("hjoq0123456789")
        for argument in arguments.prefix(while: { $0 != "--" })
        where argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2 && Double(argument) == nil {
            // `-o=FILE` and `-j=2`: a short option with its value after =, as the parser reads it.
            let name = argument.split(separator: "=", maxSplits: 1)[0]
            if argument.contains("="), name.count == 2, shortOptions.contains(name.last!) { continue }
            guard argument.dropFirst().contains(where: { !shortOptions.contains($0) }) else { continue }
            let exists = FileManager.default.fileExists(atPath: argument) ? ", which is a file here" : ""
            let command = arguments.first.flatMap { names.contains($0) ? $0 : nil }
            let rest = command == "stage" ? arguments.dropFirst().first.map { "stage \($0)" } ?? "stage" : command ?? "scan"
            return
                "\(argument) is not an option\(exists). To name a file that begins with -, write ./\(argument), or put -- before the inputs (refrain \(rest) -- \(argument)); an option's value that begins with - goes after = (--OPTION=\(argument))."
        }
        return nil
    }

    /// The commands' names.
    static var names: [String] { configuration.subcommands.map { $0._commandName } }

    /// What to say for a format given as a flag (`--json`) or `-v` for the version: the
    /// parser's nearest option for `--json` was `--top`.
    static func formatOrVersionSlip(_ arguments: [String]) -> String? {
        for argument in arguments.prefix(while: { $0 != "--" }) {
            switch argument {
            case "--json", "--jsonl", "--csv", "--text":
                return "\(argument) is not an option: the report's format is chosen with --format \(argument.dropFirst(2))."
            case "--html":
                return "--html is not an option: refrain report writes the HTML page (refrain report PATH… -o report.html)."
            case "-v", "-V", "--v":
                return "\(argument) is not an option: refrain --version prints the version, refrain --help the commands."
            default: continue
            }
        }
        return nil
    }

    /// The edit distance between two words, counting insertions, deletions, substitutions and
    /// swaps of neighbours ("scna" is one from "scan").
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1) }
            }
        }
        return rows[a.count][b.count]
    }

    /// Whether glibc was asked to put the heap on huge pages: by the start again in `main`,
    /// or by the user's own `GLIBC_TUNABLES`.
    static var heapOnHugePages: Bool {
        // glibc takes a tunable's last setting.
        let setting = (ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? "").split(separator: ":").last {
            $0.hasPrefix("glibc.malloc.hugetlb=")
        }
        return setting == "glibc.malloc.hugetlb=1" || setting == "glibc.malloc.hugetlb=2"
    }

    /// Opens `/dev/null`, read-only, in place of a closed standard input, output or error.
    ///
    /// A closed descriptor 0, 1 or 2 is the next one `open` returns: an input file (or a
    /// pipe of the thread pool) would then be read as standard input, or get the report and
    /// the messages. Read-only, a write to it still fails as it did (standard output: 74);
    /// reading `-` says that standard input is closed.
    static func holdClosedStandardDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            // `open` gives the lowest free descriptor: this one, as those below it are open.
            guard open("/dev/null", O_RDONLY | O_CLOEXEC) == descriptor else { continue }
            if descriptor == STDIN_FILENO { Corpus.isStandardInputClosed.store(true, ordering: .relaxed) }
        }
    }

    /// The fewest open files a run needs: its inputs one at a time, outputs, spill files and
    /// the thread pool's own descriptors, whose failure would trap inside libdispatch.
    static let minimumDescriptors: rlim_t = 16

    /// Raises the soft open-file limit towards the hard one (up to 1,024), as it may; below
    /// `minimumDescriptors` even so, stops with 74 and says how to raise it.
    static func ensureDescriptors() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        if limit.rlim_cur < 1024, limit.rlim_max > limit.rlim_cur {
            var raised = limit
            raised.rlim_cur = min(limit.rlim_max, 1024)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        guard limit.rlim_cur < minimumDescriptors else { return }
        note(
            "refrain: the open-file limit is \(limit.rlim_cur) (ulimit -n); refrain needs at least \(minimumDescriptors). "
                + "Raise it (ulimit -n 1024) and run again.")
        Foundation.exit(74)
    }

    /// Ends the process as ArgumentParser's `exit(withError:)` does, with the error message
    /// made safe for a terminal.
    ///
    /// Its messages quote what the user typed (`--format $'\e[2J'`), so each line has its
    /// control characters escaped; help and version, on standard output, are our own text.
    /// - Parameter error: The error that ended parsing or the run.
    static func exit(reporting error: Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code.isSuccess {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).terminalSafe }
            note(lines.joined(separator: "\n"))
        }
        Foundation.exit(code.rawValue)
    }
}
