extension PipelineRun {
    /// Brings back from the spill file the fingerprints the match stage will read, once the
    /// candidates are known: those of segments with candidates, of the candidates, and of
    /// the paragraphs a verified sentence pair extends to. Does nothing when not spilling.
    ///
    /// Most segments have no candidate and are no one's: their fingerprints, most of the
    /// table's memory, stay in the file. The marks mirror what `Matcher` reads; a segment
    /// it reads that is not marked is still read correctly, from the file.
    ///
    /// - Complexity: O(*segments* + *candidates*), plus the reads.
    func keepFingerprints(_ indexed: inout IndexedCorpus, candidates: LSHCandidates, shortCandidates: LSHCandidates) {
        guard indexed.table.isSpilling else { return }
        var needed = Self.segmentsVerified(table: indexed.table, entrySegment: indexed.entrySegment, candidates: candidates)
        // Short pairs that word alignment does not settle are verified by shingles too.
        let shortSegment = indexed.short.entrySegment
        for entry in 0..<shortCandidates.count {
            let found = shortCandidates[entry]
            guard !found.isEmpty else { continue }
            needed[Int(shortSegment[entry])] = true
            for occupant in found { needed[Int(shortSegment[Int(occupant)])] = true }
        }
        indexed.table.keepFingerprints(of: consume needed)
    }

    /// Flags the segments whose fingerprints verification reads (a superset).
    ///
    /// - Returns: One flag per segment.
    static func segmentsVerified(table: SegmentTable, entrySegment: [UInt32], candidates: LSHCandidates) -> [Bool] {
        var needed = [Bool](repeating: false, count: table.count)
        var marked: (document: UInt32, paragraph: UInt32) = (.max, .max)
        var paragraphSegmentFound: [UInt64: Int] = [:]
        for entry in 0..<candidates.count {
            let found = candidates[entry]
            guard !found.isEmpty else { continue }
            let id = Int(entrySegment[entry])
            needed[id] = true
            var extends = false
            for occupant in found {
                let candidate = Int(entrySegment[Int(occupant)])
                needed[candidate] = true
                guard !table.isParagraph[id] || !table.isParagraph[candidate] else { continue }
                extends = true
                // The paragraph a verified sentence pair extends to on the candidate's side:
                // the first paragraph segment from the candidate on.
                let other = table.paragraphSegment(of: candidate, found: &paragraphSegmentFound)
                if other < table.count { needed[other] = true }
            }
            // And on this side: the paragraph segment of the segment's own paragraph, among
            // the paragraph's segments, which lie together. Once per paragraph: entries come
            // in segment order, and one document may be the whole corpus.
            if extends, marked != (table.document[id], table.paragraph[id]) {
                marked = (table.document[id], table.paragraph[id])
                func isSameParagraph(_ segment: Int) -> Bool {
                    table.document[segment] == marked.document && table.paragraph[segment] == marked.paragraph
                }
                var segment = id
                while segment > 0, isSameParagraph(segment - 1) { segment -= 1 }
                while segment < table.count, isSameParagraph(segment) {
                    if table.isParagraph[segment] { needed[segment] = true }
                    segment += 1
                }
            }
        }
        return needed
    }
}
