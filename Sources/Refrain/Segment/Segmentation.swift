import CRefrainKernels

/// The paragraphs and sentences of one document, as byte spans.
@_spi(Stages) public struct Segmentation: Sendable, Hashable {
    /// Paragraph spans in reading order, trimmed of surrounding white space.
    public var paragraphs: [ByteRange] = []
    /// Sentence spans in reading order, trimmed; every sentence lies inside one paragraph.
    public var sentences: [ByteRange] = []
    /// For each paragraph, the range of its sentences in `sentences`.
    public var sentenceRanges: [Range<Int>] = []

    public init() {}

    /// The sentences of paragraph `index`.
    public func sentences(ofParagraph index: Int) -> ArraySlice<ByteRange> {
        sentences[sentenceRanges[index]]
    }
}
