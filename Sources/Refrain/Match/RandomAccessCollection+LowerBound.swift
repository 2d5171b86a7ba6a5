extension RandomAccessCollection where Element: Comparable {
    /// The first index whose element is not less than `value`, or `endIndex`.
    ///
    /// - Parameter value: The value to look for.
    /// - Returns: Where `value` is, or would be inserted to keep the collection sorted.
    /// - Complexity: O(log *n*); the collection must be sorted in ascending order.
    func lowerBound(of value: Element) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if self[middle] < value {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
