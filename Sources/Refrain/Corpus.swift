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

    /// The patterns a folder's files are read by when no `--include` is given.
    public static let defaultInclude = ["*.txt", "*.jsonl", "*.ndjson"]

    /// Which files of a folder are read.
    public struct Selection: Sendable, Hashable {
        /// `fnmatch` patterns, matched case-insensitively against the path relative to the
        /// folder (`*` also matches `/`): a file is read when one matches.
        public var include: [String]
        /// Patterns that leave a file or folder out even when an include pattern matches.
        public var exclude: [String]

        /// Creates a selection; an empty `include` means `Corpus.defaultInclude`.
        public init(include: [String] = [], exclude: [String] = []) {
            self.include = include.isEmpty ? Corpus.defaultInclude : include
            self.exclude = exclude
        }

        /// Whether hidden names are read: only when an include pattern names one
        /// (starts with `.` or holds `/.`), so `--include '*.md'` never reads `.git`.
        var readsHidden: Bool { include.contains { $0.hasPrefix(".") || $0.contains("/.") } }

        func includes(_ relative: [UInt8]) -> Bool { Selection.matches(include, relative) }
        func excludes(_ relative: [UInt8]) -> Bool { !exclude.isEmpty && Selection.matches(exclude, relative) }

        /// Whether one of `patterns` matches `path`.
        static func matches(_ patterns: [String], _ path: [UInt8]) -> Bool {
            // FNM_CASEFOLD (a GNU extension, 1 << 4): `.TXT` files are read as they were before.
            Corpus.withCPath(path) { path in patterns.contains { fnmatch($0, path, 1 << 4) == 0 } }
        }
    }

    /// Notes for standard error: what was left out and why, when nothing is wrong with it.
    public var notes: [String] = []
    /// Files found (read or skipped), standard input included: with no documents, 0 means
    /// nothing was found and more means nothing held a document.
    public var filesFound = 0

    /// Reads documents.
    ///
    /// - Parameters:
    ///   - paths: Folders (read recursively: the files `selection` picks, `*.jsonl`/`*.ndjson`
    ///     as JSON Lines), files, or `-` for standard input (JSON Lines when it starts with
    ///     `{`, else one document).
    ///   - selection: Which files of a folder are read.
    ///   - standardInput: Supplies standard input's bytes when `-` is given; when it throws
    ///     (standard input closed or failing), that input is a problem and the rest is read.
    ///   - jobs: Threads that parse JSON Lines records.
    ///   - keepRecords: Keep each JSON Lines record's line in `Document.record`.
    /// - Returns: The corpus; unreadable or binary files and bad records are in `problems`,
    ///   what was left out on purpose in `notes`. Ids are unique byte-wise.
    /// - Throws: `RefrainError.pathNotFound` when a path does not exist.
    /// - Complexity: O(total bytes + files + folders × depth).
    public static func read(
        _ paths: [String], selection: Selection = Selection(),
        standardInput: () throws -> [UInt8] = { try Corpus.readStandardInput() }, jobs: Int = 1, keepRecords: Bool = false
    ) throws -> Corpus {
        var entries: [FileEntry] = []
        var walk = FolderWalk(selection: selection)
        for (input, path) in paths.enumerated() {
            if path == "-" {
                entries.append(FileEntry(id: "-", path: Array("-".utf8), input: input, isStandardInput: true))
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw RefrainError.pathNotFound(path) }
                walk.problems.append(
                    InputProblem(
                        path: path, message: "cannot be read (\(String(cString: strerror(errno)))). Check the path and its permissions."))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                entries += walk.list(folder: path, input: input)
            } else {
                entries.append(FileEntry(id: (path as NSString).lastPathComponent, path: Array(path.utf8), input: input))
            }
        }
        // Files in id order (byte-wise), so the report does not depend on the order of the arguments.
        entries.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) || ($0.id == $1.id && $0.path.lexicographicallyPrecedes($1.path)) }

        var corpus = Corpus(documents: [], problems: walk.problems)
        corpus.filesFound = entries.count
        var ownOutputs: [String] = walk.ownOutputs
        var seenIDs = Set<ByteKey>()
        // Text files are read on all jobs first: a folder of many small files is mostly
        // system calls, which threads overlap.
        let textFiles = entries.indices.filter { !entries[$0].isStandardInput && !entries[$0].isJSONLines }
        let pieceCount = min(textFiles.count, max(1, jobs) * 16)
        let files = entries
        let readPieces = parallelMap(pieceCount, jobs: jobs) { piece in
            (textFiles.count * piece / pieceCount..<textFiles.count * (piece + 1) / pieceCount).map { index in
                let entry = files[textFiles[index]]
                return readFile(entry.path, display: entry.displayPath)
            }
        }
        var preRead = readPieces.joined().makeIterator()
        for entry in entries {
            let display = entry.displayPath
            let location = DocumentLocation(input: entry.input, file: display, relativePath: entry.isStandardInput ? "" : entry.id)
            if entry.isJSONLines {
                // JSON Lines are parsed in place from a read-only mapping of the file: no
                // zeroed buffer to read 100 MB into, and no copy of it.
                let mapped = withMappedFile(entry.path, display: display, jobs: jobs) { bytes in
                    if OwnOutput.kind(of: bytes) != nil {
                        ownOutputs.append(display)
                        return
                    }
                    corpus.appendJSONLines(
                        bytes, path: display, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords)
                }
                if case .failure(let problem) = mapped { corpus.problems.append(problem) }
                continue
            }
            let bytes: [UInt8]
            if entry.isStandardInput {
                do {
                    bytes = try standardInput()
                } catch {
                    corpus.problems.append(
                        InputProblem(
                            path: "-",
                            message:
                                "standard input cannot be read (\(reason(error))). Pipe or redirect a file into refrain, or pass the file's path instead of -."
                        ))
                    continue
                }
            } else {
                switch preRead.next()! {
                case .success(let value): bytes = value
                case .failure(let problem):
                    corpus.problems.append(problem)
                    continue
                }
            }
            let jsonLines = entry.isStandardInput && bytes.first(where: { !ByteClass.isSpace($0) }) == UInt8(ascii: "{")
            if jsonLines {
                bytes.withUnsafeBufferPointer {
                    corpus.appendJSONLines(
                        $0, path: display, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords)
                }
                continue
            }
            if let offset = bytes.firstIndex(of: 0) {
                corpus.problems.append(
                    InputProblem(
                        path: display,
                        message:
                            "binary data (a NUL byte at offset \(offset)), not text. Remove the file from the corpus, or pass --skip-invalid to scan the rest without this warning failing the run."
                    ))
                continue
            }
            if !entry.isStandardInput, bytes.withUnsafeBufferPointer({ OwnOutput.kind(of: $0) }) != nil {
                ownOutputs.append(display)
                continue
            }
            let wanted = entry.isStandardInput ? "stdin" : entry.id
            var id = wanted
            if !seenIDs.insert(ByteKey(id)).inserted {
                id = uniqueID(entry.isStandardInput ? wanted : display, seenIDs: &seenIDs)
                corpus.problems.append(
                    InputProblem(
                        path: display, message: "id \"\(wanted)\" is used by another input; this document is listed as \"\(id)\".",
                        severity: .warning))
            }
            corpus.documents.append(Document(id: id, bytes: bytes, origin: display, location: location))
        }
        corpus.notes = walk.notes
        if !ownOutputs.isEmpty {
            let shown = ownOutputs.prefix(3).joined(separator: ", ") + (ownOutputs.count > 3 ? ", …" : "")
            corpus.notes.append(
                "left out \(ownOutputs.count) of refrain's own output\(ownOutputs.count == 1 ? "" : "s") (reports, clean manifests): \(shown)"
            )
        }
        return corpus
    }

    /// An id no document has yet, made from `base`: `base` itself, else `base#2`, `base#3`, …;
    /// inserted into `seenIDs`.
    ///
    /// - Complexity: O(1) expected, O(*k*) when `k` suffixes are taken.
    static func uniqueID(_ base: String, seenIDs: inout Set<ByteKey>) -> String {
        if seenIDs.insert(ByteKey(base)).inserted { return base }
        var suffix = 2
        while !seenIDs.insert(ByteKey("\(base)#\(suffix)")).inserted { suffix += 1 }
        return "\(base)#\(suffix)"
    }

    /// A string compared and hashed by its UTF-8 bytes: NFC and NFD spellings differ, as they
    /// do in file names.
    struct ByteKey: Hashable {
        var string: String
        init(_ string: String) { self.string = string }
        static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }
        func hash(into hasher: inout Hasher) {
            var string = string
            string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// A file to read: its id, its path as bytes (names need not be UTF-8), its input.
    struct FileEntry: Sendable {
        var id: String
        var path: [UInt8]
        var input: Int
        var isStandardInput = false
        /// Whether the file is read as JSON Lines, by its name.
        var isJSONLines: Bool

        init(id: String, path: [UInt8], input: Int, isStandardInput: Bool = false) {
            self.id = id
            self.path = path
            self.input = input
            self.isStandardInput = isStandardInput
            let lower = path.suffix(7).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            func ends(_ suffix: String) -> Bool {
                lower.count >= suffix.utf8.count && lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
            }
            isJSONLines = !isStandardInput && (ends(".jsonl") || ends(".ndjson"))
        }

        /// The path for messages; invalid UTF-8 shown as U+FFFD.
        var displayPath: String { String(decoding: path, as: UTF8.self) }
    }

    /// The folder walk: iterative (no recursion, so depth is bounded by `PATH_MAX` only),
    /// byte-wise on names, following symbolic links but not loops.
    struct FolderWalk {
        var selection: Selection
        var problems: [InputProblem] = []
        var ownOutputs: [String] = []
        var leftOutByExtension = 0
        var extensions: [String] = []
        var hidden = 0
        /// Every folder listed, by (device, inode), with its path: a folder reached twice
        /// through links is read once.
        var listed: [FolderIdentity: String] = [:]

        struct FolderIdentity: Hashable {
            var device: UInt64
            var inode: UInt64
        }

        init(selection: Selection) { self.selection = selection }

        /// One folder to list: its path, its path relative to the walked folder, and its
        /// parent's index in the walk's folders (for loop detection along the current path).
        struct Folder {
            var path: [UInt8]
            var relative: [UInt8]
            var device: UInt64
            var inode: UInt64
            var parent: Int?
        }

        /// The files a folder holds, with ids relative to it.
        mutating func list(folder root: String, input: Int) -> [FileEntry] {
            var result: [FileEntry] = []
            var status = stat()
            guard stat(root, &status) == 0 else { return [] }
            var rootPath = Array(root.utf8)
            while rootPath.count > 1, rootPath.last == UInt8(ascii: "/") { rootPath.removeLast() }
            var folders = [Folder(path: rootPath, relative: [], device: UInt64(status.st_dev), inode: UInt64(status.st_ino), parent: nil)]
            let rootIdentity = FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            if let first = listed[rootIdentity] {
                problems.append(
                    InputProblem(path: root, message: "the same folder as \(first), which is read; not read twice.", severity: .warning))
                return []
            }
            listed[rootIdentity] = root
            var stack = [0]
            let slash = UInt8(ascii: "/")
            while let index = stack.popLast() {
                let folder = folders[index]
                let display = String(decoding: folder.path, as: UTF8.self)
                if folder.parent != nil, FolderWalk.holdsManifest(folder.path) {
                    // A `clean` output inside the corpus: its files are cleaned copies.
                    ownOutputs.append(display + "/")
                    continue
                }
                guard let names = FolderWalk.names(in: folder.path, problems: &problems, display: display) else { continue }
                var children: [Int] = []
                for (name, type) in names {
                    var path = folder.path
                    if path.last != slash { path.append(slash) }
                    path += name
                    var relative = folder.relative
                    if !relative.isEmpty { relative.append(slash) }
                    relative += name
                    var shown: String { String(decoding: path, as: UTF8.self) }
                    if path.count >= Int(PATH_MAX) {
                        problems.append(
                            InputProblem(
                                path: shown,
                                message:
                                    "its path is \(path.count) bytes, longer than the system allows (PATH_MAX, \(PATH_MAX) bytes); move it closer to the folder, or pass its folder instead."
                            ))
                        continue
                    }
                    if name.first == UInt8(ascii: "."), !selection.readsHidden {
                        hidden += 1
                        continue
                    }
                    var entry = stat()
                    // A regular file needs no `stat` here: `readFile` checks it when it opens it.
                    let found = type == UInt8(DT_REG) ? 0 : withCPath(path) { stat($0, &entry) }
                    if type == UInt8(DT_REG) { entry.st_mode = S_IFREG }
                    if found != 0 {
                        let error = errno
                        var linkStatus = stat()
                        let isLink = withCPath(path) { lstat($0, &linkStatus) } == 0 && (linkStatus.st_mode & S_IFMT) == S_IFLNK
                        guard selection.includes(relative) || !isLink else { continue }
                        let why: String
                        switch error {
                        case ELOOP: why = "a symbolic-link loop; not followed. Fix or remove the link."
                        case ENOENT where isLink: why = "a symbolic link to a missing file. Fix or remove the link."
                        default: why = "cannot be read (\(String(cString: strerror(error)))). Check its permissions, or leave it out."
                        }
                        problems.append(InputProblem(path: shown, message: why))
                        continue
                    }
                    if selection.excludes(relative) { continue }
                    if (entry.st_mode & S_IFMT) == S_IFDIR {
                        // A folder already on the path from the walked folder is a loop.
                        var ancestor: Int? = index
                        var loop = false
                        while let current = ancestor {
                            if folders[current].device == UInt64(entry.st_dev), folders[current].inode == UInt64(entry.st_ino) {
                                loop = true
                                break
                            }
                            ancestor = folders[current].parent
                        }
                        if loop {
                            problems.append(
                                InputProblem(
                                    path: shown, message: "a symbolic-link loop (it leads back to a folder above it); not followed.",
                                    severity: .warning))
                            continue
                        }
                        let identity = FolderIdentity(device: UInt64(entry.st_dev), inode: UInt64(entry.st_ino))
                        if let first = listed[identity] {
                            problems.append(
                                InputProblem(
                                    path: shown, message: "the same folder as \(first) (through a link), which is read; not read twice.",
                                    severity: .warning))
                            continue
                        }
                        listed[identity] = shown
                        folders.append(
                            Folder(path: path, relative: relative, device: UInt64(entry.st_dev), inode: UInt64(entry.st_ino), parent: index)
                        )
                        children.append(folders.count - 1)
                        continue
                    }
                    if name.elementsEqual(CleanManifest.fileName.utf8) {
                        ownOutputs.append(shown)
                        continue
                    }
                    guard selection.includes(relative) else {
                        leftOutByExtension += 1
                        let dot = name.lastIndex(of: UInt8(ascii: ".")).map { String(decoding: name[$0...], as: UTF8.self).lowercased() }
                        let shownExtension = dot ?? "no extension"
                        if extensions.count < 4, !extensions.contains(shownExtension) { extensions.append(shownExtension) }
                        continue
                    }
                    result.append(FileEntry(id: String(decoding: relative, as: UTF8.self), path: path, input: input))
                }
                // Children pushed in reverse, so folders are listed in name order.
                stack += children.reversed()
            }
            return result
        }

        /// The notes on what the walks left out.
        var notes: [String] {
            var parts: [String] = []
            if leftOutByExtension > 0 {
                parts.append(
                    "\(leftOutByExtension) file\(leftOutByExtension == 1 ? "" : "s") by extension (\(extensions.joined(separator: ", "))\(leftOutByExtension > extensions.count && extensions.count == 4 ? ", …" : ""))"
                )
            }
            if hidden > 0 { parts.append("\(hidden) hidden file\(hidden == 1 ? "" : "s") or folder\(hidden == 1 ? "" : "s")") }
            guard !parts.isEmpty else { return [] }
            return ["left out \(parts.joined(separator: " and ")); use --include GLOB to read them"]
        }

        /// A folder's entry names and their `d_type`s, sorted byte-wise, without `.` and `..`; `nil` with a problem
        /// when it cannot be listed.
        static func names(in path: [UInt8], problems: inout [InputProblem], display: String) -> [(name: [UInt8], type: UInt8)]? {
            guard let directory = withCPath(path, { opendir($0) }) else {
                problems.append(
                    InputProblem(
                        path: display, message: "cannot list this folder (\(String(cString: strerror(errno)))). Check its permissions."))
                return nil
            }
            defer { closedir(directory) }
            var names: [(name: [UInt8], type: UInt8)] = []
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
                names.append((name, item.pointee.d_type))
            }
            names.sort { $0.name.lexicographicallyPrecedes($1.name) }
            return names
        }

        /// Whether a folder holds a `clean` manifest: it is a `clean` output.
        static func holdsManifest(_ folder: [UInt8]) -> Bool {
            var status = stat()
            return withCPath(folder + Array("/\(CleanManifest.fileName)".utf8)) { stat($0, &status) } == 0
                && (status.st_mode & S_IFMT) == S_IFREG
        }
    }

    /// Calls `body` with a path's bytes as a NUL-terminated C string: names need not be UTF-8,
    /// which a Swift `String` could not carry.
    static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var terminated = path
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    /// Calls `body` with a regular file's bytes, mapped read-only, or says why it cannot.
    ///
    /// Falls back to `readFile` where the file cannot be mapped. With `jobs` > 1 the mapping
    /// is removed on another thread, off the critical path.
    static func withMappedFile(
        _ path: [UInt8], display: String, jobs: Int = 1, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Result<Void, InputProblem> {
        func readInstead() -> Result<Void, InputProblem> {
            readFile(path, display: display, limit: Int.max).map { bytes in bytes.withUnsafeBufferPointer(body) }
        }
        var status = stat()
        guard withCPath(path, { stat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return readInstead()
        }
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return readInstead() }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        // No MAP_POPULATE: the parsing threads fault the pages in faster than one thread does.
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            return readInstead()
        }
        defer {
            if jobs > 1 {
                let address = Int(bitPattern: mapping)
                DispatchQueue.global().async { munmap(UnsafeMutableRawPointer(bitPattern: address), size) }
            } else {
                munmap(mapping, size)
            }
        }
        body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size))
        return .success(())
    }

    /// Reads a regular file's bytes, or says why not.
    static func readFile(_ path: String) -> Result<[UInt8], InputProblem> { readFile(Array(path.utf8), display: path) }

    /// Reads a regular file's bytes into an array of exactly its size, or says why not.
    ///
    /// The array is allocated once at the size `fstat` gives, so a folder of small files
    /// costs what their bytes do; a file that grows while read is read to its end, one that
    /// shrinks gives up its spare room.
    ///
    /// - Parameters:
    ///   - path: The path's bytes (names need not be UTF-8).
    ///   - display: The path for messages.
    ///   - limit: The largest file read as one document; a larger one is a problem, never allocated.
    /// - Returns: The bytes, or the problem that names the file and the reason.
    /// - Complexity: O(*n*) in the file's bytes.
    static func readFile(_ path: [UInt8], display: String, limit: Int = maximumDocumentBytes) -> Result<[UInt8], InputProblem> {
        func tooLarge(_ size: Int) -> InputProblem {
            InputProblem(
                path: display,
                message:
                    "\(size) bytes, larger than the \(limit) bytes (4 GiB - 1) a document can have. Split it into smaller files, or leave it out."
            )
        }
        let descriptor = withCPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else {
            let error = errno
            var status = stat()
            if withCPath(path, { stat($0, &status) }) == 0, (status.st_mode & S_IFMT) != S_IFREG {
                return .failure(
                    InputProblem(path: display, message: "not a regular file (a FIFO, socket or device); only files and folders are read."))
            }
            return .failure(
                InputProblem(
                    path: display, message: "cannot be read (\(String(cString: strerror(error)))). Check its permissions, or leave it out.")
            )
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(InputProblem(path: display, message: "cannot be read (\(String(cString: strerror(errno))))."))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(
                InputProblem(path: display, message: "not a regular file (a FIFO, socket or device); only files and folders are read."))
        }
        let size = Int(status.st_size)
        guard size <= limit else { return .failure(tooLarge(size)) }
        var failure: Int32 = 0
        // Exactly `size` bytes: growing by chunks kept up to 64 KiB of spare room per document.
        var result = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, size - count)
                if read > 0 {
                    count += read
                } else if read == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        // A file that grew since `fstat`: read the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: failure == 0 && result.count == size ? 1 << 12 : 0)
        while !chunk.isEmpty {
            let read = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if read > 0 {
                guard result.count + read <= limit else { return .failure(tooLarge(result.count + read)) }
                result.append(contentsOf: chunk[0..<read])
            } else if read == 0 {
                break
            } else if errno != EINTR {
                failure = errno
                break
            }
        }
        if failure != 0 {
            return .failure(InputProblem(path: display, message: "read failed (\(String(cString: strerror(failure))))."))
        }
        // A file that shrank, or grew: give up the spare room the array holds.
        if result.capacity - result.count > max(64, result.count / 8) {
            let count = result.count
            result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = buffer.initialize(from: result)
                initialized = count
            }
        }
        return .success(result)
    }

    /// Reads standard input to its end.
    ///
    /// An empty or early-closed pipe gives the bytes that arrived (possibly none).
    /// - Throws: `RefrainError.io` when standard input is not open or a read fails.
    public static func readStandardInput() throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                result.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return result
            } else if errno == EAGAIN {
                // Non-blocking standard input: wait until it is readable.
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, -1)
            } else if errno != EINTR {
                throw RefrainError.io(path: "-", reason: String(cString: strerror(errno)))
            }
        }
    }

    static func reason(_ error: Error) -> String {
        if let error = error as? RefrainError, case .io(_, let reason) = error { return reason }
        return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Refrain's own outputs, recognised by their first bytes so that a report or manifest
/// written into a corpus is not read back as a document.
enum OwnOutput {
    case jsonReport, jsonLinesReport, textReport, manifest

    /// What kind of refrain output the bytes begin, or `nil` for anything else.
    ///
    /// - Complexity: O(1): only the first line is looked at, up to 512 bytes.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> OwnOutput? {
        let head = Array(bytes.prefix(512))
        let firstLine = head.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        func starts(_ prefix: String) -> Bool { head.starts(with: prefix.utf8) }
        // `scan --format json`: an object whose first key is the summary.
        let afterBrace = head.starts(with: [UInt8(ascii: "{")]) ? head.dropFirst().drop(while: ByteClass.isSpace) : []
        if afterBrace.starts(with: "\"summary\": {\"documents\":".utf8) { return .jsonReport }
        // `families --format json`.
        if starts("{\"families\": [") { return .jsonReport }
        // `--format jsonl` reports: typed lines.
        for type in ["group", "document", "family"] where starts("{\"type\": \"\(type)\", ") { return .jsonLinesReport }
        // A `clean` manifest line.
        if starts("{\"id\": "), contains(firstLine, "\"output\": "), contains(firstLine, "\"removed\": [") { return .manifest }
        // A text report: "N documents · N paragraphs · N bytes · N% recycled · N families".
        let line = String(decoding: firstLine, as: UTF8.self)
        if line.first?.isNumber == true, line.contains(" document"), line.contains(" · "), line.contains(" paragraph"),
            line.contains(" recycled · ")
        {
            return .textReport
        }
        return nil
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
