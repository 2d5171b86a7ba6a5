import Foundation
import Synchronization

extension Corpus {
    /// Calls `body` with a path's bytes as a NUL-terminated C string: names need not be UTF-8,
    /// which a Swift `String` could not carry.
    @_spi(CommandLine) public static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var terminated = path
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// Whether the process started with standard input closed (descriptor 0 then holds
    /// `/dev/null`, so that no file opened later takes it): reading `-` is then an error.
    @_spi(CommandLine) public static let isStandardInputClosed = Atomic<Bool>(false)

    /// A path's bytes as the command line gave them: a name that is not UTF-8 reaches Swift
    /// with U+FFFD in place of its bad bytes, and would then name no file.
    ///
    /// - Returns: The raw argument (or the value of an `--option=value` one) that decodes to
    ///   `path`, else `path`'s UTF-8.
    @_spi(CommandLine) public static func pathBytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return Array(path.utf8) }
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeRawBufferPointer(start: argument, count: strlen(argument))
            if String(decoding: bytes, as: UTF8.self) == path { return Array(bytes) }
            if bytes.starts(with: "--".utf8), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let value = bytes[(equals + 1)...]
                if String(decoding: value, as: UTF8.self) == path { return Array(value) }
            }
        }
        return Array(path.utf8)
    }

    /// A path argument as messages show it: its bytes (`pathBytes`), those that are not
    /// UTF-8 escaped as the folder walk shows names (`\xff`).
    @_spi(CommandLine) public static func shownPath(_ path: String) -> String {
        let bytes = pathBytes(path)
        return bytes == Array(path.utf8) ? path : DocumentLocation.displayName(bytes)
    }

    /// Calls `body` with a regular file's bytes, mapped read-only, or says why it cannot.
    ///
    /// Falls back to `readFile` where the file cannot be mapped; `body` gets the bytes and
    /// whether they are the file's mapping (pages it may let go). With `jobs` > 1 the mapping
    /// is removed on another thread, off the critical path.
    static func withMappedFile(
        _ path: [UInt8], display: String, jobs: Int = 1, _ body: (UnsafeBufferPointer<UInt8>, _ isMapped: Bool) -> Void
    ) -> Result<Void, InputProblem> {
        func readInstead() -> Result<Void, InputProblem> {
            readFile(path, display: display, limit: Int.max).map { bytes in bytes.withUnsafeBufferPointer { body($0, false) } }
        }
        // Opened first, then checked: a file swapped for a FIFO between a check by name and
        // the open would block the open; non-blocking, it is caught by `fstat` instead.
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return readInstead() }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            close(descriptor)
            return readInstead()
        }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        // No MAP_POPULATE: the parsing threads fault the pages in faster than one thread does.
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            return readInstead()
        }
        defer {
            if jobs > 1 {
                let address = Int(bitPattern: mapping)
                DispatchQueue.global().async { munmap(UnsafeMutableRawPointer(bitPattern: address), size) }
            } else {
                munmap(mapping, size)
            }
        }
        body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size), true)
        return .success(())
    }

    /// Reads a regular file's bytes, or says why not.
    static func readFile(_ path: String) -> Result<[UInt8], InputProblem> { readFile(Array(path.utf8), display: path) }

    /// Reads a regular file's bytes into an array of exactly its size, or says why not.
    ///
    /// The array is allocated once at the size `fstat` gives, so a folder of small files
    /// costs what their bytes do; a file that grows while read is read to its end, one that
    /// shrinks gives up its spare room.
    ///
    /// - Parameters:
    ///   - path: The path's bytes (names need not be UTF-8).
    ///   - display: The path for messages.
    ///   - limit: The largest file read as one document; a larger one is a problem, never allocated.
    /// - Returns: The bytes, or the problem that names the file and the reason.
    /// - Complexity: O(*n*) in the file's bytes.
    @_spi(CommandLine) public static func readFile(_ path: [UInt8], display: String, limit: Int = maximumDocumentBytes) -> Result<
        [UInt8], InputProblem
    > {
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            let error = errno
            var status = stat()
            return .failure(
                openProblem(
                    error, isRegular: withCPath(path, { stat($0, &status) }) != 0 || (status.st_mode & S_IFMT) == S_IFREG, display: display)
            )
        }
        defer { close(descriptor) }
        return readOpened(descriptor, display: display, limit: limit, start: [])
    }

    /// Reads a regular file, named relative to an open folder, through a buffer reused
    /// from file to file: a folder of small files costs one `openat`, one `read` and one
    /// `close` per file.
    ///
    /// A read that fills less of `scratch` than it holds reached the file's end (a regular
    /// file reads short only there), so a file smaller than `scratch` needs no `fstat` and
    /// no second read; a larger file, or one that reads empty, is checked with `fstat` and
    /// read on as `readFile` does. Only for names the folder walk found to be regular files:
    /// a FIFO that reads empty is caught by that `fstat`.
    ///
    /// - Parameters:
    ///   - folder: An open descriptor of the folder that holds the file.
    ///   - name: The file's name in it, NUL-terminated.
    ///   - display: The path for messages.
    ///   - scratch: The reused buffer; its count is the largest read done without `fstat`.
    ///   - limit: The largest file read as one document.
    /// - Returns: The bytes, exactly as many as the file holds, or the problem.
    /// - Complexity: O(*n*) in the file's bytes.
    static func readFile(
        in folder: Int32, name: UnsafePointer<CChar>, display: String, scratch: inout [UInt8], limit: Int = maximumDocumentBytes
    ) -> Result<[UInt8], InputProblem> {
        let descriptor = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let error = errno
            var status = stat()
            let isRegular = fstatat(folder, name, &status, 0) != 0 || (status.st_mode & S_IFMT) == S_IFREG
            return .failure(openProblem(error, isRegular: isRegular, display: display))
        }
        defer { close(descriptor) }
        let count = scratch.withUnsafeMutableBytes { System.readRetrying(descriptor, $0.baseAddress!, $0.count) }
        guard count >= 0 else { return .failure(readProblem(errno, display: display)) }
        if count > 0, count < scratch.count, count <= limit { return .success(Array(scratch[0..<count])) }
        return readOpened(descriptor, display: display, limit: limit, start: scratch[0..<count])
    }

    /// Why a text is refused as one document: its spans are 32-bit offsets.
    ///
    /// - Parameter stopped: Whether reading stopped past the limit, so that the size is
    ///   not known.
    @_spi(CommandLine) public static func tooLargeProblem(
        _ size: Int, limit: Int, display: String, line: Int? = nil, advice: String, stopped: Bool = false
    ) -> InputProblem {
        let named = limit == maximumDocumentBytes ? "\(limit.grouped) bytes (4 GiB - 1)" : "\(limit.grouped) bytes"
        let size =
            stopped
            ? "more than the \(named) one document can hold; reading stopped there."
            : "\(size.grouped) bytes, more than the \(named) one document can hold."
        return InputProblem(path: display, line: line, message: "\(size) \(advice)")
    }

    /// Why a FIFO, socket or device named on the command line is not read, and how to read a
    /// stream instead (`<(zcat …)` names a FIFO).
    static let notRegularMessage =
        "not a regular file (a FIFO, socket or device); only files and folders are read. To read a stream, pipe it to standard input and give - (zcat feed.jsonl.gz | refrain scan -)."

    /// Why a file could not be opened.
    static func openProblem(_ error: Int32, isRegular: Bool, display: String) -> InputProblem {
        guard isRegular else {
            return InputProblem(path: display, message: Corpus.notRegularMessage)
        }
        return InputProblem(
            path: display, message: "cannot be read (\(String(cString: strerror(error)))). Check its permissions, or leave it out.")
    }

    /// Why a file that opened could not be read.
    static func readProblem(_ error: Int32, display: String) -> InputProblem {
        InputProblem(path: display, message: "read failed (\(String(cString: strerror(error)))).")
    }

    /// The most bytes asked of one `read`: Linux returns at most 2 GiB - 4 KiB from one
    /// call, so a larger request reads short before a file's end.
    static let largestRead = 1 << 30

    /// Reads the rest of an open file whose first bytes, `start`, were read already: one
    /// allocation of the size `fstat` gives, read to the end.
    ///
    /// - Complexity: O(*n*) in the file's bytes.
    static func readOpened(_ descriptor: Int32, display: String, limit: Int, start: ArraySlice<UInt8>) -> Result<
        [UInt8], InputProblem
    > {
        func tooLarge(_ size: Int) -> InputProblem {
            tooLargeProblem(size, limit: limit, display: display, advice: "Split it into smaller files, or leave it out.")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(InputProblem(path: display, message: "cannot be read (\(String(cString: strerror(errno))))."))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(
                InputProblem(path: display, message: Corpus.notRegularMessage))
        }
        let size = max(Int(status.st_size), start.count)
        guard size <= limit else { return .failure(tooLarge(size)) }
        var failure: Int32 = 0
        // Exactly `size` bytes: growing by chunks would keep up to 64 KiB of spare room per
        // document. One byte more is asked for than `fstat` gave: a regular file reads short
        // only at its end, so a read that does not fill what was asked reached it, and one
        // that gets the extra byte says the file grew. At most `largestRead` at a time: Linux
        // reads at most 2 GiB - 4 KiB in one call, short of the end of a larger file.
        var grew = false
        var result = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            _ = buffer.initialize(from: start)
            count = start.count
            while count <= size {
                let asked = min(size + 1 - count, Self.largestRead)
                let read = System.readRetrying(descriptor, buffer.baseAddress! + count, asked)
                if read > 0 {
                    count += read
                    if read < asked { break }
                } else {
                    if read < 0 { failure = errno }
                    break
                }
            }
            grew = count > size
        }
        // A file that grew since `fstat`: read the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: failure == 0 && grew ? 1 << 12 : 0)
        while !chunk.isEmpty {
            let read = chunk.withUnsafeMutableBytes { System.readRetrying(descriptor, $0.baseAddress!, $0.count) }
            if read > 0 {
                guard result.count + read <= limit else { return .failure(tooLarge(result.count + read)) }
                result.append(contentsOf: chunk[0..<read])
            } else {
                if read < 0 { failure = errno }
                break
            }
        }
        if failure != 0 { return .failure(readProblem(failure, display: display)) }
        // A file that shrank, or grew: give up the spare room the array holds.
        if result.capacity - result.count > max(64, result.count / 8) {
            let count = result.count
            result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = buffer.initialize(from: result)
                initialized = count
            }
        }
        return .success(result)
    }

    /// Reads standard input to its end.
    ///
    /// An empty or early-closed pipe gives the bytes that arrived (possibly none).
    /// - Parameters:
    ///   - limit: Reading stops past this many bytes (`readToEnd`).
    ///   - plainTextLimit: The same, once the first bytes show plain text (`readToEnd`):
    ///     one document's limit, since plain text on standard input is one document.
    /// - Throws: `RefrainError.io` when standard input is not open or a read fails.
    public static func readStandardInput(limit: Int = .max, plainTextLimit: Int = maximumDocumentBytes) throws -> [UInt8] {
        if isStandardInputClosed.load(ordering: .relaxed) {
            throw RefrainError.io(path: "-", reason: "it is closed")
        }
        return try readToEnd(STDIN_FILENO, limit: limit, plainTextLimit: plainTextLimit)
    }

    /// Reads a descriptor to its end.
    ///
    /// A pipe's size is not known ahead: its bytes are read into blocks of `blockBytes`, then
    /// moved into one array, each block freed once copied, so the peak is the input plus one
    /// block, where an array grown by doubling copied itself into fresh pages again and again.
    /// - Parameters:
    ///   - limit: Reading stops once more than `limit` bytes came (a few more are
    ///     returned, so the caller can tell): an endless pipe (`<(yes)`) is not read to the
    ///     end of memory.
    ///   - plainTextLimit: The limit once the first bytes show plain text, which is one
    ///     document (JSON Lines and gzip data may be any size); first bytes with a NUL
    ///     (`< /dev/zero`) stop the read at once, to be refused as binary.
    /// - Throws: `RefrainError.io` when a read fails.
    /// - Complexity: O(*n*) in the bytes read.
    @_spi(CommandLine) public static func readToEnd(
        _ descriptor: Int32, blockBytes: Int = 64 << 20, limit: Int = .max, plainTextLimit: Int = .max
    ) throws -> [UInt8] {
        var blocks: [[UInt8]] = []
        var block: [UInt8] = []
        var total = 0
        var limit = limit
        var decided = plainTextLimit == .max
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while total <= limit {
            let count = chunk.withUnsafeMutableBytes { System.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                if !decided, let kind = Self.startKind(block + chunk[0..<count]) {
                    decided = true
                    switch kind {
                    case .record: break
                    case .binary: limit = 0  // refused as binary from its first bytes
                    case .text: limit = min(limit, plainTextLimit)
                    }
                }
                total += count
                if block.count + count > blockBytes {
                    blocks.append(block)
                    block = []
                    block.reserveCapacity(blockBytes)
                }
                block.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                break
            } else if errno == EAGAIN {
                // Non-blocking standard input: wait until it is readable.
                var readable = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&readable, 1, -1)
            } else if errno != EINTR {
                throw RefrainError.io(path: "-", reason: String(cString: strerror(errno)))
            }
        }
        if blocks.isEmpty { return block }
        blocks.append(block)
        block = []
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var offset = 0
            for index in blocks.indices {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(from: blocks[index])
                offset += blocks[index].count
                blocks[index] = []
            }
            initialized = total
        }
    }
}

