/// A document with its recycled text removed.
public struct CleanedDocument: Sendable, Hashable {
    /// The document's index in the report.
    public var index: Int
    /// The novel text: the original without the removed spans.
    public var text: [UInt8]
    /// What was removed, in order: recycled spans and the white space collapsed beside them.
    public var removed: [RemovedSpan]

    /// Recycled bytes removed (white space collapsed at the seams not counted).
    public var recycledBytesRemoved: Int { removed.reduce(0) { $0 + ($1.isWhitespace ? 0 : $1.bytes.count) } }
}
