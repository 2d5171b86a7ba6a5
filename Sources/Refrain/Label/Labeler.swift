import CRefrainKernels

/// Turns coverage into recycled spans and labels, one document at a time.
///
/// Within a sentence, recycled tokens become one span for the whole sentence when they
/// are at least `templateShare` of it (a template sentence with a word changed is still
/// template text); otherwise each covered run is its own span. Spans with nothing but
/// white space or punctuation between them merge.
struct Labeler {
    let configuration: Configuration
    let table: SegmentTable
    let clusters: Clusters

    /// The label stage over the whole corpus, a document per job at a time; a document of
    /// more than `splitAbove` bytes afterwards, its paragraphs shared among the jobs.
    ///
    /// - Parameter segmentations: Each document's segmentation from the sketch stage, or
    ///   none: each document is then segmented again.
    /// - Returns: Each document's labeled paragraphs, in corpus order.
    /// - Complexity: O(total bytes of documents with recycled text + paragraphs).
    static func label(
        _ documents: [Document], segmentations: SegmentationStore, clusters: Clusters, configuration: Configuration,
        splitAbove: Int
    ) -> [LabeledDocument] {
        let jobs = configuration.jobs
        let split = jobs > 1 ? splitAbove : Int.max
        // A labeler per thread: one per document copied the clusters' and table's arrays each time.
        var labeled = parallelMap(documents.count, jobs: jobs) {
            Labeler(configuration: configuration, table: clusters.table, clusters: clusters)
        } _: { labeler, index in
            // Read in place: a document handed over whole is copied, retaining every field of
            // it for its text alone.
            documents.withUnsafeBufferPointer { documents in
                // One huge document would keep one job busy while the others wait.
                if documents[index].byteCount > split { return LabeledDocument(paragraphs: []) }
                return labeler.label(
                    text: documents[index].loadedBytes(), index: index, segmentation: segmentations.segmentation(of: index))
            }
        }
        for index in documents.indices where documents[index].byteCount > split {
            let labeler = Labeler(configuration: configuration, table: clusters.table, clusters: clusters)
            labeled[index] = labeler.label(
                text: documents[index].loadedBytes(), index: index, segmentation: segmentations.segmentation(of: index),
                jobs: jobs)
        }
        return labeled
    }

    /// Labels one document, given its text (a deferred one read again, and let go after) and
    /// the segmentation the sketch stage made of it (made again when `nil`), its paragraphs
    /// in ranges on `jobs` threads.
    func label(text: [UInt8], index documentIndex: Int, segmentation: Segmentation?, jobs: Int = 1) -> LabeledDocument {
        text.withUnsafeBufferPointer { bytes in
            label(bytes, index: documentIndex, segmentation: segmentation ?? Segmenter.segment(bytes), jobs: jobs)
        }
    }

    /// Labels one document's paragraphs in ranges on `jobs` threads, and joins them.
    ///
    /// - Complexity: O(the document's bytes + segments), over `jobs` threads.
    func label(_ bytes: UnsafeBufferPointer<UInt8>, index documentIndex: Int, segmentation: Segmentation, jobs: Int)
        -> LabeledDocument
    {
        let segments = table.segments(ofDocument: documentIndex)
        let repeatedHere = repeatedTexts(segments)
        let paragraphCount = segmentation.paragraphs.count
        guard jobs > 1 else {
            return label(
                bytes, index: documentIndex, segmentation: segmentation, paragraphs: 0..<paragraphCount, repeatedHere: repeatedHere)
        }
        // Each range finds its first segment by binary search, which needs them in paragraph order.
        assert(segments.dropFirst().allSatisfy { table.paragraph[$0 - 1] <= table.paragraph[$0] })
        nonisolated(unsafe) let buffer = bytes
        let parts = parallelMapChunks(paragraphCount, jobs: jobs, chunksPerJob: 4) { paragraphs in
            label(buffer, index: documentIndex, segmentation: segmentation, paragraphs: paragraphs, repeatedHere: repeatedHere)
        }
        var result = LabeledDocument(paragraphs: [])
        result.paragraphs.reserveCapacity(paragraphCount)
        for part in parts {
            result.paragraphs += part.paragraphs
            result.recycled += part.recycled
            result.recycledWeight += part.recycledWeight
            result.weight += part.weight
        }
        return result
    }

