/// The shared-runs step of the match stage as records: the runs of words of verified
/// segments, which the job looks up across documents (`Matcher.sharedRuns`).
@_spi(Stages) public enum RunsStage {
    /// Writes the runs of `Matcher.sharedRunWords` words of every segment named.
    ///
    /// Reads blocks of an `R ⇥ document ⇥ position,position,…` line (the segments to file:
    /// verified, the first of their text, a sentence only when its paragraph was not
    /// verified) and the document's `T` line. Writes `K ⇥ key ⇥ run,run,…` per segment: each
    /// run a signed 64-bit decimal (its first and last shingle, as `SharedRunTable` files it),
    /// in token order, so a run's place in the list is its first token.
    ///
    /// - Throws: `StageRecordError` for a malformed block.
    /// - Complexity: O(*shingles*) of the segments named.
    public static func run(configuration: Configuration, input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        func malformed(_ line: [UInt8], _ number: Int) -> StageRecordError {
            .malformed(stage: "runs", line: String(decoding: line, as: UTF8.self), number: number)
        }
        let length = max(Matcher.sharedRunWords, configuration.shingle)
        let gap = length - configuration.shingle  // from a run's first shingle to its last
        while let header = input.next() {
            if header.isEmpty { continue }
            let headerNumber = input.lineNumber
            let fields = header.fields()
            guard fields.count == 3, fields[0].elementsEqual("R".utf8), let document = fields[1].integer,
                let positions = fields[2].integers.map(Set.init), let tableLine = input.next()
            else { throw malformed(header, headerNumber) }
            guard let table = DocumentTable(tableLine.fields()), table.fits(shingle: configuration.shingle) else {
                throw malformed(tableLine, input.lineNumber)
            }
            // Every position named is a segment of the document.
            let present = Set(table.paragraphs.lazy.flatMap { $0.segments.lazy.map(\.position) })
            guard table.document == document, positions.isSubset(of: present) else { throw malformed(header, headerNumber) }
            for chunk in table.paragraphs {
                for segment in chunk.segments where positions.contains(segment.position) {
                    let shingles = segment.tokens.count - configuration.shingle + 1
                    guard shingles > gap, segment.shingleStart + shingles <= chunk.fingerprints.count else { continue }
                    var line = "K\t\(StageRecords.key(document: document, position: segment.position))\t"
                    for offset in 0..<(shingles - gap) {
                        let first = chunk.fingerprints[segment.shingleStart + offset]
                        let last = chunk.fingerprints[segment.shingleStart + offset + gap]
                        // A key of 0 is filed as 1 (`SharedRunTable.insert`).
                        let key = max(UInt64(first) << 32 | UInt64(last), 1)
                        if offset > 0 { line += "," }
                        line += String(Int64(bitPattern: key))
                    }
                    output.write(line + "\n")
                }
            }
        }
    }
}
