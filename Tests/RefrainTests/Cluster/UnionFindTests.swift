import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct UnionFindTests {
    @Test func unionsAreTransitive() {
        var sets = UnionFind(count: 6)
        sets.union(0, 1)
        sets.union(2, 3)
        sets.union(1, 3)
        #expect(sets.find(0) == sets.find(2))
        #expect(sets.find(4) != sets.find(0))
        #expect(sets.find(5) == 5)
        #expect(sets.append() == 6)
    }

    @Test func longChainsStayShallow() {
        var sets = UnionFind(count: 100_000)
        for element in 1..<100_000 { sets.union(element - 1, element) }
        let root = sets.find(0)
        #expect((0..<100_000).allSatisfy { sets.find($0) == root })
    }

    @Test func rootOfAgreesWithFind() {
        var sets = UnionFind(count: 2_000)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<1_500 { sets.union(Int(generator.next() % 2_000), Int(generator.next() % 2_000)) }
        let roots = (0..<2_000).map { sets.root(of: $0) }
        #expect(Set(roots).count < 1_000)
        #expect(roots == (0..<2_000).map { sets.find($0) })
    }
}
