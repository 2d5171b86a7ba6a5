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

    /// Runs of fingerprints read back from the spill file, close ones in one read, far
    /// ones and long ones alone, come back as written, one after another.
    @Test(arguments: [(8192, 1 << 18), (0, 1), (1 << 20, 1 << 20), (50, 600)])
    func runsReadTogetherOrAloneReadAsWritten(largestGap: Int, largestSpan: Int) {
        let written = (0..<400_000).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        let spill = SpillFile()
        written.withUnsafeBytes { spill.append($0) }
        var generator = SplitMix64(seed: 3)
        var reads: [Range<Int>] = []
        var position = 0
        while true {
            let gap = [0, 1, 40, 9000, 30_000][Int(generator.next() % 5)]
            let length = [1, 3, 500, 5000, 300_000][Int(generator.next() % 5)]
            guard position + gap + length <= written.count else { break }
            reads.append((position + gap)..<(position + gap + length))
            position += gap + length
        }
        #expect(reads.count > 10)
        let expected = reads.flatMap { written[$0] }
        let read = [UInt32](unsafeUninitializedCapacity: expected.count) { buffer, initialized in
            spill.read(
                runs: reads, of: MemoryLayout<UInt32>.stride, into: UnsafeMutableRawBufferPointer(buffer), largestGap: largestGap,
                largestSpan: largestSpan)
            initialized = expected.count
        }
        // A Bool, not the arrays: a failure would print hundreds of thousands of values.
        #expect(read == expected)
    }

    /// A scan large enough to spill keeps whole-line bits, and its segmentations in a
    /// temporary file for the label stage: the same report, short lines and wrapped text too.
    @Test(arguments: [false, true])
    func scanThatSpillsEqualsScanThatDoesNot(phenomena: Bool) {
        let corpus =
            phenomena
            ? GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: GeneratedCorpus.Phenomenon.allCases)
            : GeneratedCorpus(documents: 300, templates: 8, seed: 5)
        let documents = corpus.documents
        // Three jobs: pieces sketched in windows of three, two helpers on each.
        for jobs in [1, 2, 3] {
            let expected = Self.expectSpillingScanEqual(documents, jobs: jobs)
            #expect(!expected.families.isEmpty)
        }
    }

    /// Scans `documents` resident and spilling, expects the same report, and returns it.
    @discardableResult
    static func expectSpillingScanEqual(_ documents: [Document], jobs: Int = 1) -> ScanReport {
        var configuration = Configuration()
        configuration.jobs = jobs
        let resident = Pipeline(configuration: configuration)
        var spilling = resident
        spilling.spillAbove = 0
        let expected = resident.scan(documents)
        let actual = spilling.scan(documents)
        #expect(actual.documents == expected.documents)
        #expect(actual.families == expected.families)
        #expect(actual.statistics.shingles == expected.statistics.shingles)
        // Every document of more than a paragraph or two sketched and filed in pieces, and
        // labelled in ranges of paragraphs on all jobs; resident too.
        var residentInPieces = resident
        residentInPieces.pieceBytes = 300
        let residentPieced = residentInPieces.scan(documents)
        #expect(residentPieced.documents == expected.documents)
        #expect(residentPieced.families == expected.families)
        var inPieces = spilling
        inPieces.pieceBytes = 300
        let pieced = inPieces.scan(documents)
        #expect(pieced.documents == expected.documents)
        #expect(pieced.families == expected.families)
        #expect(pieced.statistics.shingles == expected.statistics.shingles)
        return expected
    }

    /// A segment's paragraph segment, remembered by paragraph, is the one a walk finds,
    /// whatever order segments are asked about in.
    @Test func paragraphSegmentIsTheWalksAnswer() {
        let table = Self.filed(spilling: false)
        var found: [UInt64: Int] = [:]
        var generator = SplitMix64(seed: 9)
        var checked = 0
        for _ in 0..<(2 * table.count) {
            let segment = Int(generator.next() % UInt64(table.count))
            var walked = segment
            while walked < table.count, !table.isParagraph[walked] { walked += 1 }
            #expect(table.paragraphSegment(of: segment, found: &found) == walked)
            if walked < table.count {
                #expect(table.paragraph[walked] == table.paragraph[segment] && table.document[walked] == table.document[segment])
            }
            checked += 1
        }
        #expect(checked > 1000 && found.count > 100)
    }

    /// One document that holds a whole corpus (articles joined into one file) spills and
    /// keeps its fingerprints as many documents do: the marks and the kept runs are found
    /// per paragraph and by search, not by a walk of the document per candidate, which
    /// took 111 s on a 200 MB file.
    @Test func oneDocumentHoldingACorpusSpillsAsManyDo() {
        let articles = GeneratedCorpus(documents: 300, templates: 8, seed: 5).documents
        let joined = articles.flatMap { $0.bytes + Array("\n\n".utf8) }
        let documents = [Document(id: "all", bytes: joined), articles[0]]
        let expected = Self.expectSpillingScanEqual(documents)
        #expect(expected.families.count > 5)
    }
}
