import Foundation

extension CleanManifest {
    /// The longest manifest line handed to Foundation's parser when the byte reader cannot
    /// read it: that parser needs tens of times a line's size.
    static let largestFallbackLine = 1 << 20

    /// Parses one manifest line, given as bytes, back into its entry.
    ///
    /// Read by a byte reader that holds about the line's size, so a manifest line carrying a
    /// large record costs memory in proportion to it; lines it cannot read (escapes it does
    /// not take, such as lone surrogates) go to Foundation's parser when they are short.
    ///
    /// - Parameter line: One line of a manifest, without its line feed.
    /// - Returns: The entry.
    /// - Throws: `RefrainError.invalidInput` when the line is not a manifest record.
    /// - Complexity: O(line bytes).
    public static func parse(bytes line: some Collection<UInt8>) throws -> Entry {
        func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Entry? {
            var reader = JSONRecordParser.Reader(bytes: buffer)
            return EntryReader.entry(&reader)
        }
        if let entry = line.withContiguousStorageIfAvailable(read) ?? Array(line).withUnsafeBufferPointer(read) {
            return entry
        }
        guard line.count <= largestFallbackLine else {
            throw RefrainError.invalidInput("not a refrain manifest line: \(String(decoding: line.prefix(80), as: UTF8.self))")
        }
        return try parse(String(decoding: line, as: UTF8.self))
    }

    /// Reads the fields of a manifest line; `nil` for anything it does not take.
    ///
    /// Helpers take the reader `inout` and hand it to their closures, so no closure
    /// captures a value that is being changed.
    enum EntryReader {
        typealias Reader = JSONRecordParser.Reader

        static func entry(_ reader: inout Reader) -> Entry? {
            var id: String?
            var output: String?
            var outputBytes: [UInt8]?
            var line: Int?
            var originalBytes: Int?
            var removed: [RemovedSpan]?
            var record: [UInt8]?
            var checksum: UInt64?
            var documents: Int?
            var file: Entry.FileChecksum?
            var written: Entry.FileChecksum?
            var spelling = TextSpelling.plain
            var aliasOf: [UInt8]?
            var symbolicLink: [UInt8]?
            let complete = object(&reader) { key, reader in
                // A field that is there but cannot be read makes the line unreadable.
                func read<Value>(_ value: inout Value?, _ reading: (inout Reader) -> Value?) -> Bool {
                    value = reading(&reader)
                    return value != nil
                }
                switch key {
                case "id": return read(&id, text)
                case "output": return read(&output, text)
                case "outputBase64": return read(&outputBytes, base64)
                case "line": return read(&line, integer)
                case "bytes": return read(&originalBytes, integer)
                case "removed": return read(&removed, spans)
                case "record": return read(&record) { $0.string() }
                case "recordBase64": return read(&record, base64)
                case "xxh3": return read(&checksum, hexadecimal)
                case "documents": return read(&documents, integer)
                case "aliasOf": return read(&aliasOf) { $0.string() }
                case "aliasOfBase64": return read(&aliasOf, base64)
                case "symlink": return read(&symbolicLink) { $0.string() }
                case "symlinkBase64": return read(&symbolicLink, base64)
                case "spelling":
                    guard let name = text(&reader), let value = TextSpelling(rawValue: name) else { return false }
                    spelling = value
                case "file": return read(&file, fileChecksum)
                case "written": return read(&written, fileChecksum)
                default: return reader.skipValue(depth: 1)
                }
                return true
            }
            reader.skipSpace()
            guard complete, reader.index == reader.bytes.count, let id, let output, let removed else { return nil }
            var entry = Entry(
                id: id, output: output, outputBytes: outputBytes, line: line, originalBytes: originalBytes, removed: removed,
                record: record, checksum: checksum, documents: documents, file: file)
            entry.spelling = spelling
            entry.written = written
            if let aliasOf { entry.alias = Entry.Alias(of: aliasOf, symbolicLink: symbolicLink) }
            return entry
        }

