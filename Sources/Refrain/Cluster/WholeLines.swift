/// Which segments are sentences standing on a line of their own, one bit per segment: all
/// that weighing short exact copies needs of the documents' segmentations, so that a large
/// scan can let the segmentations go after sketching.
struct WholeLines: Sendable {
    /// Bit `segment % 64` of word `segment / 64` is set for a whole-line sentence.
    private var words: [UInt64] = []

    /// Creates a set with no segment in it.
    init() {}

    /// Marks `segment` as a sentence that is a whole line.
    ///
    /// - Complexity: O(1) amortized.
    mutating func insert(_ segment: Int) {
        let word = segment >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(segment & 63)
    }

    /// Whether `segment` is a sentence that is a whole line.
    subscript(segment: Int) -> Bool {
        let word = segment >> 6
        return word < words.count && words[word] & (1 << UInt64(segment & 63)) != 0
    }
}

extension WholeLines {
    /// Marks a document's short sentences that are whole lines, as its segments are filed.
    ///
    /// - Parameters:
    ///   - sketch: The document's sketch, with its segmentation.
    ///   - firstSegment: The id its first segment gets.
    ///   - shingle: The shingle length: only segments shorter are weighed as short copies.
    /// - Complexity: O(*s* log *s*) in the document's sentences.
    mutating func mark(_ sketch: DocumentSketch, firstSegment: Int, shingle: Int) {
        for (position, segment) in sketch.segments.enumerated()
        where segment.kind != .paragraph && segment.tokens.count < shingle
            && sketch.segmentation.isWholeLine(segment.span, paragraph: segment.paragraph)
        {
            insert(firstSegment + position)
        }
    }
}
