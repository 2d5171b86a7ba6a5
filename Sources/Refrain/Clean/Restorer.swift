import Foundation

/// Rebuilds the original corpus from a `clean` output and its manifest, byte for byte:
/// every removed span put back where it was, in text files and inside JSON Lines records.
public enum Restorer {
    /// Why a clean output cannot be restored.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        /// The folder holds no manifest.
        case noManifest(folder: String)
        /// A manifest line is not a manifest record.
        case invalidManifest(line: Int, reason: String)
        /// A manifest names an output path that is not a plain path inside the folder.
        case unusablePath(String)
        /// A file the manifest names cannot be read.
        case unreadable(path: String, reason: String)
        /// A file does not match what the manifest says of it (edited after `clean`).
        case mismatch(path: String, detail: String)
        /// The clean folder holds files no manifest line names (the manifest was cut short,
        /// or files were added after `clean`).
        case unlisted(paths: [String])

        public var description: String {
            switch self {
            case .noManifest(let folder):
                "\(folder) holds no \(CleanManifest.fileName): give the folder clean wrote (its --output)."
            case .invalidManifest(let line, let reason):
                "\(CleanManifest.fileName) line \(line): \(reason); the manifest is damaged, so the corpus cannot be rebuilt from it."
            case .unusablePath(let path):
                "the manifest names \(path), which is not a path inside the clean folder; the manifest is damaged."
            case .unreadable(let path, let reason):
                "\(path) cannot be read (\(reason)); restore needs every file clean wrote."
            case .mismatch(let path, let detail):
                "\(path) does not match the manifest (\(detail)); it was changed after clean, so the original cannot be rebuilt."
            case .unlisted(let paths):
                "the clean folder holds \(paths.count == 1 ? "a file" : "\(paths.count) files") no manifest line names "
                    + "(\(paths.prefix(3).joined(separator: ", "))\(paths.count > 3 ? ", …" : "")); the manifest is truncated "
                    + "or files were added after clean, so the corpus cannot be rebuilt from it."
            }
        }
    }

    /// The manifest's entries grouped by output file, in the order the files first appear.
    ///
    /// Paths are grouped and checked by their bytes: `String` equality treats NFC and NFD
    /// spellings as one name, but they are two files.
    ///
    /// - Parameter manifest: The manifest's bytes.
    /// - Returns: Each output path (for messages, and as bytes) with its entries, in manifest order.
    /// - Throws: `Problem.invalidManifest` (also when it is empty or its last line is cut
    ///   off) or `.unusablePath`.
    /// - Complexity: O(manifest bytes).
    public static func files(manifest: [UInt8]) throws -> [(path: String, pathBytes: [UInt8], entries: [CleanManifest.Entry])] {
        // clean ends every line with a line feed and writes one line per document.
        guard !manifest.isEmpty else { throw Problem.invalidManifest(line: 1, reason: "it is empty") }
        let lines = manifest.split(separator: 0x0A)
        guard manifest.last == 0x0A else {
            throw Problem.invalidManifest(line: lines.count, reason: "the line is cut off (the manifest is truncated)")
        }
        var files: [(path: String, pathBytes: [UInt8], entries: [CleanManifest.Entry])] = []
        var byPath: [[UInt8]: Int] = [:]
        // The lines of each JSON Lines file named so far: a file's entries each name one.
        var linesOf: [Set<Int>] = []
        let reserved = Array(CleanManifest.fileName.utf8)
        // Checksums and the line count came in together: a manifest with them has them on
        // every line, and a line without is an edit meant to pass unchecked.
        var isChecked = false
        var firstUnchecked: Int?
        var firstLine: [Int] = []
        for (offset, line) in lines.enumerated() {
            guard String(validating: line, as: UTF8.self) != nil else {
                throw Problem.invalidManifest(line: offset + 1, reason: "not UTF-8")
            }
            let entry: CleanManifest.Entry
            do {
                entry = try CleanManifest.parse(bytes: line)
            } catch {
                throw Problem.invalidManifest(line: offset + 1, reason: "not a manifest record")
            }
            let key = entry.outputBytes
            let components = key.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            if components.contains(where: { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) })
                || key.contains(0) || key == reserved
            {
                throw Problem.unusablePath(entry.output)
            }
            isChecked = isChecked || entry.documents != nil || entry.checksum != nil
            if firstUnchecked == nil, entry.checksum == nil, entry.record == nil, entry.alias == nil { firstUnchecked = offset + 1 }
            if let index = byPath[key] {
                // Only a JSON Lines file has several entries, each on a line of its own.
                guard let line = entry.line, files[index].entries[0].line != nil, linesOf[index].insert(line).inserted else {
                    throw Problem.invalidManifest(
                        line: offset + 1,
                        reason:
                            "it names \(entry.output) again, as \(entry.line == nil ? "a text file" : "line \(entry.line!)") (the manifest was edited)"
                    )
                }
                files[index].entries.append(entry)
            } else {
                byPath[key] = files.count
                files.append((DocumentLocation.displayName(key), key, [entry]))
                linesOf.append(entry.line.map { [$0] } ?? [])
                firstLine.append(offset + 1)
            }
            if let documents = entry.documents, documents != lines.count {
                throw Problem.invalidManifest(
                    line: offset + 1,
                    reason: "it says the manifest has \(documents) lines, but it has \(lines.count) (it was cut short or joined)")
            }
        }
        if isChecked {
            if let line = firstUnchecked {
                throw Problem.invalidManifest(
                    line: line,
                    reason:
                        "it has no \"xxh3\" checksum, though the manifest has checksums or its line count, which clean writes together on every line (the manifest was edited)"
                )
            }
            // A JSON Lines file's whole-file checksum, on one of its lines.
            let wholeFileUnchecked = files.indices.first { index in
                files[index].entries[0].line != nil && !files[index].entries.contains { $0.file != nil }
            }
            if let index = wholeFileUnchecked {
                throw Problem.invalidManifest(
                    line: firstLine[index],
                    reason:
                        "no line of \(files[index].path) has the whole file's checksum, though the manifest has checksums or its line count (the manifest was edited)"
                )
            }
        }
        return files
    }

    /// A folder on the documents' paths in a clean folder that is a link, relative to the
    /// clean folder, or `nil`: clean writes folders, and reading through a link put in after
    /// it would copy files from outside the clean folder into the rebuilt corpus.
    ///
    /// Each folder is looked at once, however many files it holds, and the shallowest first:
    /// below a link, every name is the link's target's.
    ///
    /// - Parameters:
    ///   - folder: The clean folder's path, as bytes.
    ///   - paths: The documents' paths inside it, as the manifest gives them.
    /// - Complexity: O(path bytes + *f* log *f*) for *f* distinct folders.
    public static func linkedFolder(in folder: [UInt8], on paths: some Sequence<[UInt8]>) -> [UInt8]? {
        let slash = UInt8(ascii: "/")
        var folders = Set<[UInt8]>()
        for path in paths {
            for (index, byte) in path.enumerated() where byte == slash { folders.insert(Array(path[..<index])) }
        }
        let shallowestFirst = folders.sorted { a, b in
            let (depthA, depthB) = (a.count { $0 == slash }, b.count { $0 == slash })
            return depthA != depthB ? depthA < depthB : a.lexicographicallyPrecedes(b)
        }
        return shallowestFirst.first { isLink(folder + [slash] + $0) }
    }

    /// Whether a document's file in a clean folder is a link: clean writes none but a second
    /// name, so one there was put in after it, and reading through it would copy a file from
    /// outside the clean folder into the rebuilt corpus.
    ///
    /// - Parameter path: The file's path, as bytes.
    /// - Complexity: O(1).
    public static func isLink(_ path: [UInt8]) -> Bool {
        var status = stat()
        return Corpus.withCPath(path, { lstat($0, &status) }) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// The files in a clean folder that no manifest line accounts for: restore would
    /// silently leave them out, so the manifest does not describe the folder.
    ///
    /// The walk is byte-wise on names (they need not be UTF-8) and does not follow links;
    /// the manifest itself and what a file browser leaves (`isBrowserMetadata(_:)`) are
    /// skipped. Anything that is not a folder counts as a file.
    ///
    /// - Parameters:
    ///   - folder: The clean folder's path.
    ///   - listed: Every output path the manifest names, as bytes.
    /// - Returns: The unlisted paths relative to the folder, for messages, in name order.
    /// - Complexity: O(entries in the folder tree).
    public static func unlistedFiles(in folder: String, listed: Set<[UInt8]>) -> [String] {
        var root = Array(folder.utf8)
        while root.count > 1, root.last == UInt8(ascii: "/") { root.removeLast() }
        let reserved = Array(CleanManifest.fileName.utf8)
        var result: [String] = []
        var problems: [InputProblem] = []
        var stack: [[UInt8]] = [[]]
        while let relative = stack.popLast() {
            let path = relative.isEmpty ? root : root + [UInt8(ascii: "/")] + relative
            guard let names = Corpus.FolderWalk.names(in: path, problems: &problems, display: DocumentLocation.displayName(path))
            else {
                result.append(DocumentLocation.displayName(relative) + "/")
                continue
            }
            var folders: [[UInt8]] = []
            for (name, _) in names {
                let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                if relative.isEmpty, name == reserved { continue }
                var status = stat()
                let full = root + [UInt8(ascii: "/")] + child
                if Corpus.withCPath(full, { lstat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                    folders.append(child)
                } else if !listed.contains(child), !Self.isBrowserMetadata(name) {
                    result.append(DocumentLocation.displayName(child))
                }
            }
            stack += folders.reversed()
        }
        return result
    }

    /// Whether a file no manifest line names is one a file browser writes into the folders it
    /// shows (macOS Finder's `.DS_Store` and `._` files, Windows's `Thumbs.db` and
    /// `desktop.ini`): opening the clean folder to look at it must not stop `restore`.
    static func isBrowserMetadata(_ name: [UInt8]) -> Bool {
        name == Array(".DS_Store".utf8) || name == Array("Thumbs.db".utf8) || name == Array("desktop.ini".utf8)
            || name.starts(with: Array("._".utf8))
    }

    /// Rebuilds one input file from its cleaned file and its manifest entries.
    ///
    /// A text file has one entry without a line; a JSON Lines file has one per document,
    /// each naming its line, and every other line is written as it is.
    ///
    /// - Parameters:
    ///   - path: The file's path in the clean folder, for messages.
    ///   - cleaned: The cleaned file's bytes.
    ///   - entries: The manifest entries naming it.
    /// - Returns: The original file's bytes.
    /// - Throws: `Problem.mismatch` when the file and its entries disagree.
    /// - Complexity: O(file bytes + removed bytes).
    public static func restore(path: String, cleaned: [UInt8], entries: [CleanManifest.Entry]) throws -> [UInt8] {
        if entries.count == 1, entries[0].line == nil {
            let original = try rebuild(cleaned[...], entries[0], path: path)
            try check(original, entries[0].checksum, path: path, what: entries[0].id)
            return original
        }
        var result: [UInt8] = []
        result.reserveCapacity(cleaned.count + entries.reduce(0) { $0 + $1.removed.reduce(0) { $0 + $1.bytes.count } })
        try restoreJSONLines(path: path, pieces: JSONLinesRewrite.onePiece(cleaned), entries: entries, write: { result += $0 })
        return result
    }

    /// Rebuilds a cleaned JSON Lines file read in pieces, writing it in pieces: a file of any
    /// size is never held whole.
    ///
    /// Every check of `restore(path:cleaned:entries:)` is made; those of the whole file
    /// (its size and checksum) only once it is written, so on a throw the output written so
    /// far must be discarded.
    ///
    /// - Parameters:
    ///   - path: The file's path in the clean folder, for messages.
    ///   - pieces: The cleaned file's next bytes, `nil` at its end.
    ///   - entries: The manifest entries naming it, each with its line.
    ///   - write: Receives the original file's bytes, in order.
    /// - Throws: `Problem.mismatch` when the file and its entries disagree.
    /// - Complexity: O(file bytes + removed bytes).
    public static func restoreJSONLines(
        path: String, pieces: () throws -> [UInt8]?, entries: [CleanManifest.Entry], write: ([UInt8]) throws -> Void
    ) throws {
        var byLine: [Int: CleanManifest.Entry] = [:]
        for entry in entries {
            guard let line = entry.line, line >= 1, byLine.updateValue(entry, forKey: line) == nil else {
                throw Problem.mismatch(path: path, detail: "\(entry.id) has no line of its own")
            }
        }
        var found = 0
        var size = 0
        let hash = XXH3.Stream()
        try JSONLinesRewrite.rewrite(
            pieces: pieces,
            replacement: { line, record in
                guard let entry = byLine[line] else { return nil }
                found += 1
                let restored: [UInt8]
                if let original = entry.record {
                    restored = original
                } else {
                    guard let rebuilt = try restoreRecord(record, entry, path: path) else {
                        throw Problem.mismatch(path: path, detail: "line \(line) has no text for \(entry.id)")
                    }
                    restored = rebuilt
                }
                try check(restored, entry.checksum, path: path, what: "line \(line), the record of document \(entry.id.terminalSafe),")
                return restored
            },
            write: { bytes in
                size += bytes.count
                hash.update(bytes)
                try write(bytes)
            })
        guard found == entries.count else {
            throw Problem.mismatch(path: path, detail: "it has fewer lines than the manifest names")
        }
        if let file = entries.lazy.compactMap(\.file).first {
            guard size == file.bytes else {
                throw Problem.mismatch(path: path, detail: "it rebuilds to \(size) bytes, not the input's \(file.bytes)")
            }
            if hash.digest != file.checksum {
                throw Problem.mismatch(
                    path: path,
                    detail:
                        "its documents rebuild, but the whole file's checksum differs from its input's: a line without a document was edited"
                )
            }
        }
    }

    /// What restore could not check, for a warning: a manifest written before `clean`
    /// recorded checksums (no `xxh3`) lets a cleaned file edited in place, same length and
    /// offsets, rebuild to something that is not its input without an error.
    ///
    /// - Parameter entries: Every manifest entry.
    /// - Returns: The warning, or `nil` when every entry has a checksum.
    /// - Complexity: O(entries).
    public static func uncheckedWarning(_ entries: [CleanManifest.Entry]) -> String? {
        let unchecked = entries.filter { $0.checksum == nil && $0.record == nil && $0.alias == nil }
        guard !unchecked.isEmpty else { return nil }
        let withLengths = unchecked.allSatisfy { $0.originalBytes != nil }
        let count =
            unchecked.count == entries.count
            ? (entries.count == 1 ? "its one document" : "all \(entries.count.grouped) documents")
            : "\(unchecked.count.grouped) of \(entries.count.counted("document", "documents"))"
        let were = unchecked.count == 1 ? "was" : "were"
        var lines = [
            "warning: this manifest predates checksums (it has no \"xxh3\" fields), so \(count) "
                + (withLengths
                    ? "\(were) checked only by \(unchecked.count == 1 ? "its" : "their") length and the offsets of what was removed, "
                    : "\(were) checked only by the offsets of what was removed, ")
                + "not byte for byte: a cleaned file edited after clean without changing its length would be rebuilt wrong without an error."
        ]
        if entries.contains(where: { $0.documents == nil }) {
            lines.append(
                "warning: nor does it record its own line count, so a manifest cut at a line end is caught only when a file it no longer names is left over."
            )
        }
        lines.append("To get a manifest that is checked, run clean again on the original corpus with this refrain.")
        return lines.joined(separator: "\n")
    }

    /// Checks rebuilt bytes against the checksum the manifest recorded for them, if any.
    ///
    /// - Throws: `Problem.mismatch` naming `what` when they differ.
    /// - Complexity: O(*n*).
    static func check(_ rebuilt: [UInt8], _ checksum: UInt64?, path: String, what: String) throws {
        guard let checksum, CleanManifest.checksum(of: rebuilt) != checksum else { return }
        throw Problem.mismatch(path: path, detail: "\(what) does not rebuild to what clean removed it from (its checksum differs)")
    }

    /// The original record from a cleaned one: its text rebuilt and spliced back in.
    ///
    /// - Parameters:
    ///   - record: The cleaned record, one line without its line feed.
    ///   - entry: Its manifest entry.
    ///   - path: The file, for messages.
    /// - Returns: The record, or `nil` when it has no string `text`.
    /// - Throws: `Problem.mismatch` when the removed spans do not fit the text.
    /// - Complexity: O(record bytes + removed bytes).
    public static func restoreRecord(_ record: ArraySlice<UInt8>, _ entry: CleanManifest.Entry, path: String) throws -> [UInt8]? {
        let record = Array(record)
        guard let range = JSONRecordSplice.textValueRange(in: record), let text = decodeString(record[range]) else { return nil }
        return JSONRecordSplice.replacingText(in: record, with: try rebuild(text[...], entry, path: path), spelling: entry.spelling)
    }

    /// A JSON string literal's bytes, quotes included, decoded.
    ///
    /// - Complexity: O(literal bytes).
    static func decodeString(_ literal: ArraySlice<UInt8>) -> [UInt8]? {
        let fast: [UInt8]? = literal.withUnsafeBufferPointer { buffer in
            var reader = JSONRecordParser.Reader(bytes: buffer)
            guard let value = reader.string(), reader.index == buffer.count else { return nil }
            return value
        }
        if let fast { return fast }
        // What the fast reader leaves (lone surrogate escapes), as a reader would take it.
        let array = Data([UInt8(ascii: "[")] + literal + [UInt8(ascii: "]")])
        guard let values = try? JSONSerialization.jsonObject(with: array) as? [String], values.count == 1 else { return nil }
        return Array(values[0].utf8)
    }

    /// The original bytes: the cleaned ones with every removed span put back, checked
    /// against the entry first so a damaged manifest is an error, not a crash.
    ///
    /// - Complexity: O(*n* + removed bytes).
    static func rebuild(_ cleaned: ArraySlice<UInt8>, _ entry: CleanManifest.Entry, path: String) throws -> [UInt8] {
        var end = 0
        var removedBytes = 0
        for removal in entry.removed {
            guard removal.span.start >= end, removal.span.end - removal.span.start == removal.bytes.count else {
                throw Problem.mismatch(path: path, detail: "the removed spans of \(entry.id) overlap or disagree with their text")
            }
            end = removal.span.end
            removedBytes += removal.bytes.count
        }
        let total = cleaned.count + removedBytes
        if let original = entry.originalBytes, original != total {
            throw Problem.mismatch(
                path: path,
                detail:
                    "\(entry.id) keeps \(cleaned.count) bytes here, but the manifest says \(original - removedBytes) (its \(original) bytes less the \(removedBytes) removed): the cleaned text or the manifest was edited"
            )
        }
        guard end <= total else {
            throw Problem.mismatch(
                path: path, detail: "the removed spans of \(entry.id) reach byte \(end), past its \(total) bytes: the manifest was edited")
        }
        return Cleaner.rebuild(cleaned: Array(cleaned), removed: entry.removed)
    }
}
