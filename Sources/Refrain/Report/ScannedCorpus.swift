/// A corpus and the report of its scan, together: what `diff`, `families` and `clean` read.
///
/// The report refers to documents by index; keeping the documents beside it means no caller
/// has to pass them again, in the same order, to read the report against the text.
public struct ScannedCorpus: Sendable {
    /// The documents scanned, in report order.
    public let corpus: Corpus
    /// The scan's report.
    public let report: ScanReport

    /// Scans a corpus.
    ///
    /// - Parameters:
    ///   - corpus: The documents, as `Corpus.read` returns them.
    ///   - configuration: The scan's parameters.
    ///   - progress: Called now and then with a stage, documents done and the total.
    /// - Complexity: Near-linear in the corpus size (see `Pipeline.scan`).
    public init(
        _ corpus: Corpus, configuration: Configuration = Configuration(),
        progress: (@Sendable (Pipeline.Stage, Int, Int) -> Void)? = nil
    ) {
        self.corpus = corpus
        self.report = Pipeline(configuration: configuration).scan(corpus.documents, progress: progress)
    }

    /// The document whose id is `id`, or `nil`.
    public func index(ofDocument id: String) -> Int? {
        corpus.documents.firstIndex { $0.id.utf8.elementsEqual(id.utf8) }
    }

    /// One document read against the corpus, paragraph by paragraph.
    ///
    /// - Parameter index: The document's index in `corpus.documents`.
    /// - Complexity: O(the document's length + the copies of its families).
    public func diff(ofDocument index: Int) -> DocumentDiff {
        DocumentDiff(report: report, documents: corpus.documents, index: index)
    }

    /// Every family with its representative and variants.
    public func families() -> FamilyListing {
        FamilyListing(report: report, documents: corpus.documents)
    }

    /// Every document with its recycled spans removed (see `Cleaner.clean`).
    ///
    /// - Parameter keepFirst: Keep each family's first copy (by date, else corpus order).
    public func cleaned(keepFirst: Bool = false) -> [CleanedDocument] {
        Cleaner.clean(report, documents: corpus.documents, keepFirst: keepFirst)
    }
}
