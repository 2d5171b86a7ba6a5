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
    public var families: [Family] {
        didSet { familyIndex = Self.index(of: families) }
    }
    /// Each family's position in `families`, by id.
    private var familyIndex: [Int: Int]

    /// A report of documents and families, with stable family ids (see `assignStableIDs`).
    ///
    /// - Parameters:
    ///   - documents: Consumed, so that the report holds their paragraphs alone and
    ///     renumbers them in place.
    ///   - families: Largest first; ids may be any distinct numbers, the paragraphs'
    ///     `family` among them.
    init(configuration: Configuration, parameters: LSHParameters, documents: consuming [DocumentReport], families: [Family]) {
        self.configuration = configuration
        self.parameters = parameters
        self.documents = consume documents
        self.families = families
        familyIndex = [:]
        assignStableIDs()
        familyIndex = Self.index(of: self.families)
    }

    static func index(of families: [Family]) -> [Int: Int] {
        Dictionary(families.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

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
    ///
    /// - Complexity: O(1).
    public func family(_ id: Int) -> Family? {
        familyIndex[id].map { families[$0] }
    }
}

extension Array {
    /// The sum of an integer read from each element in place.
    ///
    /// Not `reduce`: over the reports it goes through the unspecialized value witness and
    /// copies each one whole (retaining its arrays) to read one field.
    @inline(__always)
    func total(_ value: (Element) -> Int) -> Int {
        var total = 0
        for index in indices { total += value(self[index]) }
        return total
    }
}
