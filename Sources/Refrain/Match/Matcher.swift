/// The match stage: verifies each segment's LSH candidates exactly, for a run of documents.
///
/// Verification reads the segment table and changes nothing: what it finds goes into a
/// `MatchLog` that is applied in corpus order afterwards, so runs of documents are
/// verified on separate threads and the report is the same for any number of jobs.
struct Matcher {
    let configuration: Configuration
    var verifier: PairVerifier
    /// Compares the paragraphs around a verified sentence pair, with no threshold.
    var extender: PairVerifier
    /// Paragraph pairs of the current document already extended.
    var extended = Set<UInt64>()
    /// The current document's paragraph segments, by paragraph index (-1 for none).
    var paragraphSegment: [Int] = []
    /// Candidates' paragraph segments found so far, by document and paragraph.
    var paragraphSegmentFound: [UInt64: Int] = [:]
    /// The documents, whose words short segments are aligned by.
    var corpus: [Document] = []
    /// The deferred texts last read again for the segment and for its candidates.
    var ownText = LoadedText(), otherText = LoadedText()
    /// The words of the short segment being verified, and of its candidate.
    var ownWords: [UInt16] = [], otherWords: [UInt16] = []
    /// Words of recent candidates, by segment modulo the slots: a template's copies all
    /// meet its first copy, whose words are then read once, not once per copy.
    var candidateWords = [(segment: Int, words: [UInt16])](repeating: (-1, []), count: 256)

    /// Forgets what it keeps by segment and document number, for a table numbered afresh
    /// (the verify stage's, one per block): a paragraph found or a text read for one block's
    /// segment would otherwise stand for another's.
    mutating func forgetSegments() {
        extended.removeAll(keepingCapacity: true)
        paragraphSegmentFound.removeAll(keepingCapacity: true)
        ownText = LoadedText()
        otherText = LoadedText()
        for slot in candidateWords.indices { candidateWords[slot].segment = -1 }
    }

    /// Creates a matcher.
    init(configuration: Configuration) {
        self.configuration = configuration
        verifier = PairVerifier(threshold: configuration.threshold, shingle: configuration.shingle)
        extender = PairVerifier(threshold: 0, shingle: configuration.shingle)
    }

    /// Joins exact copies and verifies the LSH candidates of every segment of `documents`.
    ///
    /// - Parameters:
    ///   - documents: Consecutive documents.
    ///   - table: Every segment of the corpus.
    ///   - entrySegment: For each LSH entry, its segment.
    ///   - candidates: For each LSH entry, its candidate entries.
    /// - Returns: Unions, similarities, coverage and counts, in corpus order.
    /// - Complexity: O(*segments* + *candidates* · *shingles* log *shingles*).
    mutating func verify(
        documents: Range<Int>, table: SegmentTable, entrySegment: [UInt32], candidates: LSHCandidates,
        short: LSHShortIndex = LSHShortIndex(capacity: 0), shortCandidates: LSHCandidates? = nil
    ) -> MatchLog {
        var log = MatchLog()
        guard !documents.isEmpty else { return log }
        // The first LSH entry of this run: entries are filed in segment order.
        let firstSegment = UInt32(table.documentStart[documents.lowerBound])
        var entry = entrySegment.lowerBound(of: firstSegment)
        var shortEntry = short.entrySegment.lowerBound(of: firstSegment)
        for document in documents {
            let segments = table.segments(ofDocument: document)
            paragraphSegment.removeAll(keepingCapacity: true)
            for id in segments where table.isParagraph[id] {
                let paragraph = Int(table.paragraph[id])
                while paragraphSegment.count <= paragraph { paragraphSegment.append(-1) }
                paragraphSegment[paragraph] = id
            }
            extended.removeAll(keepingCapacity: true)
            for id in segments {
                let first = Int(table.exactRepresentative[id])
                if first != id {
                    log.unions.append(Self.pair(id, first))
                    if table.document[first] != UInt32(document) {
                        log.similarities.append((UInt32(id), 1))
                        log.similarities.append((UInt32(first), 1))
                    }
                    continue
                }
                if let shortCandidates, shortEntry < short.count, short.entrySegment[shortEntry] == UInt32(id) {
                    verifyShort(
                        id, entry: shortEntry, candidates: shortCandidates[shortEntry], short: short,
                        firstSegment: segments.lowerBound, document: document, table: table, log: &log)
                    shortEntry += 1
                }
                guard entry < entrySegment.count, entrySegment[entry] == UInt32(id) else { continue }
                let found = candidates[entry]
                entry += 1
                log.candidates += found.count
                guard !found.isEmpty else { continue }
                verify(
                    id, candidates: found.map { Int(entrySegment[Int($0)]) }, firstSegment: segments.lowerBound,
                    document: document, table: table, log: &log)
            }
        }
        return log
    }

