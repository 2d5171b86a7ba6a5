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

    /// Reads documents.
    ///
    /// - Parameters:
    ///   - paths: Folders (read recursively: `*.txt`, and `*.jsonl`/`*.ndjson` as JSON Lines),
    ///     files, or `-` for standard input (JSON Lines when it starts with `{`, else one document).
    ///   - standardInput: Supplies standard input's bytes when `-` is given; when it throws
    ///     (standard input closed or failing), that input is a problem and the rest is read.
    ///   - jobs: Threads that parse JSON Lines records.
    ///   - keepRecords: Keep each JSON Lines record's line in `Document.record`.
    /// - Returns: The corpus; unreadable or binary files and bad records are in `problems`.
    /// - Throws: `RefrainError.pathNotFound` when a path does not exist.
    /// - Complexity: O(total bytes).
    public static func read(
        _ paths: [String], standardInput: () throws -> [UInt8] = { try Corpus.readStandardInput() }, jobs: Int = 1,
        keepRecords: Bool = false
    ) throws -> Corpus {
        var entries: [(id: String, path: String, input: Int)] = []
        var problems: [InputProblem] = []
        let fileManager = FileManager.default
        for (input, path) in paths.enumerated() {
            if path == "-" {
                entries.append(("-", "-", input))
                continue
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw RefrainError.pathNotFound(path)
            }
            if isDirectory.boolValue {
                entries += try listFolder(path, problems: &problems).map { ($0.id, $0.path, input) }
            } else {
                entries.append(((path as NSString).lastPathComponent, path, input))
            }
        }
        // Files in id order, so the report does not depend on the order of the arguments.
        entries.sort { $0.id < $1.id || ($0.id == $1.id && $0.path < $1.path) }

        var corpus = Corpus(documents: [], problems: problems)
        var seenIDs = Set<String>()
        for entry in entries {
            let location = DocumentLocation(input: entry.input, file: entry.path, relativePath: entry.path == "-" ? "" : entry.id)
            if entry.path != "-", isJSONLines(entry.path) {
                // JSON Lines are parsed in place from a read-only mapping of the file: no
                // zeroed buffer to read 100 MB into, and no copy of it.
                let mapped = withMappedFile(entry.path, jobs: jobs) { bytes in
                    corpus.appendJSONLines(
                        bytes, path: entry.path, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords)
                }
                if case .failure(let problem) = mapped { corpus.problems.append(problem) }
                continue
            }
            let bytes: [UInt8]
            if entry.path == "-" {
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
                switch readFile(entry.path) {
                case .success(let value): bytes = value
                case .failure(let problem):
                    corpus.problems.append(problem)
                    continue
                }
            }
            let jsonLines =
                entry.path == "-" ? bytes.first(where: { !ByteClass.isSpace($0) }) == UInt8(ascii: "{") : isJSONLines(entry.path)
            if jsonLines {
                bytes.withUnsafeBufferPointer {
                    corpus.appendJSONLines(
                        $0, path: entry.path, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords)
                }
                continue
            }
            if let offset = bytes.firstIndex(of: 0) {
                corpus.problems.append(
                    InputProblem(
                        path: entry.path,
                        message:
                            "binary data (a NUL byte at offset \(offset)), not text. Remove the file from the corpus, or pass --skip-invalid to scan the rest without this warning failing the run."
                    ))
                continue
            }
            var id = entry.path == "-" ? "stdin" : entry.id
            if !seenIDs.insert(id).inserted {
                corpus.problems.append(
                    InputProblem(
                        path: entry.path, message: "id \"\(id)\" is used by another input; this document is listed under its path instead.",
                        severity: .warning))
                id = entry.path
                seenIDs.insert(id)
            }
            corpus.documents.append(Document(id: id, bytes: bytes, origin: entry.path, location: location))
        }
        return corpus
    }

    /// The `.txt`, `.jsonl` and `.ndjson` files under a folder, with ids relative to it.
    static func listFolder(_ folder: String, problems: inout [InputProblem]) throws -> [(id: String, path: String)] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var result: [(id: String, path: String)] = []
        var visited = Set<String>()
        func walk(_ directory: URL, relative: String) {
            let real = directory.resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else {
                problems.append(InputProblem(path: directory.path, message: "a symbolic-link loop; not followed.", severity: .warning))
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            } catch {
                problems.append(
                    InputProblem(path: directory.path, message: "cannot list this folder (\(reason(error))). Check its permissions."))
                return
            }
            for name in names where !name.hasPrefix(".") {
                let url = directory.appendingPathComponent(name)
                let id = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    // Listed but not there when followed: a dangling or looping symbolic link.
                    if name.lowercased().hasSuffix(".txt") || isJSONLines(name) {
                        problems.append(
                            InputProblem(
                                path: url.path,
                                message: "a symbolic link to a missing file (or a link loop). Fix or remove the link."))
                    }
                    continue
                }
                if isDirectory.boolValue {
                    walk(url, relative: id)
                } else if name.lowercased().hasSuffix(".txt") || isJSONLines(name) {
                    result.append((id, url.path))
                }
            }
        }
        walk(root, relative: "")
        return result
    }

    /// Calls `body` with a regular file's bytes, mapped read-only, or says why it cannot.
    ///
    /// Falls back to `readFile` where the file cannot be mapped. With `jobs` > 1 the mapping
    /// is removed on another thread (unmapping 100 MB took 4 ms).
    static func withMappedFile(
        _ path: String, jobs: Int = 1, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Result<Void, InputProblem> {
        func readInstead() -> Result<Void, InputProblem> { readFile(path).map { bytes in bytes.withUnsafeBufferPointer(body) } }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else { return readInstead() }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return readInstead() }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        // No MAP_POPULATE: faulting the pages in on one thread up front was slower (by
        // ~10 ms of 0.12 s for 100 MB) than letting the parsing threads fault them.
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
    static func readFile(_ path: String) -> Result<[UInt8], InputProblem> {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            return .failure(
                InputProblem(path: path, message: "not a regular file (a FIFO, socket or device); only files and folders are read."))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(
                InputProblem(path: path, message: "cannot be read (permission denied?). Check its permissions, or leave it out."))
        }
        defer { close(descriptor) }
        // Straight into the array that becomes the document: no intermediate `Data` copy.
        var result = [UInt8](repeating: 0, count: max(0, Int(status.st_size)))
        var count = 0
        while true {
            if count == result.count { result.append(contentsOf: repeatElement(0, count: max(1 << 16, count / 2))) }
            let read = result.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read > 0 {
                count += read
            } else if read == 0 {
                result.removeLast(result.count - count)
                return .success(result)
            } else if errno != EINTR {
                return .failure(InputProblem(path: path, message: "read failed (\(String(cString: strerror(errno))))."))
            }
        }
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
