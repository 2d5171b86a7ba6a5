import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct XXH3Tests {
    @Test func knownVectors() {
        #expect(XXH3.hash(Array("".utf8)) == 0x2d06_8005_38d3_94c2)
        #expect(XXH3.hash(Array("abc".utf8)) == 0x78af_5f94_892f_3950)
    }

    @Test func seedChangesTheHash() {
        let bytes = Array("abc".utf8)
        #expect(XXH3.hash(bytes, seed: 1) != XXH3.hash(bytes))
    }

    @Test func linksTheSystemLibrary() {
        // libxxhash 0.8.x: 800 + minor.
        #expect(XXH3.libraryVersion >= 800)
    }
}
