import Foundation
import Synchronization

/// A file's descriptor, opened on the first read again and shared by every deferred record
/// of the file: reading a record back is then one `pread`, not an open, a read and a close
/// (a large JSON Lines scan reads each record back three or four times).
///
/// At most `limit` files are held open at once in the process, so that a corpus of many
/// JSON Lines files stays well inside the descriptor limit; past it, and when the file
/// cannot be opened, records are read as before (an open and a close each). The
/// descriptor closes with the last document that holds it.
final class OpenFile: Sendable {
    /// The file's path as bytes.
    let path: [UInt8]
    /// `unopened` until the first read; then the descriptor, or -1 when none is held.
    private let state = Mutex<Int32>(OpenFile.unopened)
    private static let unopened: Int32 = -2
    /// Files held open in the process.
    private static let held = Atomic<Int>(0)
    /// The most files held open at once: 64, or a quarter of the descriptor limit past the
    /// 32 the run keeps for itself (inputs read one at a time, outputs, spill files, the
    /// thread pool's own) when that is lower.
    static let limit: Int = {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 64 }
        return limit.rlim_cur > 32 ? Int(min(64, (limit.rlim_cur - 32) / 4)) : 0
    }()

    init(path: [UInt8]) { self.path = path }

    deinit {
        let descriptor = state.withLock { $0 }
        if descriptor >= 0 {
            close(descriptor)
            Self.held.subtract(1, ordering: .relaxed)
        }
    }

    /// The descriptor, opened on the first call; `nil` when none is held.
    var descriptor: Int32? {
        let descriptor = state.withLock { descriptor -> Int32 in
            guard descriptor == Self.unopened else { return descriptor }
            if Self.held.add(1, ordering: .relaxed).newValue > Self.limit {
                descriptor = -1
            } else {
                descriptor = Corpus.withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
                if descriptor < 0 { descriptor = -1 }
            }
            if descriptor < 0 { Self.held.subtract(1, ordering: .relaxed) }
            return descriptor
        }
        return descriptor >= 0 ? descriptor : nil
    }
}
