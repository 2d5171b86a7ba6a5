import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct LSHIndexTests {
    let parameters = LSHParameters(bands: 4, rows: 2)

    /// The definition, by brute force: in each band, the first earlier entry with the same
    /// key, unless the key is `noKey`; an entry's candidates are those, each once, in band order.
    func expectedCandidates(_ index: LSHIndex) -> [[UInt32]] {
        (0..<index.count).map { entry in
            var result: [UInt32] = []
            for band in (0..<index.parameters.bands).map({ Array(index.keys(ofBand: $0)) }) {
                if band[entry] != LSHIndex.noKey, let first = band[..<entry].firstIndex(of: band[entry]),
                    !result.contains(UInt32(first))
                {
                    result.append(UInt32(first))
                }
            }
            return result
        }
    }

    @Test func firstOccupantIsTheOnlyCandidate() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        for _ in 0..<1000 { index.append(bandKeys: [1, 2, 3, 4]) }
        let candidates = index.candidates()
        #expect(candidates[0].isEmpty)
        #expect((1..<1000).allSatisfy { Array(candidates[$0]) == [0] })
        #expect(candidates.distinctKeys == 4)
    }

    /// Keys spilled to a file a block at a time read back as filed, the last partial block
    /// from memory, and give the same candidates.
    /// (200,000 entries in blocks of 70,000, 1.1 MB each: one block's append crosses a direct
    /// spill file's 1 MiB blocks, each written while the next fills.)
    @Test(arguments: [0, 1, 7, 64, 100, 200_000])
    func spilledKeysReadBackAsFiled(entries: Int) {
        var resident = LSHIndex(parameters: parameters, capacity: 4)
        var spilled = LSHIndex(parameters: parameters, capacity: 4)
        spilled.spillKeys(block: entries > 1000 ? 70_000 : 8)
        var generator = SplitMix64(seed: UInt64(entries))
        for _ in 0..<entries {
            // Few distinct keys per band, so that entries have candidates.
            let keys = (0..<parameters.bands).map { _ in UInt32(generator.next() % 13) }
            #expect(resident.append(bandKeys: keys) == spilled.append(bandKeys: keys))
        }
        #expect(spilled.count == entries)
        for band in 0..<parameters.bands {
            // A Bool, not the arrays: a failure would print 200,000 keys.
            let same = spilled.keys(ofBand: band).elementsEqual(resident.keys(ofBand: band))
            #expect(same, "band \(band)")
        }
        // Spilled keys are read ahead of the threads filing them; resident ones are not.
        let expected = resident.candidates(jobs: 1)
        for jobs in [1, 2, 3] {
            let actual = spilled.candidates(jobs: jobs)
            #expect((0..<entries).allSatisfy { Array(actual[$0]) == Array(expected[$0]) }, "jobs \(jobs)")
            #expect(actual.distinctKeys == expected.distinctKeys)
        }
    }

    @Test func oneSharedBandMakesACandidate() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        index.append(bandKeys: [1, 2, 3, 4])
        index.append(bandKeys: [9, 10, 3, 11])
        index.append(bandKeys: [5, 6, 7, 8])
        let candidates = index.candidates()
        #expect(Array(candidates[1]) == [0])
        #expect(candidates[2].isEmpty)
    }

    /// An entry whose key in a band is `noKey` is filed under nothing there: two such
    /// entries do not meet, and a later entry with a key meets only keyed ones.
    @Test func noKeyFilesNothing() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        index.append(bandKeys: [LSHIndex.noKey, 2, LSHIndex.noKey, 4])
        index.append(bandKeys: [LSHIndex.noKey, 9, LSHIndex.noKey, 10])
        index.append(bandKeys: [1, 9, LSHIndex.noKey, 11])
        index.append(bandKeys: [1, 12, 13, 14])
        let candidates = index.candidates()
        #expect(candidates[1].isEmpty)
        #expect(Array(candidates[2]) == [1])
        #expect(Array(candidates[3]) == [2])
        #expect(candidates.distinctKeys == 9)
    }

    @Test func equalKeysInDifferentBandsDoNotMeet() {
        var index = LSHIndex(parameters: parameters, capacity: 4)
        index.append(bandKeys: [1, 2, 3, 4])
        index.append(bandKeys: [4, 3, 2, 1])
        #expect(index.candidates()[1].isEmpty)
        #expect(index.candidates().distinctKeys == 8)
    }

    /// Random keys from a small alphabet (many collisions, long probe runs) over more
    /// entries than the smallest table holds: the same answer as the definition, for any jobs.
    @Test func candidatesMatchTheDefinitionForAnyJobs() {
        var generator = SeededGenerator(seed: 5)
        for alphabet in [UInt32(3), 50, 4000, UInt32.max] {
            var index = LSHIndex(parameters: parameters, capacity: 16)  // grows eight times
            for _ in 0..<3000 {
                index.append(bandKeys: (0..<4).map { _ in UInt32.random(in: 0...alphabet - 1, using: &generator) &* 2_654_435_761 })
            }
            let expected = expectedCandidates(index)
            for jobs in [1, 2, 3] {
                let candidates = index.candidates(jobs: jobs)
                #expect(candidates.count == index.count)
                #expect((0..<index.count).allSatisfy { Array(candidates[$0]) == expected[$0] }, "alphabet \(alphabet), jobs \(jobs)")
            }
        }
    }

    /// Tens of thousands of entries, many sharing keys: the definition's candidates (here
    /// with a dictionary per band), for any jobs and agreement. Hits this many are gathered
    /// in ranges of entries on several threads, so ranges meet inside runs of hits.
    @Test(arguments: [1, 2, 3])
    func candidatesOfManyEntriesMatchTheDefinition(minimumAgreement: Int) {
        var generator = SeededGenerator(seed: 9)
        let bands = 6
        var index = LSHIndex(parameters: LSHParameters(bands: bands, rows: 1), capacity: 1024)
        for _ in 0..<70_000 {
            // A tenth of the entries copy an earlier one in most bands, so agreement varies.
            let copy = UInt32.random(in: 0..<3_000, using: &generator)
            let copies = UInt32.random(in: 0..<10, using: &generator) == 0
            index.append(
                bandKeys: (0..<bands).map { band in
                    copies && band % 4 != 3 ? copy : UInt32.random(in: 0..<30_000, using: &generator)
                })
        }
        var firstWithKey = [[UInt32: UInt32]](repeating: [:], count: bands)
        let keys = (0..<bands).map { Array(index.keys(ofBand: $0)) }
        let expected = (0..<index.count).map { entry in
            var named: [UInt32] = []
            for band in 0..<bands {
                let key = keys[band][entry]
                if key == LSHIndex.noKey { continue }
                if let first = firstWithKey[band][key] {
                    named.append(first)
                } else {
                    firstWithKey[band][key] = UInt32(entry)
                }
            }
            var result: [UInt32] = []
            for occupant in named where !result.contains(occupant) {
                if named.count(where: { $0 == occupant }) >= minimumAgreement { result.append(occupant) }
            }
            return result
        }
        #expect(expected.contains { $0.count >= 2 } || minimumAgreement > 1)
        #expect(expected.contains { !$0.isEmpty })
        for jobs in [1, 2, 3, 7] {
            let candidates = index.candidates(jobs: jobs, minimumAgreement: minimumAgreement)
            #expect(candidates.count == index.count)
            #expect((0..<index.count).allSatisfy { Array(candidates[$0]) == expected[$0] }, "jobs \(jobs)")
        }
    }

    /// The 4-row band keys come from a C kernel (`refrain_band_keys_4`), the other bandings
    /// from Swift: both must be the formula `bandKeys` documents, written out here.
    @Test(arguments: [LSHParameters(bands: 14, rows: 4), LSHParameters(bands: 70, rows: 4), LSHParameters(bands: 5, rows: 6)])
    func bandKeysAreTheDocumentedFormula(parameters: LSHParameters) {
        var generator = SeededGenerator(seed: 21)
        let c = LSHIndex.bandKeyConstants
        for _ in 0..<200 {
            let sketch = (0..<(parameters.bands * parameters.rows)).map { _ in UInt16.random(in: 0...UInt16.max, using: &generator) }
            var keys: [UInt32] = []
            sketch.withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &keys) }
            let expected = (0..<parameters.bands).map { band -> UInt32 in
                let values = sketch[(band * parameters.rows)..<((band + 1) * parameters.rows)].map(UInt64.init)
                // Values paired into 32-bit words, first value low; words multiplied in pairs.
                var words: [UInt64] = []
                var index = values.startIndex
                while index < values.endIndex {
                    words.append(values[index] | (index + 1 < values.endIndex ? values[index + 1] << 16 : 0))
                    index += 2
                }
                if words.count % 2 == 1 { words.append(0) }
                var sum = c[64 + band % 64]
                for pair in 0..<(words.count / 2) {
                    sum &+= (words[2 * pair] &+ c[(2 * pair) % 64]) &* (words[2 * pair + 1] &+ c[(2 * pair + 1) % 64])
                }
                return UInt32(truncatingIfNeeded: sum >> 32)
            }
            #expect(keys == expected)
        }
    }

    /// Band keys: equal bands give equal keys; different bands (one value changed, two
    /// swapped, or random) almost never collide, on the 4-row path and the general one
    /// (with one, two and three values past the last whole group of four).
    @Test(arguments: [
        LSHParameters(bands: 14, rows: 4), LSHParameters(bands: 9, rows: 3), LSHParameters(bands: 5, rows: 5),
        LSHParameters(bands: 4, rows: 6), LSHParameters(bands: 2, rows: 64),
    ])
    func bandKeysSeparateDifferentBands(parameters: LSHParameters) {
        var generator = SeededGenerator(seed: 9)
        let length = parameters.bands * parameters.rows
        func keys(_ sketch: [UInt16]) -> [UInt32] {
            var keys: [UInt32] = []
            sketch.withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &keys) }
            return keys
        }
        var seen: [UInt32: [UInt16]] = [:]
        var collisions = 0
        for _ in 0..<4000 {
            let sketch = (0..<length).map { _ in UInt16.random(in: 0...UInt16.max, using: &generator) }
            let original = keys(sketch)
            #expect(original.count == parameters.bands && keys(sketch) == original)
            var changed = sketch
            changed[length - 1] &+= 1
            var swapped = sketch
            swapped.swapAt(0, 1)
            #expect(keys(changed).last != original.last)
            #expect(keys(swapped).first != original.first)
            for band in 0..<parameters.bands {
                let values = Array(sketch[(band * parameters.rows)..<((band + 1) * parameters.rows)])
                if let other = seen.updateValue(values, forKey: original[band]), other != values { collisions += 1 }
            }
        }
        // 4,000 × bands random bands among 2³² keys: about 0.1 expected collisions.
        #expect(collisions <= 2)
    }
}

@Suite struct LSHIndexAgreementTests {
    /// With a minimum agreement, an occupant named by fewer bands is no candidate; one named
    /// by enough is, once; and an entry with no earlier key has none.
    @Test func occupantsNamedByTooFewBandsAreDropped() {
        var index = LSHIndex(parameters: LSHParameters(bands: 4, rows: 1), capacity: 4)
        index.append(bandKeys: [1, 2, 3, 4])
        index.append(bandKeys: [5, 6, 7, 8])
        index.append(bandKeys: [1, 6, 7, 9])  // entry 0 once, entry 1 twice
        index.append(bandKeys: [1, 2, 7, 8])  // entry 0 twice, entry 1 twice
        let one = index.candidates()
        #expect(Array(one[2]) == [0, 1])
        for jobs in [1, 2] {
            let two = index.candidates(jobs: jobs, minimumAgreement: 2)
            #expect(Array(two[2]) == [1])
            #expect(Array(two[3]) == [0, 1])
            #expect(two[0].isEmpty && two[1].isEmpty)
        }
        #expect(index.candidates(minimumAgreement: 3)[3].isEmpty)
    }
}
