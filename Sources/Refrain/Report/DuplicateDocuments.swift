/// Documents that repeat another whole: the same text (`Document.comparableText(_:)`), every
/// paragraph `template` (or a line without a letter, "* * *" or "2024", which is never matched).
///
/// Each group's **original** is its first document in publication order (earliest `date`,
/// else input order, as `clean --keep-first` decides); the others are its duplicates.
public struct DuplicateDocuments: Sendable, Hashable {
    /// One original and the documents that repeat it.
    public struct Group: Sendable, Hashable {
        /// The original's index in the report.
        public var original: Int
        /// The duplicates' indexes, in publication order.
        public var duplicates: [Int]
    }

    /// Groups in order of their original's index.
    public var groups: [Group]

    /// The number of duplicate documents (originals not counted).
    public var count: Int { groups.reduce(0) { $0 + $1.duplicates.count } }

    /// The longest novel paragraph looked at for a letter: a section break or a year.
    static let wordlessBytes = 32

    /// Whether every paragraph is template, or novel and too short to hold more than a
    /// section break or a year, and one at least is template.
    ///
    /// - Complexity: O(*paragraphs*).
    static func isAllTemplate(_ paragraphs: [ParagraphReport]) -> Bool {
        var anyTemplate = false
        for index in paragraphs.indices {
            switch paragraphs[index].label {
            case .template: anyTemplate = true
            case .novel where paragraphs[index].span.count <= wordlessBytes: continue
            default: return false
            }
        }
        return anyTemplate
    }

    /// Finds the exact duplicates of a scan.
    ///
    /// - Parameters:
    ///   - report: The scan's report.
    ///   - documents: The scanned documents, in report order.
    /// - Complexity: O(bytes of the documents whose paragraphs are all template).
    public init(report: ScanReport, documents: [Document]) {
        // Only documents of template paragraphs can repeat another whole; they are few.
        // Per hash, groups of the same text: their members, and the first member's text as
        // compared, kept from the first time another document is compared with it (so it
        // is read and normalized once, not once per copy).
        var byHash: [UInt64: [(members: [Int], text: [UInt8]?)]] = [:]
        // Read in place, by index: a copy of each document's report, or of each paragraph's
        // (as `contains(where:)` hands them out), would retain its arrays.
        for position in report.documents.indices
        where Self.isAllTemplate(report.documents[position].paragraphs) {
            let index = report.documents[position].index
            // `loadedBytes()`: a large scan's texts are not resident, and read again here.
            let bytes = documents[index].loadedBytes()
            let wordless = bytes.withUnsafeBufferPointer { buffer in
                report.documents[position].paragraphs.allSatisfy {
                    $0.label == .template || !Sketcher.hasLetter(UnsafeBufferPointer(rebasing: buffer[$0.span.range]))
                }
            }
            guard wordless else { continue }
            // The same text saved otherwise (CR LF, no final line feed) is the same document.
            let text = Document.comparableText(bytes)
            let hash = text.withUnsafeBytes { XXH3.hash($0) }
            var buckets = byHash[hash] ?? []
            var same: Int?
            for bucket in buckets.indices {
                if buckets[bucket].text == nil {
                    buckets[bucket].text = Document.comparableText(documents[buckets[bucket].members[0]].loadedBytes())
                }
                if buckets[bucket].text == text {
                    same = bucket
                    break
                }
            }
            if let same {
                buckets[same].members.append(index)
            } else {
                buckets.append(([index], nil))
            }
            byHash[hash] = buckets
        }
        groups = byHash.values.joined().map(\.members).filter { $0.count > 1 }.map { members in
            let ordered = members.sorted { report.isPublished($0, before: $1) }
            return Group(original: ordered[0], duplicates: Array(ordered.dropFirst()))
        }.sorted { $0.original < $1.original }
    }
}
