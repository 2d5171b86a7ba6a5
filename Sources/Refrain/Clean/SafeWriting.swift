import Foundation

/// Writes outputs without ever writing into an input, through a planted link, or over a
/// device: the rules DESIGN.md gives for `--output`.
///
/// A file is written to a temporary file created exclusively (`O_CREAT | O_EXCL |
/// O_NOFOLLOW`, random name) in the target's folder and renamed over the target, unless
/// the target is a device, FIFO or other non-regular file, which is written to directly.
/// A folder is written whole into a fresh staging folder beside it, then renamed into
/// place, so it always holds one complete run or none.
@_spi(CommandLine) public enum SafeWriting {
    /// Appends bytes to the output being written.
    public typealias Write = ([UInt8]) throws -> Void

    // MARK: Paths

    /// The absolute path a possibly missing path stands for: its deepest existing
    /// ancestor with every link resolved, then the rest (`.` and `..` applied by name).
    ///
    /// - Parameter path: A path, relative to the working directory or absolute.
    /// - Returns: The resolved absolute path.
    /// - Complexity: O(path components) system calls.
    public static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            let prefix = "/" + components.joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                var result = String(cString: real).split(separator: "/").map(String.init)
                for component in rest.reversed() {
                    switch component {
                    case ".": continue
                    case "..": _ = result.popLast()
                    default: result.append(component)
                    }
                }
                return "/" + result.joined(separator: "/")
            }
            guard let last = components.popLast() else { return "/" }
            rest.append(last)
        }
    }

    /// Refuses an output path that is an input, lies inside an input folder, or (for an
    /// output folder, which replaces what is there) holds an input.
    ///
    /// - Parameters:
    ///   - output: The `--output` path as given.
    ///   - inputs: The input paths as given (`-` is ignored).
    ///   - isFolder: Whether the output is a folder.
    /// - Throws: `RefrainError.usage` (exit 64) naming the input.
    /// - Complexity: O(inputs) path resolutions.
    public static func checkOutside(output: String, inputs: [String], isFolder: Bool) throws {
        let target = resolve(output)
        for input in inputs where input != "-" {
            let resolved = resolve(input)
            if target == resolved {
                throw RefrainError.usage("refusing to overwrite the input file \(input): choose another --output.")
            }
            if target.hasPrefix(resolved == "/" ? "/" : resolved + "/") {
                throw RefrainError.usage(
                    "refusing to write into the input \(input): \(output) is inside it. Choose an --output outside every input.")
            }
            if isFolder, resolved.hasPrefix(target == "/" ? "/" : target + "/") {
                throw RefrainError.usage(
                    "refusing to overwrite the input file \(input): it is inside \(output), which clean replaces. Choose another --output folder."
                )
            }
        }
    }

    // MARK: Files

    /// Writes one file: a regular or missing target through an exclusive temporary file and
    /// a rename, a device, FIFO or other non-regular target directly.
    ///
    /// - Parameters:
    ///   - path: The target.
    ///   - body: Writes the bytes, one piece after another, with the function it is given.
    /// - Throws: `RefrainError.io` (exit 74) when writing fails; the temporary file is removed.
    /// - Complexity: O(bytes written).
    public static func writeFile(at path: String, _ body: (_ write: Write) throws -> Void) throws {
        Interrupts.install()
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw RefrainError.io(path: path, reason: "is a folder, not replaced. Give --output a file name.")
            }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw ioError(path) }
            defer { close(descriptor) }
            try wrapping(path) { try body { try writeAll($0, to: descriptor) } }
            return
        }
        let resolved = resolve(path)
        let folder = (resolved as NSString).deletingLastPathComponent
        let name = (resolved as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RefrainError.io(
                path: path,
                reason: "cannot be written: its folder cannot be created (\(error.localizedDescription)). Check the path and permissions.")
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw ioError(folder) }
        defer { close(directory) }
        let (descriptor, temporary) = try createTemporary(in: directory, folder: folder, prefix: ".\(name).", suffix: ".refrain-tmp")
        let token = Interrupts.register(folder + "/" + temporary)
        var committed = false
        defer {
            if !committed { unlinkat(directory, temporary, 0) }
            Interrupts.unregister(token)
        }
        do {
            defer { close(descriptor) }
            if status.st_mode & S_IFMT == S_IFREG { fchmod(descriptor, status.st_mode & 0o7777) }
            try wrapping(path) { try body { try writeAll($0, to: descriptor) } }
        }
        try Interrupts.holding {
            guard renameat(directory, temporary, directory, name) == 0 else { throw ioError(path) }
            committed = true
        }
    }

    /// Creates a file with a random name that did not exist, never through a link.
    static func createTemporary(in directory: Int32, folder: String, prefix: String, suffix: String) throws -> (Int32, String) {
        for _ in 0..<100 {
            let name = prefix + randomName() + suffix
            let descriptor = openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, name) }
            guard errno == EEXIST else { throw ioError(folder + "/" + name) }
        }
        throw RefrainError.io(path: folder, reason: "no free temporary name. Remove stale .refrain-tmp files.")
    }

    static func randomName() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 36)
    }

    static func ioError(_ path: String) -> RefrainError {
        RefrainError.io(
            path: path,
            reason: "cannot be written (\(String(cString: strerror(errno)))). Check that the folder is writable and the disk has space.")
    }

    static func wrapping(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as RefrainError {
            throw error
        } catch {
            throw RefrainError.io(
                path: path, reason: "cannot be written (\(error)). Check that the folder is writable and the disk has space.")
        }
    }

    // MARK: Folders

    /// Writes files into a fresh staging folder; `SafeWriting.writeFolder` renames it into place.
    public final class FolderWriter {
        let root: Int32
        let path: String
        var folders: [String: Int32] = [:]

        init(root: Int32, path: String) {
            self.root = root
            self.path = path
        }

        deinit {
            for descriptor in folders.values { close(descriptor) }
        }

        /// Writes one file at a relative path (`/`-separated, no `.` or `..`), creating its
        /// folders; nothing is opened through a link.
        ///
        /// - Parameters:
        ///   - relativePath: Where, inside the folder.
        ///   - body: Writes the bytes with the function it is given.
        /// - Complexity: O(bytes written + path components).
        public func write(_ relativePath: String, _ body: (_ write: Write) throws -> Void) throws {
            var components = relativePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let name = components.removeLast()
            precondition(!name.isEmpty && ![".", ".."].contains(name) && !components.contains { [".", "..", ""].contains($0) })
            var directory = root
            var prefix = ""
            for component in components {
                prefix += (prefix.isEmpty ? "" : "/") + component
                if let known = folders[prefix] {
                    directory = known
                    continue
                }
                if mkdirat(directory, component, 0o755) != 0, errno != EEXIST { throw SafeWriting.ioError(path + "/" + prefix) }
                let opened = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard opened >= 0 else { throw SafeWriting.ioError(path + "/" + prefix) }
                folders[prefix] = opened
                directory = opened
            }
            let descriptor = openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw SafeWriting.ioError(path + "/" + relativePath) }
            defer { close(descriptor) }
            try SafeWriting.wrapping(path + "/" + relativePath) { try body { try writeAll($0, to: descriptor) } }
        }

        /// Writes one file's bytes.
        public func write(_ relativePath: String, bytes: [UInt8]) throws { try write(relativePath) { try $0(bytes) } }

        /// Writes one file at a relative path given as bytes (names need not be UTF-8, which
        /// a `String` cannot carry), creating its folders; nothing is opened through a link.
        ///
        /// - Parameters:
        ///   - relativePath: Where, inside the folder: `/`-separated, no `.` or `..`.
        ///   - body: Writes the bytes with the function it is given.
        /// - Complexity: O(bytes written + path components).
        public func write(bytes relativePath: [UInt8], _ body: (_ write: Write) throws -> Void) throws {
            if let text = String(validating: relativePath, as: UTF8.self) { return try write(text, body) }
            let shown = DocumentLocation.displayName(relativePath)
            var components = relativePath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
            let name = components.removeLast()
            precondition(!name.isEmpty && !components.contains(where: \.isEmpty))
            var directory = root
            var prefix: [UInt8] = []
            for component in components {
                if !prefix.isEmpty { prefix.append(UInt8(ascii: "/")) }
                prefix += component
                // Keyed by the escaped name: two names that are not UTF-8 stay two folders.
                let key = DocumentLocation.displayName(prefix)
                if let known = folders[key] {
                    directory = known
                    continue
                }
                let shownPrefix = path + "/" + key
                if Corpus.withCPath(component, { mkdirat(directory, $0, 0o755) }) != 0, errno != EEXIST {
                    throw SafeWriting.ioError(shownPrefix)
                }
                let opened = Corpus.withCPath(component) { openat(directory, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                guard opened >= 0 else { throw SafeWriting.ioError(shownPrefix) }
                folders[key] = opened
                directory = opened
            }
            let descriptor = Corpus.withCPath(name) { openat(directory, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
            guard descriptor >= 0 else { throw SafeWriting.ioError(path + "/" + shown) }
            defer { close(descriptor) }
            try SafeWriting.wrapping(path + "/" + shown) { try body { try writeAll($0, to: descriptor) } }
        }
    }

    /// Whether a folder may be replaced by a new run: it is empty, or holds an earlier
    /// `clean` output (its manifest).
    static func isReplaceable(_ directory: Int32, _ name: String) -> Bool {
        let descriptor = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, let stream = fdopendir(descriptor) else { return false }
        defer { closedir(stream) }
        var entries = 0
        while let entry = readdir(stream) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if entryName == "." || entryName == ".." { continue }
            entries += 1
        }
        if entries == 0 { return true }
        var status = stat()
        return fstatat(descriptor, CleanManifest.fileName, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Checks that a folder can be the target of `writeFolder`: missing, empty, or an earlier output.
    ///
    /// - Throws: `RefrainError.usage` (exit 64) otherwise.
    public static func checkFolderTarget(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw RefrainError.usage(
                "\(path) exists and is not a folder; --output must be a new folder, an empty one, or an earlier clean output.")
        }
        guard isReplaceable(AT_FDCWD, path) else {
            throw RefrainError.usage(
                "\(path) is a folder that is neither empty nor an earlier clean output (no \(CleanManifest.fileName)); choose a new or empty folder."
            )
        }
    }

    /// Writes a whole folder: into a fresh staging folder beside the target (missing parent
    /// folders are created), then renamed into place, replacing an empty folder or an
    /// earlier clean output atomically and removing the old one.
    ///
    /// - Parameters:
    ///   - path: The target folder.
    ///   - body: Writes the files with the writer it is given.
    /// - Throws: `RefrainError.usage` (64) when the target is neither missing, empty nor an
    ///   earlier output; `RefrainError.io` (74) when writing fails. The staging folder is removed.
    /// - Complexity: O(bytes written + files).
    public static func writeFolder(at path: String, _ body: (FolderWriter) throws -> Void) throws {
        Interrupts.install()
        try checkFolderTarget(path)
        let resolved = resolve(path)
        let parent = (resolved as NSString).deletingLastPathComponent
        let name = (resolved as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw RefrainError.io(
                path: path,
                reason: "cannot be written: its folder cannot be created (\(error.localizedDescription)). Check the path and permissions.")
        }
        let directory = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw ioError(parent) }
        defer { close(directory) }
        var staging = ""
        for attempt in 0..<100 {
            staging = ".\(name).refrain-staging-\(randomName())"
            if mkdirat(directory, staging, 0o755) == 0 { break }
            guard errno == EEXIST, attempt < 99 else { throw ioError(parent + "/" + staging) }
        }
        let token = Interrupts.register(parent + "/" + staging)
        var stagingExists = true
        defer {
            if stagingExists { removeTree(directory, staging) }
            Interrupts.unregister(token)
        }
        let root = openat(directory, staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { throw ioError(parent + "/" + staging) }
        do {
            defer { close(root) }
            let writer = FolderWriter(root: root, path: path)
            try body(writer)
        }
        try Interrupts.holding {
            while true {
                if rename2(directory, staging, directory, name, noReplace) == 0 {
                    stagingExists = false
                    return
                }
                guard errno == EEXIST || errno == ENOTEMPTY else { throw ioError(path) }
                guard isReplaceable(directory, name) else {
                    throw RefrainError.usage(
                        "\(path) is a folder that is neither empty nor an earlier clean output (no \(CleanManifest.fileName)); choose a new or empty folder."
                    )
                }
                if rename2(directory, staging, directory, name, exchange) == 0 {
                    return  // the old output is now at the staging name, removed on the way out
                }
                guard errno == ENOENT else { throw ioError(path) }
            }
        }
    }

    static let noReplace: UInt32 = 1, exchange: UInt32 = 2
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2`, which the Glibc module does not import.
    static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    static func rename2(_ from: Int32, _ old: String, _ to: Int32, _ new: String, _ flags: UInt32) -> Int32 {
        guard let renameat2 else {
            errno = ENOSYS
            return -1
        }
        return renameat2(from, old, to, new, flags)
    }

    /// Removes a file or folder tree without following links.
    static func removeTree(_ directory: Int32, _ name: String) {
        if unlinkat(directory, name, 0) == 0 || errno == ENOENT { return }
        let descriptor = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, let stream = fdopendir(descriptor) else { return }
        var names: [String] = []
        while let entry = readdir(stream) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if entryName != "." && entryName != ".." { names.append(entryName) }
        }
        for entryName in names { removeTree(descriptor, entryName) }
        closedir(stream)
        unlinkat(directory, name, AT_REMOVEDIR)
    }

    /// Removes a file or folder tree at a path without following links (for interrupts).
    static func removeTree(atPath path: String) {
        removeTree(AT_FDCWD, path)
    }
}

/// Writes all of `bytes` to a file descriptor, going on after partial writes and interruptions.
///
/// - Throws: `POSIXError` when the write fails.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        offset += written
    }
}
