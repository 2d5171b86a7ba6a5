import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ExactIndexTests {
    @Test func firstSegmentPerKeyIsKeptThroughGrowth() {
        var index = ExactIndex(capacity: 1)
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<3000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) } + [0, UInt64.max]
        for (id, key) in keys.enumerated() { #expect(index.firstOrInsert(key, id: UInt32(id)) == nil) }
        #expect(index.count == keys.count)
        for (id, key) in keys.enumerated() {
            #expect(index.firstOrInsert(key, id: 999_999) == UInt32(id))
        }
        #expect(index.count == keys.count)
    }

    @Test func keysSharingAHomeSlotStayApart() {
        var index = ExactIndex(capacity: 4)
        // Same high 32 bits: the same home slot, different keys.
        let keys: [UInt64] = (0..<10).map { 0xABCD_0123_0000_0000 | UInt64($0) }
        for (id, key) in keys.enumerated() { #expect(index.firstOrInsert(key, id: UInt32(id)) == nil) }
        for (id, key) in keys.enumerated() { #expect(index.firstOrInsert(key, id: 77) == UInt32(id)) }
    }
}
