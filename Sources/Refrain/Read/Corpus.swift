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
        var lower = path.lowercased()
        // news.jsonl.gz is read as news.jsonl decompressed.
        if Gzip.isCompressedName(Array(lower.utf8)) { lower.removeLast(3) }
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
    }

    /// The largest document the engine can address: its spans are 32-bit byte offsets.
    public static let maximumDocumentBytes = Int(UInt32.max)

    /// The text `scan` keeps in memory, in bytes (`read`'s `textBudget`): a corpus up to about
    /// this size is read once; a larger one has its texts read again by the stages that need
    /// them, so that its text is never resident all at once.
    public static let scanTextBudget = 128 << 20

    /// The text every command that scans keeps in memory: `REFRAIN_SPILL_ABOVE` (bytes) when
    /// set, so that a smaller corpus can take a large one's path (tests, and machines with
    /// less memory); else `scanTextBudget`, or less under a memory limit
    /// (`limitedTextBudget`). The scan spills above the same size.
    public static var textBudget: Int { budget.bytes }

    /// The memory limit that lowered `textBudget`, for the note that says why a run is
    /// slower; `nil` when none did, or `REFRAIN_SPILL_ABOVE` set it.
    public static var textBudgetLimit: MemoryLimit? { budget.limit }

    /// `textBudget` and the limit that lowered it, decided once.
    private static let budget: (bytes: Int, limit: MemoryLimit?) = {
        if let value = getenv("REFRAIN_SPILL_ABOVE").flatMap({ Int(String(cString: $0)) }), value >= 0 {
            return (value, nil)
        }
        let limit = MemoryLimit.current
        let bytes = limitedTextBudget(limit)
        return (bytes, bytes < scanTextBudget ? limit : nil)
    }()

    /// The text kept in memory under a memory limit: a corpus read once peaks at about five
    /// times its text, one whose text is read again at about 100 MB and 0.4 KB a paragraph,
    /// so a corpus over a sixth of the limit takes the second path.
    ///
    /// - Parameter limit: The process's memory limit, if any (`MemoryLimit.current`).
    /// - Returns: `scanTextBudget`, or a sixth of the limit when that is less, but never
    ///   under 4 MiB: a corpus that small costs little either way, and reading it again
    ///   would only be slower.
    public static func limitedTextBudget(_ limit: MemoryLimit?) -> Int {
        guard let limit else { return scanTextBudget }
        return min(scanTextBudget, max(4 << 20, limit.bytes / 6))
    }

    /// The patterns a folder's files are read by when no `--include` is given.
    public static let defaultInclude = ["*.txt", "*.jsonl", "*.ndjson"]

    /// Notes for standard error: what was left out and why, when nothing is wrong with it.
    public var notes: [String] = []
    /// Files and folders the folder walks left out (by extension, `--exclude`, hidden): not
    /// read, so in no output of `clean`.
    public var leftOut = 0
    /// Second names of files read once under their first name: hard links and symbolic
    /// links inside a folder input, to a file of the same input. Not documents; `clean`
    /// writes each as a link to the first name's output and records it in the manifest.
    public var aliases: [Alias] = []

    /// A second name of a file read as a document under its first name.
    public struct Alias: Sendable, Hashable {
        /// The second name's id (its path relative to its folder input).
        public var id: String
        /// The same path's bytes (names need not be UTF-8).
        public var relativePathBytes: [UInt8]
        /// The input (argument) it was found under.
        public var input: Int
        /// The id of the document read under the first name.
        public var originalID: String
        /// The first name's path relative to the same folder input, as bytes.
        public var originalRelativePathBytes: [UInt8]
        /// What the second name says when it is a symbolic link (as written in it); `nil`
        /// for a hard link.
        public var linkTarget: [UInt8]?
    }

    /// Files found (read or skipped), standard input included: with no documents, 0 means
    /// nothing was found and more means nothing held a document.
    public var filesFound = 0

    /// Each JSON Lines file's size in bytes as read, by its path's bytes: `clean` rewrites the
    /// file from a later read, and a line appended since would otherwise be copied uncleaned.
    public var jsonLinesSizes: [[UInt8]: Int] = [:]

    /// The decompressed bytes of the compressed JSON Lines files read into memory, by path,
    /// when records are kept (`clean` writes their other lines from these).
    @_spi(CommandLine) public var decompressedFiles: [[UInt8]: [UInt8]] = [:]
}
