/// One segment of a document as the sketch stage leaves it: where it is, and what to match it by.
@_spi(Stages) public struct SegmentSketch: Sendable, Hashable {
    /// Whether the segment is a whole paragraph or one sentence of a longer paragraph.
    public enum Kind: UInt8, Sendable { case paragraph, sentence }

    /// Paragraph or sentence.
    public var kind: Kind
    /// The paragraph's index in the document.
    public var paragraph: Int
    /// The segment's bytes.
    public var span: ByteRange
    /// The segment's tokens as a range of its paragraph's token indices.
    public var tokens: Range<Int>
    /// The segment's shingles as a range of `DocumentSketch.fingerprints`.
    public var shingles: Range<Int>
    /// The hash of the segment's whole normalized text (its token sequence).
    public var exactHash: UInt64
    /// The segment's band keys as a range of `DocumentSketch.bandKeys` (empty without shingles).
    public var bandKeys: Range<Int>
    /// Whether the segment has a letter: one without ("7.", "(2006).") is never matched,
    /// since numbers and punctuation alone are no recycled text.
    public var hasLetter: Bool = true
    /// The segment's short-segment keys as a range of `DocumentSketch.shortKeys` (empty
    /// unless the segment is short: `Sketcher.shortTokens`).
    public var shortKeys: Range<Int> = 0..<0
}
