/// Recycled-content measures of one group of documents.
public struct GroupMeasure: Sendable, Hashable {
    /// The group's key; `nil` collects documents without the metadata.
    public var key: String?
    /// Documents in the group.
    public var documents: Int
    /// Bytes, and bytes inside recycled spans.
    public var bytes: Int, recycledBytes: Int
    /// Recycled non-space bytes over all non-space bytes.
    public var recycledShare: Double
}
