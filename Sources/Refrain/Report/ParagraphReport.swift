/// One paragraph of a scanned document.
///
/// The stored properties are ordered widest first, so that the optionals' and the label's
/// one-byte tags share the last word: a large scan keeps millions of these.
public struct ParagraphReport: Sendable, Hashable {
    /// The paragraph's bytes.
    public var span: ByteRange
    /// Recycled spans inside the paragraph, sorted and disjoint.
    public var recycled: [ByteRange]
    /// Spans repeated elsewhere in the same document only.
    public var repeated: [ByteRange]
    /// The paragraph's sentences: a slice of the document's sentence list, shared by its
    /// paragraphs, since an array per paragraph would be an allocation per paragraph.
    public var sentences: ArraySlice<ByteRange>
    /// Recycled non-space bytes, and all non-space bytes.
    public var recycledWeight: Int, weight: Int
    /// The family its recycled text belongs to (the paragraph's own, else its largest recycled sentence's).
    public var family: Int?
    /// The best Jaccard similarity of that segment to a member in another document.
    public var similarity: Double?
    /// Its label.
    public var label: Label

    init(
        span: ByteRange, label: Label, family: Int?, similarity: Double?, recycled: [ByteRange], repeated: [ByteRange],
        sentences: ArraySlice<ByteRange>, recycledWeight: Int, weight: Int
    ) {
        self.span = span
        self.label = label
        self.family = family
        self.similarity = similarity
        self.recycled = recycled
        self.repeated = repeated
        self.sentences = sentences
        self.recycledWeight = recycledWeight
        self.weight = weight
    }
}