    /// Verifies one segment against its candidate segments, logging each verified pair.
    mutating func verify(
        _ id: Int, candidates: [Int], firstSegment: Int, document: Int, table: SegmentTable, log: inout MatchLog
    ) {
        let paragraph = Int(table.paragraph[id])
        let own = table.fingerprints(of: id)
        verifier.load(own)
        for candidate in candidates {
            // A sentence and its own paragraph always overlap: not a recurrence.
            if candidate >= firstSegment, table.paragraph[candidate] == UInt32(paragraph) { continue }
            let other = table.fingerprints(of: candidate)
            guard let similarity = verifier.verify(other, segment: own)
            else { continue }
            log.verified += 1
            let candidateDocument = Int(table.document[candidate])
            let join = join(id, own, candidate, other, jaccard: similarity.jaccard, table: table)
            log.unions.append(Self.pair(join.union.0, join.union.1))
            verifier.appendCoverage(
                of: own, segment: id, partnerDocument: candidateDocument, anchor: join.ownAnchor, to: &log.coverage)
            verifier.appendCoverage(
                of: other, segment: candidate, partnerDocument: document, anchor: join.otherAnchor, to: &log.coverage)
            if candidateDocument != document {
                let value = Float(similarity.jaccard)
                log.similarities.append((UInt32(id), value))
                log.similarities.append((UInt32(candidate), value))
            }
            if !table.isParagraph[id] || !table.isParagraph[candidate] {
                extend(
                    id, paragraph: paragraph, candidate: candidate, document: document,
                    anchors: (join.ownAnchor, join.otherAnchor), table: table, log: &log)
            }
        }
    }

    /// Seed and extend: once a sentence pair is verified, the paragraphs around it share
    /// more than that sentence when a neighbouring sentence was copied with words changed.
    /// Their shared shingles (runs of five or more identical words) count too, under the
    /// family of the verified pair.
    ///
    /// - Parameter anchors: The segments whose families the two paragraphs' runs count under:
    ///   the pair's own, or the sentence they share (`join(_:_:_:_:jaccard:table:)`).
    mutating func extend(
        _ id: Int, paragraph: Int, candidate: Int, document: Int, anchors: (own: Int, other: Int), table: SegmentTable,
        log: inout MatchLog
    ) {
        let ownParagraph = paragraphSegment[paragraph]
        let otherParagraph = table.paragraphSegment(of: candidate, found: &paragraphSegmentFound)
        guard ownParagraph >= 0, otherParagraph < table.count else { return }
        guard extended.insert(UInt64(ownParagraph) << 32 | UInt64(otherParagraph)).inserted else { return }
        let own = table.fingerprints(of: ownParagraph)
        let other = table.fingerprints(of: otherParagraph)
        // A paragraph far larger than the other is verified whole again for each partner:
        // one 150 MB paragraph with thousands of ordinary ones after it ran for minutes.
        // Only huge paragraphs are left out; the verified sentence pair still counts.
        guard max(own.count, other.count) <= max(Self.extensionRatio * min(own.count, other.count), Self.extensionFloor) else {
            return
        }
        extender.load(own)
        guard extender.verify(other, segment: own) != nil else { return }
        let otherDocument = Int(table.document[otherParagraph])
        extender.appendCoverage(
            of: own, segment: ownParagraph, partnerDocument: otherDocument, anchor: anchors.own, to: &log.coverage)
        extender.appendCoverage(
            of: other, segment: otherParagraph, partnerDocument: document, anchor: anchors.other, to: &log.coverage)
    }

    static func pair(_ a: Int, _ b: Int) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// The most shingles a paragraph may have, as a multiple of its partner's, for a
    /// sentence pair to extend to the two paragraphs: unless it is under `extensionFloor`.
    static let extensionRatio = 64
    /// Shingles under which any two paragraphs extend (about 400 KB of text).
    static let extensionFloor = 1 << 16
}
