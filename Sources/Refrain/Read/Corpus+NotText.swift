extension Corpus {
    /// Why a file is not read as text, for the message that skips it, or `nil` when it is
    /// text: UTF-16 or UTF-32 (a byte-order mark, with or without NUL bytes, or ASCII with
    /// every other byte 0, as Windows tools save "Unicode" text) and compressed data are
    /// told apart from binary data, since converting them is all they need.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - nulOffset: The offset of its first NUL byte, if it has one.
    /// - Returns: The start of the message: what the file is and how to convert it.
    /// - Complexity: O(1): the first 64 bytes at most.
    @_spi(CommandLine) public static func notTextReason(_ bytes: [UInt8], nulOffset: Int?, name: String? = nil) -> String? {
        // CJK text in UTF-16 need not hold a NUL byte; no UTF-8 text starts with such a mark.
        if let marked = byteOrderMarkReason(bytes) { return marked }
        // Documents of other formats, some all ASCII: read as text they would be their markup.
        if let document = documentFormatReason(bytes.prefix(512), name: name) { return document }
        guard let nulOffset else { return nil }
        if let compressed = compressedReason(bytes.prefix(64), name: name) { return compressed }
        // Without a mark: text in UTF-16 of one byte order, in any script (ASCII puts a 0 beside
        // each letter; Cyrillic, Greek or CJK only beside spaces and line breaks).
        guard let bigEndian = utf16ByteOrder(bytes) else {
            return "binary data (a NUL byte at offset \(nulOffset)), not text"
        }
        return unmarkedUTF16Reason(bigEndian: bigEndian)
    }

    /// What UTF-16 text without a byte-order mark is, and the conversion, which must be told
    /// the byte order.
    static func unmarkedUTF16Reason(bigEndian: Bool) -> String {
        let (order, encoding) = bigEndian ? ("big-endian", "UTF-16BE") : ("little-endian", "UTF-16LE")
        return
            "UTF-16 text (\(order), no byte-order mark), not UTF-8: convert it first (iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)"
    }

    /// The byte order in which a file's bytes read as UTF-16 text, or `nil` when it does not.
    ///
    /// Text in any script separates its words, clauses or lines: spaces, line breaks, and the
    /// ideographic comma, full stop and space. Read in the right order they are at least 1
    /// unit in 80; read in the wrong order, or in binary data, they are next to none. The
    /// order with twice the other's separators must also read as text at the file's start
    /// and end: no control character but whitespace and escape, every surrogate paired.
    ///
    /// - Parameter bytes: The file's bytes, holding a 0 byte.
    /// - Returns: `true` for big-endian, `false` for little-endian.
    /// - Complexity: O(1): 4 KB at each end are read.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> Bool? {
        // UTF-16 is whole units; a few units say too little.
        guard bytes.count % 2 == 0, bytes.count >= 16 else { return nil }
        let head = bytes.prefix(4096)
        let tail = bytes.suffix(from: max(head.count, bytes.count - 4096))
        func units(_ part: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt16] {
            stride(from: part.startIndex, to: part.endIndex - 1, by: 2).map {
                let (first, second) = (UInt16(part[$0]), UInt16(part[$0 + 1]))
                return bigEndian ? first << 8 | second : second << 8 | first
            }
        }
        func separators(_ units: [UInt16]) -> Int {
            units.count { [0x0A, 0x0D, 0x20, 0x3000, 0x3001, 0x3002, 0xFF0C].contains($0) }
        }
        func isText(_ units: [UInt16]) -> Bool {
            var pendingHigh = false
            for (index, unit) in units.enumerated() {
                switch unit {
                case 0x09...0x0D, 0x1B, 0x20..<0xD800, 0xE000..<0xFFFE:
                    if pendingHigh { return false }
                case 0xD800..<0xDC00:
                    if pendingHigh { return false }
                    pendingHigh = true
                case 0xDC00..<0xE000:
                    // A cut at the part's start may split a pair.
                    if !pendingHigh && index > 0 { return false }
                    pendingHigh = false
                default:
                    return false
                }
            }
            return true
        }
        let little = units(head, bigEndian: false)
        let big = units(head, bigEndian: true)
        let (littleSeparators, bigSeparators) = (separators(little), separators(big))
        let bigEndian = bigSeparators > littleSeparators
        let (found, other) = bigEndian ? (bigSeparators, littleSeparators) : (littleSeparators, bigSeparators)
        guard found >= 2, found * 80 >= little.count, found >= 2 * other + 1,
            isText(bigEndian ? big : little), isText(units(tail, bigEndian: bigEndian))
        else { return nil }
        return bigEndian
    }

    /// What a file that starts with a UTF-16 or UTF-32 byte-order mark is, or `nil`.
    static func byteOrderMarkReason(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4)
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            let order = head.first == 0xFF ? "little-endian, byte-order mark FF FE 00 00" : "big-endian, byte-order mark 00 00 FE FF"
            return "UTF-32 text (\(order)), not UTF-8: convert it first (iconv -f UTF-32 -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)"
        }
        guard head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) else { return nil }
        let order = head.first == 0xFE ? "big-endian, byte-order mark FE FF" : "little-endian, byte-order mark FF FE"
        return "UTF-16 text (\(order)), not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)"
    }

    /// Compressed formats: their magic bytes, their name, the command that writes a file's
    /// content out (`-dc … >`, which takes a name without the usual suffix too), and the
    /// extensions a folder's walk leaves out by default.
    static let compressedFormats: [(magic: [UInt8], name: String, tool: String, extensions: [String])] = [
        ([0x1F, 0x8B], "gzip-compressed data", "gzip -dc", [".gz", ".tgz"]),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data", "zstd -dc", [".zst"]),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data", "bzip2 -dc", [".bz2"]),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data", "xz -dc", [".xz"]),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive", "unzip", [".zip"]),
    ]

    /// The extensions of PDF, office and e-book files, which are converted to text, not read.
    static let documentFormatExtensions: Set<String> = [
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp",
    ]

    /// What a PDF, word-processor or e-book file is and how to turn it into text, or `nil`:
    /// such a file is compressed or binary, or (an RTF file, a PDF of ASCII only) markup.
    ///
    /// - Parameters:
    ///   - head: The file's first bytes (512 are enough).
    ///   - name: The file's name, if it has one.
    /// - Complexity: O(1).
    static func documentFormatReason(_ head: ArraySlice<UInt8>, name: String?) -> String? {
        // The version and the line end after the mark, a control word after RTF's, as their
        // writers put them: a text that merely begins with "%PDF-1.7" or "{\\rtf1" is read.
        if head.starts(with: "%PDF-1.".utf8) || head.starts(with: "%PDF-2.".utf8),
            head.dropFirst(8).prefix(2).contains(where: { $0 == 0x0A || $0 == 0x0D })
        {
            return "a PDF document, not text: extract its text first (pdftotext FILE.pdf FILE.txt, from poppler-utils)"
        }
        if head.starts(with: "{\\rtf1\\".utf8) {
            return "an RTF document, not plain text: convert it first (pandoc FILE.rtf -t plain -o FILE.txt)"
        }
        // The compound file of Word 97-2003, Excel and PowerPoint.
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return
                "a Microsoft Office document (.doc, .xls or .ppt), not text: convert it first (libreoffice --headless --convert-to txt FILE)"
        }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // A zip whose first entry says what it is: OOXML's content types, ODF's or EPUB's mimetype.
        let text = String(decoding: head, as: UTF8.self)
        let lowercased = name?.lowercased() ?? ""
        if text.contains("mimetypeapplication/epub+zip") || lowercased.hasSuffix(".epub") {
            return "an EPUB book, not text: convert it first (pandoc FILE.epub -t plain -o FILE.txt)"
        }
        if text.contains("[Content_Types].xml") || text.contains("mimetypeapplication/vnd.oasis.opendocument")
            || [".docx", ".odt", ".pptx", ".xlsx", ".ods", ".odp"].contains(where: { lowercased.hasSuffix($0) })
        {
            return
                "an office document (.docx, .odt and the like: a zip of XML), not text: convert it first (pandoc FILE -t plain -o FILE.txt)"
        }
        return nil
    }

    /// What compressed data is and the command that unpacks it, or `nil` when `head` (a
    /// file's first bytes, holding a 0 byte) starts with no compressed format's magic bytes.
    ///
    /// News crawls ship compressed; refrain reads no archive, so it says which tool does.
    ///
    /// - Parameters:
    ///   - head: The file's first bytes.
    ///   - name: The file's name, when known: a tar archive (`.tgz`, `.tar.gz`, …) is unpacked
    ///     into a folder, not decompressed into one file.
    static func compressedReason(_ head: some Collection<UInt8>, name: String?) -> String? {
        guard let format = compressedFormats.first(where: { head.starts(with: $0.magic) }) else { return nil }
        let lowercased = name?.lowercased() ?? ""
        if lowercased.hasSuffix(".tgz") || lowercased.contains(".tar.") {
            return
                "a compressed tar archive, not text: unpack it into a folder first (mkdir FOLDER && tar -xf FILE -C FOLDER), and give refrain the folder"
        }
        if format.extensions[0] == ".zip" {
            return "\(format.name), not text: unpack it into a folder first (\(decompressCommand(".zip"))), and give refrain the folder"
        }
        // Standard input is decompressed on its way in; a file named without its format's
        // extension into a new file (FILE > FILE would empty it first).
        if name == "-" {
            return "\(format.name), not text: decompress it on its way in (\(format.tool) FILE\(format.extensions[0]) | refrain … -)"
        }
        if name != nil, !format.extensions.contains(where: { lowercased.hasSuffix($0) }) {
            return
                "\(format.name) under a name that does not say so, not text: decompress it into a new file first (\(format.tool) < FILE > NEW.jsonl, or NEW.txt for plain text)"
        }
        return "\(format.name), not text: decompress it first (\(decompressCommand(format.extensions[0])))"
    }

    /// The command that unpacks a file with this extension (`.gz`) beside it: under its name
    /// without the extension, so `news.jsonl.gz` becomes `news.jsonl` and is read as JSON
    /// Lines, where `news.jsonl.gz.txt` would be read as one plain-text document; an archive
    /// of many files (`.zip`, `.tgz`) into a folder, where one file would join its articles.
    static func decompressCommand(_ fileExtension: String) -> String {
        switch fileExtension {
        case ".zip": return "unzip FILE.zip -d FOLDER"
        case ".tgz": return "mkdir FOLDER && tar -xzf FILE.tgz -C FOLDER"
        default: return "\(decompressTool(forExtension: fileExtension) ?? "gzip -dc") FILE\(fileExtension) > FILE"
        }
    }

    /// The tool that writes out a compressed file with this extension (`.gz`), or `nil`.
    static func decompressTool(forExtension fileExtension: String) -> String? {
        compressedFormats.first { $0.extensions.contains(fileExtension) }?.tool
    }
}
