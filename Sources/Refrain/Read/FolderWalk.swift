import Foundation

extension Corpus {
    /// The folder walk: iterative (no recursion, so depth is bounded by `PATH_MAX` only),
    /// byte-wise on names, following symbolic links but not loops.
    struct FolderWalk {
        var selection: Selection
        var problems: [InputProblem] = []
        var ownOutputs: [String] = []
        var leftOutByExtension = 0
        /// Files and folders an `--exclude` pattern left out.
        var leftOutByExclude = 0
        /// The `--exclude` patterns that left something out, by index.
        var usedExcludes = Set<Int>()
        /// The folders `--exclude` left out, with the pattern that did: a link to one is left out too.
        var excludedFolders: [FolderIdentity: Int] = [:]
        /// Whether a folder was walked, so that `--exclude` could apply.
        var walkedFolder = false
        var extensions: [String] = []
        /// The compressed files' extensions among those left out, all of them, for the note.
        var compressedExtensions: [String] = []
        /// How many of the files left out by extension are compressed.
        var leftOutCompressed = 0
        /// The extensions of PDF, office and e-book files left out, all of them, and how many.
        var documentExtensions: [String] = []
        var leftOutDocuments = 0
        var hidden = 0
        /// Links to folders read under another path: read once, but no link in a clean output.
        var linkedFolders = 0
        /// Links whose target is missing or a loop, by a name no file is read under: each is
        /// named (it may have been a folder), and none is in a clean output.
        var deadLinks = 0
        /// Files and folders left out so far, for any reason the notes name.
        var leftOutCount: Int { leftOutByExtension + leftOutByExclude + hidden + linkedFolders + deadLinks }
        /// Every folder listed, by (device, inode), with its path: a folder reached twice
        /// through links is read once.
        var listed: [FolderIdentity: String] = [:]

        /// A folder's or file's device and inode: the same one under any path.
        struct FolderIdentity: Hashable, Sendable {
            var device: UInt64
            var inode: UInt64

            init(device: UInt64, inode: UInt64) {
                self.device = device
                self.inode = inode
            }

