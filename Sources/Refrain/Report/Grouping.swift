import Foundation

/// How documents are grouped for recycled-content measures.
public enum Grouping: String, Sendable, CaseIterable {
    /// By the `source` metadata (outlet or feed).
    case source
    /// By publication day, `YYYY-MM-DD`, from the `date` metadata.
    case day
    /// By publication month, `YYYY-MM`.
    case month

    /// The group key of a document, or `nil` when it lacks the metadata.
    ///
    /// A source is keyed by its composed form (NFC): spellings that Swift compares equal
    /// ("é" as one scalar or as "e" and an accent) are one source, and its name is the same
    /// bytes whichever spelling a stage met first. White space around it is dropped: "A "
    /// and "A" printed alike as two rows of one outlet.
    public func key(source: String?, date: String?) -> String? {
        switch self {
        case .source:
            guard var source, !source.isEmpty else { return nil }
            if let first = source.utf8.first, let last = source.utf8.last,
                ByteClass.isSpace(first) || ByteClass.isSpace(last) || first >= 0x80 || last >= 0x80
            {
                source = source.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !source.isEmpty else { return nil }
            }
            return source.utf8.allSatisfy { $0 < 0x80 } ? source : source.precomposedStringWithCanonicalMapping
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
