import Foundation

/// The record `clean` keeps of what it removed, one JSON line per document, so the
/// original bytes can be rebuilt from the cleaned text.
public enum CleanManifest {
    /// The manifest's file name inside the output folder.
    public static let fileName = "refrain-manifest.jsonl"

    /// One manifest line: `{"id", "output", "outputBase64"?, "line"?, "bytes", "xxh3"?, "documents"?,
    /// "file"?: {"bytes", "xxh3"}, "written"?: {"bytes", "xxh3"}, "removed": [{"start", "end", "families": [id…], "whitespace"?: true,
    /// "text" | "base64"}], "record"? | "recordBase64"?}`.
    ///
    /// Each removed span lists every family it covers; `"whitespace": true` marks white
    /// space collapsed at a seam (not recycled text). Removed bytes that are not valid
    /// UTF-8 are stored as `base64` so nothing is lost.
    ///
    /// - Parameters:
    ///   - id: The document's id.
    ///   - output: The file the cleaned text is in, relative to the output folder, for people.
    ///   - outputBytes: The same path's exact bytes; written as `outputBase64` when `output`
    ///     does not spell them (they are not valid UTF-8, or hold a backslash, which
    ///     `DocumentLocation.displayName` escapes).
    ///   - line: The record's line in that file, for JSON Lines.
    ///   - originalBytes: The document's size before cleaning.
    ///   - removed: What was removed, in order.
    ///   - record: The input's JSON Lines record, when splicing the rebuilt text into the
    ///     cleaned record would not give it back byte for byte (its text spelled with
    ///     escapes that are written differently, say); `restore` then writes it as it is.
    ///   - checksum: XXH3-64 of what restoring this entry must give back: the input file of
    ///     a text document, the input line of a JSON Lines record; an edit to the cleaned
    ///     text that keeps every offset in range is caught by it.
    ///   - documents: How many lines the whole manifest has, on every line, so a manifest
    ///     cut at a line end is caught.
    ///   - file: The size and XXH3-64 of the whole input file, on the first entry of a
    ///     JSON Lines file: its lines without a document are checked too.
    ///   - written: The size and XXH3-64 of the output file as clean wrote it, on the last
    ///     entry of that file: a later run replacing the folder tells an edit from a later
    ///     time by it.
    ///   - spelling: How the record's `text` is spelled (in the input, and so in the output).
    /// - Returns: The line, ending in a line feed.
    /// - Complexity: O(removed bytes + record bytes).
    public static func line(
        id: String, output: String, outputBytes: [UInt8]? = nil, line: Int?, originalBytes: Int, removed: [RemovedSpan],
        record: [UInt8]? = nil, checksum: UInt64? = nil, documents: Int? = nil, file: Entry.FileChecksum? = nil,
        written: Entry.FileChecksum? = nil, spelling: TextSpelling = .plain, alias: Entry.Alias? = nil
    ) -> String {
        var writer = JSONWriter()
        writer.raw("{\"id\": ")
        writer.string(id)
        writer.raw(", \"output\": ")
        writer.string(output)
        if let outputBytes, !outputBytes.elementsEqual(output.utf8) {
            writer.text(", \"outputBase64\": \"\(Data(outputBytes).base64EncodedString())\"")
        }
        if let line { writer.text(", \"line\": \(line)") }
        writer.text(", \"bytes\": \(originalBytes)")
        if let checksum { writer.text(", \"xxh3\": \"\(hex(checksum))\"") }
        if let documents { writer.text(", \"documents\": \(documents)") }
        if spelling != .plain { writer.text(", \"spelling\": \"\(spelling.rawValue)\"") }
        if let file { writer.text(", \"file\": {\"bytes\": \(file.bytes), \"xxh3\": \"\(hex(file.checksum))\"}") }
        if let written { writer.text(", \"written\": {\"bytes\": \(written.bytes), \"xxh3\": \"\(hex(written.checksum))\"}") }
        if let alias {
            func field(_ name: String, _ bytes: [UInt8]) {
                if let text = String(validating: bytes, as: UTF8.self) {
                    writer.text(", \"\(name)\": ")
                    writer.string(text)
                } else {
                    writer.text(", \"\(name)Base64\": \"\(Data(bytes).base64EncodedString())\"")
                }
            }
            field("aliasOf", alias.of)
            if let target = alias.symbolicLink { field("symlink", target) }
        }
        writer.raw(", \"removed\": [")
        for (offset, removal) in removed.enumerated() {
            writer.raw(offset == 0 ? "" : ", ")
            writer.text("{\"start\": \(removal.span.start), \"end\": \(removal.span.end), \"families\": [")
            writer.text(removal.families.map(String.init).joined(separator: ", "))
            writer.raw("]")
            if removal.isWhitespace { writer.raw(", \"whitespace\": true") }
            if let text = String(validating: removal.bytes, as: UTF8.self) {
                writer.raw(", \"text\": ")
                writer.string(text)
            } else {
                writer.text(", \"base64\": \"\(Data(removal.bytes).base64EncodedString())\"")
            }
            writer.raw("}")
        }
        writer.raw("]")
        if let record {
            if let text = String(validating: record, as: UTF8.self) {
                writer.raw(", \"record\": ")
                writer.string(text)
            } else {
                writer.text(", \"recordBase64\": \"\(Data(record).base64EncodedString())\"")
            }
        }
        writer.raw("}\n")
        return writer.output
    }

