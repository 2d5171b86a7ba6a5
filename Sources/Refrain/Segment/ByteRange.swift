/// A half-open range of UTF-8 byte offsets `[start, end)` into a document's original bytes.
public struct ByteRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The offset of the first byte.
    public var start: Int
    /// The offset one past the last byte.
    public var end: Int

    /// Creates a span; `start` must not exceed `end`.
    @inlinable
    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "span start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    /// The number of bytes the span covers.
    @inlinable public var count: Int { end - start }
    /// Whether the span covers no bytes.
    @inlinable public var isEmpty: Bool { start == end }
    /// The span as a `Range`.
    @inlinable public var range: Range<Int> { start..<end }

    @inlinable
    public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "[\(start), \(end))" }
}

extension Array where Element == ByteRange {
    /// Sorts spans and merges those that overlap or touch.
    ///
    /// - Returns: Sorted, disjoint, non-touching spans covering the same bytes.
    /// - Complexity: O(*n* log *n*).
    @_spi(Stages) public func mergedSpans() -> [ByteRange] {
        var result: [ByteRange] = []
        result.reserveCapacity(count)
        for span in sorted() where !span.isEmpty {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = Swift.max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }
}