    /// Labels a range of one document's paragraphs.
    ///
    /// - Parameters:
    ///   - paragraphs: The paragraphs, by number in the document.
    ///   - repeatedHere: The document's `repeatedTexts`.
    /// - Returns: The paragraphs' reports, their recycled spans and weights.
    func label(
        _ bytes: UnsafeBufferPointer<UInt8>, index documentIndex: Int, segmentation: Segmentation, paragraphs: Range<Int>,
        repeatedHere: [UInt32]
    ) -> LabeledDocument {
        let segments = table.segments(ofDocument: documentIndex)
        func hasCopiesHere(_ variant: Int) -> Bool {
            !repeatedHere.isEmpty && PairVerifier.contains(repeatedHere, UInt32(variant))
        }

        var result = LabeledDocument(paragraphs: [])
        result.paragraphs.reserveCapacity(paragraphs.count)
        // The document's segments are in paragraph order.
        var cursor = segments.partitioningIndex { Int(table.paragraph[$0]) >= paragraphs.lowerBound }
        var tokenStarts: [Int] = []
        var tokenEnds: [Int] = []
        for paragraphIndex in paragraphs {
            let paragraph = segmentation.paragraphs[paragraphIndex]
            // Most paragraphs recur nowhere: label them without tokenizing again.
            var segmentEnd = cursor
            while segmentEnd < segments.upperBound, Int(table.paragraph[segmentEnd]) == paragraphIndex { segmentEnd += 1 }
            let anyRecurrence = (cursor..<segmentEnd).contains { segment in
                let variant = Int(table.exactRepresentative[segment])
                return clusters.exactDocuments[variant] >= 2 || hasCopiesHere(variant)
                    || !clusters.coverageRange(of: variant).isEmpty
            }
            if !anyRecurrence {
                cursor = segmentEnd
                let weight = Self.weight(of: paragraph, in: bytes)
                result.weight += weight
                result.paragraphs.append(
                    ParagraphReport(
                        span: paragraph, label: .novel, family: nil, similarity: nil, recycled: [], repeated: [],
                        sentences: segmentation.sentences(ofParagraph: paragraphIndex), recycledWeight: 0,
                        weight: weight))
                continue
            }
            tokenStarts.removeAll(keepingCapacity: true)
            tokenEnds.removeAll(keepingCapacity: true)
            Tokenizer.forEachTokenSpan(in: bytes, range: paragraph.range) { start, end in
                tokenStarts.append(start)
                tokenEnds.append(end)
            }
            var recycled = [Bool](repeating: false, count: tokenStarts.count)
            var repeated = recycled
            var choices: [Choice] = []

            while cursor < segments.upperBound, Int(table.paragraph[cursor]) == paragraphIndex {
                let segment = cursor
                cursor += 1
                let tokens = table.tokens(of: segment)
                let variant = Int(table.exactRepresentative[segment])
                var marked = 0
                func mark(_ range: Range<Int>, recycledText: Bool) {
                    for token in range {
                        if recycledText {
                            marked += 1
                            recycled[token] = true
                        } else {
                            repeated[token] = true
                        }
                    }
                }
                if Int(clusters.exactDocuments[variant]) >= configuration.minDocuments, !clusters.isWeakShortCopy(segment) {
                    mark(tokens, recycledText: true)
                } else if hasCopiesHere(variant) {
                    mark(tokens, recycledText: false)
                }
                // The variant's runs say where its text recurs, seen from its own document: a
                // run whose partner is this document, when the variant lies in another one,
                // found this very copy, a copy in the variant's document and no repeat here.
                let variantDocument = Int(table.document[variant])
                for index in clusters.coverageRange(of: variant) {
                    let run = clusters.coverage[index]
                    let range = (tokens.lowerBound + Int(run.start))..<(tokens.lowerBound + Int(run.end))
                    let partner = Int(run.partnerDocument) == documentIndex ? variantDocument : Int(run.partnerDocument)
                    if partner != documentIndex {
                        if clusters.isRecycledFamily(Int(run.anchor)) { mark(range, recycledText: true) }
                    } else {
                        mark(range, recycledText: false)
                    }
                }
                if marked > 0 {
                    let similarity = Double(max(table.similarity[segment], table.similarity[variant]))
                    choices.append(
                        Choice(
                            root: Int(clusters.root[segment]), similarity: similarity, marked: marked,
                            isParagraph: table.isParagraph[segment]))
                }
            }
            // A dateline is new in each story but for its agency ("BERLIN (dpa) – "): recycled
            // whole, or not at all, where a run from the template after it took the agency
            // alone and left the place glued to the next sentence.
            if let dateline = Segmenter.datelineEnd(bytes, from: paragraph.start, end: paragraph.end) {
                let inside = tokenStarts.prefix { $0 < dateline }.count
                if !recycled[..<inside].allSatisfy({ $0 }) {
                    for token in 0..<inside { recycled[token] = false }
                }
            }
            for token in repeated.indices where recycled[token] { repeated[token] = false }

            let sentences = segmentation.sentences(ofParagraph: paragraphIndex)
            let recycledSpans = spans(of: recycled, sentences: sentences, starts: tokenStarts, ends: tokenEnds, in: bytes)
            let repeatedSpans = spans(of: repeated, sentences: sentences, starts: tokenStarts, ends: tokenEnds, in: bytes)
            let weight = Self.weight(of: paragraph, in: bytes)
            let recycledWeight = Self.weight(of: recycledSpans, in: bytes)
            let label: Label
            if recycledWeight > 0 {
                label = Double(recycledWeight) >= configuration.templateShare * Double(weight) ? .template : .partial
            } else {
                label = repeatedSpans.isEmpty ? .novel : .repeat
            }
            choices.sort { a, b in
                a.isParagraph != b.isParagraph ? a.isParagraph : a.marked > b.marked
            }
            // The paragraph's family: the first choice whose cluster is reported; none when
            // nothing stayed marked (runs too short to make a span, a dateline's part), as
            // the family then does not list the paragraph's copy.
            let chosen = recycledWeight > 0 ? choices.first { clusters.familyID(ofRoot: $0.root) > 0 } : nil
            result.recycled += recycledSpans
            result.recycledWeight += recycledWeight
            result.weight += weight
            result.paragraphs.append(
                ParagraphReport(
                    span: paragraph, label: label, family: chosen.map { clusters.familyID(ofRoot: $0.root) },
                    similarity: chosen?.similarity, recycled: recycledSpans, repeated: repeatedSpans, sentences: sentences,
                    recycledWeight: recycledWeight, weight: weight))
        }
        return result
    }

