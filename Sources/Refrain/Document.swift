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

    /// Creates a document.
    public init(id: String, bytes: [UInt8], source: String? = nil, date: String? = nil, origin: String? = nil) {
        self.id = id
        self.bytes = bytes
        self.source = source
        self.date = date
        self.origin = origin ?? id
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
