extension Matcher {
    /// Verifies a short segment against its word-pair candidates: by aligning their words,
    /// and failing that by their shingles, as a shingle band candidate is verified (only
    /// when the smaller one's words align at the threshold, which shingle containment needs).
    ///
    /// An edited sentence is a copy of its template even where words differ: a pair whose
    /// words align at the threshold (both of 10 words or more: below, one edited word is
    /// too much of the text) is covered in its sentences whose words mostly align (the
    /// differences show in `diff`), and, as for a sentence verified by shingles, the
    /// paragraphs around a sentence pair are extended.
    ///
    /// - Parameters:
    ///   - id: The segment, the short index's entry `entry`.
    ///   - candidates: The entry's candidate entries.
    ///   - firstSegment: The first segment of the segment's document.
    /// - Complexity: O(*candidates* × *words*²) comparisons, *words* < 40, and reading their words.
    mutating func verifyShort(
        _ id: Int, entry: Int, candidates: ArraySlice<UInt32>, short: LSHShortIndex, firstSegment: Int, document: Int,
        table: SegmentTable, log: inout MatchLog
    ) {
        guard !candidates.isEmpty else { return }
        log.candidates += candidates.count
        log.shortCandidates += candidates.count
        log.wordReads += 1
        let paragraph = Int(table.paragraph[id])
        if !short.words.copyWords(ofEntry: entry, into: &ownWords) {
            Self.words(of: id, table: table, corpus: corpus, loaded: &ownText, into: &ownWords)
        }
        let ownShingles = table.shingles(of: id)
        var loaded = false
        var ownFingerprints: ArraySlice<UInt32> = []
        for candidateEntry in candidates {
            let candidate = Int(short.entrySegment[Int(candidateEntry)])
            // A sentence and its own paragraph always overlap: not a recurrence.
            if candidate >= firstSegment, table.paragraph[candidate] == UInt32(paragraph) { continue }
            let slot = candidate & (candidateWords.count - 1)
            if candidateWords[slot].segment != candidate {
                if !short.words.copyWords(ofEntry: Int(candidateEntry), into: &candidateWords[slot].words) {
                    Self.words(of: candidate, table: table, corpus: corpus, loaded: &otherText, into: &candidateWords[slot].words)
                }
                log.wordReads += 1
                candidateWords[slot].segment = candidate
            }
            swap(&otherWords, &candidateWords[slot].words)
            defer { swap(&otherWords, &candidateWords[slot].words) }
            let candidateDocument = Int(table.document[candidate])
            let similarity: Double
            var join = Join(union: (id, candidate), ownAnchor: id, otherAnchor: candidate)
            let shorter = min(ownWords.count, otherWords.count)
            let common = WordAlignment.commonWordsInEitherOrder(ownWords[...], otherWords[...])
            let aligned = Double(common) / Double(max(ownWords.count, otherWords.count, 1))
            if shorter >= Self.alignedWords, aligned >= configuration.threshold {
                similarity = aligned
                log.shortAligned += 1
                // A paragraph's sentences whose words mostly align, not its new sentences
                // before, between or after the template ones ("… stock exchange. Sales fell
                // nine percent."); a sentence is covered whole, edited words and all.
                for run in Self.alignedSentences(of: id, words: ownWords, with: otherWords, table: table) {
                    log.coverage.append(
                        Coverage(
                            segment: UInt32(id), start: UInt32(run.lowerBound), end: UInt32(run.upperBound),
                            partnerDocument: UInt32(candidateDocument), anchor: UInt32(id)))
                }
                for run in Self.alignedSentences(of: candidate, words: otherWords, with: ownWords, table: table) {
                    log.coverage.append(
                        Coverage(
                            segment: UInt32(candidate), start: UInt32(run.lowerBound), end: UInt32(run.upperBound),
                            partnerDocument: UInt32(document), anchor: UInt32(candidate)))
                }
            } else {
                // Shingle containment at the threshold puts that share of the smaller
                // segment's words in order in the other: fewer aligned, no need to look.
                if shorter > 0, Double(common) < configuration.threshold * Double(shorter) { continue }
                // Through `fingerprints(of:)`: a large scan keeps only some of them in memory.
                if !loaded {
                    ownFingerprints = table.fingerprints(of: id)
                    verifier.load(ownFingerprints)
                    loaded = true
                }
                guard !ownShingles.isEmpty, !table.shingles(of: candidate).isEmpty else { continue }
                let candidateFingerprints = table.fingerprints(of: candidate)
                guard let verified = verifier.verify(candidateFingerprints, segment: ownFingerprints) else { continue }
                similarity = verified.jaccard
                join = self.join(id, ownFingerprints, candidate, candidateFingerprints, jaccard: verified.jaccard, table: table)
                verifier.appendCoverage(
                    of: ownFingerprints, segment: id, partnerDocument: candidateDocument, anchor: join.ownAnchor, to: &log.coverage)
                verifier.appendCoverage(
                    of: candidateFingerprints, segment: candidate, partnerDocument: document, anchor: join.otherAnchor,
                    to: &log.coverage)
            }
            log.unions.append(Self.pair(join.union.0, join.union.1))
            log.verified += 1
            if candidateDocument != document {
                log.similarities.append((UInt32(id), Float(similarity)))
                log.similarities.append((UInt32(candidate), Float(similarity)))
            }
            if !table.isParagraph[id] || !table.isParagraph[candidate] {
                extend(
                    id, paragraph: paragraph, candidate: candidate, document: document,
                    anchors: (join.ownAnchor, join.otherAnchor), table: table, log: &log)
            }
        }
    }

