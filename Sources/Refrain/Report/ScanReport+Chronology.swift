extension ScanReport {
    /// Whether document `a` comes before document `b` in publication order: the earlier
    /// `date` first (as instants, `PublicationDate`), dated documents before undated ones
    /// and those whose date is not one, and input order on ties, as `clean --keep-first`
    /// decides.
    ///
    /// - Parameters:
    ///   - a: A document's index.
    ///   - b: Another document's index.
    /// - Complexity: O(1).
    public func isPublished(_ a: Int, before b: Int) -> Bool {
        // Read in place: an array's subscript hands out a copy of the report, retaining
        // every field of it, and this is asked for every copy of every family.
        documents.withUnsafeBufferPointer { Self.isPublished(a, $0[a].published, before: b, $0[b].published) }
    }

    /// Publication order of two documents given their indexes and dates.
    static func isPublished(_ a: Int, _ x: PublicationDate?, before b: Int, _ y: PublicationDate?) -> Bool {
        switch (x, y) {
        case (let x?, let y?) where x != y: x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a < b
        }
    }

    /// The first and last dates of some documents, in publication order, as written; `nil`
    /// when none has a date that is one.
    ///
    /// - Complexity: O(*n*) for *n* documents.
    public func dateRange(of indexes: some Sequence<Int>) -> (first: String, last: String)? {
        var first: Int?
        var last: Int?
        for index in indexes where documents[index].published != nil {
            if first.map({ isPublished(index, before: $0) }) ?? true { first = index }
            if last.map({ isPublished($0, before: index) }) ?? true { last = index }
        }
        guard let first, let last, let a = documents[first].date, let b = documents[last].date else { return nil }
        return (a, b)
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
