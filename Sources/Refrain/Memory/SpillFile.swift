import Foundation

/// An unnamed temporary file that large, write-once data goes to instead of memory.
///
/// What is written sits in the page cache, which the kernel may write out and reclaim,
/// rather than in the process's resident memory; it is read back with `pread`. The file is
/// unlinked as soon as it is made, so nothing is left behind however the process ends.
/// Where no temporary file can be made (a read-only or full disk), the bytes stay in memory.
@usableFromInline
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    /// The bytes, when no file could be made.
    private var memory: [UInt8] = []
    /// The bytes written so far.
    private(set) var count = 0

    /// Makes the file in `$TMPDIR` (else `/tmp`).
    init() {
        let folder = Self.folder
        var template =
            Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array("refrain-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The folder temporary files go to.
    static var folder: String { ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp" }

    /// Stops the scan with an I/O error (74), saying where and what to do: a full disk or a
    /// file size limit is the user's to fix, not a bug to trap on.
    static func failed(_ action: String, _ error: Int32) -> Never {
        let message =
            "refrain: cannot \(action) a temporary file in \(folder) (\(String(cString: strerror(error)))); "
            + "a large corpus needs room there: free some, or set TMPDIR to a folder on a disk with room.\n"
        try? System.writeAll(Array(message.utf8), to: STDERR_FILENO)
        System.exit(74)
    }

    /// Appends bytes at the end.
    ///
    /// - Complexity: O(*n*) in the bytes.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if descriptor >= 0 {
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(count + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { Self.failed("write", errno) }
                done += written
            }
        } else {
            memory.append(contentsOf: bytes)
        }
        count += bytes.count
    }

    /// Reads `buffer.count` bytes from `offset`, all of them written before.
    ///
    /// - Complexity: O(*n*) in the bytes.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(offset >= 0 && offset + buffer.count <= count)
        guard !buffer.isEmpty else { return }
        if descriptor < 0 {
            memory.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + buffer.count)])) }
            return
        }
        var done = 0
        while done < buffer.count {
            let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { Self.failed("read back", read < 0 ? errno : EIO) }
            done += read
        }
    }
}
