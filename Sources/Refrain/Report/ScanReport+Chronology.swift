extension ScanReport {
    /// Whether document `a` comes before document `b` in publication order: the earlier
    /// `date` first (compared as text, which orders ISO 8601 dates), dated documents before
    /// undated ones, and input order on ties, as `clean --keep-first` decides.
    ///
    /// - Parameters:
    ///   - a: A document's index.
    ///   - b: Another document's index.
    /// - Complexity: O(length of the dates).
    public func isPublished(_ a: Int, before b: Int) -> Bool {
        switch (documents[a].date, documents[b].date) {
        case (let x?, let y?) where x != y: x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a < b
        }
    }

    /// The earliest document holding a copy of a family: the first of
    /// `documentsInPublicationOrder(of:)`, without sorting.
    ///
    /// - Complexity: O(*m*) for *m* members.
    public func firstPublished(of family: Family) -> Int {
        var first = family.representative.document
        for member in family.members where isPublished(member.document, before: first) { first = member.document }
        return first
    }

    /// The documents holding a copy of a family, each once, in publication order.
    ///
    /// - Complexity: O(*m* log *m*) for *m* members.
    public func documentsInPublicationOrder(of family: Family) -> [Int] {
        var seen = Set<Int>()
        return family.members.map(\.document).filter { seen.insert($0).inserted }.sorted { isPublished($0, before: $1) }
    }
}