        /// Reads an object, calling `field` at each key's value; `false` when it fails.
        static func object(_ reader: inout Reader, _ field: (String, inout Reader) -> Bool) -> Bool {
            reader.skipSpace()
            guard reader.consume(UInt8(ascii: "{")) else { return false }
            reader.skipSpace()
            if reader.consume(UInt8(ascii: "}")) { return true }
            while true {
                reader.skipSpace()
                guard let key = reader.string() else { return false }
                reader.skipSpace()
                guard reader.consume(UInt8(ascii: ":")) else { return false }
                reader.skipSpace()
                guard field(String(decoding: key, as: UTF8.self), &reader) else { return false }
                reader.skipSpace()
                if reader.consume(UInt8(ascii: ",")) { continue }
                return reader.consume(UInt8(ascii: "}"))
            }
        }

        /// Reads `{"bytes", "xxh3"}`.
        static func fileChecksum(_ reader: inout Reader) -> Entry.FileChecksum? {
            var bytes: Int?
            var value: UInt64?
            guard
                object(
                    &reader,
                    { key, reader in
                        switch key {
                        case "bytes": bytes = integer(&reader)
                        case "xxh3": value = hexadecimal(&reader)
                        default: return reader.skipValue(depth: 2)
                        }
                        return bytes != nil || value != nil
                    }), let bytes, let value
            else { return nil }
            return Entry.FileChecksum(bytes: bytes, checksum: value)
        }

        /// Reads an array, calling `element` at each element; `false` when it fails.
        static func array(_ reader: inout Reader, _ element: (inout Reader) -> Bool) -> Bool {
            reader.skipSpace()
            guard reader.consume(UInt8(ascii: "[")) else { return false }
            reader.skipSpace()
            if reader.consume(UInt8(ascii: "]")) { return true }
            while true {
                reader.skipSpace()
                guard element(&reader) else { return false }
                reader.skipSpace()
                if reader.consume(UInt8(ascii: ",")) { continue }
                return reader.consume(UInt8(ascii: "]"))
            }
        }

        static func text(_ reader: inout Reader) -> String? {
            guard let bytes = reader.string() else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }

        static func base64(_ reader: inout Reader) -> [UInt8]? {
            guard let text = text(&reader), let data = Data(base64Encoded: text) else { return nil }
            return Array(data)
        }

        static func hexadecimal(_ reader: inout Reader) -> UInt64? {
            guard let text = text(&reader), text.utf8.count == 16 else { return nil }
            return UInt64(text, radix: 16)
        }

        /// A non-negative integer without fraction or exponent.
        static func integer(_ reader: inout Reader) -> Int? {
            let start = reader.index
            var value = 0
            while reader.index < reader.bytes.count, reader.bytes[reader.index] >= UInt8(ascii: "0"),
                reader.bytes[reader.index] <= UInt8(ascii: "9")
            {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = times + Int(reader.bytes[reader.index] - UInt8(ascii: "0"))
                reader.index += 1
            }
            guard reader.index > start, reader.index - start == 1 || reader.bytes[start] != UInt8(ascii: "0") else { return nil }
            return value
        }

        static func spans(_ reader: inout Reader) -> [RemovedSpan]? {
            var result: [RemovedSpan] = []
            let complete = array(&reader) { reader in
                var start: Int?
                var end: Int?
                var families: [Int] = []
                var whitespace = false
                var bytes: [UInt8]?
                guard
                    object(
                        &reader,
                        { key, reader in
                            switch key {
                            case "start": start = integer(&reader)
                            case "end": end = integer(&reader)
                            case "family":
                                guard let family = integer(&reader) else { return false }
                                families = [family]
                            case "families":
                                return array(&reader) { reader in
                                    guard let family = integer(&reader) else { return false }
                                    families.append(family)
                                    return true
                                }
                            case "whitespace":
                                if reader.literal("true") {
                                    whitespace = true
                                } else {
                                    return reader.literal("false")
                                }
                            case "text": bytes = reader.string()
                            case "base64": bytes = base64(&reader)
                            default: return reader.skipValue(depth: 3)
                            }
                            return true
                        }), let start, let end, start <= end, let bytes
                else { return false }
                result.append(RemovedSpan(span: ByteRange(start, end), families: families, isWhitespace: whitespace, bytes: bytes))
                return true
            }
            return complete ? result : nil
        }
    }
}
