import CRefrainKernels

/// The paragraphs and sentences of one document, as byte spans.
@_spi(Stages) public struct Segmentation: Sendable, Hashable {
    /// Paragraph spans in reading order, trimmed of surrounding white space.
    public var paragraphs: [ByteRange] = []
    /// Sentence spans in reading order, trimmed; every sentence lies inside one paragraph.
    public var sentences: [ByteRange] = []
    /// For each paragraph, the range of its sentences in `sentences`.
    public var sentenceRanges: [Range<Int>] = []
    /// The sentences, of paragraphs with more than one, that are whole lines (nothing but
    /// white space between them and the hard line breaks or paragraph ends around them),
    /// increasing: short exact matches need them (`Clusters+ShortEvidence.swift`). Most
    /// paragraphs are a line each, so this is usually empty.
    public var lineSentences: [Int32] = []

    public init() {}

    /// The sentences of paragraph `index`.
    public func sentences(ofParagraph index: Int) -> ArraySlice<ByteRange> {
        sentences[sentenceRanges[index]]
    }

    /// Whether sentence `index` is a whole line of a paragraph with more than one sentence.
    ///
    /// - Complexity: O(log *n*) in the number of such sentences.
    public func isLine(sentence index: Int) -> Bool {
        let position = lineSentences.lowerBound(of: Int32(index))
        return position < lineSentences.count && lineSentences[position] == Int32(index)
    }
}
