/// Where the read stage found a document: which input, which file, which line.
public struct DocumentLocation: Sendable, Hashable {
    /// The input it came from: its index among the paths given to `Corpus.read`.
    public var input: Int
    /// The file it was read from, as a path; `-` for standard input.
    public var file: String
    /// The file's path relative to its input: below the folder for a folder, the file's name
    /// for a file, empty for standard input.
    public var relativePath: String
    /// The line, for a JSON Lines record.
    public var line: Int?

    /// Creates a location.
    public init(input: Int, file: String, relativePath: String, line: Int? = nil) {
        self.input = input
        self.file = file
        self.relativePath = relativePath
        self.line = line
    }
}
