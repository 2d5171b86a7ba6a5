/// Runs segment → tokenize → shingle → sketch on one document, reusing its buffers.
@_spi(Stages) public struct Sketcher {
    /// The shingle length in tokens.
    public let shingle: Int
    /// The MinHash permutations.
    public let minHash: MinHash
    /// The LSH banding that band keys are cut for.
    public let parameters: LSHParameters

    /// The paragraph's tokens: `tokenCount` of them, in arrays with room for any paragraph
    /// so far (the tokenizer writes into them directly). Sketching reads hashes and starts;
    /// `tokenEnds` only receives the tokenizer's third output.
    var tokenHashes: [UInt64] = []
    var tokenStarts: [Int] = []
    var tokenEnds: [Int] = []
    var tokenCount = 0
    /// The paragraph's prefix polynomials (`Shingler.prefixPolynomials`), one more than its tokens.
    var prefixes: [UInt64] = []
    /// `powers[i]` is `Bⁱ` for the polynomials, up to the longest paragraph so far.
    var powers: [UInt64] = [1]
    /// The permutations LSH reads (`bands × rows`, rounded up to a lane of 8): only these
    /// are evaluated, since band keys depend on nothing else.
    let usedPermutations: Int
    var paragraphSketch: [SIMD8<UInt16>]
    var sentenceSketch: [SIMD8<UInt16>]
    /// Whether sketches keep their short segments' words (`DocumentSketch.shortWords`): a
    /// large scan's match stage reads them instead of each document's text again.
    let keepsShortWords: Bool

    /// Creates a sketcher, which keeps short segments' words when `keepsShortWords`.
    public init(shingle: Int, minHash: MinHash, parameters: LSHParameters, keepsShortWords: Bool = false) {
        self.keepsShortWords = keepsShortWords
        self.shingle = shingle
        self.minHash = minHash
        self.parameters = parameters
        usedPermutations = min(minHash.permutations, (parameters.bands * parameters.rows + 7) / 8 * 8)
        paragraphSketch = Array(repeating: .zero, count: usedPermutations / 8)
        sentenceSketch = paragraphSketch
    }

    /// Sketches one document.
    ///
    /// A paragraph's sketch is the element-wise minimum of its sentences' sketches and of
    /// the shingles that cross a sentence boundary, so each shingle is hashed by the
    /// permutations once even though both the paragraph and its sentence are indexed.
    ///
    /// - Complexity: O(*n* + *shingles* · *permutations*).
    public mutating func sketch(_ bytes: [UInt8]) -> DocumentSketch {
        var result = DocumentSketch()
        sketch(bytes, into: &result)
        return result
    }

    /// Sketches one document into `result`, reusing the storage of its arrays (all but the
    /// segmentation, which is made anew): the scanner hands the sketches of a filed batch
    /// back to the sketchers, so that no thread frees arrays another thread allocated.
    ///
    /// - Complexity: O(*n* + *shingles* · *permutations*).
    public mutating func sketch(_ bytes: [UInt8], into result: inout DocumentSketch) {
        let segmentation = bytes.withUnsafeBufferPointer { Segmenter.segment($0) }
        sketch(bytes, segmentation: segmentation, paragraphs: segmentation.paragraphs.indices, into: &result)
    }

