/// Text removed from a document by `clean`, kept so the original can be rebuilt.
public struct RemovedSpan: Sendable, Hashable {
    /// Where the bytes were, in the original document.
    public var span: ByteRange
    /// Every family with a copy overlapping the span, by id; for words recycled as a run
    /// shared with another document's copy (no copy of their own), the family of their
    /// paragraph; empty for white space at a seam, and for such words in a paragraph of no
    /// family.
    public var families: [Int]
    /// Whether these are white space collapsed where recycled text was cut out (so the
    /// novel text keeps single spaces and paragraph breaks), rather than recycled text.
    public var isWhitespace: Bool
    /// The removed bytes.
    public var bytes: [UInt8]

    /// Creates a removed span.
    public init(span: ByteRange, families: [Int] = [], isWhitespace: Bool = false, bytes: [UInt8]) {
        self.span = span
        self.families = families
        self.isWhitespace = isWhitespace
        self.bytes = bytes
    }

    /// Creates a removed span credited to at most one family.
    public init(span: ByteRange, family: Int?, bytes: [UInt8]) {
        self.init(span: span, families: family.map { [$0] } ?? [], bytes: bytes)
    }

    /// The first family the span covers, if any.
    public var family: Int? { families.first }
}
