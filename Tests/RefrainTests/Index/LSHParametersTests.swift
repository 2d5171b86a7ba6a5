import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct LSHParametersTests {
    @Test func defaultBandingFindsNearCopiesAtTheThreshold() {
        let parameters = LSHParameters.forThreshold(0.8, permutations: 128)
        #expect(parameters.bands * parameters.rows <= 128)
        #expect(parameters.probability(ofCandidateAt: 0.8) >= 0.95)
        // Containment 0.8 between equal-size sets is Jaccard 0.8 / 1.2.
        #expect(parameters.probability(ofCandidateAt: 0.8 / 1.2) >= 0.95)
    }

    /// The S-curve: monotone, near 0 for unrelated text, near 1 above the threshold.
    @Test func sCurve() {
        let parameters = LSHParameters.forThreshold(0.8, permutations: 128)
        let curve = stride(from: 0.0, through: 1.0, by: 0.05).map { parameters.probability(ofCandidateAt: $0) }
        for (lower, upper) in zip(curve, curve.dropFirst()) { #expect(lower <= upper) }
        #expect(parameters.probability(ofCandidateAt: 0.1) < 0.01)
        #expect(parameters.probability(ofCandidateAt: 0.2) < 0.05)
        #expect(parameters.probability(ofCandidateAt: 0.9) > 0.9999)
        #expect(curve.first == 0 && curve.last == 1)
    }

    @Test func fewestBandsThatKeepRecallAndRejectUnrelatedPairs() {
        for threshold in [0.6, 0.7, 0.8, 0.9, 0.95] {
            for permutations in [64, 128, 256] {
                let chosen = LSHParameters.forThreshold(threshold, permutations: permutations)
                let design = LSHParameters.designPoint(forThreshold: threshold)
                #expect(chosen.bands * chosen.rows <= permutations)
                #expect(chosen.probability(ofCandidateAt: design) >= 0.95)
                let meetsBoth = { (p: LSHParameters) in
                    p.probability(ofCandidateAt: design) >= 0.95 && p.probability(ofCandidateAt: 0.2) <= 0.05
                }
                let feasible = (1...permutations).contains { bands in
                    (1...(permutations / bands)).contains { meetsBoth(LSHParameters(bands: bands, rows: $0)) }
                }
                guard feasible else {
                    // No banding rejects unrelated pairs here: the sharpest one that keeps recall.
                    let sharper = LSHParameters(bands: permutations / (chosen.rows + 1), rows: chosen.rows + 1)
                    #expect(sharper.probability(ofCandidateAt: design) < 0.95)
                    continue
                }
                #expect(chosen.probability(ofCandidateAt: 0.2) <= 0.05)
                // No banding with fewer bands meets both.
                for bands in 1..<chosen.bands {
                    for rows in 1...(permutations / bands) {
                        let other = LSHParameters(bands: bands, rows: rows)
                        #expect(!(other.probability(ofCandidateAt: design) >= 0.95 && other.probability(ofCandidateAt: 0.2) <= 0.05))
                    }
                }
            }
        }
    }

    @Test func lowThresholdsStillReachTheRecallTarget() {
        for threshold in [0.3, 0.4, 0.5] {
            let chosen = LSHParameters.forThreshold(threshold, permutations: 128)
            #expect(chosen.probability(ofCandidateAt: LSHParameters.designPoint(forThreshold: threshold)) >= 0.95)
        }
    }

    /// The S-curve holds for real sketches: pairs at a known Jaccard become candidates as often as predicted.
    @Test func measuredCandidateRateFollowsTheCurve() {
        let parameters = LSHParameters.forThreshold(0.8, permutations: 128)
        let minHash = MinHash(permutations: 128)
        var random = SeededGenerator(seed: 7)
        for target in [0.3, 0.5, 0.7, 0.9] {
            var hits = 0
            let trials = 200
            for trial in 0..<trials {
                // Two sets of 100 with `shared` in common: Jaccard shared / (200 - shared).
                let shared = Int((200 * target / (1 + target)).rounded())
                let base = UInt32(trial) << 20 ^ UInt32.random(in: 0...0xFFFF, using: &random)
                let common = (0..<UInt32(shared)).map { base &+ $0 }
                let a = common + (0..<UInt32(100 - shared)).map { base &+ 1000 &+ $0 }
                let b = common + (0..<UInt32(100 - shared)).map { base &+ 5000 &+ $0 }
                var keysA: [UInt32] = []
                var keysB: [UInt32] = []
                minHash.sketch(a).withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &keysA) }
                minHash.sketch(b).withUnsafeBufferPointer { LSHIndex.bandKeys(of: $0, parameters: parameters, into: &keysB) }
                if zip(keysA, keysB).contains(where: ==) { hits += 1 }
            }
            let exactJaccard =
                Double(Int((200 * target / (1 + target)).rounded())) / Double(200 - Int((200 * target / (1 + target)).rounded()))
            let expected = parameters.probability(ofCandidateAt: exactJaccard)
            #expect(abs(Double(hits) / Double(trials) - expected) < 0.12, "J=\(exactJaccard): \(hits)/\(trials) vs \(expected)")
        }
    }
}
