import Foundation

/// Ends the run cleanly on SIGINT, SIGTERM and SIGHUP: removes the temporary files and
/// staging folders being written, then exits 128 + the signal (130, 143, 129).
///
/// The handler only writes the signal's number to a pipe; a thread does the removal, where
/// locks and allocation are allowed.
@_spi(CommandLine) public enum Interrupts {
    nonisolated(unsafe) static var pipeWrite: Int32 = -1
    nonisolated(unsafe) static var pending: [Int: String] = [:]
    nonisolated(unsafe) static var nextToken = 0
    static let lock = NSRecursiveLock()
    nonisolated(unsafe) static var installed = false

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
            var number: UInt8 = 0
            while read(readEnd, &number, 1) != 1 {}
            lock.lock()  // waits for a rename in progress, so the folder is old or new, never half
            for path in pending.values { SafeWriting.removeTree(atPath: path) }
            _exit(128 + Int32(number))
        }
        thread.start()
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Interrupts.pipeWrite, &byte, 1)
            }
        }
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

    /// Runs `body` with interrupts held back until it ends.
    static func holding<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
