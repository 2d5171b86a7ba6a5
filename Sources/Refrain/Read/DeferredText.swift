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
    /// The XXH3 of the whole record as first read, when the corpus was read with
    /// `keepRecords` (which keeps a deferred record's checksum instead of its bytes), so that
    /// `clean` can tell a record edited in place since.
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

    /// Reads the text again.
    ///
    /// The scan's spans index into the text as first read, so a file changed since (or
    /// gone) cannot be scanned on: that stops the process with a message naming it.
    /// - Returns: The text's bytes, `length` of them.
    /// - Complexity: O(*n*) in the text's bytes (one `pread` of the record, or one file read).
    public func load() -> [UInt8] {
        let display = DocumentLocation.displayName(path)
        let bytes: [UInt8]
        switch kind {
        case .file:
            switch Corpus.readFile(path, display: display) {
            case .success(let read): bytes = read
            case .failure(let problem): Self.changed(display, String(describing: problem))
            }
        case .jsonRecord(let start, let end):
            guard let line = Corpus.readBytes(path, from: start, count: end - start, openFile: openFile),
                let text = Self.text(ofRecord: line[...])
            else {
                Self.changed(display, "its record at byte \(start) no longer reads as before")
            }
            bytes = text
        }
        guard bytes.count == length else { Self.changed(display, "\(length) bytes of text became \(bytes.count)") }
        return bytes
    }

    /// The text of a JSON Lines record's line, parsed as the read stage parsed it (the fast
    /// parser: only records it read are deferred).
    ///
    /// - Returns: The text, or `nil` when the line no longer parses so.
    /// - Complexity: O(*n*) in the line's bytes.
    public static func text(ofRecord line: ArraySlice<UInt8>) -> [UInt8]? {
        line.withUnsafeBufferPointer { JSONRecordParser.parse($0) }?.text
    }

    static func changed(_ display: String, _ reason: String) -> Never {
        // Not a trap: the input changed, which is an I/O failure (74), not a bug.
        let message = "refrain: \(display) changed while it was scanned (\(reason)); scan it again once it no longer changes.\n"
        try? System.writeAll(Array(message.utf8), to: STDERR_FILENO)
        System.exit(74)
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
}

extension Corpus {
    /// Reads `count` bytes of a file from `offset`: a JSON Lines record read again.
    ///
    /// - Parameter openFile: The file, when held open: read without opening it again.
    /// - Returns: The bytes, or `nil` when the file cannot be opened or is shorter now.
    static func readBytes(_ path: [UInt8], from offset: Int, count: Int, openFile: OpenFile? = nil) -> [UInt8]? {
        let held = openFile?.descriptor
        let descriptor = held ?? withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        defer { if held == nil { close(descriptor) } }
        var done = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let read = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { break }
                done += read
            }
            initialized = done
        }
        return done == count ? bytes : nil
    }
}
