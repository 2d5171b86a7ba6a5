extension RandomAccessCollection where Element: Comparable {
    /// The first index whose element is not less than `value`, or `endIndex`.
    ///
    /// - Parameter value: The value to look for.
    /// - Returns: Where `value` is, or would be inserted to keep the collection sorted.
    /// - Complexity: O(log *n*); the collection must be sorted in ascending order.
    func lowerBound(of value: Element) -> Index {
        partitioningIndex { !($0 < value) }
    }
}

extension RandomAccessCollection {
    /// The first index whose element satisfies `belongsInSecondPartition`, or `endIndex`.
    ///
    /// - Parameter belongsInSecondPartition: A predicate false for a prefix of the
    ///   collection and true for the rest.
    /// - Returns: Where the elements that satisfy it start.
    /// - Complexity: O(log *n*) calls of the predicate.
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongsInSecondPartition(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
