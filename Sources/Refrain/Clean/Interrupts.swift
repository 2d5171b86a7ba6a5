import Foundation

/// Ends the run cleanly on SIGINT, SIGTERM, SIGHUP and SIGQUIT: removes the temporary files
/// and staging folders being written, then exits 128 + the signal (130, 143, 129, 131).
///
/// The handler only writes the signal's number to a pipe; a thread does the removal, where
/// locks and allocation are allowed. Creating an entry in a registered folder happens under
/// the same lock (`holding`), so the removal never races a file being created. Once the
/// output is installed (`complete`), signals are ignored: the run has succeeded, and what
/// is left (removing the old output, the summary) must not turn it into a failure.
@_spi(CommandLine) public enum Interrupts {
    nonisolated(unsafe) static var pipeWrite: Int32 = -1
    nonisolated(unsafe) static var pending: [Int: String] = [:]
    nonisolated(unsafe) static var nextToken = 0
    static let lock = NSRecursiveLock()
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) static var isComplete = false

    /// Installs the handlers (once).
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return }
        pipeWrite = descriptors[1]
        let readEnd = descriptors[0]
        let thread = Thread {
            while true {
                var number: UInt8 = 0
                while read(readEnd, &number, 1) != 1 {}
                lock.lock()  // waits for a rename or file creation in progress
                if isComplete {
                    lock.unlock()
                    continue
                }
                let removed = pending.values.sorted()
                for path in removed { SafeWriting.removeTree(atPath: path) }
                // Said even under --quiet: a run that ends early must say what it left.
                let message =
                    removed.isEmpty
                    ? "refrain: interrupted (signal \(number)); nothing was written.\n"
                    : "refrain: interrupted (signal \(number)); removed the unfinished output "
                        + "(\(removed.map(\.terminalSafe).joined(separator: ", "))): inputs and earlier outputs are as they were.\n"
                try? System.writeAll(Array(message.utf8), to: STDERR_FILENO)
                _exit(128 + Int32(number))
            }
        }
        thread.start()
        let handler: @convention(c) (Int32) -> Void = { number in
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(Interrupts.pipeWrite, &byte, 1)
        }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            // A signal the parent ignores stays ignored (nohup, background jobs).
            if let previous = signal(signalNumber, handler), unsafeBitCast(previous, to: Int.self) == 1 {
                signal(signalNumber, previous)
                continue
            }
            sigaddset(&unblocked, signalNumber)
        }
        // A parent's blocked mask is inherited (a test runner's thread, say); unblocked, so
        // an interrupt removes the staging folder instead of waiting for the run to end.
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Registers a path to remove if the run is interrupted.
    ///
    /// - Returns: A token for `unregister`.
    public static func register(_ path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        pending[nextToken] = path
        return nextToken
    }

    /// Forgets a registered path.
    public static func unregister(_ token: Int) {
        lock.lock()
        defer { lock.unlock() }
        pending[token] = nil
    }

    /// Marks the run's output as installed: from now on signals are ignored, as the run
    /// has succeeded. Call it while `holding`, right after the rename that installs it.
    static func complete() {
        lock.lock()
        defer { lock.unlock() }
        isComplete = true
    }

    /// Runs `body` with interrupts held back until it ends.
    static func holding<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
