/// The output of segment → tokenize → shingle → sketch for one document.
///
/// A plain record: everything the index and match stages need, nothing of the text.
@_spi(Stages) public struct DocumentSketch: Sendable {
    /// Paragraphs and sentences.
    public var segmentation = Segmentation()
    /// Segments to match: each paragraph, and each sentence of a paragraph with two or more.
    public var segments: [SegmentSketch] = []
    /// Shingle fingerprints of every paragraph, in reading order, paragraphs one after another.
    public var fingerprints: [UInt32] = []
    /// Band keys of the segments, `bands` per segment with shingles.
    public var bandKeys: [UInt32] = []
    /// Keys of the short segments, `LSHShortIndex.keys` per short segment: MinHash values
    /// of word pairs, each a band of one row, so a few edited words leave most keys alone.
    public var shortKeys: [UInt32] = []
    /// The words of the short segments, when the sketcher keeps them (`keepsShortWords`):
    /// each short segment's tokens, the top 16 bits of each hash, in segment order.
    public var shortWords: [UInt16] = []
}