    /// A segment that marked tokens of a paragraph: a candidate for the paragraph's family.
    ///
    /// A struct, not a tuple: an array of tuples looks up the tuple type's metadata at run
    /// time each time one is made.
    struct Choice {
        var root: Int
        var similarity: Double
        var marked: Int
        var isParagraph: Bool
    }

    /// The exact-text classes that occur twice or more in a document (usually none), sorted
    /// for a binary search.
    ///
    /// Only a segment whose text came earlier (its representative is another segment) can
    /// make a class occur twice: with a representative in this document, that one is the
    /// second copy; with one in an earlier document, a second such segment is. So only
    /// those segments are sorted, not all, and no Dictionary of counts is built per
    /// document: both cost far more on every document.
    /// - Complexity: O(*s* log *s*) for the *s* segments whose text came earlier.
    func repeatedTexts(_ segments: Range<Int>) -> [UInt32] {
        var repeated: [UInt32] = []  // with duplicates until the end
        var earlier: [UInt32] = []
        for segment in segments {
            let representative = table.exactRepresentative[segment]
            if representative == UInt32(segment) { continue }
            if Int(representative) >= segments.lowerBound {
                repeated.append(representative)
            } else {
                earlier.append(representative)
            }
        }
        if earlier.count > 1 {
            earlier.sort()
            for index in earlier.indices.dropFirst() where earlier[index] == earlier[index - 1] {
                repeated.append(earlier[index])
            }
        }
        guard repeated.count > 1 else { return repeated }
        var distinct: [UInt32] = []
        PairVerifier.sortedDistinct(repeated[...], into: &distinct)
        return distinct
    }