    /// Sketches some paragraphs of a document already segmented into `result`, reusing the
    /// storage of its arrays: a huge document is sketched and filed a piece at a time, so
    /// that its segments' sketches are never all held at once.
    ///
    /// - Parameters:
    ///   - bytes: The document's text.
    ///   - segmentation: Its segmentation, which `result` shares.
    ///   - paragraphs: The paragraphs to sketch; their segments keep their paragraph's index
    ///     in the whole document, and `result.fingerprints` start with the first one's.
    /// - Complexity: O(*n* + *shingles* · *permutations*) in the paragraphs' bytes.
    public mutating func sketch(
        _ bytes: [UInt8], segmentation: Segmentation, paragraphs: Range<Int>, into result: inout DocumentSketch
    ) {
        result.segments.removeAll(keepingCapacity: true)
        result.fingerprints.removeAll(keepingCapacity: true)
        result.bandKeys.removeAll(keepingCapacity: true)
        result.shortKeys.removeAll(keepingCapacity: true)
        result.shortWords.removeAll(keepingCapacity: true)
        result.segmentation = segmentation
        guard !paragraphs.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buffer in
            // One allocation each, from the text's size (news text: a shingle per 6 bytes
            // or so, a segment per 85); the arrays live until the document is filed.
            let first = paragraphs.lowerBound
            let last = paragraphs.upperBound - 1
            let sentences = segmentation.sentenceRanges[last].upperBound - segmentation.sentenceRanges[first].lowerBound
            let segments = paragraphs.count + sentences
            let byteCount = segmentation.paragraphs[last].end - segmentation.paragraphs[first].start
            result.segments.reserveCapacity(segments)
            result.bandKeys.reserveCapacity(segments * parameters.bands)
            result.fingerprints.reserveCapacity(byteCount / 5 + 8)
            for paragraphIndex in paragraphs {
                sketchParagraph(paragraphIndex, span: segmentation.paragraphs[paragraphIndex], in: buffer, into: &result)
            }
        }
    }

    mutating func sketchParagraph(_ index: Int, span: ByteRange, in buffer: UnsafeBufferPointer<UInt8>, into result: inout DocumentSketch) {
        tokenize(span, in: buffer)
        let shingleBase = result.fingerprints.count
        computePrefixes()
        prefixes.withUnsafeBufferPointer { prefixes in
            Shingler.appendFingerprints(
                prefixes: UnsafeBufferPointer(rebasing: prefixes[...tokenCount]), k: shingle, to: &result.fingerprints)
        }
        let shingleCount = result.fingerprints.count - shingleBase

        let sentences = result.segmentation.sentences(ofParagraph: index)
        let lanes = usedPermutations / 8
        for lane in 0..<lanes { paragraphSketch[lane] = SIMD8(repeating: .max) }

        // Sentence segments, when the paragraph has more than one sentence.
        var covered = 0  // paragraph shingles before this index are accounted for
        var tokenCursor = 0
        if sentences.count > 1 {
            // A dateline ("BERLIN (dpa) – ") is matched only within its paragraph: alone it
            // recurs in every story filed from one place on one day, and is no template.
            let dateline = Segmenter.datelineEnd(buffer, from: span.start, end: span.end)
            for sentence in sentences {
                let firstToken = tokenCursor
                while tokenCursor < tokenCount, tokenStarts[tokenCursor] < sentence.end { tokenCursor += 1 }
                let tokens = firstToken..<tokenCursor
                if tokens.isEmpty { continue }
                let shingles: Range<Int> =
                    tokens.count >= shingle ? (tokens.lowerBound..<(tokens.upperBound - shingle + 1)) : 0..<0
                if !shingles.isEmpty {
                    // Shingles between the previous sentence and this one cross a boundary.
                    Self.accumulate(
                        minHash, usedPermutations, result.fingerprints, shingleBase + covered, shingleBase + shingles.lowerBound,
                        into: &paragraphSketch)
                    for lane in 0..<lanes { sentenceSketch[lane] = SIMD8(repeating: .max) }
                    Self.accumulate(
                        minHash, usedPermutations,
                        result.fingerprints, shingleBase + shingles.lowerBound, shingleBase + shingles.upperBound, into: &sentenceSketch)
                    for lane in 0..<lanes { paragraphSketch[lane] = pointwiseMin(paragraphSketch[lane], sentenceSketch[lane]) }
                    covered = shingles.upperBound
                }
                appendSegment(
                    .sentence, paragraph: index, span: sentence, tokens: tokens,
                    shingles: shingles.isEmpty
                        ? shingleBase..<shingleBase : (shingleBase + shingles.lowerBound)..<(shingleBase + shingles.upperBound),
                    sketch: sentenceSketch, in: buffer, into: &result, matched: dateline.map { sentence.end > $0 } ?? true)
            }
        }
        Self.accumulate(
            minHash, usedPermutations, result.fingerprints, shingleBase + covered, shingleBase + shingleCount, into: &paragraphSketch)
        if tokenCount > 0 {
            appendSegment(
                .paragraph, paragraph: index, span: span, tokens: 0..<tokenCount,
                shingles: shingleBase..<(shingleBase + shingleCount), sketch: paragraphSketch, in: buffer, into: &result)
        }
    }

    /// Tokenizes a paragraph into `tokenHashes`, `tokenStarts` and `tokenEnds`.
    mutating func tokenize(_ span: ByteRange, in buffer: UnsafeBufferPointer<UInt8>) {
        if span.count > Self.hugeParagraph {
            tokenizeHuge(span, in: buffer)
        } else {
            tokenizeSmall(span, in: buffer)
        }
    }

    /// Tokenizes a paragraph in place into arrays with room for a token per byte.
    mutating func tokenizeSmall(_ span: ByteRange, in buffer: UnsafeBufferPointer<UInt8>) {
        // Room for a token per byte: the tokenizer never fills it, so it writes every token
        // in place, in one batch.
        let room = max(span.count, 1)
        if tokenHashes.count < room {
            let grown = max(room, 2 * tokenHashes.count)
            tokenHashes = [UInt64](repeating: 0, count: grown)
            tokenStarts = [Int](repeating: 0, count: grown)
            tokenEnds = tokenStarts
        }
        var count = 0
        tokenHashes.withUnsafeMutableBufferPointer { hashes in
            tokenStarts.withUnsafeMutableBufferPointer { starts in
                tokenEnds.withUnsafeMutableBufferPointer { ends in
                    Tokenizer.fill(
                        in: buffer, range: span.range, hashes: hashes.baseAddress!, starts: starts.baseAddress!,
                        ends: ends.baseAddress!, capacity: room
                    ) { written in count += written }
                }
            }
        }
        tokenCount = count
    }

    /// Paragraph length (bytes) above which tokens are copied in batches into arrays sized
    /// for the tokens found, not for a token per byte: 24 bytes of room per byte of text
    /// would make a huge paragraph's sketcher alone many times the text.
    static let hugeParagraph = 1 << 20

    /// Tokenizes a huge paragraph into `tokenHashes`, `tokenStarts` and `tokenEnds`, growing
    /// them as tokens come (news text has a token per 6 bytes or so).
    ///
    /// - Complexity: O(*n*) in the paragraph's length.
    mutating func tokenizeHuge(_ span: ByteRange, in buffer: UnsafeBufferPointer<UInt8>) {
        var count = 0
        var hashes = tokenHashes
        var starts = tokenStarts
        var ends = tokenEnds
        tokenHashes = []
        tokenStarts = []
        tokenEnds = []
        Tokenizer.forEachBatch(in: buffer, range: span.range) { batch in
            if count + batch.hashes.count > hashes.count {
                let grown = max(count + batch.hashes.count, hashes.count + hashes.count / 2, span.count / 5)
                hashes += repeatElement(0, count: grown - hashes.count)
                starts += repeatElement(0, count: grown - starts.count)
                ends += repeatElement(0, count: grown - ends.count)
            }
            for token in 0..<batch.hashes.count {
                hashes[count + token] = batch.hashes[token]
                starts[count + token] = batch.starts[token]
                ends[count + token] = batch.ends[token]
            }
            count += batch.hashes.count
        }
        tokenHashes = hashes
        tokenStarts = starts
        tokenEnds = ends
        tokenCount = count
    }

    /// Fills `prefixes` for the paragraph's tokens, and `powers` as far as they reach.
    mutating func computePrefixes() {
        let needed = tokenCount + 1
        if prefixes.count < needed { prefixes = [UInt64](repeating: 0, count: max(needed, 2 * prefixes.count)) }
        while powers.count < needed { powers.append(powers[powers.count - 1] &* Shingler.base) }
        tokenHashes.withUnsafeBufferPointer { tokens in
            prefixes.withUnsafeMutableBufferPointer {
                Shingler.prefixPolynomials(of: UnsafeBufferPointer(rebasing: tokens[..<tokenCount]), into: $0.baseAddress!)
            }
        }
    }

    /// Static, so that no copy of `self` is held while `sketch` (one of its buffers) is written:
    /// that copy would make every call copy the buffer on write.
    static func accumulate(
        _ minHash: MinHash, _ used: Int, _ fingerprints: [UInt32], _ from: Int, _ to: Int, into sketch: inout [SIMD8<UInt16>]
    ) {
        guard from < to else { return }
        fingerprints.withUnsafeBufferPointer { all in
            sketch.withUnsafeMutableBufferPointer { out in
                minHash.accumulate(UnsafeBufferPointer(rebasing: all[from..<to]), into: out, permutations: used)
            }
        }
    }

    mutating func appendSegment(
        _ kind: SegmentSketch.Kind, paragraph: Int, span: ByteRange, tokens: Range<Int>, shingles: Range<Int>,
        sketch: [SIMD8<UInt16>], in buffer: UnsafeBufferPointer<UInt8>, into result: inout DocumentSketch, matched: Bool = true
    ) {
        let exactHash = prefixes.withUnsafeBufferPointer { prefixes in
            Shingler.exactHash(prefixes: prefixes.baseAddress!, range: tokens, power: powers[tokens.count])
        }
        let keyStart = result.bandKeys.count
        if !shingles.isEmpty, !Self.onlyShort.contains(tokens.count) {
            sketch.withUnsafeBufferPointer { vectors in
                vectors.withMemoryRebound(to: UInt16.self) { values in
                    LSHIndex.bandKeys(of: values, parameters: parameters, into: &result.bandKeys)
                }
            }
        }
        // A segment not to be matched is filed as one without a letter: a class of its own.
        let hasLetter = matched && Self.hasLetter(UnsafeBufferPointer(rebasing: buffer[span.range]))
        var segment = SegmentSketch(
            kind: kind, paragraph: paragraph, span: span, tokens: tokens, shingles: shingles,
            exactHash: exactHash, bandKeys: keyStart..<result.bandKeys.count, hasLetter: hasLetter)
        if hasLetter, Self.shortTokens.contains(tokens.count) { appendShort(&segment, into: &result) }
        result.segments.append(segment)
    }

    /// Whether text has a letter: an ASCII letter, or a non-ASCII scalar outside the Latin-1
    /// symbols (U+0080-U+00BF) and General Punctuation (U+2000-U+206F).
    ///
    /// - Complexity: O(*n*), usually O(1): most segments start with a letter.
    @inline(__always)  // asked of every segment, and usually answered at its first byte
    static func hasLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if (byte | 0x20) &- UInt8(ascii: "a") < 26 { return true }
            if byte >= 0xC3 {
                let general = byte == 0xE2 && index + 1 < bytes.count && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81)
                if !general { return true }
            }
            index += 1
        }
        return false
    }
}
