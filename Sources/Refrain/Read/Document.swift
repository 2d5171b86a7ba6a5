/// One article of a corpus: an id, its text as UTF-8 bytes, and optional metadata.
public struct Document: Sendable, Hashable {
    /// The document's id: a relative path, a file name, or a JSON Lines record's `id`.
    public var id: String
    /// The document's original bytes; every span indexes into these.
    public var bytes: [UInt8]
    /// The outlet or feed, when the input carries it (`""` is none), composed (NFC).
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
    /// Where the text is read again when the read stage let it go (a corpus read with a
    /// text budget it exceeds): `bytes` is then empty. `nil` when `bytes` holds the text.
    @_spi(Stages) public var deferredText: DeferredText?

    /// Creates a document.
    public init(
        id: String, bytes: [UInt8], source: String? = nil, date: String? = nil, origin: String? = nil,
        location: DocumentLocation? = nil, record: [UInt8]? = nil
    ) {
        self.id = id
        self.bytes = bytes
        // An empty source names no outlet: every report counts it as none. A source is kept
        // composed (NFC), as the source tables group it, so that each document's source
        // has the bytes of its row there.
        self.source = Grouping.source.key(source: source, date: nil)
        self.date = date
        self.origin = origin ?? id
        self.location = location
        self.record = record
    }

    /// An empty document that allocates nothing: a stand-in for one moved out.
    static let placeholder = Document(id: "", bytes: [], origin: "")

    /// The calendar day of a date, `YYYY-MM-DD`, when it is an ISO 8601 date or an RFC 3339
    /// timestamp (`2024-01-05`, `2024-01-05T10:00:00Z`, `2024-01-05 10:00:00.5+01:00`).
    ///
    /// The day is the one written: a timestamp's offset does not move it to another day.
    /// - Parameter date: The date as the input gives it.
    /// - Returns: The day, or `nil` when the date is not a real one (`2024-13-45`, `Jan 5, 2024`).
    /// - Complexity: O(*n*) in the date's length.
    public static func calendarDay(_ date: String) -> String? { PublicationDate.parse(date)?.calendarDay }

    /// Creates a document from a string.
    public init(id: String, text: String, source: String? = nil, date: String? = nil) {
        self.init(id: id, bytes: Array(text.utf8), source: source, date: date)
    }

    /// The document's text (read again when deferred); invalid UTF-8 is replaced by U+FFFD.
    public var text: String { String(decoding: loadedBytes(), as: UTF8.self) }

    /// The text of a span, with invalid UTF-8 replaced by U+FFFD.
    public func text(of span: ByteRange) -> String {
        String(decoding: loadedBytes()[span.range], as: UTF8.self)
    }
}