    /// One document's manifest line, read back.
    public struct Entry: Sendable, Hashable {
        /// The document's id.
        public var id: String
        /// The file its cleaned text is in, relative to the output folder, for messages.
        public var output: String
        /// The same path's exact bytes (from `outputBase64` when the name is not UTF-8):
        /// what restore reads, writes and groups by.
        public var outputBytes: [UInt8]
        /// The record's line in that file (the same as in the input), for JSON Lines.
        public var line: Int?
        /// The document's size before cleaning, when the line gives it.
        public var originalBytes: Int?
        /// What was removed, in order.
        public var removed: [RemovedSpan]
        /// The input's whole record, when the manifest keeps it.
        public var record: [UInt8]?
        /// XXH3-64 of the bytes restoring the entry gives back, when the line has one.
        public var checksum: UInt64?
        /// The number of lines of the whole manifest, when the line gives it.
        public var documents: Int?
        /// The whole input file's size and XXH3-64, on a JSON Lines file's first entry.
        public var file: FileChecksum?
        /// The output file's size and XXH3-64 as clean wrote it, on its last entry.
        public var written: FileChecksum?
        /// How the record's `text` is spelled, in the input and in the cleaned record.
        public var spelling: TextSpelling = .plain
        /// When the entry is a second name of a file (a hard or symbolic link in the input
        /// folder), what it is a name of; such an entry has no text of its own.
        public var alias: Alias?

        /// A second name of an input file: `output` is a link to `of`, another entry's output.
        public struct Alias: Sendable, Hashable {
            /// The output path (bytes) of the entry it is a second name of.
            public var of: [UInt8]
            /// What the input's symbolic link said, as written in it; `nil` for a hard link.
            public var symbolicLink: [UInt8]?

            public init(of: [UInt8], symbolicLink: [UInt8]?) {
                self.of = of
                self.symbolicLink = symbolicLink
            }
        }

        /// A whole input file's size and XXH3-64.
        public struct FileChecksum: Sendable, Hashable {
            public var bytes: Int
            public var checksum: UInt64

            public init(bytes: Int, checksum: UInt64) {
                self.bytes = bytes
                self.checksum = checksum
            }
        }

        /// Creates an entry.
        public init(
            id: String, output: String, outputBytes: [UInt8]? = nil, line: Int? = nil, originalBytes: Int? = nil,
            removed: [RemovedSpan], record: [UInt8]? = nil, checksum: UInt64? = nil, documents: Int? = nil,
            file: FileChecksum? = nil
        ) {
            self.id = id
            self.output = output
            self.outputBytes = outputBytes ?? Array(output.utf8)
            self.line = line
            self.originalBytes = originalBytes
            self.removed = removed
            self.record = record
            self.checksum = checksum
            self.documents = documents
            self.file = file
        }
    }

    /// How a writer spelled a string: which characters it escaped.
    ///
    /// Feeds written by Python's `json.dumps` escape every non-ASCII character (`\u00e9`),
    /// PHP's `json_encode` also escapes `/`; writing a cleaned record the way its input was
    /// written lets `restore` give the record back from the manifest's removed spans alone.
    public enum TextSpelling: String, Sendable, CaseIterable {
        /// UTF-8 as it is; only what JSON (and terminal safety) requires is escaped.
        case plain
        /// As `plain`, with `/` written `\/`.
        case plainSlash = "slash"
        /// Every character above U+007E as `\u` escapes (lowercase hex, surrogate pairs),
        /// `\n \r \t \b \f` short, other control characters as `\u00xx`.
        case ascii
        /// As `ascii`, with `/` written `\/`.
        case asciiSlash = "ascii-slash"
    }

