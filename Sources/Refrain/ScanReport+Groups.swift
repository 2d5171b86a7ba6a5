/// How documents are grouped for recycled-content measures.
public enum Grouping: String, Sendable, CaseIterable {
    /// By the `source` metadata (outlet or feed).
    case source
    /// By publication day, `YYYY-MM-DD`, from the `date` metadata.
    case day
    /// By publication month, `YYYY-MM`.
    case month

    /// The group key of a document, or `nil` when it lacks the metadata.
    public func key(source: String?, date: String?) -> String? {
        switch self {
        case .source:
            guard let source, !source.isEmpty else { return nil }
            return source
        case .day: return date.flatMap { Self.datePrefix($0, length: 10) }
        case .month: return date.flatMap { Self.datePrefix($0, length: 7) }
        }
    }

    /// The first `length` characters of a date's calendar day (`2020-10-31`), when it is a
    /// real ISO 8601 date or RFC 3339 timestamp.
    static func datePrefix(_ date: String, length: Int) -> String? {
        Document.calendarDay(date).map { String($0.prefix(length)) }
    }
}

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

extension ScanReport {
    /// Recycled share per group, keys in ascending order, documents without the metadata last.
    ///
    /// - Complexity: O(*n* log *n*) in the number of documents.
    public func measures(by grouping: Grouping) -> [GroupMeasure] {
        var groups: [String?: (documents: Int, bytes: Int, recycledBytes: Int, weight: Int, recycledWeight: Int)] = [:]
        for document in documents {
            let key = grouping.key(source: document.source, date: document.date)
            var group = groups[key] ?? (0, 0, 0, 0, 0)
            group.documents += 1
            group.bytes += document.bytes
            group.recycledBytes += document.recycledBytes
            group.weight += document.weight
            group.recycledWeight += document.recycledWeight
            groups[key] = group
        }
        return groups.map { key, group in
            GroupMeasure(
                key: key, documents: group.documents, bytes: group.bytes, recycledBytes: group.recycledBytes,
                recycledShare: group.weight == 0 ? 0 : Double(group.recycledWeight) / Double(group.weight))
        }
        .sorted { a, b in
            switch (a.key, b.key) {
            case (let x?, let y?): x < y
            case (nil, _): false
            case (_, nil): true
            }
        }
    }
}
