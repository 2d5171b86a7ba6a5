import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct LowerBoundTests {
    /// Against a linear scan, on sorted arrays with repeats, and values below, between,
    /// equal to and above their elements.
    @Test func matchesTheFirstElementNotLess() {
        var generator = SeededGenerator(seed: 3)
        for count in 0..<40 {
            let sorted = (0..<count).map { _ in Int.random(in: 0..<20, using: &generator) }.sorted()
            for value in -1...21 {
                #expect(sorted.lowerBound(of: value) == (sorted.firstIndex { $0 >= value } ?? sorted.count), "\(sorted) \(value)")
            }
        }
        let slice = [UInt32]([1, 3, 3, 7, 9])[1...]
        #expect(slice.lowerBound(of: 3) == 1)
        #expect(slice.lowerBound(of: 8) == 4)
        #expect(slice.lowerBound(of: 0) == 1)
    }
}