            /// The identity `stat` gave.
            init(_ status: stat) { self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) }
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
        ///
        /// - Parameters:
        ///   - root: The folder, as shown in messages.
        ///   - bytes: Its path's bytes, where they are not `root`'s UTF-8 (`Corpus.pathBytes`).
        mutating func list(folder root: String, bytes: [UInt8]? = nil, input: Int) -> [FileEntry] {
            var result: [FileEntry] = []
            var status = stat()
            var rootPath = bytes ?? Array(root.utf8)
            guard Corpus.withCPath(rootPath, { stat($0, &status) }) == 0 else { return [] }
            walkedFolder = true
            while rootPath.count > 1, rootPath.last == UInt8(ascii: "/") { rootPath.removeLast() }
            var folders = [Folder(path: rootPath, relative: [], device: UInt64(status.st_dev), inode: UInt64(status.st_ino), parent: nil)]
            let rootIdentity = FolderIdentity(status)
            if let first = listed[rootIdentity] {
                problems.append(
                    InputProblem(path: root, message: "the same folder as \(first), which is read; not read twice.", severity: .warning))
                return []
            }
            listed[rootIdentity] = root
            var stack = [0]
            let slash = UInt8(ascii: "/")
            // Folders reached through a symbolic link are listed after every real one, so a
            // folder linked from beside it is read under its own name, and the link is the
            // second name named in the warning.
            var linked: [(folder: Folder, shown: String)] = []
            while true {
                guard let index = stack.popLast() else {
                    guard !linked.isEmpty else { break }
                    let (folder, shown) = linked.removeFirst()
                    let identity = FolderIdentity(device: folder.device, inode: folder.inode)
                    // A link to a folder --exclude left out leaves it out too.
                    if let pattern = excludedFolders[identity] {
                        leftOutByExclude += 1
                        usedExcludes.insert(pattern)
                        continue
                    }
                    if let first = listed[identity] {
                        problems.append(Self.readAlready(shown, as: first))
                        linkedFolders += 1
                        continue
                    }
                    listed[identity] = shown
                    folders.append(folder)
                    stack.append(folders.count - 1)
                    continue
                }
                let folder = folders[index]
                let display = DocumentLocation.displayName(folder.path)
                if folder.parent != nil, FolderWalk.holdsManifest(folder.path) {
                    // A `clean` output inside the corpus: its files are cleaned copies.
                    ownOutputs.append(display + "/")
                    continue
                }
                guard let names = FolderWalk.entries(in: folder.path, problems: &problems, display: display) else { continue }
                var children: [Int] = []
                for (name, type, inode) in names {
                    var path = folder.path
                    if path.last != slash { path.append(slash) }
                    path += name
                    var relative = folder.relative
                    if !relative.isEmpty { relative.append(slash) }
                    relative += name
                    var shown: String { DocumentLocation.displayName(path) }
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
                        // A link --exclude names is left out, whatever its name would read.
                        if isLink,
                            let pattern = selection.excluding(relative, isFolder: false) ?? selection.excluding(relative, isFolder: true)
                        {
                            leftOutByExclude += 1
                            usedExcludes.insert(pattern)
                            continue
                        }
                        // A link whose name reads no file may have been a folder: named as a warning.
                        let isDeadLink = isLink && !selection.includes(relative)
                        let why: String
                        switch error {
                        case ELOOP: why = "a symbolic-link loop; not followed. Fix or remove the link."
                        case ENOENT where isDeadLink:
                            why = "a symbolic link to a missing file or folder; not followed. Fix or remove the link."
                        case ENOENT where isLink: why = "a symbolic link to a missing file. Fix or remove the link."
                        case _ where isDeadLink:
                            why = "a symbolic link that cannot be followed (\(String(cString: strerror(error)))); not followed."
                        default: why = "cannot be read (\(String(cString: strerror(error)))). Check its permissions, or leave it out."
                        }
                        problems.append(InputProblem(path: shown, message: why, severity: isDeadLink ? .warning : .skipped))
                        if isDeadLink { deadLinks += 1 }
                        continue
                    }
                    // A compressed file is left out, as picked, by the name it decompresses to too.
                    let isFolder = (entry.st_mode & S_IFMT) == S_IFDIR
                    if let pattern = selection.excluding(relative, isFolder: isFolder)
                        ?? (Gzip.isCompressedName(relative) && !isFolder
                            ? selection.excluding(Array(relative.dropLast(3)), isFolder: false) : nil)
                    {
                        leftOutByExclude += 1
                        usedExcludes.insert(pattern)
                        if isFolder { excludedFolders[FolderIdentity(entry)] = pattern }
                        continue
                    }
                    if isFolder {
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
                        let identity = FolderIdentity(entry)
                        if type == UInt8(DT_LNK), listed[identity] == nil {
                            linked.append(
                                (
                                    Folder(
                                        path: path, relative: relative, device: UInt64(entry.st_dev), inode: UInt64(entry.st_ino),
                                        parent: index), shown
                                ))
                            continue
                        }
                        if let first = listed[identity] {
                            problems.append(Self.readAlready(shown, as: first))
                            linkedFolders += 1
                            continue
                        }
                        listed[identity] = shown
                        folders.append(
                            Folder(path: path, relative: relative, device: UInt64(entry.st_dev), inode: UInt64(entry.st_ino), parent: index)
                        )
                        children.append(folders.count - 1)
                        continue
                    }
                    // A compressed file is read when the name it decompresses to would be.
                    guard selection.includes(relative) || (Gzip.isCompressedName(relative) && selection.includes(relative.dropLast(3)))
                    else {
                        leftOutByExtension += 1
                        let dot = name.lastIndex(of: UInt8(ascii: ".")).map { String(decoding: name[$0...], as: UTF8.self).lowercased() }
                        // A tar archive shows as one, not as the .gz refrain reads.
                        let isTar = dot == ".gz" && !Gzip.isCompressedName(name) && name.count > 3
                        let shownExtension = isTar ? ".tar.gz" : dot ?? "no extension"
                        if extensions.count < 4, !extensions.contains(shownExtension) { extensions.append(shownExtension) }
                        // A .gz file an --include pattern can name is read; others must be unpacked.
                        if Corpus.documentFormatExtensions.contains(shownExtension) {
                            leftOutDocuments += 1
                            if !documentExtensions.contains(shownExtension) { documentExtensions.append(shownExtension) }
                        }
                        if isTar || (Corpus.decompressTool(forExtension: shownExtension) != nil && shownExtension != ".gz") {
                            leftOutCompressed += 1
                            // A tar archive is unpacked into a folder, as a .tgz is.
                            let kind = isTar ? ".tgz" : shownExtension
                            if !compressedExtensions.contains(kind) { compressedExtensions.append(kind) }
                        }
                        continue
                    }
                    var file = FileEntry(id: DocumentLocation.displayName(relative), path: path, relative: relative, input: input)
                    // A link's identity is its target's (from `stat`); a regular file's is its
                    // listing's inode on its folder's device, so hard links are known too.
                    if found == 0, type != UInt8(DT_REG) {
                        file.identity = FolderIdentity(entry)
                        if FolderWalk.isSymbolicLink(path) { file.linkTarget = FolderWalk.linkTarget(path) }
                    } else {
                        file.identity = FolderIdentity(device: folder.device, inode: inode)
                    }
                    file.nameStart = path.count - name.count
                    file.isRegular = (entry.st_mode & S_IFMT) == S_IFREG
                    result.append(file)
                }
                // Children pushed in reverse, so folders are listed in name order.
                stack += children.reversed()
            }
            return result
        }

