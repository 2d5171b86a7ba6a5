import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ShinglerTests {
    func fingerprints(_ text: String, k: Int = 5) -> [UInt32] {
        let hashes = Tokenizer.tokens(in: Array(text.utf8)).map(\.hash)
        var result: [UInt32] = []
        hashes.withUnsafeBufferPointer { Shingler.appendFingerprints(of: $0, k: k, to: &result) }
        return result
    }

    @Test func oneShinglePerWindow() {
        #expect(fingerprints("one two three four five six seven").count == 3)
        #expect(fingerprints("one two three four").isEmpty)
        #expect(fingerprints("one two three four five").count == 1)
    }

    @Test func shinglesDependOnWordOrder() {
        #expect(fingerprints("a b c d e") != fingerprints("e d c b a"))
        #expect(Set(fingerprints("a b c d e f g h")).count == 4)
    }

    @Test func aChangedWordChangesExactlyTheShinglesThatHoldIt() {
        let original = fingerprints("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12")
        let edited = fingerprints("w1 w2 w3 w4 w5 CHANGED w7 w8 w9 w10 w11 w12")
        let shared = Set(original).intersection(edited)
        #expect(original.count == 8)
        #expect(shared.count == 3)  // windows starting at w1 and w7, w8
    }

    @Test func exactHashSeesTheNormalizedText() {
        func exact(_ text: String) -> UInt64 {
            Tokenizer.tokens(in: Array(text.utf8)).map(\.hash).withUnsafeBufferPointer { Shingler.exactHash($0) }
        }
        #expect(exact("Trend:") == exact("TREND"))
        #expect(exact("Follow us on Twitter @AzerNewsAz") == exact("follow us on twitter azernewsaz"))
        #expect(exact("a b") != exact("b a"))
        #expect(exact("a") != exact("a a"))
    }

    /// Fingerprints have no finalizer: distinct shingles of real words, from a small
    /// vocabulary so that they share most tokens, must still collide no more often than
    /// random 32-bit values would (about n² / 2³³).
    @Test func distinctShinglesCollideLikeRandomValues() {
        let vocabulary = Tokenizer.tokens(in: Array("the a of to in and Baku said on for is by with army front".utf8)).map(\.hash)
        var generator = SeededGenerator(seed: 5)
        let tokens = (0..<150_000).map { _ in vocabulary.randomElement(using: &generator)! }
        var fingerprints: [UInt32] = []
        tokens.withUnsafeBufferPointer { Shingler.appendFingerprints(of: $0, k: 5, to: &fingerprints) }
        var byShingle: [[UInt64]: UInt32] = [:]
        for start in 0..<fingerprints.count { byShingle[Array(tokens[start..<(start + 5)])] = fingerprints[start] }
        let distinct = byShingle.count
        let collisions = distinct - Set(byShingle.values).count
        let expected = Double(distinct) * Double(distinct) / 0x2_0000_0000
        #expect(distinct > 100_000)
        #expect(Double(collisions) <= 4 * expected + 4, "\(collisions) collisions among \(distinct), \(expected) expected")
    }

    /// Exact hashes from prefix polynomials equal those of the tokens themselves, for every
    /// range (the sketcher hashes sentences and paragraphs this way).
    @Test func exactHashFromPrefixesMatchesTheTokens() {
        var generator = SeededGenerator(seed: 3)
        let tokens = (0..<60).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        var prefixes = [UInt64](repeating: 0, count: tokens.count + 1)
        tokens.withUnsafeBufferPointer { all in
            prefixes.withUnsafeMutableBufferPointer { Shingler.prefixPolynomials(of: all, into: $0.baseAddress!) }
            for start in 0...tokens.count {
                for end in start...tokens.count {
                    let direct = Shingler.exactHash(UnsafeBufferPointer(rebasing: all[start..<end]))
                    let fromPrefixes = Shingler.exactHash(
                        prefixes: prefixes, range: start..<end, power: Shingler.power(end - start))
                    #expect(direct == fromPrefixes, "tokens \(start)..<\(end)")
                }
            }
        }
    }

    /// The prefix computation gives every window the fingerprint of its definition.
    @Test(arguments: [1, 2, 5, 9])
    func rollingFingerprintsMatchTheDefinition(k: Int) {
        var generator = SeededGenerator(seed: UInt64(k))
        let tokens = (0..<200).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        var rolled: [UInt32] = []
        tokens.withUnsafeBufferPointer { Shingler.appendFingerprints(of: $0, k: k, to: &rolled) }
        let defined = tokens.withUnsafeBufferPointer { all in
            (0...(all.count - k)).map { Shingler.fingerprint(all, at: $0, k: k) }
        }
        #expect(rolled == defined)
        #expect(Set(rolled).count == rolled.count)
    }
}