    /// The fewest words of a sentence glued to a template sentence's start or end that are
    /// told apart from it ("…imposed last year by the U.S. Huawei shares fell 3%.", where the
    /// abbreviation hid the sentence break), rather than taken for its edited words.
    static let wordsAddedAtAnEnd = 4

    /// Spans of marked tokens, snapped to whole sentences that are mostly marked.
    func spans(
        of marked: [Bool], sentences: ArraySlice<ByteRange>, starts: [Int], ends: [Int], in bytes: UnsafeBufferPointer<UInt8>
    ) -> [ByteRange] {
        guard marked.contains(true) else { return [] }
        var result: [ByteRange] = []
        var token = 0
        for sentence in sentences {
            let first = token
            while token < starts.count, starts[token] < sentence.end { token += 1 }
            let range = first..<token
            guard !range.isEmpty else { continue }
            let count = range.reduce(0) { $0 + (marked[$1] ? 1 : 0) }
            if count == 0 { continue }
            if Double(count) >= configuration.templateShare * Double(range.count) {
                result.append(gluedSentencesLeftOut(of: sentence, tokens: range, marked: marked, starts: starts, ends: ends, in: bytes))
                continue
            }
            // A few words marked only by shingles that reach in from a neighbouring sentence
            // ("…every quarter. In the"), or by one shingle of its own (a new sentence opening
            // with a template's "Officials said it was the"), are new reporting. An edited
            // template sentence keeps most of its words marked.
            if 2 * count < range.count, Self.longestRun(of: marked, in: range) <= configuration.shingle { continue }
            // Half marked or less, all inside, with words of its own on either side: a stock
            // phrase in new reporting ("A lawyer for the miners did not immediately respond
            // to a request for comment about the 14 containers…"). Cut out, it left broken
            // text (reviews 105, 106).
            if 2 * count <= range.count, Self.isInside(marked, range: range, by: Self.wordsAddedAtAnEnd) { continue }
            // A run ends with the punctuation after its last word ("U.S.", "…countries."): left
            // behind, clean would keep a lone ". Markets rallied".
            func run(_ first: Int, _ last: Int) -> ByteRange {
                let limit = last + 1 < starts.count ? starts[last + 1] : sentence.end
                return ByteRange(starts[first], Self.endOfClosingPunctuation(after: ends[last], before: limit, in: bytes))
            }
            var runStart = -1
            for index in range {
                if marked[index] {
                    if runStart < 0 { runStart = index }
                } else if runStart >= 0 {
                    result.append(run(runStart, index - 1))
                    runStart = -1
                }
            }
            if runStart >= 0 { result.append(run(runStart, range.upperBound - 1)) }
        }
        // Merge spans with no token between them.
        var merged: [ByteRange] = []
        for span in result {
            if let last = merged.last {
                let next = starts.lowerBound(of: last.end)
                if next == starts.count || starts[next] >= span.start {
                    merged[merged.count - 1].end = max(last.end, span.end)
                    continue
                }
            }
            merged.append(span)
        }
        return merged
    }