        /// The notes on what the walks left out, and on exclude patterns that left out nothing.
        var notes: [String] {
            unusedExcludes + leftOutNotes
        }

        /// A note for each `--exclude` pattern that left nothing out: a pattern that names a
        /// folder's file by its bare name, or a file given on the command line, excludes
        /// nothing, and the run would silently read what the user meant to leave out.
        var unusedExcludes: [String] {
            selection.exclude.indices.filter { !usedExcludes.contains($0) }.map { index in
                let pattern = selection.exclude[index]
                let why =
                    walkedFolder
                    ? "patterns match the path below each folder given, as in sub/b.txt: 'drafts' or 'drafts/' for a folder, '*/b.txt' for a file in any subfolder"
                    : "it applies only to the files of folders given, and no folder was"
                return "--exclude '\(pattern)' left out nothing (\(why))"
            }
        }

        /// The notes on what the walks left out.
        var leftOutNotes: [String] {
            var parts: [String] = []
            if leftOutByExtension > 0 {
                // With --include given, the files are those its patterns do not match.
                let why = selection.include == Corpus.defaultInclude ? "by extension" : "that match no --include pattern"
                parts.append(
                    "\(leftOutByExtension) file\(leftOutByExtension == 1 ? "" : "s") \(why) (\(extensions.joined(separator: ", "))\(leftOutByExtension > extensions.count && extensions.count == 4 ? ", …" : ""))"
                )
            }
            if leftOutByExclude > 0 {
                parts.append(
                    "\(leftOutByExclude) file\(leftOutByExclude == 1 ? "" : "s") or folder\(leftOutByExclude == 1 ? "" : "s") by --exclude")
            }
            if hidden > 0 { parts.append("\(hidden) hidden file\(hidden == 1 ? "" : "s") or folder\(hidden == 1 ? "" : "s")") }
            guard !parts.isEmpty else { return [] }
            // What reads each kind: --include for other names (not for compressed files, which
            // it would only turn into "binary data"), a pattern with a dot for hidden ones;
            // what --exclude left out was asked for.
            var advice: [String] = []
            // PDF and office files need converting, not --include (which would read their bytes).
            let others = leftOutByExtension - leftOutCompressed - leftOutDocuments
            if others > 0 {
                let some = leftOutCompressed + leftOutDocuments > 0
                advice.append("use --include GLOB to read \(some ? "the others" : others == 1 ? "it" : "them")")
            }
            if !documentExtensions.isEmpty {
                advice.append(
                    "convert the \(documentExtensions.sorted().joined(separator: ", ")) files to text first (pdftotext FILE.pdf; pandoc FILE -t plain -o FILE.txt)"
                )
            }
            if hidden > 0 { advice.append("hidden ones are read when an --include pattern starts with a dot (--include '.*.txt')") }
            let compressed = compressedExtensions.sorted()
            if !compressed.isEmpty {
                let commands = compressed.map { Corpus.decompressCommand($0) }
                advice.append(
                    "unpack or decompress the \(compressed.joined(separator: ", ")) files first (\(commands.joined(separator: "; ")))"
                )
            }
            return ["left out \(parts.joined(separator: " and "))" + advice.map { "; " + $0 }.joined()]
        }

