import Testing

@testable import Refrain

@Suite struct LSHIndexTests {
    let parameters = LSHParameters(bands: 4, rows: 2)

    @Test func firstOccupantIsTheOnlyCandidate() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        let keys: ArraySlice<UInt32> = [1, 2, 3, 4]
        var candidates: [UInt32] = []
        index.queryAndInsert(bandKeys: keys, id: 0, candidates: &candidates)
        #expect(candidates.isEmpty)
        for id in 1..<1000 {
            candidates.removeAll()
            index.queryAndInsert(bandKeys: keys, id: UInt32(id), candidates: &candidates)
            #expect(candidates == [0])
        }
        #expect(index.occupiedBuckets == 4)
    }

    @Test func aCopiedIndexIsIndependent() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        var candidates: [UInt32] = []
        index.queryAndInsert(bandKeys: [1, 2, 3, 4], id: 0, candidates: &candidates)
        var copy = index
        copy.queryAndInsert(bandKeys: [5, 6, 7, 8], id: 1, candidates: &candidates)
        index.queryAndInsert(bandKeys: [5, 6, 7, 9], id: 2, candidates: &candidates)
        #expect(candidates.isEmpty, "the copy's entry must not be in the original")
        copy.queryAndInsert(bandKeys: [1, 6, 0, 0], id: 3, candidates: &candidates)
        #expect(candidates == [0, 1])
    }

    @Test func idZeroAndLargeIdsRoundTrip() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        var candidates: [UInt32] = []
        index.queryAndInsert(bandKeys: [0, 0, 0, 0], id: 0, candidates: &candidates)
        index.queryAndInsert(bandKeys: [1, 2, 3, 4], id: UInt32.max - 1, candidates: &candidates)
        index.queryAndInsert(bandKeys: [0, 2, 9, 9], id: 5, candidates: &candidates)
        #expect(candidates == [0, UInt32.max - 1])
    }

    @Test func oneSharedBandMakesACandidate() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        var candidates: [UInt32] = []
        index.queryAndInsert(bandKeys: [1, 2, 3, 4], id: 7, candidates: &candidates)
        index.queryAndInsert(bandKeys: [9, 10, 3, 11], id: 8, candidates: &candidates)
        #expect(candidates == [7])
        candidates.removeAll()
        index.queryAndInsert(bandKeys: [5, 6, 7, 8], id: 9, candidates: &candidates)
        #expect(candidates.isEmpty)
    }

    @Test func growsWithoutLosingEntries() {
        var index = LSHIndex(parameters: parameters, capacity: 1)
        var candidates: [UInt32] = []
        for id in 0..<5000 {
            let key = UInt32(id) &* 2_654_435_761
            index.queryAndInsert(bandKeys: [key, key &+ 1, key &+ 2, key &+ 3], id: UInt32(id), candidates: &candidates)
        }
        #expect(candidates.isEmpty)
        for id in stride(from: 0, to: 5000, by: 97) {
            let key = UInt32(id) &* 2_654_435_761
            candidates.removeAll()
            index.queryAndInsert(bandKeys: [key, 0, 0, 0], id: 99999, candidates: &candidates)
            #expect(candidates.first == UInt32(id))
        }
    }
}
