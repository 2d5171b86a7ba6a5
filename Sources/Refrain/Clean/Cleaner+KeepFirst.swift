extension Cleaner {
    /// Under `--keep-first`, the sentences of later copies that the first document's copy
    /// does not hold, each kept in the first document (in publication order) that has it.
    ///
    /// A family's members are variants: a copy may carry a sentence the first document's
    /// copy lacks (a paragraph that grew a sentence in later stories, or a first copy cut
    /// short), and that sentence, recycled among the later copies, would otherwise be cut
    /// from every one of them. A sentence counts as held when half its word pairs are in the
    /// text kept so far, so an edited sentence (a word or a figure changed) still goes, as
    /// `--keep-first` promises; `--keep-edits` keeps such words.
    ///
    /// Only members whose length differs from every one of the first document's copies are
    /// read: a copy of the same length is the same text or an edit of a few words.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - jobs: Threads to share the families among; the answer does not depend on it.
    /// - Returns: Per document, the sentence spans to keep.
    /// - Complexity: O(the text of the first copies and of the members of other lengths).
    static func sentencesKeptFirst(_ report: ScanReport, documents: [Document], jobs: Int = 1) -> [[ByteRange]] {
        let count = report.documents.count
        var keptSpans = [[ByteRange]](repeating: [], count: count)
        var candidates = [[Family.Member]](repeating: [], count: count)
        for family in report.families {
            guard let keeper = firstDocument(of: family, report: report) else { continue }
            let keptLengths = Set(family.members.lazy.filter { $0.document == keeper }.map(\.span.count))
            for member in family.members {
                if member.document == keeper {
                    keptSpans[keeper].append(member.span)
                } else if !keptLengths.contains(member.span.count) {
                    candidates[member.document].append(member)
                }
            }
        }
        var result = [[ByteRange]](repeating: [], count: count)
        guard candidates.contains(where: { !$0.isEmpty }) else { return result }
        // Texts are read on all jobs; the decisions are made in publication order, so that
        // the first document holding a sentence keeps it whichever family it is a copy in.
        let read = (0..<count).filter { !keptSpans[$0].isEmpty || !candidates[$0].isEmpty }
        let words = parallelMap(read.count, jobs: jobs) { [keptSpans, candidates] offset in
            let document = read[offset]
            let text = documents[document].loadedBytes()
            var held: [UInt64] = []
            for span in keptSpans[document] where span.end <= text.count {
                for sentence in sentences(of: span, in: document, report: report) {
                    held += wordPairs(text, sentence)
                }
            }
            var seen = Set<ByteRange>()
            var sentencesHere: [(sentence: ByteRange, pairs: Set<UInt64>)] = []
            for member in candidates[document] where member.span.end <= text.count {
                for sentence in sentences(of: member.span, in: document, report: report) where seen.insert(sentence).inserted {
                    sentencesHere.append((sentence, wordPairs(text, sentence)))
                }
            }
            return (held: held, sentences: sentencesHere.sorted { $0.sentence < $1.sentence })
        }
        var held = Set<UInt64>()
        for part in words { held.formUnion(part.held) }
        let order = read.indices.filter { !words[$0].sentences.isEmpty }
            .sorted { report.isPublished(read[$0], before: read[$1]) }
        for offset in order {
            for (sentence, pairs) in words[offset].sentences where !pairs.isEmpty {
                let heldPairs = pairs.reduce(0) { $0 + (held.contains($1) ? 1 : 0) }
                if 2 * heldPairs >= pairs.count { continue }
                result[read[offset]].append(sentence)
                held.formUnion(pairs)
            }
        }
        return result
    }

    /// The sentences of a copy's paragraph that lie inside it, or the copy itself when it
    /// is one sentence.
    ///
    /// - Complexity: O(log *p*) for *p* paragraphs, plus the paragraph's sentences.
    static func sentences(of span: ByteRange, in document: Int, report: ScanReport) -> [ByteRange] {
        let paragraphs = report.documents[document].paragraphs
        var low = 0
        var high = paragraphs.count
        while low < high {
            let middle = (low + high) / 2
            if paragraphs[middle].span.end <= span.start { low = middle + 1 } else { high = middle }
        }
        guard low < paragraphs.count, paragraphs[low].span.start <= span.start else { return [span] }
        let inside = paragraphs[low].sentences.filter { $0.start >= span.start && $0.end <= span.end }
        return inside.isEmpty ? [span] : inside
    }

    /// The hashes of a sentence's adjacent word pairs (its one word, when it has one).
    ///
    /// - Complexity: O(*n*) in the sentence's length.
    static func wordPairs(_ text: [UInt8], _ sentence: ByteRange) -> Set<UInt64> {
        var pairs = Set<UInt64>()
        var previous: UInt64? = nil
        text.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer, range: sentence.range) { hash, _, _ in
                if let previous { pairs.insert(previous &* 0x9E37_79B9_7F4A_7C15 ^ hash) }
                previous = hash
            }
        }
        if pairs.isEmpty, let previous { pairs.insert(previous) }
        return pairs
    }
}
