/// The index stage's output: every segment's record, the LSH index of the segments that are
/// the first of their text, and the segmentations the label stage reuses.
///
/// Each part is taken out (and freed) as soon as the stages after it are done with it, so
/// that the peak holds as little as possible at once.
struct IndexedCorpus {
    /// One record per segment, in corpus order.
    var table: SegmentTable
    /// Each document's paragraphs and sentences, kept so that labeling need not segment again.
    var segmentations: SegmentationStore
    /// The short sentences that are whole lines, all clustering needs of the segmentations.
    var wholeLines: WholeLines
    /// The LSH index; `nil` once taken.
    private var lsh: LSHIndex?
    /// For each LSH entry, its segment (increasing).
    var entrySegment: [UInt32]
    /// The short segments' index and words.
    var short: LSHShortIndex

    init(
        table: SegmentTable, segmentations: SegmentationStore, wholeLines: WholeLines = WholeLines(), index: LSHIndex,
        entrySegment: [UInt32], short: LSHShortIndex = LSHShortIndex()
    ) {
        self.table = table
        self.segmentations = segmentations
        self.wholeLines = wholeLines
        self.lsh = index
        self.entrySegment = entrySegment
        self.short = short
    }

    /// The LSH index, until taken.
    var index: LSHIndex { lsh! }

    /// Takes the LSH index out, to be freed.
    mutating func takeIndex() -> LSHIndex? { lsh.take() }

    /// Takes the LSH entries' segments out, to be freed.
    mutating func takeEntrySegments() -> [UInt32] {
        var taken: [UInt32] = []
        swap(&taken, &entrySegment)
        return taken
    }

    /// Takes the short segments' index out, to be freed.
    mutating func takeShort() -> LSHShortIndex {
        var taken = LSHShortIndex(capacity: 0)
        swap(&taken, &short)
        return taken
    }

    /// Takes the segmentations out, to be freed.
    mutating func takeSegmentations() -> SegmentationStore {
        var taken = SegmentationStore()
        swap(&taken, &segmentations)
        return taken
    }
}
