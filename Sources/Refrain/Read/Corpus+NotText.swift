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
    @_spi(CommandLine) public static func notTextReason(_ bytes: [UInt8], nulOffset: Int?) -> String? {
        // CJK text in UTF-16 need not hold a NUL byte; no UTF-8 text starts with such a mark.
        if let marked = byteOrderMarkReason(bytes) { return marked }
        guard let nulOffset else { return nil }
        let head = bytes.prefix(64)
        // News crawls ship compressed; refrain reads no archive, so say which tool does.
        for format in compressedFormats where head.starts(with: format.magic) {
            return "\(format.name), not text: decompress it first (\(format.tool) FILE > FILE.txt)"
        }
        // Without a mark: ASCII letters with a 0 byte beside each, on one side throughout.
        let pairs = head.count / 2
        let zeroEven = stride(from: 0, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        let zeroOdd = stride(from: 1, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        guard pairs >= 4, zeroEven == pairs && zeroOdd == 0 || zeroOdd == pairs && zeroEven == 0 else {
            return "binary data (a NUL byte at offset \(nulOffset)), not text"
        }
        // Without a mark iconv must be told the byte order.
        let (order, encoding) = zeroEven == pairs ? ("big-endian", "UTF-16BE") : ("little-endian", "UTF-16LE")
        return
            "UTF-16 text (\(order), no byte-order mark), not UTF-8: convert it first (iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8.txt)"
    }

    /// What a file that starts with a UTF-16 or UTF-32 byte-order mark is, or `nil`.
    static func byteOrderMarkReason(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4)
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            let order = head.first == 0xFF ? "little-endian, byte-order mark FF FE 00 00" : "big-endian, byte-order mark 00 00 FE FF"
            return "UTF-32 text (\(order)), not UTF-8: convert it first (iconv -f UTF-32 -t UTF-8 FILE > FILE.utf8.txt)"
        }
        guard head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) else { return nil }
        let order = head.first == 0xFE ? "big-endian, byte-order mark FE FF" : "little-endian, byte-order mark FF FE"
        return "UTF-16 text (\(order)), not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt)"
    }

    /// Compressed formats: their magic bytes, their name, the command that writes a file's
    /// content out (`-dc … >`, which takes a name without the usual suffix too), and the
    /// extensions a folder's walk leaves out by default.
    static let compressedFormats: [(magic: [UInt8], name: String, tool: String, extensions: [String])] = [
        ([0x1F, 0x8B], "gzip-compressed data", "gzip -dc", [".gz", ".tgz"]),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data", "zstd -dc", [".zst"]),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data", "bzip2 -dc", [".bz2"]),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data", "xz -dc", [".xz"]),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive", "unzip -p", [".zip"]),
    ]

    /// The tool that writes out a compressed file with this extension (`.gz`), or `nil`.
    static func decompressTool(forExtension fileExtension: String) -> String? {
        compressedFormats.first { $0.extensions.contains(fileExtension) }?.tool
    }
}