        /// A folder's entry names and their `d_type`s, sorted byte-wise, without `.` and `..`; `nil` with a problem
        /// when it cannot be listed.
        static func names(in path: [UInt8], problems: inout [InputProblem], display: String) -> [(name: [UInt8], type: UInt8)]? {
            entries(in: path, problems: &problems, display: display)?.map { ($0.name, $0.type) }
        }

        /// A folder's entry names, `d_type`s and inode numbers (`d_ino`), sorted byte-wise,
        /// without `.` and `..`; `nil` with a problem when it cannot be listed.
        ///
        /// The inode number comes with the listing, so hard links are told apart from
        /// distinct files without a `stat` per file.
        /// - Complexity: O(*n* log *n*) in the entries.
        static func entries(in path: [UInt8], problems: inout [InputProblem], display: String) -> [(
            name: [UInt8], type: UInt8, inode: UInt64
        )]? {
            guard let directory = withCPath(path, { opendir($0) }) else {
                problems.append(
                    InputProblem(
                        path: display, message: "cannot list this folder (\(String(cString: strerror(errno)))). Check its permissions."))
                return nil
            }
            defer { closedir(directory) }
            var names: [(name: [UInt8], type: UInt8, inode: UInt64)] = []
            while let item = readdir(directory) {
                guard let name = System.entryName(item) else { continue }
                names.append((name, item.pointee.d_type, UInt64(item.pointee.d_ino)))
            }
            // `memcmp` order is byte order; the generic comparison costs more than the listing.
            names.sort { a, b in
                a.name.withUnsafeBufferPointer { a in
                    b.name.withUnsafeBufferPointer { b in
                        let order = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                        return order != 0 ? order < 0 : a.count < b.count
                    }
                }
            }
            return names
        }

        /// Whether a path names a symbolic link (not followed).
        static func isSymbolicLink(_ path: [UInt8]) -> Bool {
            var status = stat()
            return withCPath(path) { lstat($0, &status) } == 0 && (status.st_mode & S_IFMT) == S_IFLNK
        }

        /// A symbolic link's target as written in the link, or `nil` when it cannot be read.
        static func linkTarget(_ path: [UInt8]) -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = withCPath(path) { path in buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count) } }
            guard count >= 0, count < buffer.count else { return nil }
            return Array(buffer[0..<count])
        }

        /// Whether a folder holds a `clean` manifest whose content parses as one: it is a
        /// `clean` output. A file that only has the name does not make it one, so a corpus
        /// folder holding such a file is still read.
        static func holdsManifest(_ folder: [UInt8]) -> Bool {
            let path = folder + Array("/\(CleanManifest.fileName)".utf8)
            var status = stat()
            guard withCPath(path, { stat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFREG,
                case .success(let bytes) = readFile(path, display: "", limit: Int.max)
            else { return false }
            return bytes.withUnsafeBufferPointer(OwnOutput.isManifest)
        }
    }
}

extension Corpus.FolderWalk {
    /// The warning for a folder met again through a link: named where it was met, read once.
    static func readAlready(_ shown: String, as first: String) -> InputProblem {
        InputProblem(
            path: shown, message: "the same folder as \(first) (through a link), which is read; not read twice.", severity: .warning)
    }
}
