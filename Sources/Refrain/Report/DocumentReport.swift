/// One scanned document.
public struct DocumentReport: Sendable, Hashable {
    /// Its index in `ScanReport.documents` and in the scanned corpus order.
    public var index: Int
    /// The document's id.
    public var id: String
    /// Its size in bytes.
    public var bytes: Int
    /// Its metadata.
    public var source: String?
    public var date: String? {
        didSet { published = date.flatMap(PublicationDate.init) }
    }
    /// The instant `date` names, read once: families order their documents by it.
    public private(set) var published: PublicationDate?
    /// Recycled spans, sorted and non-overlapping.
    public var recycled: [ByteRange]
    /// Paragraphs in reading order.
    public var paragraphs: [ParagraphReport] {
        didSet { (recycledWeight, weight) = Self.weights(of: paragraphs) }
    }
    /// Recycled non-space bytes, and all non-space bytes, summed over the paragraphs
    /// whenever they are set: summed on each read, they would be a serial pass over every
    /// paragraph of the corpus before the report's summary, and another per document.
    public private(set) var recycledWeight: Int, weight: Int

    /// Creates a document's report from its paragraphs and their summed weights (which the
    /// labeler adds up as it labels them, while they are in cache).
    init(
        index: Int, id: String, bytes: Int, source: String?, date: String?, recycled: [ByteRange],
        paragraphs: [ParagraphReport], recycledWeight: Int, weight: Int
    ) {
        assert(Self.weights(of: paragraphs) == (recycledWeight, weight))
        self.index = index
        self.id = id
        self.bytes = bytes
        self.source = source
        self.date = date
        self.published = date.flatMap(PublicationDate.init)
        self.recycled = recycled
        self.paragraphs = paragraphs
        self.recycledWeight = recycledWeight
        self.weight = weight
    }

    static func weights(of paragraphs: [ParagraphReport]) -> (recycled: Int, all: Int) {
        (paragraphs.total { $0.recycledWeight }, paragraphs.total { $0.weight })
    }

    /// Bytes inside recycled spans.
    public var recycledBytes: Int { recycled.reduce(0) { $0 + $1.count } }
    /// Recycled non-space bytes over all non-space bytes; 0 for an empty document.
    public var recycledShare: Double { weight == 0 ? 0 : Double(recycledWeight) / Double(weight) }
}
