import Foundation

/// Where a document's text is read again when the read stage let it go: a whole file, or
/// one JSON Lines record of a file.
///
/// A corpus larger than memory keeps only this per document; the stages that need the text
/// (sketch, label, report) load it one document at a time and let it go again.
@_spi(Stages) public struct DeferredText: Sendable, Hashable {
    /// What holds the text.
    public enum Kind: Sendable, Hashable {
        /// The whole file is the text.
        case file
        /// The JSON Lines record on the file's bytes `start ..< end` (no line feed): its `text`.
        case jsonRecord(start: Int, end: Int)
    }

    /// The file's path as bytes (names need not be UTF-8).
    public var path: [UInt8]
    /// Where in the file.
    public var kind: Kind
    /// The text's length in bytes, as first read: every span indexes into that text.
    public var length: Int
    /// The XXH3 of the whole record (its line) or the whole file as first read: a text read
    /// again is compared with it, so that an edit made since, even one of the same length,
    /// stops the run instead of mixing two versions; `clean` compares records with it too.
    public var recordChecksum: UInt64?
    /// The file's descriptor, shared by the file's records (not part of equality).
    var openFile: OpenFile?

    /// Creates a deferred text.
    public init(path: [UInt8], kind: Kind, length: Int, recordChecksum: UInt64? = nil) {
        self.path = path
        self.kind = kind
        self.length = length
        self.recordChecksum = recordChecksum
    }

    public static func == (a: DeferredText, b: DeferredText) -> Bool {
        a.path == b.path && a.kind == b.kind && a.length == b.length && a.recordChecksum == b.recordChecksum
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(kind)
        hasher.combine(length)
        hasher.combine(recordChecksum)
    }

    /// Why a text could not be read again.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The file is not what was read: gone, shorter, or its record or text differs.
        case changed(path: String, reason: String)
        /// The file is there but could not be opened or read (permissions, the open-file limit).
        case unreadable(path: String, reason: String)

        /// 65 for input that changed, as `clean` says; 74 for an I/O failure.
        public var exitCode: Int32 {
            switch self {
            case .changed: 65
            case .unreadable: 74
            }
        }

        public var description: String {
            switch self {
            case .changed(let path, let reason):
                "\(path) changed while it was scanned (\(reason)); scan it again once it no longer changes."
            case .unreadable(let path, let reason):
                "cannot read \(path) again (\(reason)); a large corpus's texts are read a second time when a stage "
                    + "needs them: check the file's permissions and the open-file limit (ulimit -n), and scan again."
            }
        }
    }

    /// Reads the text again.
    ///
    /// The scan's spans index into the text as first read, so a file changed since (or
    /// gone) cannot be scanned on: that stops the process with a message naming it (65 when
    /// the file changed, 74 when it could not be read).
    /// - Returns: The text's bytes, `length` of them.
    /// - Complexity: O(*n*) in the text's bytes (one `pread` of the record, or one file read).
    public func load() -> [UInt8] {
        switch read() {
        case .success(let bytes):
            return bytes
        case .failure(let failure):
            // Not a trap: the input changed or could not be read, which is not a bug.
            try? System.writeAll(Array("refrain: \(failure)\n".utf8), to: STDERR_FILENO)
            System.exit(failure.exitCode)
        }
    }

    /// Reads the text again, or says why it cannot be.
    ///
    /// - Complexity: O(*n*) in the text's bytes.
    public func read() -> Result<[UInt8], Failure> {
        let display = DocumentLocation.displayName(path)
        func changed(_ reason: String) -> Result<[UInt8], Failure> { .failure(.changed(path: display, reason: reason)) }
        /// A file that cannot be read again: changed when it is gone, else unreadable.
        func failed(_ error: Int32, _ reason: String) -> Result<[UInt8], Failure> {
            error == ENOENT || error == ENOTDIR
                ? changed("it is gone") : .failure(.unreadable(path: display, reason: reason))
        }
        let bytes: [UInt8]
        switch kind {
        case .file:
            // A compressed file's text is its decompressed bytes.
            let isGzip = Gzip.isCompressedName(path)
            let file = Corpus.readFile(path, display: display, limit: isGzip ? Int.max : Corpus.maximumDocumentBytes)
            switch isGzip ? file.flatMap({ Corpus.decompressed($0, display: display) }) : file {
            case .success(let read):
                // A length that differs says more than a checksum that does.
                if read.count == length, let recordChecksum, read.withUnsafeBytes({ XXH3.hash($0) }) != recordChecksum {
                    return changed("its bytes are not those first read")
                }
                bytes = read
            case .failure(let problem):
                var status = stat()
                let error = Corpus.withCPath(path) { stat($0, &status) } == 0 ? 0 : errno
                return failed(error == 0 ? EIO : error, problem.message)
            }
        case .jsonRecord(let start, let end):
            switch Corpus.readBytes(path, from: start, count: end - start, openFile: openFile) {
            case .success(let line):
                guard let line, recordChecksum.map({ $0 == line.withUnsafeBytes { XXH3.hash($0) } }) ?? true,
                    let text = Self.text(ofRecord: line[...])
                else {
                    return changed("its record at byte \(start) no longer reads as before")
                }
                bytes = text
            case .failure(let error):
                return failed(error.code.rawValue, String(cString: strerror(error.code.rawValue)))
            }
        }
        guard bytes.count == length else { return changed("\(length) bytes of text became \(bytes.count)") }
        return .success(bytes)
    }

    /// The text of a JSON Lines record's line, parsed as the read stage parsed it (the fast
    /// parser: only records it read are deferred).
    ///
    /// - Returns: The text, or `nil` when the line no longer parses so.
    /// - Complexity: O(*n*) in the line's bytes.
    public static func text(ofRecord line: ArraySlice<UInt8>) -> [UInt8]? {
        line.withUnsafeBufferPointer { JSONRecordParser.parse($0) }?.text
    }
}

extension Document {
    /// The text's length in bytes, whether `bytes` holds it or it was deferred.
    public var byteCount: Int { deferredText?.length ?? bytes.count }

    /// The text: `bytes`, or, when the read stage deferred it, the text read again.
    ///
    /// - Complexity: O(1) when resident; a file or record read when deferred.
    @_spi(Stages) public func loadedBytes() -> [UInt8] {
        guard let deferredText else { return bytes }
        return deferredText.load()
    }

    /// Whether the text is empty or white space alone: no paragraph to compare.
    ///
    /// - Complexity: O(*n*) until the first byte that is not white space, plus the read of
    ///   a deferred text.
    @_spi(CommandLine) public var isBlank: Bool { byteCount == 0 || loadedBytes().allSatisfy(ByteClass.isSpace) }
}

extension Corpus {
    /// Reads `count` bytes of a file from `offset`: a JSON Lines record read again.
    ///
    /// - Parameter openFile: The file, when held open: read without opening it again.
    /// - Returns: The bytes, `nil` when the file is shorter now, or the error that kept it
    ///   from being opened or read.
    static func readBytes(_ path: [UInt8], from offset: Int, count: Int, openFile: OpenFile? = nil) -> Result<
        [UInt8]?, POSIXError
    > {
        let held = openFile?.descriptor
        let descriptor = held ?? withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        defer { if held == nil { close(descriptor) } }
        var done = 0
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let read = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                if read < 0 { failure = errno }
                guard read > 0 else { break }
                done += read
            }
            initialized = done
        }
        if failure != 0 { return .failure(POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)) }
        return .success(done == count ? bytes : nil)
    }
}