    /// The checksum the manifest records of original bytes: XXH3-64.
    ///
    /// - Complexity: O(*n*).
    public static func checksum(of bytes: [UInt8]) -> UInt64 { XXH3.hash(bytes) }

    /// A checksum as the manifest spells it: 16 lowercase hexadecimal digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A checksum read back: `nil` when absent, an error when present but not 16 hex digits.
    static func checksum(_ value: Any?, in id: String) throws -> UInt64? {
        guard let value else { return nil }
        guard let text = value as? String, text.utf8.count == 16, let number = UInt64(text, radix: 16) else {
            throw RefrainError.invalidInput("manifest checksum of \(id) is not 16 hexadecimal digits")
        }
        return number
    }

    /// Parses one manifest line back into its removed spans.
    ///
    /// - Parameter line: One line of a manifest.
    /// - Returns: The entry.
    /// - Throws: `RefrainError.invalidInput` when the line is not a manifest record.
    /// - Complexity: O(line bytes).
    public static func parse(_ line: String) throws -> Entry {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let id = object["id"] as? String, let output = object["output"] as? String,
            let removed = object["removed"] as? [[String: Any]]
        else { throw RefrainError.invalidInput("not a refrain manifest line: \(line.prefix(80))") }
        let spans = try removed.map { entry -> RemovedSpan in
            guard let start = entry["start"] as? Int, let end = entry["end"] as? Int, start <= end else {
                throw RefrainError.invalidInput("manifest entry without start and end, or ending before it starts, in \(id)")
            }
            let bytes: [UInt8]
            if let text = entry["text"] as? String {
                bytes = Array(text.utf8)
            } else if let base64 = entry["base64"] as? String, let data = Data(base64Encoded: base64) {
                bytes = Array(data)
            } else {
                throw RefrainError.invalidInput("manifest entry without text in \(id)")
            }
            let families = entry["families"] as? [Int] ?? (entry["family"] as? Int).map { [$0] } ?? []
            return RemovedSpan(
                span: ByteRange(start, end), families: families, isWhitespace: entry["whitespace"] as? Bool ?? false, bytes: bytes)
        }
        var outputBytes: [UInt8]?
        if let base64 = object["outputBase64"] as? String {
            guard let data = Data(base64Encoded: base64) else {
                throw RefrainError.invalidInput("manifest output path of \(id) is not valid base64")
            }
            outputBytes = Array(data)
        }
        var record: [UInt8]?
        if let text = object["record"] as? String {
            record = Array(text.utf8)
        } else if let base64 = object["recordBase64"] as? String {
            guard let data = Data(base64Encoded: base64) else {
                throw RefrainError.invalidInput("manifest record of \(id) is not valid base64")
            }
            record = Array(data)
        }
        func fileChecksum(_ name: String) throws -> Entry.FileChecksum? {
            guard let value = object[name] else { return nil }
            guard let fields = value as? [String: Any], let bytes = fields["bytes"] as? Int,
                let checksum = try checksum(fields["xxh3"], in: id)
            else { throw RefrainError.invalidInput("manifest \(name) checksum of \(id) is not {\"bytes\", \"xxh3\"}") }
            return Entry.FileChecksum(bytes: bytes, checksum: checksum)
        }
        var entry = Entry(
            id: id, output: output, outputBytes: outputBytes, line: object["line"] as? Int, originalBytes: object["bytes"] as? Int,
            removed: spans, record: record, checksum: try checksum(object["xxh3"], in: id), documents: object["documents"] as? Int,
            file: try fileChecksum("file"))
        entry.written = try fileChecksum("written")
        func bytes(_ name: String) throws -> [UInt8]? {
            if let text = object[name] as? String { return Array(text.utf8) }
            guard let base64 = object[name + "Base64"] else { return nil }
            guard let text = base64 as? String, let data = Data(base64Encoded: text) else {
                throw RefrainError.invalidInput("manifest \(name) of \(id) is not valid base64")
            }
            return Array(data)
        }
        if let of = try bytes("aliasOf") { entry.alias = Entry.Alias(of: of, symbolicLink: try bytes("symlink")) }
        if let name = object["spelling"] {
            guard let name = name as? String, let spelling = TextSpelling(rawValue: name) else {
                throw RefrainError.invalidInput("manifest spelling of \(id) is not one of plain, slash, ascii, ascii-slash")
            }
            entry.spelling = spelling
        }
        return entry
    }
}
