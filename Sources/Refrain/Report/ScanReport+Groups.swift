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
