import CRefrainKernels
import Foundation

extension Corpus {
    /// Reads documents.
    ///
    /// - Parameters:
    ///   - paths: Folders (read recursively: the files `selection` picks, `*.jsonl`/`*.ndjson`
    ///     as JSON Lines), files, or `-` for standard input (JSON Lines when its first
    ///     line that is not blank parses as a JSON object, else one document).
    ///   - selection: Which files of a folder are read.
    ///   - standardInput: Supplies standard input's bytes when `-` is given; when it throws
    ///     (standard input closed or failing), that input is a problem and the rest is read.
    ///   - jobs: Threads that parse JSON Lines records.
    ///   - keepRecords: Keep each JSON Lines record's line in `Document.record`.
    ///   - textBudget: The bytes of text kept in the documents; past them, a file's text (or
    ///     a JSON Lines file's records) is let go once read and checked, and read again from
    ///     the file when a stage needs it (`Document.deferredText`): a corpus larger than
    ///     memory is then scanned with little more than its per-paragraph records resident.
    ///     Standard input, and records only the full JSON parser reads, are always kept.
    ///   - documentLimit: The most bytes one document's text can have; a larger file, record
    ///     or standard input is a problem, never a document (lowered by tests).
    /// - Returns: The corpus; unreadable or binary files and bad records are in `problems`,
    ///   what was left out on purpose in `notes`. Ids are unique byte-wise.
    /// - Throws: `RefrainError.pathNotFound` when a path does not exist.
    /// - Complexity: O(total bytes + files + folders × depth).
    public static func read(
        _ paths: [String], selection: Selection = Selection(),
        standardInput: () throws -> [UInt8] = { try Corpus.readStandardInput() }, jobs: Int = 1, keepRecords: Bool = false,
        textBudget: Int = .max, documentLimit: Int = maximumDocumentBytes
    ) throws -> Corpus {
        var entries: [FileEntry] = []
        // Inputs that exist but cannot be looked at (a folder on their path is locked, or the
        // folder itself): found, though not read, so that no documents is "held none" (65),
        // not "no file" (66).
        var unreadable = 0
        var walk = FolderWalk(selection: selection)
        var repeated: [InputProblem] = []
        // Folders named that hold no file to read: said when others hold documents (alone,
        // "no documents" says it), or the report would silently leave one out.
        var emptyFolders: [String] = []
        for (input, path) in paths.enumerated() {
            if path == "-" {
                // Standard input read twice would give an empty second document.
                if entries.contains(where: \.isStandardInput) {
                    repeated.append(
                        InputProblem(path: "-", message: "standard input is named twice; read once.", severity: .warning))
                    continue
                }
                entries.append(FileEntry(id: "-", path: Array("-".utf8), relative: [], input: input, isStandardInput: true))
                continue
            }
            let bytes = pathBytes(path)
            let shown = shownPath(path)
            var status = stat()
            guard withCPath(bytes, { stat($0, &status) }) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw RefrainError.pathNotFound(shown) }
                walk.problems.append(
                    InputProblem(
                        path: shown, message: "cannot be read (\(String(cString: strerror(errno)))). Check the path and its permissions."))
                unreadable += 1
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                let problemsBefore = walk.problems.count
                let leftOutBefore = walk.leftOutCount
                let listed = walk.list(folder: shown, bytes: bytes, input: input)
                // A folder that could not be listed holds files unread, not none.
                if listed.isEmpty, walk.problems.count > problemsBefore { unreadable += 1 }
                // One whose files were all left out is in the note on what was.
                if listed.isEmpty, walk.problems.count == problemsBefore, walk.leftOutCount == leftOutBefore {
                    emptyFolders.append(shown)
                }
                entries += listed
            } else {
                let nameBytes = Array(bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).last ?? [])
                var entry = FileEntry(id: DocumentLocation.displayName(nameBytes), path: bytes, relative: nameBytes, input: input)
                entry.identity = FolderWalk.FolderIdentity(status)
                entries.append(entry)
            }
        }
        var aliases: [Alias] = []
        // Files before links, so a file reached through a link too is read under its own name.
        if entries.contains(where: { $0.linkTarget != nil }) {
            entries = entries.filter { $0.linkTarget == nil } + entries.filter { $0.linkTarget != nil }
        }
        entries = readOnce(entries, problems: &repeated, aliases: &aliases)
        // Files in id order (byte-wise), so the report does not depend on the order of the arguments.
        entries.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) || ($0.id == $1.id && $0.path.lexicographicallyPrecedes($1.path)) }

        var corpus = Corpus(documents: [], problems: walk.problems + repeated)
        corpus.filesFound = entries.count + unreadable
        var ownOutputs: [String] = walk.ownOutputs
        var notUTF8: [(file: String, bytes: Int)] = []
        var seenIDs = Set<ByteKey>()
        // Text files are read on all jobs first: a folder of many small files is mostly
        // system calls, which threads overlap.
        let textFiles = entries.indices.filter { !entries[$0].isStandardInput && !entries[$0].isJSONLines }
        let pieceCount = min(textFiles.count, max(1, jobs) * 16)
        let files = entries
        // Each piece keeps its share of the budget, in file order, so which texts are kept does
        // not depend on timing; the rest are checked here and let go.
        let pieceBudget = textBudget == .max ? Int.max : textBudget / max(1, pieceCount)
        let readPieces = parallelMap(pieceCount, jobs: jobs) { piece in
            var kept = 0
            var folder = OpenFolder()
            defer { folder.release() }
            var scratch = [UInt8](repeating: 0, count: 1 << 14)
            return (textFiles.count * piece / pieceCount..<textFiles.count * (piece + 1) / pieceCount).map { index in
                let entry = files[textFiles[index]]
                let read: Result<[UInt8], InputProblem>
                if entry.isRegular, let nameStart = entry.nameStart, let descriptor = folder.descriptor(for: entry.path[..<nameStart]) {
                    read = withCPath(Array(entry.path[nameStart...])) {
                        readFile(in: descriptor, name: $0, display: entry.displayPath, scratch: &scratch, limit: documentLimit)
                    }
                } else {
                    read = readFile(entry.path, display: entry.displayPath, limit: documentLimit)
                }
                let text = entry.isGzip ? read.flatMap { decompressed($0, display: entry.displayPath, limit: documentLimit) } : read
                return text.map { bytes in
                    if kept <= pieceBudget - bytes.count {
                        kept += bytes.count
                        return ReadText(bytes: bytes)
                    }
                    return ReadText(checking: bytes)
                }
            }
        }
        var preRead = readPieces.joined().makeIterator()
        var budgetLeft = textBudget
        for var entry in entries {
            var decompressedRecords: [UInt8]?
            if entry.isGzip && entry.isJSONLines {
                // Small files in memory, while the budget lasts: each copy on disk holds a descriptor.
                switch decompressJSONLines(entry.path, display: entry.displayPath, inMemoryUpTo: min(64 << 20, max(0, budgetLeft))) {
                case .success(.inMemory(let bytes)):
                    decompressedRecords = bytes
                case .success(.copy(let path)):
                    entry.compressedPath = entry.path
                    entry.path = path
                case .failure(let problem):
                    corpus.problems.append(problem)
                    continue
                }
            }
            let display = entry.displayPath
            let location = DocumentLocation(
                input: entry.input, file: display, relativePath: entry.isStandardInput ? "" : entry.id,
                fileBytes: entry.path, relativePathBytes: entry.isStandardInput ? [] : entry.relative)
            if let bytes = decompressedRecords {
                // As standard input's records: kept, since they cannot be read again from the file.
                if bytes.withUnsafeBufferPointer({ OwnOutput.kind(of: $0) }) != nil {
                    ownOutputs.append(display)
                    continue
                }
                budgetLeft -= bytes.count
                corpus.jsonLinesSizes[entry.path] = bytes.count
                bytes.withUnsafeBufferPointer {
                    corpus.appendJSONLines(
                        $0, path: display, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords,
                        documentLimit: documentLimit)
                }
                // clean writes the file's other lines from these bytes.
                if keepRecords { corpus.decompressedFiles[entry.path] = bytes }
                continue
            }
            if entry.isJSONLines {
                // JSON Lines are parsed in place from a read-only mapping of the file: no
                // zeroed buffer the size of the file to read into, and no copy of it.
                let mapped = withMappedFile(entry.path, display: display, jobs: jobs) { bytes, isMapped in
                    if OwnOutput.kind(of: bytes) != nil {
                        ownOutputs.append(display)
                        return
                    }
                    // Compressed bytes under a .jsonl name would be a screen of invalid lines.
                    let head = UnsafeBufferPointer(rebasing: bytes.prefix(64))
                    if head.contains(0), let reason = Corpus.compressedReason(head, name: display) {
                        corpus.problems.append(
                            InputProblem(
                                path: display,
                                message:
                                    "\(reason). \(Self.skippedFileAdvice)"))
                        return
                    }
                    // A file over what is left of the budget is deferred whole: records read again
                    // later, which only a regular file (one that could be mapped) allows.
                    let deferred = isMapped && bytes.count > budgetLeft
                    if !deferred { budgetLeft -= bytes.count }
                    corpus.jsonLinesSizes[entry.path] = bytes.count
                    corpus.appendJSONLines(
                        bytes, path: display, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords,
                        deferringTo: deferred ? entry.path : nil, documentLimit: documentLimit)
                }
                if case .failure(let problem) = mapped { corpus.problems.append(problem) }
                continue
            }
            var bytes: [UInt8]
            var checked: ReadText?
            if entry.isStandardInput {
                do {
                    bytes = try standardInput()
                    // `gzip -dc` on the way in is the usual way; compressed bytes piped in are read as if it were used.
                    if bytes.starts(with: Gzip.magic) {
                        // No document's limit: standard input may be JSON Lines of any size.
                        switch decompressed(bytes, display: "-", limit: .max) {
                        case .success(let text): bytes = text
                        case .failure(let problem):
                            corpus.problems.append(problem)
                            continue
                        }
                    }
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
                case .success(let value):
                    bytes = value.bytes
                    checked = value
                case .failure(let problem):
                    corpus.problems.append(problem)
                    continue
                }
            }
            let jsonLines = entry.isStandardInput && Corpus.isJSONLinesInput(bytes)
            if jsonLines {
                let before = corpus.documents.count
                bytes.withUnsafeBufferPointer {
                    corpus.appendJSONLines(
                        $0, path: display, location: location, seenIDs: &seenIDs, jobs: jobs, keepRecords: keepRecords,
                        documentLimit: documentLimit)
                }
                if corpus.documents.count == before {
                    corpus.notes.append(
                        "standard input was read as JSON Lines, since its first line is a JSON object, and held no record with a text; "
                            + "to read it as one plain-text document, save it as a .txt file and pass that file")
                }
                continue
            }
            if entry.isStandardInput, bytes.count > documentLimit {
                // Plain text is read only to just past the limit: its size is not known.
                corpus.problems.append(
                    tooLargeProblem(
                        bytes.count, limit: documentLimit, display: "-",
                        advice: "Save it as smaller files and pass their folder, or pipe JSON Lines (one record per line) instead.",
                        stopped: true))
                continue
            }
            if entry.isStandardInput, let first = bytes.first(where: { !ByteClass.isSpace($0) }),
                first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            {
                // JSON that is not JSON Lines (an array, an object over several lines) would be
                // one document of JSON, and the counts alone would not show it.
                corpus.notes.append(
                    "standard input was read as one plain-text document: it starts with \(first == UInt8(ascii: "[") ? "[" : "{") but its first line is not a JSON object "
                        + "(JSON Lines has one record per line: jq -c '.[]' turns an array into them)")
            }
            if let reason = Corpus.notTextReason(
                bytes, nulOffset: checked.map({ $0.nulOffset }) ?? bytes.firstIndex(of: 0), name: entry.isStandardInput ? "-" : display)
            {
                corpus.problems.append(
                    InputProblem(
                        path: display,
                        message: entry.isStandardInput
                            ? "\(reason)."
                            // A command for FILE is for the decompressed file, not the .gz.
                            : entry.isGzip
                                ? "decompressed, it holds \(reason)\(reason.contains("FILE") ? " (FILE: what gzip -dc FILE.gz > FILE writes)" : ""). \(Self.skippedFileAdvice)"
                                : "\(reason). \(Self.skippedFileAdvice)"
                    ))
                continue
            }
            if !entry.isStandardInput, checked?.isOwnOutput ?? (bytes.withUnsafeBufferPointer { OwnOutput.kind(of: $0) } != nil) {
                ownOutputs.append(display)
                continue
            }
            // A file of JSON Lines under another name (news.json, a decompressed feed) would be
            // one document of JSON, and the counts alone would not show it.
            if !entry.isStandardInput, bytes.first(where: { !ByteClass.isSpace($0) }) == UInt8(ascii: "{"),
                Corpus.startsWithJSONLinesRecord(bytes)
            {
                corpus.problems.append(
                    InputProblem(
                        path: display,
                        message:
                            "it looks like JSON Lines (its first line is a JSON object with a \"text\"), but only .jsonl and .ndjson files are read as records: it is read as one plain-text document. Name it .jsonl to read its records.",
                        severity: .warning))
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
            let invalid = checked?.invalidUTF8 ?? Corpus.invalidUTF8(bytes)
            if invalid > 0 { notUTF8.append((display, invalid)) }
            var document = Document(id: id, bytes: bytes, origin: display, location: location)
            if let checked, checked.isDeferred {
                document.deferredText = DeferredText(
                    path: entry.path, kind: .file, length: checked.length, recordChecksum: checked.checksum)
            } else if !entry.isStandardInput, textBudget != .max {
                budgetLeft -= bytes.count
            }
            corpus.documents.append(document)
        }
        // Over the budget in all, the text files kept so far are let go too: the budget is
        // for a corpus that fits, not a share of one that does not. Within it, a text file a
        // piece let go for its share is read back (pieces are seldom even).
        let total = textBudget == .max ? 0 : corpus.documents.reduce(0) { $0 + $1.byteCount }
        if textBudget != .max, total <= textBudget {
            for index in corpus.documents.indices {
                guard let deferred = corpus.documents[index].deferredText, deferred.kind == .file else { continue }
                corpus.documents[index].bytes = deferred.load()
                corpus.documents[index].deferredText = nil
            }
        } else if textBudget != .max {
            for index in corpus.documents.indices where corpus.documents[index].deferredText == nil {
                // Whole text files only: not standard input, not a JSON Lines record.
                guard let location = corpus.documents[index].location, location.line == nil, !location.relativePathBytes.isEmpty
                else { continue }
                let length = corpus.documents[index].bytes.count
                let checksum = corpus.documents[index].bytes.withUnsafeBytes { XXH3.hash($0) }
                corpus.documents[index].deferredText = DeferredText(
                    path: location.fileBytes, kind: .file, length: length, recordChecksum: checksum)
                corpus.documents[index].bytes = []
            }
        }
        // Only second names of files that were read as documents, or JSON Lines files that
        // gave some: one left out (binary, refrain's own output) has nothing to stand for.
        let readIDs =
            aliases.isEmpty
            ? []
            : Set(
                corpus.documents.lazy.map { document in
                    document.location.map { $0.line == nil ? ByteKey(document.id) : ByteKey($0.relativePath) } ?? ByteKey(document.id)
                })
        for alias in aliases {
            // A JSON Lines file's, even one that gave no document: clean names it as not written.
            if readIDs.contains(ByteKey(alias.originalID)) || isJSONLines(alias.originalID) {
                corpus.aliases.append(alias)
            } else {
                corpus.problems.append(
                    InputProblem(
                        path: DocumentLocation.displayName(alias.relativePathBytes),
                        message: "the same file as \(alias.originalID), which is read; not read twice.", severity: .warning))
            }
        }
        corpus.notes = walk.notes + corpus.notes
        corpus.leftOut = walk.leftOutCount
        if let note = notUTF8Note(notUTF8) { corpus.notes.append(note) }
        if !corpus.documents.isEmpty, !emptyFolders.isEmpty {
            let shown = emptyFolders.prefix(3).joined(separator: ", ") + (emptyFolders.count > 3 ? ", …" : "")
            corpus.notes.append(
                "\(emptyFolders.count == 1 ? "\(shown) holds" : "\(emptyFolders.count.grouped) folders (\(shown)) hold") no file "
                    + "(an empty folder, or folders only): the corpus has nothing from \(emptyFolders.count == 1 ? "it" : "them")")
        }
        if !corpus.aliases.isEmpty {
            let shown = corpus.aliases.prefix(3).map { "\(DocumentLocation.displayName($0.relativePathBytes)) → \($0.originalID)" }
            corpus.notes.append(
                "read \(corpus.aliases.count == 1 ? "a file" : "\(corpus.aliases.count.grouped) files") once under \(corpus.aliases.count == 1 ? "its" : "their") first name "
                    + "(a second name is a hard or symbolic link: \(shown.joined(separator: ", "))\(corpus.aliases.count > 3 ? ", …" : ""))"
            )
        }
        if !ownOutputs.isEmpty {
            // Every one by name: a corpus file taken for an output would otherwise go unseen.
            let shown = ownOutputs.joined(separator: ", ")
            corpus.notes.append(
                "left out \(ownOutputs.count) of refrain's own output\(ownOutputs.count == 1 ? "" : "s") (reports, clean manifests): \(shown)"
            )
        }
        return corpus
    }

    /// The entries with each file once: a file named twice (directly, inside a named folder,
    /// or through a link) is kept where it is met first, with a warning for the others.
    ///
    /// Files are told apart by (device, inode). Those the folder walk did not `stat` are
    /// looked up only when some entry's identity is known (a file argument or a link), so a
    /// corpus of folders alone costs no `stat` per file.
    /// - Complexity: O(entries), plus one `stat` per file when files and folders are mixed.
    static func readOnce(_ entries: [FileEntry], problems: inout [InputProblem], aliases: inout [Alias]) -> [FileEntry] {
        guard entries.contains(where: { $0.identity != nil }) else { return entries }
        var entries = entries
        // Sorted (device, inode, index) triples find the files met twice without a hash
        // table of every file: a folder of 100,000 files costs a sort of integers.
        var keyed: [(device: UInt64, inode: UInt64, index: Int)] = []
        keyed.reserveCapacity(entries.count)
        for index in entries.indices where !entries[index].isStandardInput {
            if entries[index].identity == nil {
                var status = stat()
                if withCPath(entries[index].path, { stat($0, &status) }) == 0 {
                    entries[index].identity = FolderWalk.FolderIdentity(status)
                }
            }
            if let identity = entries[index].identity { keyed.append((identity.device, identity.inode, index)) }
        }
        keyed.sort { ($0.device, $0.inode, $0.index) < ($1.device, $1.inode, $1.index) }
        var firstOf: [Int: Int] = [:]  // an entry met again → the entry met first
        var run = 0
        for position in keyed.indices.dropFirst() {
            if keyed[position].device == keyed[run].device, keyed[position].inode == keyed[run].inode {
                firstOf[keyed[position].index] = keyed[run].index
            } else {
                run = position
            }
        }
        guard !firstOf.isEmpty else { return entries }
        var kept: [FileEntry] = []
        kept.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            guard let firstIndex = firstOf[index] else {
                kept.append(entry)
                continue
            }
            let original = entries[firstIndex]
            // A second name inside the folder of the first, or a hard link in another folder
            // input (whose files come out in the same folder): clean writes it as a link to
            // the first's output, and restore makes the link again. A symbolic link across
            // inputs is not: its text names the input folders, which the output merges.
            if original.nameStart != nil, entry.nameStart != nil, original.input == entry.input || entry.linkTarget == nil {
                aliases.append(
                    Alias(
                        id: entry.id, relativePathBytes: entry.relative, input: entry.input, originalID: original.id,
                        originalRelativePathBytes: original.relative, linkTarget: entry.linkTarget))
                continue
            }
            problems.append(
                InputProblem(
                    path: entry.displayPath, message: "the same file as \(original.displayPath), which is read; not read twice.",
                    severity: .warning))
        }
        return kept
    }

    /// The note for text files holding bytes that are not UTF-8, or `nil` when none does:
    /// said once for them all, not per file (a folder of old Windows files would be a screen
    /// of the same warning), with the `iconv` line that converts them.
    ///
    /// - Parameter files: Each such file (`-` for standard input) and its count of such bytes.
    @_spi(CommandLine) public static func notUTF8Note(_ files: [(file: String, bytes: Int)]) -> String? {
        // A file with none has nothing to convert: iconv on UTF-8 would garble its accents.
        let files = files.filter { $0.bytes > 0 }
        guard let first = files.first else { return nil }
        let piped = files.count == 1 && first.file == "-"
        let holders = piped ? "standard input holds" : files.count == 1 ? "\(first.file) holds" : "\(files.count.grouped) text files hold"
        let example = files.count == 1 ? "" : ", \(first.file) among them"
        let convert =
            piped
            ? "convert it on its way in (iconv -f WINDOWS-1252 -t UTF-8 FILE | refrain … -)"
            : "convert each in place first (iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)"
        return "\(holders) bytes that are not UTF-8 (\(files.reduce(0) { $0 + $1.bytes }.counted("byte", "bytes"))\(example)): "
            + "each is read as a space, so a word with one is split. If they are Latin-1 or Windows-1252 "
            + "(other encodings: iconv -l names them), \(convert)"
    }

    /// Whether standard input is read as JSON Lines: its first line that is not blank (after
    /// a byte order mark) parses as a JSON object, or starts with `{` and one of the next
    /// four, or its part before a lone carriage return, is a record (a feed whose first
    /// record is broken, or whose lines end in CR alone: read as one document, its
    /// report would be a silent 0% recycled). Plain text that happens to start with `{` is
    /// one document.
    ///
    /// - Complexity: O(*n*) in the first five lines that are not blank.
    public static func isJSONLinesInput(_ bytes: [UInt8]) -> Bool {
        let lines = nonBlankLines(bytes, limit: 5)
        guard let first = lines.first else { return false }
        if isRecord(bytes[first]) || object(bytes[first]) != nil { return true }
        guard bytes[first].first(where: { !ByteClass.isSpace($0) }) == UInt8(ascii: "{") else { return false }
        // Lines ended by a carriage return alone (an old Mac file) read as one line: its first
        // record, up to the return, makes it JSON Lines, whose reader says how to convert it.
        let line = bytes[first]
        if let end = line.firstIndex(of: 0x0D), end + 1 < line.endIndex, line[end + 1] != 0x0A,
            isRecord(line[..<end]) || object(line[..<end])?["text"] is String
        {
            return true
        }
        return lines.dropFirst().contains { object(bytes[$0])?["text"] is String }
    }

    /// The bytes of `bytes` that are not well-formed UTF-8.
    ///
    /// - Complexity: O(*n*), 16 bytes at a time through ASCII.
    static func invalidUTF8(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { refrain_count_invalid_utf8($0.baseAddress, $0.count) }
    }

    /// What a message about an input file that is not read ends with.
    static let skippedFileAdvice = "Remove the file from the corpus (--skip-invalid keeps such files from failing the run)."

    /// Whether the first line that is not blank is a JSON Lines record refrain reads: a JSON
    /// object with a string `text`. An article that opens with some other JSON line (an
    /// editor's note) is not one.
    static func startsWithJSONLinesRecord(_ bytes: [UInt8]) -> Bool {
        guard let first = nonBlankLines(bytes, limit: 1).first else { return false }
        return isRecord(bytes[first]) || object(bytes[first])?["text"] is String
    }

    /// Whether a line is a record the fast parser reads; its text is checked, not kept,
    /// since the first line of standard input may be gigabytes.
    static func isRecord(_ line: ArraySlice<UInt8>) -> Bool {
        line.withUnsafeBufferPointer { JSONRecordParser.parse($0, textLimit: 0) } != nil
    }

    /// The JSON object a line is, or `nil`.
    static func object(_ line: ArraySlice<UInt8>) -> [String: Any]? {
        // Anything else is no object: spared a copy of the line for Foundation to say so.
        guard line.first(where: { !ByteClass.isSpace($0) }) == UInt8(ascii: "{") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    }

    /// The first `limit` lines that are not blank (after a byte order mark), without their
    /// line breaks.
    ///
    /// - Complexity: O(*n*) in the bytes up to the last line returned.
    static func nonBlankLines(_ bytes: [UInt8], limit: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, lines.count < limit {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if !bytes[start..<end].allSatisfy(ByteClass.isSpace) { lines.append(start..<end) }
            start = end + 1
        }
        return lines
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

    /// The folder a reading thread has open: files of one folder are opened relative to it,
    /// so the kernel looks up their folder's path once, not once per file.
    struct OpenFolder {
        var path: [UInt8] = []
        var descriptor: Int32 = -1

        /// A descriptor of the folder at `path`, opened unless it is the one open; `nil` when
        /// it cannot be opened (the file is then opened by its whole path, which says why).
        mutating func descriptor(for folder: ArraySlice<UInt8>) -> Int32? {
            if descriptor >= 0, path.elementsEqual(folder) { return descriptor }
            release()
            path = Array(folder)
            descriptor = withCPath(path) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            return descriptor >= 0 ? descriptor : nil
        }

        /// Closes the open folder, if any.
        mutating func release() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
    }

    /// A text file as read on a helper thread: its bytes when kept, else what the read
    /// stage checks of them (a NUL byte, refrain's own output) and its length.
    struct ReadText: Sendable {
        var bytes: [UInt8]
        var length: Int
        var isDeferred: Bool
        /// The first NUL byte's offset; `nil` when there is none.
        var nulOffset: Int?
        /// Whether the bytes are refrain's own output.
        var isOwnOutput: Bool?
        /// The bytes' XXH3, when they are let go: the text read again is compared with it.
        var checksum: UInt64?
        /// Bytes that are not well-formed UTF-8 (a Latin-1 or Windows-1252 file has many).
        var invalidUTF8 = 0

        /// A text kept in memory, checked on the reading thread too: the read stage's own
        /// loop is serial.
        init(bytes: [UInt8]) {
            self.bytes = bytes
            length = bytes.count
            isDeferred = false
            nulOffset = bytes.firstIndex(of: 0)
            isOwnOutput = bytes.withUnsafeBufferPointer { OwnOutput.kind(of: $0) } != nil
            invalidUTF8 = Corpus.invalidUTF8(bytes)
        }

        /// A text checked now and let go, to be read again when needed.
        init(checking bytes: [UInt8]) {
            self.bytes = []
            length = bytes.count
            isDeferred = true
            nulOffset = bytes.firstIndex(of: 0)
            isOwnOutput = bytes.withUnsafeBufferPointer { OwnOutput.kind(of: $0) } != nil
            checksum = bytes.withUnsafeBytes { XXH3.hash($0) }
            invalidUTF8 = Corpus.invalidUTF8(bytes)
        }
    }

    /// A file to read: its id, its path and its path relative to its input as bytes (names
    /// need not be UTF-8), its input.
    struct FileEntry: Sendable {
        var id: String
        var path: [UInt8]
        var relative: [UInt8]
        var input: Int
        var isStandardInput = false
        /// The file's (device, inode) when known: a file met twice is read once.
        var identity: FolderWalk.FolderIdentity?
        /// Whether the file is read as JSON Lines, by its name.
        var isJSONLines: Bool
        /// Where the name starts in `path` when a folder walk found it: `path[..<nameStart]`
        /// is its folder, which the read opens once for all its files.
        var nameStart: Int?
        /// Whether the folder walk found a regular file (by `d_type` or `stat`): one read
        /// without `fstat` is then enough for a small file.
        var isRegular = false
        /// What a symbolic link the folder walk found says, as written in it.
        var linkTarget: [UInt8]?

        /// Whether the file is gzip-compressed, by its name (`.gz`): it is read as if
        /// decompressed beside it, under its name without `.gz` (its id, its kind, and the
        /// name `clean` writes it under).
        var isGzip = false
        /// The compressed file's path once `path` names its decompressed copy.
        var compressedPath: [UInt8]?

        init(id: String, path: [UInt8], relative: [UInt8], input: Int, isStandardInput: Bool = false) {
            self.id = id
            self.path = path
            self.relative = relative
            self.input = input
            self.isStandardInput = isStandardInput
            isGzip = !isStandardInput && Gzip.isCompressedName(path)
            if isGzip {
                // Byte-wise: a combining mark before the dot would join it as one Character.
                self.relative.removeLast(3)
                self.id = DocumentLocation.displayName(self.relative)
            }
            let name = isGzip ? path.dropLast(3) : path[...]
            let lower = name.suffix(7).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            func ends(_ suffix: String) -> Bool {
                lower.count >= suffix.utf8.count && lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
            }
            isJSONLines = !isStandardInput && (ends(".jsonl") || ends(".ndjson"))
        }

        /// The path for messages; bytes that are not UTF-8 shown as `\xff`.
        var displayPath: String { DocumentLocation.displayName(compressedPath ?? path) }
    }

    static func reason(_ error: Error) -> String {
        if let error = error as? RefrainError, case .io(_, let reason) = error { return reason }
        return SafeWriting.reason(error)
    }
}
