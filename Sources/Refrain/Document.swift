/// One article of a corpus: an id, its text as UTF-8 bytes, and optional metadata.
public struct Document: Sendable, Hashable {
    /// The document's id: a relative path, a file name, or a JSON Lines record's `id`.
    public var id: String
    /// The document's original bytes; every span indexes into these.
    public var bytes: [UInt8]
    /// The outlet or feed, when the input carries it.
    public var source: String?
    /// The publication date as given (ISO 8601 `YYYY-MM-DD…` is understood), when the input carries it.
    public var date: String?
    /// Where the document came from, for messages: a path, or `path:line` for JSON Lines.
    public var origin: String
    /// Where the document was read from, when the read stage made it.
    public var location: DocumentLocation?
    /// The JSON Lines record the document came from, as its line's bytes (no line feed),
    /// when the corpus was read with `keepRecords`: `clean` rewrites only its `text`.
    public var record: [UInt8]?

    /// Creates a document.
    public init(
        id: String, bytes: [UInt8], source: String? = nil, date: String? = nil, origin: String? = nil,
        location: DocumentLocation? = nil, record: [UInt8]? = nil
    ) {
        self.id = id
        self.bytes = bytes
        self.source = source
        self.date = date
        self.origin = origin ?? id
        self.location = location
        self.record = record
    }

    /// An empty document that allocates nothing: a stand-in for one moved out.
    static let placeholder = Document(id: "", bytes: [], origin: "")

    /// Creates a document from a string.
    public init(id: String, text: String, source: String? = nil, date: String? = nil) {
        self.init(id: id, bytes: Array(text.utf8), source: source, date: date)
    }

    /// The document's text; invalid UTF-8 is replaced by U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text of a span, with invalid UTF-8 replaced by U+FFFD.
    public func text(of span: Span) -> String {
        String(decoding: bytes[span.range], as: UTF8.self)
    }
}

/// Where the read stage found a document: which input, which file, which line.
public struct DocumentLocation: Sendable, Hashable {
    /// The input it came from: its index among the paths given to `Corpus.read`.
    public var input: Int
    /// The file it was read from, as a path; `-` for standard input.
    public var file: String
    /// The file's path relative to its input: below the folder for a folder, the file's name
    /// for a file, empty for standard input.
    public var relativePath: String
    /// The line, for a JSON Lines record.
    public var line: Int?

    /// Creates a location.
    public init(input: Int, file: String, relativePath: String, line: Int? = nil) {
        self.input = input
        self.file = file
        self.relativePath = relativePath
        self.line = line
    }
}
