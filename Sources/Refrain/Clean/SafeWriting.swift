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
    /// Standard input (`-`) counts as the file redirected into it, if any: `refrain scan -
    /// -o article.txt < article.txt` would otherwise replace the article with its report.
    ///
    /// - Parameters:
    ///   - output: The `--output` path as given.
    ///   - inputs: The input paths as given.
    ///   - isFolder: Whether the output is a folder.
    /// - Throws: `RefrainError.usage` (exit 64) naming the input.
    /// - Complexity: O(inputs) path resolutions.
    public static func checkOutside(output: String, inputs: [String], isFolder: Bool) throws {
        let target = resolve(output)
        var known: [String: FileIdentity] = [:]
        let targetChain = identities(upFrom: target, known: &known)
        for input in inputs {
            let resolved: String
            let name: String
            if input == "-" {
                guard let file = standardInputFile() else { continue }
                // The same file under any name (a hard link, /dev/stdin), by device and inode.
                if !isFolder, targetChain.own == file.identity {
                    throw RefrainError.usage(
                        "refusing to write to \(output): it is what standard input reads. Choose another --output.")
                }
                guard let path = file.path else { continue }
                resolved = path
                name = "- (standard input, \(path.terminalSafe))"
            } else {
                // A pipe named by path (/dev/stdin, <(…)) has no path to compare: it is the
                // same pipe by device and inode.
                var status = stat()
                if !isFolder, stat(input, &status) == 0, [S_IFIFO, S_IFSOCK].contains(status.st_mode & S_IFMT),
                    targetChain.own == FileIdentity(status)
                {
                    throw RefrainError.usage(
                        "refusing to write to \(output): it is the pipe the input \(input) reads. Choose another --output.")
                }
                resolved = resolve(input)
                name = input
            }
            // By resolved path (for paths not there yet), and by device and inode (for a folder
            // reached by two paths, a bind mount).
            let inputChain = identities(upFrom: resolved, known: &known)
            if target == resolved || (inputChain.own != nil && inputChain.own == targetChain.own) {
                throw RefrainError.usage("refusing to overwrite the input \(kind(of: resolved)) \(name): choose another --output.")
            }
            if isInside(target, resolved) || inputChain.own.map(targetChain.ancestors.contains) == true {
                // A link's own path may lie elsewhere: say where it leads.
                var link = stat()
                let viaLink = lstat(output, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
                throw RefrainError.usage(
                    "refusing to write into the input \(name): \(output) "
                        + (viaLink ? "is a link to \(target.terminalSafe), inside it" : "is inside it")
                        + ". Choose an --output outside every input.")
            }
            if isFolder, isInside(resolved, target) || targetChain.own.map(inputChain.ancestors.contains) == true {
                throw RefrainError.usage(
                    "refusing to overwrite the input \(kind(of: resolved)) \(name): it is inside \(output), which clean replaces. Choose another --output folder."
                )
            }
        }
    }

    /// What standard input reads: its device and inode, and for a regular file its resolved
    /// path where `/proc` tells it. A pipe counts too: `-o /dev/stdin` would write into the
    /// pipe refrain reads (lost, or blocked for good once the pipe is full).
    static func standardInputFile() -> (path: String?, identity: FileIdentity)? {
        var status = stat()
        guard fstat(STDIN_FILENO, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO || type == S_IFSOCK else { return nil }
        let path =
            type != S_IFREG
            ? nil
            : realpath("/proc/self/fd/0", nil).map { real in
                defer { free(real) }
                return String(cString: real)
            }
        return (path, FileIdentity(status))
    }

    /// A file's or folder's device and inode, as the folder walk keeps them.
    typealias FileIdentity = Corpus.FolderWalk.FolderIdentity

    /// The identity of a resolved path, if it exists, and of each of its folders up to `/`.
    ///
    /// - Parameters:
    ///   - resolved: An absolute path, as `resolve` makes.
    ///   - known: Folders looked at before, by path, so that inputs sharing folders stat them once.
    /// - Complexity: O(path components) system calls, fewer for folders in `known`.
    static func identities(upFrom resolved: String, known: inout [String: FileIdentity]) -> (
        own: FileIdentity?, ancestors: [FileIdentity]
    ) {
        func identity(_ path: String) -> FileIdentity? {
            var status = stat()
            return stat(path, &status) == 0 ? FileIdentity(status) : nil
        }
        let own = identity(resolved)
        var ancestors: [FileIdentity] = []
        var components = resolved.split(separator: "/", omittingEmptySubsequences: true)
        while !components.isEmpty {
            components.removeLast()
            let folder = "/" + components.joined(separator: "/")
            if let found = known[folder] ?? identity(folder) {
                known[folder] = found
                ancestors.append(found)
            }
        }
        return (own, ancestors)
    }

    /// Whether resolved path `inner` lies inside resolved folder `outer` (not equal to it).
    public static func isInside(_ inner: String, _ outer: String) -> Bool { inner.hasPrefix(outer == "/" ? "/" : outer + "/") }

    /// "folder" or "file", for messages.
    static func kind(of path: String) -> String {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR ? "folder" : "file"
    }

    /// Whether the working directory's path is valid UTF-8, so that a String spells it.
    static var workingDirectoryIsUTF8: Bool {
        guard let bytes = getcwd(nil, 0) else { return false }
        defer { free(bytes) }
        return String(validatingCString: bytes) != nil
    }

    /// Opens the folder an output goes in, creating it (and its parents) when missing.
    ///
    /// - Returns: The folder's descriptor (the caller closes it), its resolved path, and the
    ///   output's name in it.
    static func openParentFolder(of path: String) throws -> (directory: Int32, folder: String, name: String) {
        var resolved = resolve(path)
        // A folder whose name is not UTF-8 (the working directory, or a link's target) has no
        // String spelling: resolved, the path would name a sibling folder (U+FFFD for the
        // bytes), created and written into. The path as given is opened instead.
        if resolved.unicodeScalars.contains("\u{FFFD}") && !path.unicodeScalars.contains("\u{FFFD}")
            || (!path.hasPrefix("/") && !workingDirectoryIsUTF8)
        {
            resolved = (path as NSString).standardizingPath
            guard !["", ".", ".."].contains((resolved as NSString).lastPathComponent) else {
                throw RefrainError.usage(
                    "cannot write \(path.terminalSafe): the working directory's name is not UTF-8. Give --output as an absolute path, or a name inside the working directory."
                )
            }
        }
        let parent = (resolved as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
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
        return (directory, folder, name)
    }

    // MARK: Files

    /// Writes one file: a regular or missing target through an exclusive temporary file and
    /// a rename, a device, FIFO or other non-regular target directly.
    ///
    /// - Parameters:
    ///   - path: The target.
    ///   - replacingLink: Whether a link at `path` is replaced rather than written through:
    ///     for a file the user did not name (a page's CSV tables), whose link points at a
    ///     file nobody asked to write.
    ///   - body: Writes the bytes, one piece after another, with the function it is given.
    /// - Throws: `RefrainError.io` (exit 74) when writing fails; the temporary file is removed.
    /// - Complexity: O(bytes written).
    public static func writeFile(
        at path: String, replacingLink: Bool = false, readableAs limit: mode_t = 0o7777, _ body: (_ write: Write) throws -> Void
    ) throws {
        Interrupts.install()
        var link = stat()
        if replacingLink, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            var parent = (path as NSString).deletingLastPathComponent
            if parent.isEmpty { parent = "." }
            try checkNotPlanted(parent)
            // The link's own name in its folder, so that the rename replaces the link itself.
            let directory = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard directory >= 0 else { throw ioError(parent) }
            defer { close(directory) }
            try writeReplacing(
                path, directory: directory, folder: resolve(parent), name: (path as NSString).lastPathComponent, mode: nil,
                limit: limit, body)
            return
        }
        try checkNotPlanted(path)
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw RefrainError.io(path: path, reason: "is a folder, not replaced. Give --output a file name.")
            }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw ioError(path) }
            defer { close(descriptor) }
            try wrapping(path) { try body { try System.writeAll($0, to: descriptor) } }
            return
        }
        let (directory, folder, name) = try openParentFolder(of: path)
        defer { close(directory) }
        try writeReplacing(
            path, directory: directory, folder: folder, name: name,
            mode: status.st_mode & S_IFMT == S_IFREG ? status.st_mode & 0o7777 : nil, limit: limit, body)
    }

    /// Writes `name` in an open folder through an exclusive temporary file renamed over it,
    /// with `mode` (the umask's when `nil`), no more readable than `limit` allows.
    static func writeReplacing(
        _ path: String, directory: Int32, folder: String, name: String, mode: mode_t?, limit: mode_t = 0o7777,
        _ body: (_ write: Write) throws -> Void
    ) throws {
        removeAbandoned(directory, prefix: temporaryPrefix(name), suffix: temporarySuffix, folders: false)
        // Created and registered under the lock, so an interrupt never misses it; the name
        // holds the process id, so a later run can tell an abandoned one from a live one.
        let (descriptor, temporary, token) = try Interrupts.holding {
            let (descriptor, temporary) = try createTemporary(
                in: directory, target: path, prefix: temporaryPrefix(name) + "\(getpid())-", suffix: temporarySuffix)
            // Held until the rename: a run whose process ids differ (another container on
            // the same volume) sees the lock, where the process id would look gone.
            flock(descriptor, LOCK_EX)
            return (descriptor, temporary, Interrupts.register(folder + "/" + temporary))
        }
        var committed = false
        defer {
            if !committed { unlinkat(directory, temporary, 0) }
            close(descriptor)
            Interrupts.unregister(token)
        }
        if let mode {
            fchmod(descriptor, mode & limit)
        } else if limit != 0o7777 {
            var created = stat()
            if fstat(descriptor, &created) == 0 { fchmod(descriptor, created.st_mode & 0o7777 & limit) }
        }
        try wrapping(path) { try body { try System.writeAll($0, to: descriptor) } }
        try Interrupts.holding {
            guard renameat(directory, temporary, directory, name) == 0 else { throw ioError(path) }
            committed = true
        }
    }

    /// Refuses a target reached through a link another user planted in a shared folder.
    ///
    /// The target is written through its links (as `>` would), but resolving them by name
    /// would bypass the kernel's `fs.protected_symlinks`, which does not follow a link in a
    /// sticky world-writable folder (`/tmp`) unless the follower or the folder's owner owns
    /// it: the same rule is applied to every link on the way, the last name's, a folder's,
    /// and a link's link.
    ///
    /// - Throws: `RefrainError.usage` (exit 64) for such a link.
    /// - Complexity: O(components of the path and of the links followed).
    public static func checkNotPlanted(_ path: String) throws {
        var pending = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var resolved = path.hasPrefix("/") ? "" : FileManager.default.currentDirectoryPath
        if resolved == "/" { resolved = "" }
        var links = 0
        while !pending.isEmpty {
            let name = pending.removeFirst()
            if name == "." { continue }
            if name == ".." {
                resolved = (resolved as NSString).deletingLastPathComponent
                if resolved == "/" { resolved = "" }
                continue
            }
            let candidate = resolved + "/" + name
            var link = stat()
            // What does not exist yet holds no link; the write reports what cannot be reached.
            guard lstat(candidate, &link) == 0 else { return }
            guard link.st_mode & S_IFMT == S_IFLNK else {
                resolved = candidate
                continue
            }
            var folder = stat()
            if stat(resolved.isEmpty ? "/" : resolved, &folder) == 0, folder.st_mode & S_ISVTX != 0, folder.st_mode & S_IWOTH != 0,
                link.st_uid != geteuid(), link.st_uid != folder.st_uid
            {
                throw RefrainError.usage(
                    "refusing to write \(path.terminalSafe): \(candidate.terminalSafe) is a link that another user owns, in a folder anyone can write to, and it may point at a file of yours. Remove the link or choose another --output."
                )
            }
            links += 1
            guard links <= 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) else { return }
            if target.hasPrefix("/") { resolved = "" }
            pending = target.split(separator: "/", omittingEmptySubsequences: true).map(String.init) + pending
        }
    }

    /// Creates a file with a random name that did not exist, never through a link.
    static func createTemporary(in directory: Int32, target: String, prefix: String, suffix: String) throws -> (Int32, String) {
        for _ in 0..<100 {
            let name = prefix + randomName() + suffix
            let descriptor = openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (descriptor, name) }
            guard errno == EEXIST else { throw ioError(target) }
        }
        throw RefrainError.io(path: target, reason: "has no free temporary name beside it. Remove stale .refrain-tmp files.")
    }

    /// The start of a temporary file's name beside the target `name`; the process id, a
    /// random part and `temporarySuffix` follow.
    static func temporaryPrefix(_ name: String) -> String { ".\(leftoverStem(name))." }

    /// The start of `name` that a leftover's name holds: at most 200 bytes, so that a target
    /// name of up to 255 bytes (the file system's limit) leaves room for the rest.
    static func leftoverStem(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        var stem = ""
        for scalar in name.unicodeScalars {
            guard stem.utf8.count + String(scalar).utf8.count <= 200 else { break }
            stem.unicodeScalars.append(scalar)
        }
        return stem
    }

    static let temporarySuffix = ".refrain-tmp"

    /// 13 base-36 digits, zero-padded, so that a leftover's name is told by its length too.
    static func randomName() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = String(generator.next() as UInt64, radix: 36)
        return String(repeating: "0", count: randomLength - digits.count) + digits
    }

    /// The digits of `UInt64.max` in base 36.
    static let randomLength = 13

    /// The process's umask, read once (reading it means setting it, so not on every file).
    static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    static func ioError(_ path: String) -> RefrainError {
        if errno == ENAMETOOLONG {
            return RefrainError.io(path: path, reason: "cannot be written: its name is too long for the file system. Give a shorter name.")
        }
        return RefrainError.io(
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
                path: path, reason: "cannot be written (\(Self.reason(error))). Check that the folder is writable and the disk has space.")
        }
    }

    /// An error's reason in a few words: the system's message for a POSIX error (Foundation's
    /// description of one is a dump of its domain, code and user info), else Foundation's.
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(bridged.code))) }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return bridged.localizedFailureReason ?? bridged.localizedDescription
    }

    // MARK: Folders

    /// Writes files into a fresh staging folder; `SafeWriting.writeFolder` renames it into place.
    public final class FolderWriter {
        let root: Int32
        let path: String
        /// The folders opened so far, by their relative path's bytes: `String` keys would take
        /// NFC and NFD spellings (and a name that is not UTF-8 and its escaped spelling) as one.
        var folders: [[UInt8]: Int32] = [:]
        /// The permission bits every file written so far allows: the manifest, which holds
        /// text from every input, is written with them.
        public private(set) var commonMode: mode_t = 0o666

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
        ///   - mode: The file's permission bits (the umask applies), e.g. `outputMode(ofInput:)`.
        ///   - body: Writes the bytes with the function it is given.
        /// - Complexity: O(bytes written + path components).
        public func write(_ relativePath: String, mode: mode_t = 0o644, _ body: (_ write: Write) throws -> Void) throws {
            try write(bytes: Array(relativePath.utf8), mode: mode, body)
        }

        /// Writes one file in pieces while `body` writes others (the clean manifest, whose
        /// lines come as their documents are written, so it is never held whole), and gives it
        /// its permission bits last, from what `body` returns.
        ///
        /// - Parameters:
        ///   - relativePath: Where, inside the folder.
        ///   - body: Writes the file's bytes, in order, with the function it is given, and
        ///     returns the file's mode (the umask applies).
        /// - Complexity: O(bytes written).
        public func write(_ relativePath: String, whileWriting body: (_ write: Write) throws -> mode_t) throws {
            let shown = path + "/" + relativePath
            let descriptor = try createFile(Array(relativePath.utf8), mode: 0o600, shown: shown)
            defer { close(descriptor) }
            var buffered: [UInt8] = []
            buffered.reserveCapacity(1 << 20)
            try SafeWriting.wrapping(shown) {
                let mode = try body { bytes in
                    buffered += bytes
                    if buffered.count >= 1 << 20 {
                        try System.writeAll(buffered, to: descriptor)
                        buffered.removeAll(keepingCapacity: true)
                    }
                }
                try System.writeAll(buffered, to: descriptor)
                guard fchmod(descriptor, mode & ~SafeWriting.processUmask) == 0 else { throw SafeWriting.ioError(shown) }
            }
        }

        /// Writes one file's bytes.
        public func write(_ relativePath: String, mode: mode_t = 0o644, bytes: [UInt8]) throws {
            try write(relativePath, mode: mode) { try $0(bytes) }
        }

        /// Writes one file at a relative path given as bytes (names need not be UTF-8, which
        /// a `String` cannot carry), creating its folders; nothing is opened through a link.
        ///
        /// - Parameters:
        ///   - relativePath: Where, inside the folder: `/`-separated, no `.` or `..`.
        ///   - mode: The file's permission bits (the umask applies).
        ///   - body: Writes the bytes with the function it is given.
        /// - Complexity: O(bytes written + path components).
        public func write(bytes relativePath: [UInt8], mode: mode_t = 0o644, _ body: (_ write: Write) throws -> Void) throws {
            let shown = path + "/" + DocumentLocation.displayName(relativePath)
            let descriptor = try createFile(relativePath, mode: mode, shown: shown)
            commonMode &= mode
            defer { close(descriptor) }
            try SafeWriting.wrapping(shown) { try body { try System.writeAll($0, to: descriptor) } }
        }

        /// Creates a new file (never one that exists, never through a link) and its folders.
        ///
        /// - Returns: Its descriptor, open for writing.
        func createFile(_ relativePath: [UInt8], mode: mode_t, shown: String) throws -> Int32 {
            try create(relativePath) { directory, name in
                let descriptor = Corpus.withCPath(name) {
                    openat(directory, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
                }
                guard descriptor >= 0 else { throw SafeWriting.ioError(shown) }
                return descriptor
            }
        }

        /// Makes a second name for a file written before: a hard link to it, or, with
        /// `symbolicLink`, a symbolic link saying that.
        ///
        /// - Parameters:
        ///   - relativePath: The new name, inside the folder.
        ///   - existing: The file written before (for a hard link), inside the folder.
        ///   - symbolicLink: What a symbolic link says; `nil` for a hard link.
        /// - Complexity: O(path components).
        public func link(bytes relativePath: [UInt8], to existing: [UInt8], symbolicLink: [UInt8]?) throws {
            let shown = path + "/" + DocumentLocation.displayName(relativePath)
            // The existing file's folder is open already: it was written through `create`.
            let existingComponents = existing.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            let existingFolder =
                existingComponents.count == 1 ? root : folders[Array(existing[..<(existing.count - existingComponents.last!.count - 1)])]
            _ = try create(relativePath) { directory, name -> Int32 in
                let made: Int32
                if let symbolicLink {
                    made = Corpus.withCPath(symbolicLink) { target in Corpus.withCPath(name) { symlinkat(target, directory, $0) } }
                } else {
                    guard let existingFolder else { throw SafeWriting.ioError(shown) }
                    made = Corpus.withCPath(Array(existingComponents.last!)) { old in
                        Corpus.withCPath(name) { linkat(existingFolder, old, directory, $0, 0) }
                    }
                }
                guard made == 0 else { throw SafeWriting.ioError(shown) }
                return 0
            }
        }

        /// Creates an entry's folders (none through a link) and calls `make` with the open
        /// folder and the entry's name, under the interrupt lock.
        func create<T>(_ relativePath: [UInt8], _ make: (_ directory: Int32, _ name: [UInt8]) throws -> T) throws -> T {
            var components = relativePath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
            let name = components.removeLast()
            let dots: [[UInt8]] = [[0x2E], [0x2E, 0x2E]]
            precondition(!name.isEmpty && !dots.contains(name) && !components.contains { $0.isEmpty || dots.contains($0) })
            // Entries are created under the interrupt lock, so an interrupt removing the
            // staging folder never races a new entry and leaves it half removed.
            return try Interrupts.holding { () throws -> T in
                var directory = root
                var prefix: [UInt8] = []
                for component in components {
                    if !prefix.isEmpty { prefix.append(UInt8(ascii: "/")) }
                    prefix += component
                    if let known = folders[prefix] {
                        directory = known
                        continue
                    }
                    let shownPrefix = path + "/" + DocumentLocation.displayName(prefix)
                    if Corpus.withCPath(component, { mkdirat(directory, $0, 0o755) }) != 0, errno != EEXIST {
                        throw SafeWriting.ioError(shownPrefix)
                    }
                    let opened = Corpus.withCPath(component) { openat(directory, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                    guard opened >= 0 else { throw SafeWriting.ioError(shownPrefix) }
                    folders[prefix] = opened
                    directory = opened
                }
                return try make(directory, name)
            }
        }
    }

    /// The permission bits for the output of an input file: no more readable than the input
    /// (its mode & 0o666). Standard input that is not a regular file (a pipe, a terminal)
    /// says nothing about who may read the text, so it gets the usual 0o666 (umask applies).
    ///
    /// - Parameter path: The input file's path as its bytes (a displayed path may spell
    ///   another file's name), `-` for standard input.
    /// - Returns: The mode to create the output file with.
    /// - Complexity: One `stat`.
    public static func outputMode(ofInput path: [UInt8]) -> mode_t {
        var status = stat()
        if path == [UInt8(ascii: "-")] {
            guard fstat(0, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return 0o666 }
            return status.st_mode & 0o666
        }
        guard Corpus.withCPath(path, { stat($0, &status) }) == 0 else { return 0o600 }
        return status.st_mode & 0o666
    }

    /// The permission bits a report of `inputs` may have: none its least readable input lacks
    /// (a report quotes their text), as `outputMode(ofInput:)` gives them.
    ///
    /// - Complexity: One `stat` per input.
    public static func reportModeLimit(inputs: [String]) -> mode_t {
        inputs.reduce(0o7777) { $0 & (outputMode(ofInput: Array($1.utf8)) | 0o7111) }
    }

    /// Why a folder may not be replaced by a new run, or `nil` when it may: it is empty, or
    /// it is an earlier `clean` output, holding a manifest that reads as Refrain's and no file
    /// or folder other than the manifest and the files it lists (Refrain's own hidden
    /// leftovers aside), and, when the run's `documents` are given, none that the run lacks.
    ///
    /// - Parameters:
    ///   - directory: The folder `name` is relative to (`AT_FDCWD` for the working directory).
    ///   - name: The folder.
    ///   - documents: The new run's documents (`documentKey`), when known.
    ///   - inputs: The run's input files: none may be a file of the folder.
    ///   - contents: Whether the listed files are read for edits (`editedFile`); a check
    ///     made again before the folder is replaced may leave that to the later one.
    /// - Returns: `nil`, or the first unexpected entry (relative to the folder, in byte order)
    ///   with why it stops the replacement.
    /// - Complexity: O(entries below the folder + manifest bytes), plus the listed files'
    ///   bytes when `contents`.
    static func replacementObstacle(
        _ directory: Int32, _ name: String, documents: Set<[UInt8]>? = nil, inputs: [FileIdentity: [UInt8]] = [:],
        contents: Bool = true
    ) -> String? {
        let descriptor = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return "it cannot be read (\(String(cString: strerror(errno))))" }
        var status = stat()
        let hasManifest =
            fstatat(descriptor, CleanManifest.fileName, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFREG
        let manifestDescriptor = hasManifest ? openat(descriptor, CleanManifest.fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1
        // The manifest is read once, for the files it lists and the documents it keeps.
        var earlier: [(key: [UInt8], output: String, id: String)] = []
        let manifest = manifestDescriptor >= 0 ? readAll(manifestDescriptor) : nil
        let listedOutputs = manifest.flatMap { manifestOutputs($0, documents: &earlier) }
        let listed = listedOutputs?.map(\.path)
        // Kept to check the listed files in this same folder: the name may meanwhile be
        // another run's output, renamed into place.
        let same = dup(descriptor)
        defer { if same >= 0 { close(same) } }
        let entries = treeEntries(descriptor)  // closes the descriptor
        // Paths are compared by their bytes: a name that is not UTF-8, or holds a backslash,
        // is spelled otherwise in the manifest's `output`, for people.
        let slash = UInt8(ascii: "/")
        var expected: Set<[UInt8]> = listed == nil ? [] : [Array(CleanManifest.fileName.utf8)]
        var folders: Set<[UInt8]> = []
        for path in listed ?? [] {
            expected.insert(path)
            var components = path.split(separator: slash).dropLast()
            while !components.isEmpty {
                folders.insert(Array(components.joined(separator: [slash])))
                components = components.dropLast()
            }
        }
        for entry in entries {
            if let input = inputs[entry.identity] {
                return
                    "its \(DocumentLocation.displayName(entry.path)) is the input \(DocumentLocation.displayName(input)) (a link to it), "
                    + "and replacing the folder would change that input. Take the link out of the input, or choose another --output"
            }
            let name = Array(entry.path.split(separator: slash).last ?? entry.path[...])
            if isLeftover(name, isFolder: entry.isFolder, isRegularFile: entry.isRegularFile) { continue }
            // A second name clean wrote for a symbolic link in the input is a link itself.
            let fits =
                entry.isFolder ? folders.contains(entry.path) : ((entry.isRegularFile || entry.isLink) && expected.contains(entry.path))
            if fits { continue }
            let shown = DocumentLocation.displayName(entry.path)
            if expected.contains(entry.path) {
                return
                    "its \(shown) is no longer the file clean wrote there (it is now \(entry.isFolder ? "a folder" : "not a regular file")), "
                    + "and replacing the folder would lose what is there now"
            }
            if !hasManifest { return "it holds \(shown) and no \(CleanManifest.fileName), so it is not an earlier clean output" }
            if listed == nil {
                return
                    "it holds \(shown), and its \(CleanManifest.fileName) is not a refrain manifest, so it is not an earlier clean output"
            }
            return "it holds \(shown), which its \(CleanManifest.fileName) does not list (added after clean wrote the folder?)"
        }
        if contents, let listedOutputs, let manifest, same >= 0,
            let edited = editedFile(listedOutputs, in: same, manifest: manifest, manifestStatus: status)
        {
            return "its \(DocumentLocation.displayName(edited.path)) \(edited.reason)"
        }
        // Replacing it with a run that lacks some of its documents would lose the text it
        // keeps of them for `restore`, perhaps its only copy.
        guard let documents, listed != nil else { return nil }
        return lostDocumentsObstacle(earlier, writing: documents)
    }

    /// A file an earlier output's manifest lists, as the replacement check needs it: one per
    /// manifest line (a JSON Lines file is listed once per record).
    struct ListedOutput {
        /// The path's bytes, relative to the output folder.
        var path: [UInt8]
        /// The file's size and checksum as clean wrote it (`written`, on its last line).
        var written: CleanManifest.Entry.FileChecksum?
        /// For a second name (an input's link), the path of the file it names.
        var aliasOf: [UInt8]?
        /// For a text document, the size its cleaned file must have: its size before
        /// cleaning less what was removed.
        var cleanedBytes: Int?
    }

    /// Why replacing an earlier output would lose an edit to a file it lists.
    static let changed = "was changed after clean wrote it, and replacing the folder would lose that change"

    /// The first listed file of an earlier clean output that was edited after clean wrote it,
    /// with why, or `nil`.
    ///
    /// A file whose manifest gives its checksum as written is read and compared with it,
    /// whatever its time says: an edit in clean's last clock tick, or one hidden by touching
    /// the manifest, is caught, and `touch` or a copy is no edit. A second name (an input's
    /// link) must still be the symbolic link clean wrote, the same file as the one it names,
    /// or a copy of it, with an older manifest too. Other files of an older manifest, without
    /// those checksums, go by their time (`editedSinceManifest`), and by their size where
    /// their lines give it. A file gone meanwhile (another run replaced the folder) is no
    /// edit; one that cannot be read counts as one.
    ///
    /// - Parameters:
    ///   - listed: The files the manifest lists, line by line.
    ///   - folder: The open output folder.
    ///   - manifest: The manifest's bytes.
    ///   - manifestStatus: The manifest's `stat`.
    /// - Complexity: O(listed files + bytes of the files with checksums), plus reading and
    ///   rebuilding the files of an older manifest with a later time.
    static func editedFile(_ listed: [ListedOutput], in folder: Int32, manifest: [UInt8], manifestStatus: stat) -> (
        path: [UInt8], reason: String
    )? {
        var written: [[UInt8]: CleanManifest.Entry.FileChecksum] = [:]
        for output in listed { if let checksum = output.written { written[output.path] = checksum } }
        var byTime: [[UInt8]] = []
        var olderSecondNames: [(path: [UInt8], of: [UInt8])] = []
        // A JSON Lines file is listed once per record: checked once.
        var seen: Set<[UInt8]> = []
        for output in listed where seen.insert(output.path).inserted {
            let path = output.path
            if let aliasOf = output.aliasOf {
                if let named = written[aliasOf] {
                    if let edited = editedSecondName(path, of: aliasOf, holding: named, in: folder) { return edited }
                    continue
                }
                // An older manifest gives no checksum: held to the file it names, once that
                // file is checked, so an edit is named where it was made.
                if written.isEmpty {
                    olderSecondNames.append((path, aliasOf))
                    continue
                }
            }
            guard output.aliasOf == nil, let checksum = written[path] else {
                // A manifest that gives checksums gives one for every file clean wrote.
                if !written.isEmpty { return (path, unlisted) }
                byTime.append(path)
                continue
            }
            switch holds(path, in: folder, checksum) {
            case .some(true): continue
            case .some(false): return (path, changed)
            case .none: return (path, unreadable)
            }
        }
        // Only an older manifest leaves files to their time.
        if !byTime.isEmpty {
            var sizes: [[UInt8]: Int] = [:]
            for output in listed { if let bytes = output.cleanedBytes { sizes[output.path] = bytes } }
            if let edited = editedSinceManifest(byTime, sizes: sizes, in: folder, manifest: manifest, manifestStatus: manifestStatus) {
                return edited
            }
        }
        for (path, of) in olderSecondNames {
            guard let named = contentChecksum(of, in: folder) else { continue }  // gone: nothing to hold it to
            if let edited = editedSecondName(path, of: of, holding: named, in: folder) { return edited }
        }
        return nil
    }

    /// Whether a second name (an input's link) is no longer what clean wrote, with why, or
    /// `nil`: it must be the symbolic link clean wrote (`../` per folder level, then the file
    /// it names), the same file as the one it names, or a copy of that file's bytes.
    ///
    /// - Parameters:
    ///   - path: The second name.
    ///   - of: The path of the file it names.
    ///   - named: That file's size and checksum.
    ///   - folder: The open output folder.
    /// - Complexity: O(file bytes) for a copy; O(1) otherwise.
    static func editedSecondName(
        _ path: [UInt8], of: [UInt8], holding named: CleanManifest.Entry.FileChecksum, in folder: Int32
    ) -> (path: [UInt8], reason: String)? {
        var status = stat()
        var original = stat()
        guard Corpus.withCPath(path, { fstatat(folder, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else { return nil }
        if status.st_mode & S_IFMT == S_IFLNK {
            let depth = path.filter { $0 == UInt8(ascii: "/") }.count
            let wrote = Array(repeating: Array("../".utf8), count: depth).flatMap { $0 } + of
            return linkText(path, in: folder) == wrote ? nil : (path, changed)
        }
        // The file it names is checked on its own line.
        if Corpus.withCPath(of, { fstatat(folder, $0, &original, AT_SYMLINK_NOFOLLOW) }) == 0, original.st_dev == status.st_dev,
            original.st_ino == status.st_ino
        {
            return nil
        }
        // A copy that kept no links (`cp -r`) holds the same bytes.
        switch holds(path, in: folder, named) {
        case .some(true): return nil
        case .some(false): return (path, changed)
        case .none: return (path, unreadable)
        }
    }

    /// Why a file a manifest with checksums lists without one stops the replacement.
    static let unlisted =
        "has no checksum in \(CleanManifest.fileName), though clean gives one for every file it writes (the manifest was edited?), "
        + "so whether it was changed is unknown"

    /// What a symbolic link says, or `nil` when it cannot be read.
    static func linkText(_ path: [UInt8], in folder: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = Corpus.withCPath(path) { name in
            buffer.withUnsafeMutableBytes { readlinkat(folder, name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
        }
        guard count >= 0, count < buffer.count else { return nil }
        return Array(buffer[..<count])
    }

    /// Why a listed file that cannot be read stops the replacement, with `errno`'s reason.
    static var unreadable: String { "cannot be read (\(String(cString: strerror(errno)))), so whether it was changed is unknown" }

    /// Whether a listed file holds what clean wrote: a regular file of that size and checksum.
    ///
    /// - Returns: `nil` when it cannot be read (`errno` says why); `true` as well when it is
    ///   gone, since another run replaced the folder meanwhile and nothing of it is lost.
    /// - Complexity: O(file bytes).
    static func holds(_ path: [UInt8], in folder: Int32, _ expected: CleanManifest.Entry.FileChecksum) -> Bool? {
        var status = stat()
        guard Corpus.withCPath(path, { fstatat(folder, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else {
            return errno == ENOENT ? true : nil
        }
        guard status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == expected.bytes else { return false }
        guard let found = contentChecksum(path, in: folder, sizeHint: expected.bytes) else { return errno == ENOENT ? true : nil }
        return found == expected
    }

    /// A regular file's size and XXH3-64, read in pieces; `nil` when it cannot be read
    /// (`errno` says why).
    ///
    /// - Parameter sizeHint: The size expected: pieces no larger, so a folder of small files
    ///   is read a page or so each.
    /// - Complexity: O(file bytes).
    static func contentChecksum(_ path: [UInt8], in folder: Int32, sizeHint: Int = 8 << 20) -> CleanManifest.Entry.FileChecksum? {
        let descriptor = Corpus.withCPath(path) { openat(folder, $0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let stream = XXH3.Stream()
        var size = 0
        let read: Void? = try? Corpus.withPieces(ofDescriptor: descriptor, size: min(sizeHint + 1, 8 << 20)) { next in
            while let piece = try next() {
                stream.update(piece)
                size += piece.count
            }
        }
        guard read != nil else { return nil }
        return CleanManifest.Entry.FileChecksum(bytes: size, checksum: stream.digest)
    }

    /// The first of `paths` that may have been edited after clean wrote it, by its time, with
    /// why, or `nil`: the check for a manifest that gives no checksums of what clean wrote.
    ///
    /// clean writes the manifest last, so a file modified after it may have been edited; a
    /// later time alone is no edit (`touch`, a copy that kept no times), so such a file is
    /// rebuilt as `restore` would, and only one that no longer rebuilds to its input counts.
    /// A file with the manifest's own time is taken as clean's: the clock's tick is a few
    /// milliseconds, and clean's last file and its manifest usually share one. One whose
    /// entries have no checksum counts by its time alone, and one that cannot be read counts
    /// too. A text file whose size is not the one its line gives (`sizes`) was edited,
    /// whatever its time. Second names are not among `paths`: `editedFile` holds them to the
    /// files they name.
    ///
    /// - Complexity: O(paths), plus reading and rebuilding those with a later time.
    static func editedSinceManifest(
        _ paths: [[UInt8]], sizes: [[UInt8]: Int], in folder: Int32, manifest: [UInt8], manifestStatus: stat
    ) -> (path: [UInt8], reason: String)? {
        let manifestTime = System.modificationTime(manifestStatus)
        var later: [[UInt8]] = []
        for path in paths {
            var file = stat()
            guard Corpus.withCPath(path, { fstatat(folder, $0, &file, AT_SYMLINK_NOFOLLOW) }) == 0 else { continue }
            // A text file's size follows from its line, whatever its time says.
            if let size = sizes[path], file.st_mode & S_IFMT == S_IFREG, Int(file.st_size) != size { return (path, changed) }
            let modified = System.modificationTime(file)
            if modified.tv_sec > manifestTime.tv_sec || (modified.tv_sec == manifestTime.tv_sec && modified.tv_nsec > manifestTime.tv_nsec)
            {
                later.append(path)
            }
        }
        guard let first = later.first else { return nil }
        guard let files = try? Restorer.files(manifest: manifest) else { return (first, changed) }
        let byPath = Dictionary(files.map { ($0.pathBytes, $0.entries) }, uniquingKeysWith: { first, _ in first })
        for path in later {
            guard let entries = byPath[path] else { return (path, changed) }
            guard Restorer.uncheckedWarning(entries) == nil else { return (path, changed) }
            switch rebuilds(path, in: folder, entries: entries) {
            case .some(true): continue
            case .some(false): return (path, changed)
            case .none: return (path, unreadable)
            }
        }
        return nil
    }

    /// Whether a cleaned file still rebuilds to its input, as `restore` checks it: a JSON
    /// Lines file read a piece at a time (it may be gigabytes), a text file whole.
    ///
    /// - Returns: `nil` when it cannot be opened (`errno` says why); `true` as well when it is
    ///   gone, since another run replaced the folder meanwhile and nothing of it is lost.
    /// - Complexity: O(file bytes + removed bytes).
    static func rebuilds(_ path: [UInt8], in folder: Int32, entries: [CleanManifest.Entry]) -> Bool? {
        let descriptor = Corpus.withCPath(path) { openat(folder, $0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
        guard descriptor >= 0 else { return errno == ENOENT ? true : nil }
        let shown = DocumentLocation.displayName(path)
        guard entries.count > 1 || entries[0].line != nil else {
            guard let cleaned = readAll(descriptor) else { return nil }  // closes the descriptor
            return (try? Restorer.restore(path: shown, cleaned: cleaned, entries: entries)) != nil
        }
        defer { close(descriptor) }
        let rebuilt: Void? = try? Corpus.withPieces(ofDescriptor: descriptor) { next in
            try Restorer.restoreJSONLines(path: shown, pieces: next, entries: entries, write: { _ in })
        }
        return rebuilt != nil
    }

    /// An entry below a folder, as `treeEntries` lists it.
    struct TreeEntry {
        /// Its path's bytes, relative to the folder.
        var path: [UInt8]
        var isFolder: Bool
        var isRegularFile: Bool
        var isLink: Bool
        /// Its device and inode (a link's own).
        var identity: FileIdentity
    }

    /// Every entry below a folder, without following links, sorted by path bytes; the
    /// folders of Refrain's hidden leftovers are not entered.
    ///
    /// - Parameter descriptor: The open folder, closed on return.
    /// - Returns: Each entry's path (its bytes) relative to the folder, and whether it is a
    ///   folder, a regular file or a symbolic link.
    /// - Complexity: O(entries below the folder).
    static func treeEntries(_ descriptor: Int32) -> [TreeEntry] {
        var result: [TreeEntry] = []
        func walk(_ descriptor: Int32, _ prefix: [UInt8]) {
            guard let stream = fdopendir(descriptor) else {
                close(descriptor)
                return
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                guard let entryName = System.entryName(entry) else { continue }
                var status = stat()
                guard Corpus.withCPath(entryName, { fstatat(dirfd(stream), $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else { continue }
                let isFolder = status.st_mode & S_IFMT == S_IFDIR
                result.append(
                    TreeEntry(
                        path: prefix + entryName, isFolder: isFolder, isRegularFile: status.st_mode & S_IFMT == S_IFREG,
                        isLink: status.st_mode & S_IFMT == S_IFLNK, identity: FileIdentity(status)))
                if isFolder, !isLeftover(entryName, isFolder: true, isRegularFile: false) {
                    let child = Corpus.withCPath(entryName) { openat(dirfd(stream), $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                    if child >= 0 { walk(child, prefix + entryName + [UInt8(ascii: "/")]) }
                }
            }
        }
        walk(descriptor, [])
        return result.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// The files a manifest lists, line by line, or `nil` when it is not Refrain's manifest:
    /// every line that is not blank a manifest record, and at least one.
    ///
    /// - Parameter documents: Gets the documents it keeps (`documentKey`), each with its file
    ///   and id for messages; second names of files (links) are not documents of their own.
    static func manifestOutputs(_ bytes: [UInt8], documents: inout [(key: [UInt8], output: String, id: String)]) -> [ListedOutput]? {
        var outputs: [ListedOutput] = []
        for line in bytes.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            guard let entry = try? CleanManifest.parse(bytes: line) else { return nil }
            let cleanedBytes =
                entry.line == nil && entry.alias == nil
                ? entry.originalBytes.map { $0 - entry.removed.reduce(0) { $0 + $1.bytes.count } } : nil
            outputs.append(
                ListedOutput(path: entry.outputBytes, written: entry.written, aliasOf: entry.alias?.of, cleanedBytes: cleanedBytes))
            if entry.alias == nil { documents.append((documentKey(output: entry.outputBytes, id: entry.id), entry.output, entry.id)) }
        }
        return outputs.isEmpty ? nil : outputs
    }

    /// A document's identity in a clean output: its output file's path bytes and its id.
    public static func documentKey(output: [UInt8], id: String) -> [UInt8] { output + [0] + Array(id.utf8) }

    /// Why a new output may not replace an earlier one, or `nil` when it may: when the new
    /// run lacks documents the earlier one keeps (another corpus, or the same with files
    /// gone), their removed text, kept nowhere else once their inputs are gone, would be lost.
    ///
    /// - Parameters:
    ///   - earlier: The documents the earlier output's manifest lists.
    ///   - documents: The new run's documents (`documentKey`).
    /// - Complexity: O(*earlier*).
    static func lostDocumentsObstacle(_ earlier: [(key: [UInt8], output: String, id: String)], writing documents: Set<[UInt8]>)
        -> String?
    {
        let lost = earlier.filter { !documents.contains($0.key) }
        guard let first = lost.first else { return nil }
        let named = first.id == first.output ? first.output.terminalSafe : "\(first.id.terminalSafe) in \(first.output.terminalSafe)"
        let others = lost.count > 1 ? " and \(lost.count - 1) more" : ""
        let kind = lost.count == earlier.count ? "it is the clean output of another corpus" : "it keeps documents this run does not write"
        return "\(kind) (\(named)\(others)), and replacing it would lose the text clean removed from them, kept for restore. "
            + "If that output is no longer needed, remove it first"
    }

    /// Reads a file descriptor to its end, then closes it.
    static func readAll(_ descriptor: Int32) -> [UInt8]? {
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { System.readRetrying(descriptor, $0.baseAddress!, $0.count) }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
        }
    }

    /// The message refusing to replace a folder, saying why and what to do.
    static func refusal(_ path: String, _ obstacle: String) -> RefrainError {
        RefrainError.usage(
            "refusing to replace the folder \(path): \(obstacle). clean replaces its --output folder whole; choose an empty or new folder."
        )
    }

    /// Checks that a folder can be the target of `writeFolder`: missing, empty, or an earlier output.
    ///
    /// - Parameters:
    ///   - path: The `--output` folder as given.
    ///   - command: The command writing it, for messages: `restore` takes no earlier output.
    ///   - documents: The run's documents (`documentKey`), when known: an earlier output with
    ///     others is not replaced.
    /// - Throws: `RefrainError.usage` (exit 64) otherwise, naming the first unexpected file.
    /// - Complexity: O(entries below the folder + manifest bytes).
    public static func checkFolderTarget(_ path: String, command: String = "clean", documents: Set<[UInt8]>? = nil) throws {
        try checkFolderTarget(path, command: command, documents: documents, inputs: [:])
    }

    /// `checkFolderTarget(_:command:documents:)`, refusing as well an earlier output holding
    /// one of `inputs` (an input file linked to a file of it: replacing it would change the input).
    static func checkFolderTarget(
        _ path: String, command: String = "clean", documents: Set<[UInt8]>?, inputs: [FileIdentity: [UInt8]], contents: Bool = true
    ) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            let accepted = command == "clean" ? "a new folder, an empty one, or an earlier clean output" : "a new folder or an empty one"
            // A link is not followed: what it points at may change before the folder is replaced.
            if status.st_mode & S_IFMT == S_IFLNK {
                throw RefrainError.usage("\(path) is a link; --output must be \(accepted) itself, not a link to one.")
            }
            throw RefrainError.usage("\(path) exists and is not a folder; --output must be \(accepted).")
        }
        let target = resolve(path)
        let current = resolve(".")
        if current == target || isInside(current, target) {
            throw RefrainError.usage(
                "refusing to replace \(path): it \(current == target ? "is" : "holds") the current directory, and \(command) replaces its --output "
                    + "folder with a new one, which would leave you in a deleted folder. Choose another --output, or run refrain from outside it."
            )
        }
        if let obstacle = replacementObstacle(AT_FDCWD, path, documents: documents, inputs: inputs, contents: contents) {
            throw refusal(path, obstacle)
        }
    }

    /// The input files by device and inode, following links, as `writeFolder` compares them
    /// with an earlier output's files; files that cannot be looked at are left out.
    ///
    /// - Complexity: One `stat` per path.
    static func identities(ofInputs paths: [[UInt8]]) -> [FileIdentity: [UInt8]] {
        var result: [FileIdentity: [UInt8]] = [:]
        for path in paths {
            var status = stat()
            if Corpus.withCPath(path, { stat($0, &status) }) == 0 { result[FileIdentity(status)] = path }
        }
        return result
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
    public static func writeFolder(
        at path: String, documents: Set<[UInt8]>? = nil, inputFiles: [[UInt8]] = [], _ body: (FolderWriter) throws -> Void
    ) throws {
        Interrupts.install()
        try checkNotPlanted(path)
        // An earlier output is looked at for them: a first run has nothing to compare.
        var status = stat()
        let inputs = lstat(path, &status) == 0 ? identities(ofInputs: inputFiles) : [:]
        // Before anything is written: the run's documents and inputs are known. The files'
        // bytes are read once the new output is written, before and after the exchange.
        try checkFolderTarget(path, documents: documents, inputs: inputs, contents: false)
        let (directory, parent, name) = try openParentFolder(of: path)
        defer { close(directory) }
        removeAbandoned(directory, prefix: stagingPrefix(name), suffix: "", folders: true)
        // Created and registered under the lock, so an interrupt never misses it; the name
        // holds the process id, so a later run can tell an abandoned one from a live one.
        let (staging, token) = try Interrupts.holding {
            var staging = ""
            for attempt in 0..<100 {
                staging = stagingPrefix(name) + "\(getpid())-\(randomName())"
                if mkdirat(directory, staging, 0o755) == 0 { break }
                guard errno == EEXIST, attempt < 99 else { throw ioError(parent + "/" + staging) }
            }
            return (staging, Interrupts.register(parent + "/" + staging))
        }
        var stagingExists = true
        let root = openat(directory, staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        defer {
            if stagingExists { removeTree(directory, staging) }
            if root >= 0 { close(root) }
            Interrupts.unregister(token)
        }
        guard root >= 0 else { throw ioError(parent + "/" + staging) }
        // Held to the end, as a temporary file's lock is.
        flock(root, LOCK_EX)
        // Private while written; given its final mode (the umask's default for a new folder,
        // the replaced folder's own otherwise) just before the rename.
        var created = stat()
        let newFolderMode = fstat(root, &created) == 0 ? created.st_mode & 0o7777 : 0o755
        fchmod(root, 0o700)
        try body(FolderWriter(root: root, path: path))
        try Interrupts.holding {
            while true {
                var existing = stat()
                let targetExists = fstatat(directory, name, &existing, AT_SYMLINK_NOFOLLOW) == 0 && existing.st_mode & S_IFMT == S_IFDIR
                guard fchmodat(directory, staging, targetExists ? existing.st_mode & 0o7777 : newFolderMode, 0) == 0 else {
                    throw ioError(path)
                }
                if System.rename(directory, staging, directory, name, flags: .noReplace) == 0 {
                    stagingExists = false
                    Interrupts.complete()
                    return
                }
                guard errno == EEXIST || errno == ENOTEMPTY else { throw ioError(path) }
                if let obstacle = replacementObstacle(directory, name, documents: documents, inputs: inputs) {
                    throw refusal(path, obstacle)
                }
                if System.rename(directory, staging, directory, name, flags: .exchange) == 0 {
                    // The old output is now at the staging name, removed on the way out; checked
                    // again there, as an edit made while the check above ran would go with it.
                    if let obstacle = replacementObstacle(directory, staging, documents: documents, inputs: inputs) {
                        if System.rename(directory, staging, directory, name, flags: .exchange) == 0 {
                            throw refusal(path, "it changed while clean replaced it: " + obstacle)
                        }
                        // Kept under a name a later run does not take for an abandoned staging folder.
                        stagingExists = false
                        let kept = "\(name).earlier-\(randomName())"
                        let keptName = System.rename(directory, staging, directory, kept, flags: .noReplace) == 0 ? kept : staging
                        throw RefrainError.io(
                            path: path,
                            reason: "changed while clean replaced it (\(obstacle)), and could not be put back: "
                                + "it is kept whole in \(parent)/\(keptName); the new output is in \(path).")
                    }
                    Interrupts.complete()
                    return
                }
                guard errno == ENOENT else { throw ioError(path) }
            }
        }
    }

    /// The start of a staging folder's name beside the target `name`; the process id and a
    /// random part follow.
    static func stagingPrefix(_ name: String) -> String { ".\(leftoverStem(name))" + stagingMarker }

    /// What follows the target's name in a staging folder's name.
    static let stagingMarker = ".refrain-staging-"

    /// Removes the temporary files or staging folders named `prefix` + process id + `-` +
    /// random part + `suffix` whose run is gone (killed before it could remove them): the
    /// process id no longer exists and no run holds the entry's lock (a run in another
    /// container has other process ids). A live run's entry, one of the other kind (a folder
    /// named like a temporary file), or a name refrain would not make is left alone; a link
    /// so named is removed itself.
    ///
    /// - Complexity: O(entries in the parent folder + entries removed).
    static func removeAbandoned(_ directory: Int32, prefix: String, suffix: String, folders: Bool) {
        let descriptor = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, let stream = fdopendir(descriptor) else { return }
        let (prefixBytes, suffixBytes) = (Array(prefix.utf8), Array(suffix.utf8))
        var abandoned: [String] = []
        while let entry = readdir(stream) {
            guard let bytes = System.entryName(entry), bytes.count > prefixBytes.count + suffixBytes.count, bytes.starts(with: prefixBytes),
                bytes.reversed().starts(with: suffixBytes.reversed()),
                let owner = leftoverOwner(bytes[prefixBytes.count..<(bytes.count - suffixBytes.count)]), owner != getpid(),
                kill(owner, 0) != 0 && errno == ESRCH
            else { continue }
            abandoned.append(String(decoding: bytes, as: UTF8.self))
        }
        closedir(stream)
        for name in abandoned {
            let entry = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard entry >= 0 else {
                if errno == ELOOP { unlinkat(directory, name, 0) }  // a link
                continue
            }
            defer { close(entry) }
            var status = stat()
            // A run locks its entry just after creating it: one modified in the last seconds
            // may be a live run's, between the two, in another container.
            guard fstat(entry, &status) == 0, status.st_mode & S_IFMT == (folders ? S_IFDIR : S_IFREG),
                time(nil) - status.st_mtim.tv_sec > 10, flock(entry, LOCK_EX | LOCK_NB) == 0
            else { continue }
            if folders { removeTree(directory, name) } else { unlinkat(directory, name, 0) }
        }
    }

    /// The process id in a leftover's `pid-random` part, as refrain names them (decimal
    /// digits without a leading zero, a dash, 13 lowercase base-36 digits), or `nil`.
    static func leftoverOwner(_ part: ArraySlice<UInt8>) -> pid_t? {
        guard let dash = part.firstIndex(of: UInt8(ascii: "-")), dash > part.startIndex, dash - part.startIndex <= 9,
            part[part.startIndex] != UInt8(ascii: "0"), part.endIndex - dash - 1 == randomLength,
            part[..<dash].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            part[(dash + 1)...].allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
            })
        else { return nil }
        return pid_t(String(decoding: part[..<dash], as: UTF8.self))
    }

    /// Whether an entry inside a folder is one of refrain's own leftovers, named as refrain
    /// names them: a temporary file `.NAME.pid-random.refrain-tmp` or a staging folder
    /// `.NAME.refrain-staging-pid-random`.
    static func isLeftover(_ bytes: [UInt8], isFolder: Bool, isRegularFile: Bool) -> Bool {
        guard bytes.count > 2, bytes[0] == UInt8(ascii: ".") else { return false }
        if isRegularFile {
            let suffix = Array(temporarySuffix.utf8)
            guard bytes.reversed().starts(with: suffix.reversed()) else { return false }
            let core = bytes[..<(bytes.count - suffix.count)]
            guard let dot = core.lastIndex(of: UInt8(ascii: ".")), dot > 1 else { return false }
            return leftoverOwner(core[(dot + 1)...]) != nil
        }
        guard isFolder else { return false }
        let marker = Array(stagingMarker.utf8)
        guard bytes.count > marker.count + 1 else { return false }
        for start in stride(from: bytes.count - marker.count, through: 1, by: -1)
        where bytes[start..<(start + marker.count)].elementsEqual(marker) {
            return leftoverOwner(bytes[(start + marker.count)...]) != nil
        }
        return false
    }

    /// Removes a file or folder tree without following links.
    static func removeTree(_ directory: Int32, _ name: String) {
        removeTree(directory, bytes: Array(name.utf8))
    }

    /// Removes a file or folder tree named by its bytes, without following links: entries are
    /// named by their bytes as read, since a name that is not UTF-8 would not survive a `String`.
    static func removeTree(_ directory: Int32, bytes name: [UInt8]) {
        if Corpus.withCPath(name, { unlinkat(directory, $0, 0) }) == 0 || errno == ENOENT { return }
        let descriptor = Corpus.withCPath(name) { openat(directory, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard descriptor >= 0 else { return }
        // An earlier output left read-only (chmod 555) is emptied all the same: it is being
        // removed whole, and would otherwise stay behind, hidden, at its staging name.
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & 0o300 != 0o300 { fchmod(descriptor, status.st_mode | 0o700) }
        guard let stream = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            if let entryName = System.entryName(entry) { names.append(entryName) }
        }
        for entryName in names { removeTree(descriptor, bytes: entryName) }
        closedir(stream)
        _ = Corpus.withCPath(name) { unlinkat(directory, $0, AT_REMOVEDIR) }
    }

    /// Removes a file or folder tree at a path without following links (for interrupts).
    static func removeTree(atPath path: String) {
        removeTree(AT_FDCWD, path)
    }
}