extension Corpus {
    /// What the first bytes of standard input say it is.
    enum StartKind {
        /// A JSON object (JSON Lines) or gzip data: any size.
        case record
        /// Holds a NUL byte: binary, refused whatever follows.
        case binary
        /// Plain text: one document.
        case text
    }

    /// What bytes that begin an input are; `nil` while they are only white space.
    static func startKind(_ bytes: [UInt8]) -> StartKind? {
        // Too few bytes to tell gzip's two-byte magic, or a byte order mark, from text.
        if bytes.count < 3, bytes.first == Gzip.magic[0] || bytes.first == 0xEF { return nil }
        if bytes.starts(with: Gzip.magic) { return .record }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let first = bytes[start...].first { !ByteClass.isSpace($0) }
        // A JSON Lines feed may hold a bad line with a NUL further on: its records are read.
        if first == UInt8(ascii: "{") { return .record }
        if bytes.contains(0) { return .binary }
        return first == nil ? nil : .text
    }

    /// Why a file read in pieces could not be read: the system's reason.
    @_spi(CommandLine) public struct PieceReadFailure: Error {
        /// The system's reason, e.g. "No such file or directory".
        public let reason: String
    }

    /// Reads a file in pieces, so that a file of any size is never held whole.
    ///
    /// - Parameters:
    ///   - path: The file's path as bytes (names need not be UTF-8).
    ///   - size: The bytes of a piece (the last may be shorter).
    ///   - body: Given a function that returns the next piece, or `nil` at the file's end.
    /// - Returns: What `body` returns.
    /// - Throws: `PieceReadFailure` when the file cannot be opened or read, or what `body` throws.
    /// - Complexity: O(file bytes).
    @_spi(CommandLine) public static func withPieces<T>(
        of path: [UInt8], size: Int = 8 << 20, _ body: (_ next: () throws -> [UInt8]?) throws -> T
    ) throws -> T {
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw PieceReadFailure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try withPieces(ofDescriptor: descriptor, size: size, body)
    }

    /// Reads an open file in pieces from where it stands (`withPieces(of:size:_:)`, for a
    /// file opened otherwise: relative to a folder, say).
    ///
    /// - Throws: `PieceReadFailure` when the file cannot be read, or what `body` throws.
    /// - Complexity: O(file bytes).
    @_spi(CommandLine) public static func withPieces<T>(
        ofDescriptor descriptor: Int32, size: Int = 8 << 20, _ body: (_ next: () throws -> [UInt8]?) throws -> T
    ) throws -> T {
        try body {
            // Not filled first: the read writes what it returns, and only those pages are touched.
            var failed = false
            let piece = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                let count = System.readRetrying(descriptor, buffer.baseAddress, buffer.count)
                failed = count < 0
                initialized = max(count, 0)
            }
            guard !failed else { throw PieceReadFailure(reason: String(cString: strerror(errno))) }
            return piece.isEmpty ? nil : piece
        }
    }
}
