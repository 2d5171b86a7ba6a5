import CRefrainKernels
import Foundation
import Synchronization

/// An unnamed temporary file that large, write-once data goes to instead of memory.
///
/// What is written sits in the page cache, which the kernel may write out and reclaim,
/// rather than in the process's resident memory; it is read back with `pread`. The file is
/// unlinked as soon as it is made, so nothing is left behind however the process ends.
/// Where no temporary file can be made (a read-only disk, a missing folder), the bytes stay
/// in memory, with a warning.
///
/// A file made for direct I/O (`direct: true`) bypasses the page cache: on a disk, filling
/// fresh page-cache pages costs far more system time than the disk's own writes, and data read
/// back once, in long runs, gains nothing from the cache. Its bytes go out in whole aligned
/// blocks from a staging buffer, so the last partial block stays in memory until it fills.
/// Small scattered reads would each cost a disk read: those files stay buffered.
@usableFromInline
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    /// The bytes, when no file could be made.
    private var memory: [UInt8] = []
    /// The bytes written so far.
    private(set) var count = 0
    /// With direct I/O, the bytes after the last block written: `staged` of `blockBytes`.
    private var staging: UnsafeMutableRawPointer?
    private var staged = 0
    /// Bytes in a direct write: a multiple of every device's block and page size.
    static let blockBytes = 1 << 20
    /// The alignment direct I/O needs, of addresses, offsets and lengths.
    static let alignment = 4096

    /// Makes the file in `$TMPDIR` (else `/tmp`).
    ///
    /// - Parameter direct: Whether to bypass the page cache, where the file system can; for
    ///   data written once and read back in long runs.
    init(direct: Bool = false) {
        let folder = Self.folder
        var template =
            Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array("refrain-spill-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 {
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        } else {
            Self.warnInMemory(folder: folder, error: errno)
        }
        self.descriptor = descriptor
        if direct && descriptor >= 0 && Self.allowsDirect && refrain_set_direct_io(descriptor, 1) == 0 {
            staging = UnsafeMutableRawPointer.allocate(byteCount: Self.blockBytes, alignment: Self.alignment)
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        staging?.deallocate()
    }

    /// Whether direct I/O may be used: `REFRAIN_SPILL_DIRECT=0` turns it off, to compare.
    static let allowsDirect = getenv("REFRAIN_SPILL_DIRECT").map { String(cString: $0) != "0" } ?? true

    /// Whether the file bypasses the page cache.
    var isDirect: Bool { staging != nil }

    /// The folder temporary files go to.
    static var folder: String { ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp" }

    /// Whether the warning that spill stays in memory was given: once a run is enough.
    private static let warned = Atomic<Bool>(false)

    /// Says, once, that no temporary file could be made, so what would go there stays in
    /// memory: the run goes on, but a corpus larger than memory may not fit.
    private static func warnInMemory(folder: String, error: Int32) {
        guard !warned.exchange(true, ordering: .relaxed) else { return }
        let message =
            "refrain: warning: cannot make a temporary file in \(folder.terminalSafe) (\(String(cString: strerror(error)))); "
            + "large data stays in memory instead. Set TMPDIR to a folder you can write to on a disk with room.\n"
        try? System.writeAll(Array(message.utf8), to: STDERR_FILENO)
    }

    /// Stops the scan with an I/O error (74), saying where and what to do: a full disk or a
    /// file size limit is the user's to fix, not a bug to trap on.
    static func failed(_ action: String, _ error: Int32) -> Never {
        let message =
            "refrain: cannot \(action) a temporary file in \(folder.terminalSafe) (\(String(cString: strerror(error)))); "
            + "a large corpus needs room there: free some, or set TMPDIR to a folder on a disk with room.\n"
        try? System.writeAll(Array(message.utf8), to: STDERR_FILENO)
        System.exit(74)
    }

    /// Appends bytes at the end.
    ///
    /// - Complexity: O(*n*) in the bytes.
    func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        // `self.staging` on each round: a block the file system refuses ends direct I/O, and
        // frees the staging buffer, in the middle of an append.
        while !rest.isEmpty, let staging {
            let taken = min(rest.count, Self.blockBytes - staged)
            (staging + staged).copyMemory(from: rest.baseAddress!, byteCount: taken)
            staged += taken
            count += taken
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if staged == Self.blockBytes { writeStaged() }
        }
        guard !rest.isEmpty else { return }
        if descriptor >= 0 {
            if let error = write(rest, at: count) { Self.failed("write", error) }
        } else {
            memory.append(contentsOf: rest)
        }
        count += rest.count
    }

    /// Writes all of `bytes` at `offset`.
    ///
    /// - Returns: `nil`, or the `errno` of the write that failed.
    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32? {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return errno }
            done += written
        }
        return nil
    }

    /// Writes the full staging block directly; where the file system refuses a direct write
    /// after all (EINVAL), writes it again through the page cache and goes on that way.
    private func writeStaged() {
        let block = UnsafeRawBufferPointer(start: staging!, count: staged)
        let offset = count - staged
        if let error = write(block, at: offset) {
            guard error == EINVAL, refrain_set_direct_io(descriptor, 0) == 0 else { Self.failed("write", error) }
            if let error = write(block, at: offset) { Self.failed("write", error) }
            staging!.deallocate()
            staging = nil
        }
        staged = 0
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
        guard let staging else {
            readAll(into: buffer, at: offset)
            return
        }
        // The file holds whole blocks; the bytes after them are still in the staging block.
        let written = count - staged
        let end = offset + buffer.count
        if end > written {
            let from = max(offset, written)
            (buffer.baseAddress! + (from - offset)).copyMemory(from: staging + (from - written), byteCount: end - from)
        }
        guard offset < written else { return }
        // Direct reads go through an aligned buffer of this read's own: reads run on several threads.
        let first = offset & ~(Self.alignment - 1)
        let last = min(written, (min(end, written) + Self.alignment - 1) & ~(Self.alignment - 1))
        let bounceBytes = min(Self.blockBytes, last - first)
        let bounce = UnsafeMutableRawPointer.allocate(byteCount: bounceBytes, alignment: Self.alignment)
        defer { bounce.deallocate() }
        var position = first
        while position < last {
            let length = min(bounceBytes, last - position)
            readAll(into: UnsafeMutableRawBufferPointer(start: bounce, count: length), at: position)
            let from = max(position, offset)
            let to = min(position + length, end, written)
            (buffer.baseAddress! + (from - offset)).copyMemory(from: bounce + (from - position), byteCount: to - from)
            position += length
        }
    }

    /// Reads all of `buffer` from `offset`.
    private func readAll(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        var done = 0
        while done < buffer.count {
            let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { Self.failed("read back", read < 0 ? errno : EIO) }
            done += read
        }
    }
}
