import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Fingerprints spilled to a temporary file read back the same, kept or not.
@Suite struct SegmentTableSpillTests {
    /// Files generated documents into a table, spilling or not, in chunks smaller than the corpus.
    static func filed(spilling: Bool) -> SegmentTable {
        let configuration = Configuration()
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters)
        let documents = GeneratedCorpus(documents: 400, templates: 6, seed: 11).documents
        var table = SegmentTable(shingle: configuration.shingle)
        if spilling { table.spillFingerprints(chunk: 5000) }
        var index = LSHIndex(parameters: configuration.lshParameters)
        var filer = SegmentFiler(configuration: configuration)
        for (number, document) in documents.enumerated() {
            filer.file(sketcher.sketch(document.bytes), document: number, table: &table, index: &index)
        }
        return table
    }

    @Test(arguments: [0, 1, 3])
    func keptAndUnkeptFingerprintsReadBackAsFiled(pattern: Int) {
        let resident = Self.filed(spilling: false)
        var spilled = Self.filed(spilling: true)
        #expect(spilled.isSpilling && !resident.isSpilling)
        #expect(spilled.shingleCount == resident.fingerprints.count)
        #expect(spilled.shingleCount > 10 * spilled.spillChunk, "the corpus is larger than a chunk: most went to the file")
        // None kept, every other segment, or every third: whatever is asked for reads the same.
        let needed = (0..<spilled.count).map { pattern > 0 && $0 % (pattern + 1) == 0 }
        spilled.keepFingerprints(of: needed)
        #expect(spilled.fingerprints.count <= resident.fingerprints.count)
        if pattern == 0 { #expect(spilled.fingerprints.isEmpty) }
        for segment in 0..<resident.count {
            #expect(Array(spilled.fingerprints(of: segment)) == Array(resident.fingerprints(of: segment)))
        }
    }

    /// A scan large enough to spill keeps whole-line bits, not segmentations, and segments
    /// each document again to label it: the same report, short lines and wrapped text too.
    @Test(arguments: [false, true])
    func scanThatSpillsEqualsScanThatDoesNot(phenomena: Bool) {
        let corpus =
            phenomena
            ? GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: GeneratedCorpus.Phenomenon.allCases)
            : GeneratedCorpus(documents: 300, templates: 8, seed: 5)
        let documents = corpus.documents
        for jobs in [1, 2] {
            var configuration = Configuration()
            configuration.jobs = jobs
            let resident = Pipeline(configuration: configuration)
            var spilling = resident
            spilling.spillAbove = 0
            let expected = resident.scan(documents)
            let actual = spilling.scan(documents)
            #expect(actual.documents == expected.documents)
            #expect(actual.families == expected.families)
            #expect(!expected.families.isEmpty)
            #expect(actual.statistics.shingles == expected.statistics.shingles)
        }
    }
}
