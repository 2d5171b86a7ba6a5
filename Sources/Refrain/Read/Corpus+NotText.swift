extension Corpus {
    /// What a file that starts with a UTF-16 or UTF-32 byte-order mark is, for the message
    /// that skips it, whether or not it holds a NUL byte (CJK text in UTF-16 need not): no
    /// UTF-8 text starts with FF FE or FE FF.
    ///
    /// - Parameter bytes: The file's bytes.
    /// - Returns: The start of the message, or `nil` when the file has no such mark.
    /// - Complexity: O(1).
    @_spi(CommandLine) public static func byteOrderMarkReason(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4)
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            let order = head.first == 0xFF ? "little-endian, byte-order mark FF FE 00 00" : "big-endian, byte-order mark 00 00 FE FF"
            return "UTF-32 text (\(order)), not UTF-8: convert it first (iconv -f UTF-32 -t UTF-8 FILE > FILE.utf8.txt)"
        }
        guard head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) else { return nil }
        let order = head.first == 0xFE ? "big-endian, byte-order mark FE FF" : "little-endian, byte-order mark FF FE"
        return "UTF-16 text (\(order)), not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt)"
    }

    /// What a file holding a NUL byte is, for the message that skips it: UTF-16 or UTF-32
    /// text (a byte-order mark, or ASCII with every other byte 0, as Windows tools save
    /// "Unicode" text) and compressed data are told apart from binary data, since
    /// converting them is all they need.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - nulOffset: The offset of its first NUL byte.
    /// - Returns: The start of the message: what the file is and why it is not read.
    /// - Complexity: O(1): the first 64 bytes at most.
    @_spi(CommandLine) public static func notTextReason(_ bytes: [UInt8], nulOffset: Int) -> String {
        if let marked = byteOrderMarkReason(bytes) { return marked }
        let head = bytes.prefix(64)
        // News crawls ship compressed; refrain reads no archive, so say which tool does.
        for (magic, format, command) in compressedFormats where head.starts(with: magic) {
            return "\(format), not text: decompress it first (\(command))"
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

    /// Compressed formats by their magic bytes, with the command that decompresses a file.
    static let compressedFormats: [(magic: [UInt8], format: String, command: String)] = [
        ([0x1F, 0x8B], "gzip-compressed data", "gzip -dc FILE > FILE.txt"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data", "zstd -dc FILE > FILE.txt"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data", "bzip2 -dc FILE > FILE.txt"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data", "xz -dc FILE > FILE.txt"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive", "unzip -p FILE > FILE.txt"),
    ]

    /// The extensions of compressed files, which a folder's walk leaves out by default,
    /// with the command that decompresses one (`-dc … >`: a name without the usual suffix too).
    static let compressedExtensions: [String: String] = [
        ".gz": "gzip -dc", ".tgz": "gzip -dc", ".zst": "zstd -dc", ".bz2": "bzip2 -dc", ".xz": "xz -dc", ".zip": "unzip -p",
    ]
}
