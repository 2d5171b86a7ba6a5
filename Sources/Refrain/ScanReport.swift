/// What a paragraph is, by how much of it recurs elsewhere.
public enum Label: String, Sendable, Codable, CaseIterable {
    /// At least 80% of its non-space bytes are recycled.
    case template
    /// Some recycled text, less than 80%.
    case partial
    /// No recycled text; repeats only text of its own document.
    case `repeat`
    /// No recycled or repeated text.
    case novel
}

/// One paragraph of a scanned document.
public struct ParagraphReport: Sendable, Hashable {
    /// The paragraph's bytes.
    public var span: Span
    /// Its label.
    public var label: Label
    /// The family its recycled text belongs to (the paragraph's own, else its largest recycled sentence's).
    public var family: Int?
    /// The best Jaccard similarity of that segment to a member in another document.
    public var similarity: Double?
    /// Recycled spans inside the paragraph, sorted and disjoint.
    public var recycled: [Span]
    /// Spans repeated elsewhere in the same document only.
    public var repeated: [Span]
    /// The paragraph's sentences: a slice of the document's sentence list, shared by its
    /// paragraphs (an array per paragraph was the report's largest share of allocations).
    public var sentences: ArraySlice<Span>
    /// Recycled non-space bytes, and all non-space bytes.
    public var recycledWeight: Int, weight: Int
}

/// One scanned document.
public struct DocumentReport: Sendable, Hashable {
    /// Its index in `ScanReport.documents` and in the scanned corpus order.
    public var index: Int
    /// The document's id.
    public var id: String
    /// Its size in bytes.
    public var bytes: Int
    /// Its metadata.
    public var source: String?, date: String?
    /// Recycled spans, sorted and non-overlapping.
    public var recycled: [Span]
    /// Paragraphs in reading order.
    public var paragraphs: [ParagraphReport] {
        didSet { (recycledWeight, weight) = Self.weights(of: paragraphs) }
    }
    /// Recycled non-space bytes, and all non-space bytes, summed over the paragraphs
    /// whenever they are set. (Summed on each read, they were a serial pass over every
    /// paragraph of the corpus before the report's summary, and another per document.)
    public private(set) var recycledWeight: Int, weight: Int

    /// Creates a document's report from its paragraphs and their summed weights (which the
    /// labeler adds up as it labels them, while they are in cache).
    init(
        index: Int, id: String, bytes: Int, source: String?, date: String?, recycled: [Span],
        paragraphs: [ParagraphReport], recycledWeight: Int, weight: Int
    ) {
        assert(Self.weights(of: paragraphs) == (recycledWeight, weight))
        self.index = index
        self.id = id
        self.bytes = bytes
        self.source = source
        self.date = date
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

/// A cluster of near-copy paragraphs or sentences found in at least `minDocuments` documents.
public struct Family: Sendable, Hashable {
    /// One copy of the family's text.
    public struct Member: Sendable, Hashable {
        /// The document's index in the report.
        public var document: Int
        /// The paragraph's index in the document.
        public var paragraph: Int
        /// The copy's bytes (a paragraph, or a sentence inside it).
        public var span: Span
        /// Whether the copy is a whole paragraph.
        public var isParagraph: Bool
    }

    /// The family's id: 1 is the largest.
    public var id: Int
    /// Distinct documents holding a copy.
    public var documents: Int
    /// Every copy, in corpus order.
    public var members: [Member]
    /// One distinct text (normalized) among the copies, and how many copies have it.
    public struct Variant: Sendable, Hashable {
        /// The first copy with this text.
        public var member: Member
        /// Copies with this text.
        public var copies: Int
    }

    /// The member that stands for the family: the most common variant, earliest on ties.
    public var representative: Member
    /// The distinct texts, most copies first; the representative's comes first.
    public var variants: [Variant]
    /// The representative's text.
    public var text: String
}

/// Counts of the work a scan did, for benchmarks and tuning.
public struct ScanStatistics: Sendable, Hashable {
    /// Segments (paragraphs and sentences) filed.
    public var segments = 0
    /// Segments that matched an earlier one's normalized text exactly.
    public var exactDuplicates = 0
    /// Distinct band keys in the LSH index, summed over bands.
    public var indexEntries = 0
    /// Candidate pairs from LSH, and those verified.
    public var candidates = 0, verified = 0
    /// Shingle fingerprints kept.
    public var shingles = 0
    /// Wall seconds spent sketching and filing segments, finding LSH candidates, verifying
    /// them, clustering, and labeling.
    public var sketchSeconds = 0.0, indexSeconds = 0.0, verifySeconds = 0.0, clusterSeconds = 0.0, labelSeconds = 0.0
    /// The part of `sketchSeconds` the scanning thread spent filing segments in corpus
    /// order (the sketch stage's serial part).
    public var fileSeconds = 0.0
    /// Time to assemble the report from the labeled documents and clusters.
    public var reportSeconds = 0.0

    public init() {}
}

/// The result of scanning a corpus.
public struct ScanReport: Sendable {
    /// What the scan did.
    public var statistics = ScanStatistics()
    /// The configuration the scan ran with.
    public var configuration: Configuration
    /// The LSH banding used.
    public var parameters: LSHParameters
    /// Documents in corpus order.
    public var documents: [DocumentReport]
    /// Families, largest first.
    public var families: [Family]

    /// Total bytes.
    public var bytes: Int { documents.total { $0.bytes } }
    /// Total bytes inside recycled spans.
    public var recycledBytes: Int { documents.total { $0.recycledBytes } }
    /// Corpus recycled share: recycled non-space bytes over all non-space bytes.
    public var recycledShare: Double {
        let weight = documents.total { $0.weight }
        return weight == 0 ? 0 : Double(documents.total { $0.recycledWeight }) / Double(weight)
    }
    /// Total paragraphs.
    public var paragraphCount: Int { documents.total { $0.paragraphs.count } }

    /// The family with `id`.
    public func family(_ id: Int) -> Family? {
        id >= 1 && id <= families.count ? families[id - 1] : nil
    }
}

extension Array {
    /// The sum of an integer read from each element in place.
    ///
    /// `reduce` over the reports went through the unspecialized value witness and copied
    /// each one whole (retaining its four arrays) to read one field: 7 ms of the 100 MB
    /// corpus's report.
    @inline(__always)
    func total(_ value: (Element) -> Int) -> Int {
        var total = 0
        for index in indices { total += value(self[index]) }
        return total
    }
}