    /// A mostly marked sentence's span without a sentence glued to its start or end where
    /// the segmenter saw no break (an abbreviation's point: "…by the U.S. Huawei shares fell
    /// 3%."): at a point, question or exclamation mark or an ellipsis, then a space, before a
    /// word that is not all lower case (nor in lower case and marked), a side of
    /// `wordsAddedAtAnEnd` or more words at most half marked is new reporting. Without such a
    /// break, the sentence is recycled whole: an edited template's reworded end (", according
    /// to a statement…") goes with it.
    ///
    /// - Complexity: O(*n*) in the sentence's tokens and bytes.
    func gluedSentencesLeftOut(
        of sentence: ByteRange, tokens range: Range<Int>, marked: [Bool], starts: [Int], ends: [Int],
        in bytes: UnsafeBufferPointer<UInt8>
    ) -> ByteRange {
        func isBreak(before token: Int) -> Bool {
            // A word in lower case goes on the sentence; a brand such as "iPhone" or "eBay" may
            // open one, unless the template has it ("…by the U.S. mRNA vaccine committee").
            if bytes[starts[token]] &- UInt8(ascii: "a") < 26,
                marked[token] || !bytes[starts[token]..<ends[token]].contains(where: { $0 &- UInt8(ascii: "A") < 26 })
            {
                return false
            }
            // A mark and then a space: "U.S." itself holds a point before a capital.
            let gap = bytes[ends[token - 1]..<starts[token]]
            guard
                let mark = gap.indices.first(where: {
                    bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: "!") || bytes[$0] == UInt8(ascii: "?")
                        || bytes[$0] == 0xE2 && $0 + 2 < gap.endIndex && bytes[$0 + 1] == 0x80 && bytes[$0 + 2] == 0xA6  // …
                })
            else { return false }
            // A title's point ("Dr. Maria Lopez") is followed by a name, never by a new sentence.
            let word = bytes[starts[token - 1]..<ends[token - 1]].map { $0 | 0x20 }
            if mark == gap.startIndex, Self.titles.contains(word) { return false }
            return gap.indices[mark...].contains {
                ByteClass.isSpace(bytes[$0]) || ByteClass.horizontalSpaceLength(bytes, at: $0, end: gap.endIndex) > 0
            }
        }
        func isGlued(_ side: Range<Int>) -> Bool {
            side.count >= Self.wordsAddedAtAnEnd && 2 * side.reduce(0, { $0 + (marked[$1] ? 1 : 0) }) <= side.count
        }
        var span = sentence
        // A glued side ends in an unmarked word: a sentence marked at both ends, most of them, is whole.
        guard !marked[range.lowerBound] || !marked[range.upperBound - 1] else { return span }
        let inner = (range.lowerBound + 1)..<range.upperBound
        if !marked[range.upperBound - 1],
            let tail = inner.first(where: { isBreak(before: $0) && isGlued($0..<range.upperBound) })
        {
            span.end = Self.endOfClosingPunctuation(after: ends[tail - 1], before: starts[tail], in: bytes)
        }
        if !marked[range.lowerBound],
            let head = inner.last(where: { isBreak(before: $0) && isGlued(range.lowerBound..<$0) }),
            starts[head] < span.end
        {
            span.start = starts[head]
            // With an opening quote or bracket before the word ("“The").
            while span.start > ends[head - 1], !ByteClass.isSpace(bytes[span.start - 1]) { span.start -= 1 }
        }
        return span
    }

    /// The segmenter's titles, as bytes.
    static let titles: Set<[UInt8]> = Set(Segmenter.titles.map { Array($0.utf8) })

    /// Where the punctuation that closes a word at `end` ends: `.,;:!?)]}%`, closing quotes
    /// (`”’»`, and `"` or `'` not followed by a letter or digit) and `…`, up to `limit`. An
    /// opening quote or a dash belongs to the text after it.
    ///
    /// - Complexity: O(bytes up to `limit`).
    static func endOfClosingPunctuation(after end: Int, before limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = end
        let limit = min(limit, bytes.count)
        while end < limit {
            switch bytes[end] {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "%"):
                end += 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let next = end + 1 < limit ? bytes[end + 1] : 0x20
                guard next < 0x80, !ByteClass.isASCIIWordByte(next) else { return end }
                end += 1
            case 0xE2
            where end + 2 < limit && bytes[end + 1] == 0x80
                && (bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 || bytes[end + 2] == 0xA6):
                end += 3  // ” ’ …
            case 0xC2 where end + 1 < limit && bytes[end + 1] == 0xBB:
                end += 2  // »
            default:
                return end
            }
        }
        return end
    }

    /// Whether the marked tokens of `range` all lie inside it, `margin` or more unmarked
    /// tokens before the first and after the last.
    static func isInside(_ marked: [Bool], range: Range<Int>, by margin: Int) -> Bool {
        guard range.count > 2 * margin else { return false }
        return !range.prefix(margin).contains { marked[$0] } && !range.suffix(margin).contains { marked[$0] }
    }

    /// The longest run of marked tokens in `range`.
    static func longestRun(of marked: [Bool], in range: Range<Int>) -> Int {
        var longest = 0
        var current = 0
        for index in range {
            current = marked[index] ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Non-space bytes inside a span.
    static func weight(of span: ByteRange, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        return refrain_count_non_space(base + span.start, span.count)
    }

    /// Non-space bytes inside spans.
    static func weight(of spans: [ByteRange], in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        spans.reduce(0) { total, span in total + weight(of: span, in: bytes) }
    }
}
