import Foundation

/// The report's family ids as records: the stable ids `refrain scan` gives, for families
/// numbered by the job.
@_spi(Stages) public enum IDsStage {
    /// Reads every family's `family ⇥ document ⇥ start ⇥ end ⇥ text` line (its number in the
    /// job, its first copy, its representative text in base64) and writes `family ⇥ id` lines,
    /// in the order read, with the ids of `Family.stableIDs(texts:firstCopies:)`.
    ///
    /// - Throws: `StageRecordError` for a malformed line, or a family given twice.
    /// - Complexity: O(text bytes + *f* log *f*) for *f* families; holds them all, since two
    ///   texts that hash alike are told apart by their order.
    public static func run(input: inout LineReader, output: inout LineWriter) throws(StageRecordError) {
        var families: [Int] = []
        var texts: [String] = []
        var firstCopies: [(document: Int, start: Int, end: Int)] = []
        var seen = Set<Int>()
        while let line = input.next() {
            if line.isEmpty { continue }
            let fields = line.fields()
            guard fields.count == 5, let family = fields[0].integer, seen.insert(family).inserted,
                let document = fields[1].integer, StageRecords.documents.contains(document), let start = fields[2].integer,
                let end = fields[3].integer, start <= end, let text = fields[4].base64Bytes
            else { throw .malformed(stage: "ids", line: String(decoding: line, as: UTF8.self), number: input.lineNumber) }
            families.append(family)
            firstCopies.append((document, start, end))
            texts.append(String(decoding: text, as: UTF8.self))
        }
        let ids = Family.stableIDs(texts: texts, firstCopies: firstCopies)
        for (family, id) in zip(families, ids) { output.write("\(family)\t\(id)\n") }
    }
}
