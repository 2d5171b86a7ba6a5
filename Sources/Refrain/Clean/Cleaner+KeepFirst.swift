extension Cleaner {
    /// Under `--keep-first`, the sentences with recycled text each document keeps: every
    /// such sentence in publication order, each kept where it first appears (a sentence only
    /// partly recycled, a shared phrase in new text, is kept whole there too).
    ///
    /// A family's members are variants, and families overlap: a paragraph that grew a
    /// sentence in later stories (or that a first copy cut short) is a family of its own or
    /// a longer member of the first one's. Kept whole in each family's first document, the
    /// template sentences were kept again in the first document of each longer family, and
    /// a sentence the first copy lacked was cut from every document that had it. Read
    /// sentence by sentence, a sentence is kept unless it is a copy of one sentence kept so
    /// far (`isCopy`), so a copy with a word or a figure changed still goes, as
    /// `--keep-first` promises (`--keep-edits` keeps such words), and a sentence whose
    /// pairs are scattered over kept text, or that shares only phrasing with one, stays.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - jobs: Threads to read and tokenize the documents on; the answer does not depend on it.
    /// - Returns: Per document, the sentence spans to keep.
    /// - Complexity: O(the text of the sentences with recycled text), plus O(*d* log *d*) for
    ///   *d* documents with recycled text.
    static func sentencesKeptFirst(_ report: ScanReport, documents: [Document], jobs: Int = 1) -> [[ByteRange]] {
        let count = report.documents.count
        var result = [[ByteRange]](repeating: [], count: count)
        // Texts are read on all jobs; the decisions are made in publication order, so that
        // the first document holding a sentence keeps it whichever family it is a copy in.
        let read = (0..<count).filter { !report.documents[$0].recycled.isEmpty }.sorted { report.isPublished($0, before: $1) }
        guard !read.isEmpty else { return result }
        let words = parallelMap(read.count, jobs: jobs) { offset in
            let document = read[offset]
            let text = documents[document].loadedBytes()
            return recycledSentences(of: report.documents[document], count: text.count).map {
                (sentence: $0, pairs: wordPairs(text, $0))
            }
        }
        // Word pair -> the kept sentences that have it; a pair in more than `commonPair` is
        // common phrasing ("said the"), which tells no copy apart, and is passed over.
        let commonPair = 64
        var keptWith: [UInt64: [Int32]] = [:]
        var keptPairs: [Int] = []  // per kept sentence, its word pairs
        func keep(_ pairs: some Sequence<UInt64>) {
            var count = 0
            for pair in pairs {
                keptWith[pair, default: []].append(Int32(keptPairs.count))
                count += 1
            }
            keptPairs.append(count)
        }
        for (offset, sentences) in words.enumerated() {
            // Read again, once, only if a sentence of it holds a kept one (below).
            var text: [UInt8]?
            for (sentence, pairs) in sentences where !pairs.isEmpty {
                var shared: [Int32: Int] = [:]
                for pair in pairs {
                    guard let holders = keptWith[pair], holders.count <= commonPair else { continue }
                    for holder in holders { shared[holder, default: 0] += 1 }
                }
                if shared.contains(where: { isCopy(shared: $1, pairs: pairs.count, keptPairs: keptPairs[Int($0)]) }) { continue }
                // The kept sentences it holds nearly whole: read together with a sentence of
                // its own ("… next spring. de Blasio said"), or grown by a clause. Their
                // words go; the rest of it is kept where it first appears.
                let held = Set(shared.filter { keptPairs[Int($0)] >= 2 && 5 * $1 >= 4 * keptPairs[Int($0)] }.keys)
                guard !held.isEmpty else {
                    result[read[offset]].append(sentence)
                    keep(pairs)
                    continue
                }
                // Where its words are, read again for these few sentences only: kept for
                // every sentence, they were a third of a 1 GB corpus's peak memory.
                if text == nil { text = documents[read[offset]].loadedBytes() }
                let placed = placedWordPairs(text!, sentence)
                let copied = placed.filter { keptWith[$0.pair]?.contains(where: held.contains) ?? false }.map {
                    ByteRange($0.start, $0.end)
                }
                var rest: [(pair: UInt64, start: Int, end: Int)] = []
                for piece in subtract(copied, from: [sentence]) {
                    let inPiece = placed.filter { $0.start >= piece.start && $0.end <= piece.end }
                    guard let first = placed.first(where: { $0.start >= piece.start }), first.start < piece.end else { continue }
                    let last = placed.last { $0.end <= piece.end && $0.end > piece.start }
                    result[read[offset]].append(ByteRange(first.start, max(last?.end ?? piece.end, first.start)))
                    rest += inPiece
                }
                if !rest.isEmpty { keep(rest.map(\.pair)) }
            }
        }
        return result
    }

    /// Whether a sentence is a copy of a kept one, by the word pairs they share: more than
    /// half of its own, and a Jaccard similarity of 0.3 or more, so that a sentence sharing
    /// its phrasing with a much longer one ("Police said the investigation is continuing"
    /// against "Officials said the investigation is expected to take several weeks") is not.
    /// A copy with one word of fifteen changed shares 12 of 14 pairs (Jaccard 0.75); one with
    /// three words replaced by three others, 10 of 14 (0.53).
    ///
    /// - Complexity: O(1).
    static func isCopy(shared: Int, pairs: Int, keptPairs: Int) -> Bool {
        2 * shared > pairs && 10 * shared >= 3 * (pairs + keptPairs - shared)
    }

    /// The sentences of a document that hold recycled text, in reading order (a paragraph
    /// with no sentence of its own stands for one).
    ///
    /// - Complexity: O(the document's sentences and recycled spans).
    static func recycledSentences(of document: DocumentReport, count: Int) -> [ByteRange] {
        var result: [ByteRange] = []
        for paragraph in document.paragraphs where !paragraph.recycled.isEmpty && paragraph.span.end <= count {
            let sentences = paragraph.sentences.isEmpty ? [paragraph.span] : Array(paragraph.sentences)
            var run = 0
            for sentence in sentences {
                while run < paragraph.recycled.count, paragraph.recycled[run].end <= sentence.start { run += 1 }
                if run < paragraph.recycled.count, paragraph.recycled[run].start < sentence.end { result.append(sentence) }
            }
        }
        return result
    }

    /// A sentence's adjacent word pairs with where each starts and ends (its one word, when
    /// it has one).
    ///
    /// - Complexity: O(*n*) in the sentence's length.
    static func placedWordPairs(_ text: [UInt8], _ sentence: ByteRange) -> [(pair: UInt64, start: Int, end: Int)] {
        var result: [(pair: UInt64, start: Int, end: Int)] = []
        var previous: (hash: UInt64, start: Int, end: Int)? = nil
        text.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer, range: sentence.range) { hash, start, end in
                if let previous { result.append((previous.hash &* 0x9E37_79B9_7F4A_7C15 ^ hash, previous.start, end)) }
                previous = (hash, start, end)
            }
        }
        if result.isEmpty, let previous { result.append((previous.hash, previous.start, previous.end)) }
        return result
    }

    /// The hashes of a sentence's adjacent word pairs (its one word, when it has one).
    ///
    /// - Complexity: O(*n*) in the sentence's length.
    static func wordPairs(_ text: [UInt8], _ sentence: ByteRange) -> Set<UInt64> {
        Set(placedWordPairs(text, sentence).lazy.map(\.pair))
    }
}
