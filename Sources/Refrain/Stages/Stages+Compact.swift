/// The cluster stage's merging of coverage runs, as records: one segment's runs at a time.
@_spi(Stages) public enum CompactStage {
    /// Merges each segment's coverage runs as the cluster stage does.
    ///
    /// Reads `segment ⇥ runs`, the runs `start,end,partner,counts` separated by `;` in the order
    /// one machine finds them (`counts` is 1 when the run's anchor's family spans enough
    /// documents); writes `segment ⇥ runs` merged, in the same form.
    ///
    /// - Throws: `StageRecordError` for a malformed line.
    /// - Complexity: O(*n* log *n*) in a segment's runs.
    public static func run(input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        while let line = input.next() {
            if line.isEmpty { continue }
            let fields = line.fields()
            guard fields.count == 2, let key = fields[0].integer, StageRecords.isKey(key), let runs = CoverageRuns(fields[1]) else {
                throw .malformed(stage: "compact", line: String(decoding: line, as: UTF8.self), number: input.lineNumber)
            }
            output.write("\(key)\t\(compact(runs, document: StageRecords.document(ofKey: key)).text)\n")
        }
    }

    /// One segment's runs merged by `Clusters.compact`.
    static func compact(_ runs: CoverageRuns, document: Int) -> CoverageRuns {
        // The anchor stands for whether its family counts: 1 counts, 0 does not.
        let coverage = runs.runs.map {
            Coverage(
                segment: 0, start: UInt32($0.start), end: UInt32($0.end), partnerDocument: UInt32($0.partner),
                anchor: $0.counts ? 1 : 0)
        }
        let merged = Clusters.compact(coverage, documentOf: { _ in UInt32(document) }, countsAsRecycled: { $0 == 1 })
        return CoverageRuns(runs: merged.map { (Int($0.start), Int($0.end), Int($0.partnerDocument), $0.anchor == 1) })
    }
}

/// A segment's coverage runs in a record: `start,end,partner,counts` separated by `;`.
struct CoverageRuns {
    var runs: [(start: Int, end: Int, partner: Int, counts: Bool)]

    init(runs: [(start: Int, end: Int, partner: Int, counts: Bool)]) { self.runs = runs }

    init?(_ field: ArraySlice<UInt8>) {
        runs = []
        if field.elementsEqual("-".utf8) { return }
        // Token offsets and partner documents are 32-bit in the cluster stage (`Coverage`).
        let limit = Int(UInt32.max)
        for item in field.fields(UInt8(ascii: ";")) {
            let parts = item.fields(UInt8(ascii: ","))
            guard parts.count == 4, let start = parts[0].integer, let end = parts[1].integer, let partner = parts[2].integer,
                let counts = parts[3].flag, start <= end, end <= limit, partner <= limit
            else { return nil }
            runs.append((start, end, partner, counts))
        }
    }

    var text: String {
        runs.isEmpty ? "-" : runs.map { "\($0.start),\($0.end),\($0.partner),\($0.counts ? 1 : 0)" }.joined(separator: ";")
    }
}
