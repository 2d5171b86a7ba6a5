import Foundation

/// The read stage: documents from folders, files, JSON Lines and standard input.
public struct Corpus: Sendable {
    /// The documents, files in id order and JSON Lines records in file order.
    public var documents: [Document]
    /// Inputs that were skipped or need a note, in the order met.
    public var problems: [InputProblem]

    /// Creates a corpus from documents.
    public init(documents: [Document], problems: [InputProblem] = []) {
        self.documents = documents
        self.problems = problems
    }

    /// Whether a path is read as JSON Lines: `.jsonl` or `.ndjson`.
    public static func isJSONLines(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
    }

    /// The largest document the engine can address: its spans are 32-bit byte offsets.
    public static let maximumDocumentBytes = Int(UInt32.max)

    /// The text `scan` keeps in memory, in bytes (`read`'s `textBudget`): a corpus up to about
    /// this size is read once; a larger one has its texts read again by the stages that need
    /// them, so that its text is never resident all at once.
    public static let scanTextBudget = 128 << 20

    /// The patterns a folder's files are read by when no `--include` is given.
    public static let defaultInclude = ["*.txt", "*.jsonl", "*.ndjson"]

    /// Notes for standard error: what was left out and why, when nothing is wrong with it.
    public var notes: [String] = []
    /// Files found (read or skipped), standard input included: with no documents, 0 means
    /// nothing was found and more means nothing held a document.
    public var filesFound = 0

}
