import CRefrainKernels

/// A document's paragraphs labeled, each with the family its recycled text came from.
struct LabeledDocument: Sendable {
    var paragraphs: [ParagraphReport]
    /// The paragraphs' recycled spans, in order: gathered here, where they are made, since
    /// gathering them later from each paragraph report costs a cache miss per paragraph.
    var recycled: [ByteRange] = []
    /// The paragraphs' recycled non-space bytes and all their non-space bytes, summed here
    /// for the same reason.
    var recycledWeight = 0, weight = 0
}