    /// The runs of a segment's words to cover once they aligned with another segment's: the
    /// whole of a sentence, and of a paragraph the sentences at least half of whose words
    /// align with the other, adjacent ones joined.
    ///
    /// - Parameters:
    ///   - segment: The segment; a paragraph's sentences are the segments just before it.
    ///   - words: Its words, one per token.
    ///   - other: The other segment's words.
    /// - Returns: Ranges of the segment's tokens, in order.
    /// - Complexity: O(*sentences* · *words*²) comparisons, *words* < 64.
    static func alignedSentences(of segment: Int, words: [UInt16], with other: [UInt16], table: SegmentTable) -> [Range<Int>] {
        let whole = 0..<Int(table.tokenCount[segment])
        // A paragraph of one sentence has no sentence segments; one of several has them
        // right before it, in order.
        let sentences = table.sentenceSegments(ofParagraph: segment)
        guard words.count == whole.count else { return [whole] }
        guard !sentences.isEmpty else { return [withoutAddedEnds(whole, words: words, other: other)].filter { !$0.isEmpty } }
        var runs: [Range<Int>] = []
        for sentence in sentences {
            var tokens = table.tokens(of: sentence)
            guard !tokens.isEmpty, tokens.upperBound <= words.count else { continue }
            let own = words[tokens]
            guard 2 * WordAlignment.commonWordsInEitherOrder(own, other[...]) >= own.count else { continue }
            tokens = withoutAddedEnds(tokens, words: words, other: other)
            if let last = runs.last, last.upperBound == tokens.lowerBound {
                runs[runs.count - 1] = last.lowerBound..<tokens.upperBound
            } else if !tokens.isEmpty {
                runs.append(tokens)
            }
        }
        return runs
    }

