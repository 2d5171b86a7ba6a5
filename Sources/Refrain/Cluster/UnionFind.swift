/// Disjoint sets over `0..<count` with path halving and union by size.
@_spi(Stages) public struct UnionFind: Sendable {
    @usableFromInline var parent: [UInt32]
    @usableFromInline var size: [UInt32]

    /// Creates `count` singleton sets.
    public init(count: Int = 0) {
        parent = (0..<UInt32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
    }

    /// The number of elements.
    public var count: Int { parent.count }

    /// Adds a new singleton set and returns its element.
    @discardableResult
    public mutating func append() -> Int {
        parent.append(UInt32(parent.count))
        size.append(1)
        return parent.count - 1
    }

    /// The representative of `element`'s set.
    ///
    /// - Complexity: Amortized nearly O(1).
    @inlinable
    public mutating func find(_ element: Int) -> Int {
        var x = element
        while Int(parent[x]) != x {
            let grandparent = parent[Int(parent[x])]
            parent[x] = grandparent
            x = Int(grandparent)
        }
        return x
    }

    /// The representative of `element`'s set, without shortening paths: for reading from
    /// several threads once the unions are done.
    ///
    /// - Complexity: O(log *count*): union by size keeps trees that shallow.
    @inlinable
    public func root(of element: Int) -> Int {
        var x = element
        while Int(parent[x]) != x { x = Int(parent[x]) }
        return x
    }

    /// Merges the sets of `a` and `b`.
    ///
    /// - Returns: The representative of the merged set.
    @discardableResult
    public mutating func union(_ a: Int, _ b: Int) -> Int {
        var rootA = find(a)
        var rootB = find(b)
        if rootA == rootB { return rootA }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = UInt32(rootA)
        size[rootA] += size[rootB]
        return rootA
    }
}
