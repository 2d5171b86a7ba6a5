extension Matcher {
    /// Verifies a short segment against its word-pair candidates by aligning their words,
    /// logging each pair whose words align at the threshold as recycled whole.
    ///
    /// An edited sentence is a copy of its template even where words differ: both are
    /// covered from first word to last (the differences show in `diff`), and, as for a
    /// sentence verified by shingles, the paragraphs around a sentence pair are extended.
    ///
    /// - Parameters:
    ///   - id: The segment, the short index's entry `entry`.
    ///   - candidates: The entry's candidate entries.
    ///   - firstSegment: The first segment of the segment's document.
    /// - Complexity: O(*candidates* × *words*²) comparisons, *words* < 32.
    mutating func verifyShort(
        _ id: Int, entry: Int, candidates: ArraySlice<UInt32>, short: LSHShortIndex, firstSegment: Int, document: Int,
        table: SegmentTable, log: inout MatchLog
    ) {
        guard !candidates.isEmpty else { return }
        log.candidates += candidates.count
        let paragraph = Int(table.paragraph[id])
        let words = short.words(ofEntry: entry)
        for candidateEntry in candidates {
            let candidate = Int(short.entrySegment[Int(candidateEntry)])
            // A sentence and its own paragraph always overlap: not a recurrence.
            if candidate >= firstSegment, table.paragraph[candidate] == UInt32(paragraph) { continue }
            let similarity = WordAlignment.similarity(words, short.words(ofEntry: Int(candidateEntry)))
            guard similarity >= configuration.threshold else { continue }
            log.unions.append(Self.pair(id, candidate))
            log.verified += 1
            let candidateDocument = Int(table.document[candidate])
            log.coverage.append(
                Coverage(
                    segment: UInt32(id), start: 0, end: UInt32(table.tokenCount[id]), partnerDocument: UInt32(candidateDocument),
                    anchor: UInt32(id)))
            log.coverage.append(
                Coverage(
                    segment: UInt32(candidate), start: 0, end: UInt32(table.tokenCount[candidate]),
                    partnerDocument: UInt32(document), anchor: UInt32(candidate)))
            if candidateDocument != document {
                log.similarities.append((UInt32(id), Float(similarity)))
                log.similarities.append((UInt32(candidate), Float(similarity)))
            }
            if !table.isParagraph[id] || !table.isParagraph[candidate] {
                extend(id, paragraph: paragraph, candidate: candidate, document: document, table: table, log: &log)
            }
        }
    }
}