    /// `tokens` without a run of `Labeler.wordsAddedAtAnEnd` or more words at either end of
    /// which at most a quarter are in the alignment with the other segment, the outermost
    /// kept word's neighbour not among them: new reporting glued on
    /// where a sentence break was not seen ("…by the U.S. The ban was widened in March."),
    /// whose common words ("The", "in") may align with another copy's glued sentence. The
    /// labeler leaves such words out only at a sentence break, so a template's reworded end
    /// still goes with it.
    ///
    /// - Complexity: O(*n*) alignments of parts of the tokens with the other segment.
    static func withoutAddedEnds(_ tokens: Range<Int>, words: [UInt16], other: [UInt16]) -> Range<Int> {
        let least = Labeler.wordsAddedAtAnEnd
        guard tokens.count > least, other.count <= WordAlignment.maximumWords else { return tokens }
        // Aligned words of each prefix, one pass; of each suffix of what is kept, one pass backwards.
        let prefixes = WordAlignment.commonWordsOfPrefixes(other, words[tokens])
        let total = prefixes[tokens.count]
        // The earliest end after which the words are mostly outside the alignment, the first
        // of them too (not a template word the cut would take from it); a quarter aligned at
        // most, since an edited template's last words are half its own.
        var end = tokens.upperBound
        for offset in 1...(tokens.count - least)
        where prefixes[offset + 1] == prefixes[offset] && 4 * (total - prefixes[offset]) <= tokens.count - offset {
            end = tokens.lowerBound + offset
            break
        }
        // The latest start before which the words are mostly outside the alignment, the last
        // of them too.
        var start = tokens.lowerBound
        let keptCount = end - tokens.lowerBound
        if keptCount > least {
            let kept = prefixes[keptCount]
            let suffixes = WordAlignment.commonWordsOfPrefixes(other.reversed(), words[tokens.lowerBound..<end].reversed())
            // suffixes[n]: aligned words of the kept part's last n words.
            for before in stride(from: keptCount - 1, through: least, by: -1)
            where suffixes[keptCount - before + 1] == suffixes[keptCount - before]
                && 4 * (kept - suffixes[keptCount - before]) <= before
            {
                start = tokens.lowerBound + before
                break
            }
        }
        return start..<end
    }

    /// The words both segments of a pair need for their alignment alone to verify it.
    static let alignedWords = 10

    /// A word as alignment compares it: the top 16 bits of its token's hash (two different
    /// words agree by chance once in 65,536 comparisons, too rarely to move an alignment of
    /// a few dozen words).
    @inline(__always)
    static func word(_ hash: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: hash >> 48) }

    /// Reads a segment's words again from its document (`word(_:)` of each token).
    ///
    /// - Parameters:
    ///   - loaded: The last deferred text read again, reused while its document's segments come.
    ///   - words: Receives the words; empty when `corpus` does not have the
    ///   segment's document or the segment has more than `WordAlignment.maximumWords`.
    /// - Complexity: O(*n*) in the segment's bytes.
    static func words(
        of segment: Int, table: SegmentTable, corpus: [Document], loaded: inout LoadedText, into words: inout [UInt16]
    ) {
        words.removeAll(keepingCapacity: true)
        let document = Int(table.document[segment])
        guard document < corpus.count, Int(table.tokenCount[segment]) <= WordAlignment.maximumWords else { return }
        let span = table.span(of: segment)
        // Fields read in place: a document read by subscript is copied, retaining every field.
        let deferred = corpus.withUnsafeBufferPointer { $0[document].deferredText != nil }
        // A large scan's texts are not resident: read again, once per run of segments of one document.
        if deferred, loaded.document != document {
            loaded = LoadedText(document: document, bytes: corpus.withUnsafeBufferPointer { $0[document].loadedBytes() })
        }
        (deferred ? loaded.bytes : corpus.withUnsafeBufferPointer { $0[document].bytes }).withUnsafeBufferPointer { bytes in
            guard span.end <= bytes.count else { return }
            Tokenizer.forEachToken(in: bytes, range: span.range) { hash, _, _ in words.append(word(hash)) }
        }
        if words.count > WordAlignment.maximumWords { words.removeAll(keepingCapacity: true) }
    }
}

/// A deferred document's text, read again for the match stage.
struct LoadedText {
    var document = -1
    var bytes: [UInt8] = []
}
