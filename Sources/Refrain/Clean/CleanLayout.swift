/// Where `clean` writes each document, relative to its output folder: the input tree kept,
/// every path inside the folder and unique byte for byte.
@_spi(CommandLine) public struct CleanLayout: Sendable {
    /// One output file: a text document, or a JSON Lines file's records in order.
    public struct File: Sendable, Hashable {
        /// The path relative to the output folder, `/`-separated, no `.` or `..`.
        public var path: String
        /// The path as bytes, as the input names it (names need not be UTF-8): what is written.
        public var pathBytes: [UInt8]
        /// Whether the file holds JSON Lines records.
        public var isJSONLines: Bool
        /// The documents written into it, by index, in order.
        public var documents: [Int]
        /// The input file they came from (`-` for standard input), for messages.
        public var input: String
    }

    /// Why no layout exists: two inputs would share an output path, or one would leave the folder.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        /// Two inputs map to one output path (or one's path is a folder of the other's).
        case collision(path: String, first: String, second: String)
        /// An input's relative path would leave the output folder or is not a usable name.
        case unusablePath(path: String, input: String)

        public var description: String {
            switch self {
            case .collision(let path, let first, let second):
                "\(first) and \(second) would both be written to \(path) in the output folder; "
                    + "clean them in separate runs or rename one."
            case .unusablePath(let path, let input):
                "\(input) would be written to \(path), which is not a path inside the output folder; rename it or pass its folder."
            }
        }
    }

    /// The output files, sorted by path bytes.
    public var files: [File]

    /// Computes where every document goes.
    ///
    /// A folder's files keep their path below the folder, a file argument its name, and
    /// standard input becomes `stdin.txt` (or `stdin.jsonl`). The manifest's name is taken.
    ///
    /// - Parameter documents: The corpus's documents, in order.
    /// - Returns: The layout.
    /// - Throws: `Problem` naming both inputs of a collision, or an input whose path would
    ///   leave the output folder.
    /// - Complexity: O(total path bytes · depth).
    public init(documents: [Document]) throws {
        var byPath: [[UInt8]: Int] = [:]  // path bytes → index into files
        var files: [File] = []
        let reserved = Array(CleanManifest.fileName.utf8)
        var folders: [[UInt8]: String] = [:]  // every folder an output file sits in → an input in it
        for (index, document) in documents.enumerated() {
            let location = document.location ?? DocumentLocation(input: 0, file: document.origin, relativePath: document.id)
            let isJSONLines = location.line != nil
            let input = location.file == "-" ? "standard input" : location.file
            let path = location.file == "-" ? (isJSONLines ? "stdin.jsonl" : "stdin.txt") : location.relativePath
            // The input's bytes, so that names that are not UTF-8 come out as they went in.
            let key = location.file == "-" ? Array(path.utf8) : location.relativePathBytes
            if let existing = byPath[key] {
                if files[existing].input == input, files[existing].isJSONLines == isJSONLines, isJSONLines {
                    files[existing].documents.append(index)
                    continue
                }
                throw Problem.collision(path: path, first: files[existing].input, second: input)
            }
            let components = key.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            if components.contains(where: { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) })
                || key.contains(0)
            {
                throw Problem.unusablePath(path: path, input: input)
            }
            if key == reserved { throw Problem.collision(path: path, first: input, second: "the manifest") }
            if let other = folders[key] { throw Problem.collision(path: path, first: other, second: input) }
            var prefix: [UInt8] = []
            for component in components.dropLast() {
                if !prefix.isEmpty { prefix.append(UInt8(ascii: "/")) }
                prefix += component
                if let file = byPath[prefix] { throw Problem.collision(path: path, first: files[file].input, second: input) }
                if prefix == reserved { throw Problem.collision(path: path, first: input, second: "the manifest") }
                if folders[prefix] == nil { folders[prefix] = input }
            }
            byPath[key] = files.count
            files.append(File(path: path, pathBytes: key, isJSONLines: isJSONLines, documents: [index], input: input))
        }
        self.files = files.sorted { $0.pathBytes.lexicographicallyPrecedes($1.pathBytes) }
    }

    /// A second name of an input file, as clean writes it: a link in the output folder.
    public struct Alias: Sendable, Hashable {
        /// The second name's id.
        public var id: String
        /// Its path in the output folder (the input's, relative to its folder).
        public var pathBytes: [UInt8]
        /// The output path of the file it is a second name of.
        public var of: [UInt8]
        /// That file's size in the input.
        public var bytes: Int
        /// What the input's symbolic link said; `nil` for a hard link.
        public var inputLink: [UInt8]?
        /// What the output's symbolic link says: the path from its folder to `of`, so the
        /// link leads to the cleaned text wherever the input's led; `nil` for a hard link.
        public var outputLink: [UInt8]?
    }

    /// Where the corpus's second names go, and those that cannot be written with a reason:
    /// one whose path is taken by an output file or folder, or whose first name was not
    /// written as a whole file.
    ///
    /// - Complexity: O(aliases + documents + layout paths).
    ///
    /// - Parameter fileSizes: Each JSON Lines file's size, by path (`Corpus.jsonLinesSizes`):
    ///   a second name of one stands for the whole file.
    public static func aliases(
        _ aliases: [Corpus.Alias], documents: [Document], layout: CleanLayout, fileSizes: [[UInt8]: Int] = [:]
    ) -> (written: [Alias], skipped: [String]) {
        var outputOf: [String: [UInt8]] = [:]
        var fileSize: [String: Int] = [:]
        var compressedFiles = Set<String>()
        var taken = Set<[UInt8]>()
        for file in layout.files {
            taken.insert(file.pathBytes)
            var prefix: [UInt8] = []
            for component in file.pathBytes.split(separator: UInt8(ascii: "/")).dropLast() {
                if !prefix.isEmpty { prefix.append(UInt8(ascii: "/")) }
                prefix += component
                taken.insert(prefix)
            }
            guard !file.isJSONLines else {
                // A JSON Lines file is named by its path, as its second names' first name is.
                if let location = documents[file.documents[0]].location, !location.relativePathBytes.isEmpty,
                    let size = fileSizes[location.fileBytes]
                {
                    outputOf[location.relativePath] = file.pathBytes
                    fileSize[location.relativePath] = size
                    if Corpus.isGzipName(location.file) { compressedFiles.insert(location.relativePath) }
                }
                continue
            }
            outputOf[documents[file.documents[0]].id] = file.pathBytes
        }
        var byID = Dictionary(documents.map { ($0.id, $0.byteCount) }, uniquingKeysWith: { first, _ in first })
        byID.merge(fileSize) { _, file in file }
        let compressedIDs = compressedFiles.union(
            aliases.isEmpty ? [] : documents.filter { $0.location.map { Corpus.isGzipName($0.file) } ?? false }.map(\.id))
        var written: [Alias] = []
        var skipped: [String] = []
        for alias in aliases {
            let shown = DocumentLocation.displayName(alias.relativePathBytes)
            guard let of = outputOf[alias.originalID], let bytes = byID[alias.originalID] else {
                skipped.append("\(shown): a second name of \(alias.originalID), which is not written as a file of its own; left out.")
                continue
            }
            guard taken.insert(alias.relativePathBytes).inserted else {
                skipped.append("\(shown): a second name of \(alias.originalID), but its path is taken in the output folder; left out.")
                continue
            }
            var outputLink: [UInt8]?
            if alias.linkTarget != nil {
                let depth = alias.relativePathBytes.filter { $0 == UInt8(ascii: "/") }.count
                outputLink = Array(repeating: Array("../".utf8), count: depth).flatMap { $0 } + of
            }
            // A link to a compressed file is given back pointing at the file restore writes:
            // decompressed, under the name without .gz.
            var inputLink = alias.linkTarget
            if let target = inputLink, Gzip.isCompressedName(target), compressedIDs.contains(alias.originalID) {
                inputLink = Array(target.dropLast(3))
            }
            written.append(
                Alias(
                    id: alias.id, pathBytes: alias.relativePathBytes, of: of, bytes: bytes, inputLink: inputLink,
                    outputLink: outputLink))
        }
        return (written, skipped)
    }
}
