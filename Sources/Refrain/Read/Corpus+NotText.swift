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
        // Without a mark: text in UTF-16 of one byte order, in any script (ASCII puts a 0 beside
        // each letter; Cyrillic, Greek or CJK only beside spaces and line breaks).
        guard let bigEndian = utf16ByteOrder(bytes.prefix(4096)) else {
            return "binary data (a NUL byte at offset \(nulOffset)), not text"
        }
        // Without a mark iconv must be told the byte order.
        let (order, encoding) = bigEndian ? ("big-endian", "UTF-16BE") : ("little-endian", "UTF-16LE")
        return
            "UTF-16 text (\(order), no byte-order mark), not UTF-8: convert it first (iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8.txt)"
    }

    /// The byte order in which `head` reads as UTF-16 text, or `nil` when it does not.
    ///
    /// The high bytes are the side with more 0 bytes (spaces, digits and line breaks have a 0
    /// high byte in every script). Read in that order, text is code units that are no
    /// control character but tab and line breaks, with every surrogate paired; and read as
    /// UTF-8 it is not: at least 1 byte in 25 is a control character, where UTF-8 text
    /// with a stray 0 byte has almost none.
    ///
    /// - Parameter head: The file's first bytes (a few KB), holding a 0 byte.
    /// - Returns: `true` for big-endian, `false` for little-endian.
    /// - Complexity: O(*n*) in the length of `head`.
    static func utf16ByteOrder(_ head: ArraySlice<UInt8>) -> Bool? {
        let units = head.count / 2
        guard units >= 4 else { return nil }
        let bytes = head.prefix(units * 2)
        let controls = bytes.count { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        guard controls * 25 >= bytes.count else { return nil }
        var zeros = (even: 0, odd: 0)
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        guard zeros.even != zeros.odd else { return nil }
        let bigEndian = zeros.even > zeros.odd
        var pendingHigh = false
        for index in 0..<units {
            let first = UInt16(bytes[bytes.startIndex + 2 * index])
            let second = UInt16(bytes[bytes.startIndex + 2 * index + 1])
            switch bigEndian ? first << 8 | second : second << 8 | first {
            case 0x09, 0x0A, 0x0D, 0x20..<0x7F, 0xA0..<0xD800, 0xE000..<0xFFFE:
                if pendingHigh { return nil }
            case 0xD800..<0xDC00:
                if pendingHigh { return nil }
                pendingHigh = true
            case 0xDC00..<0xE000:
                // A cut at the head's start may split a pair.
                if !pendingHigh && index > 0 { return nil }
                pendingHigh = false
            default:
                return nil
            }
        }
        return bigEndian
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
