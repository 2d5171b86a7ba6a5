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
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template =
            Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array("refrain-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

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
                guard written > 0 else {
                    fatalError("refrain: cannot write a temporary file (\(String(cString: strerror(errno)))); free space in $TMPDIR.")
                }
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
            guard read > 0 else { fatalError("refrain: cannot read back a temporary file (\(String(cString: strerror(errno)))).") }
            done += read
        }
    }
}
