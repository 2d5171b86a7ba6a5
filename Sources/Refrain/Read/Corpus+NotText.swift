extension Corpus {
    /// What a file holding a NUL byte is, for the message that skips it: UTF-16 text (a
    /// byte-order mark, or ASCII with every other byte 0, as Windows tools save "Unicode"
    /// text) is told apart from binary data, since converting it is all it needs.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - nulOffset: The offset of its first NUL byte.
    /// - Returns: The start of the message: what the file is and why it is not read.
    /// - Complexity: O(1): the first 64 bytes at most.
    @_spi(CommandLine) public static func notTextReason(_ bytes: [UInt8], nulOffset: Int) -> String {
        let head = bytes.prefix(64)
        // News crawls ship compressed; refrain reads no archive, so say which tool does.
        for (magic, format, command) in compressedFormats where head.starts(with: magic) {
            return "\(format), not text: decompress it first (\(command))"
        }
        let bigEndian = head.starts(with: [0xFE, 0xFF])
        let marked = head.starts(with: [0xFF, 0xFE]) || bigEndian
        // Without a mark: ASCII letters with a 0 byte beside each, on one side throughout.
        let pairs = head.count / 2
        let zeroEven = stride(from: 0, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        let zeroOdd = stride(from: 1, to: pairs * 2, by: 2).filter { head[$0] == 0 }.count
        let unmarked = pairs >= 4 && (zeroEven == pairs && zeroOdd == 0 || zeroOdd == pairs && zeroEven == 0)
        guard marked || unmarked else { return "binary data (a NUL byte at offset \(nulOffset)), not text" }
        // iconv reads a mark itself; without one it must be told the byte order.
        let (order, encoding) =
            marked
            ? (bigEndian ? "big-endian, byte-order mark FE FF" : "little-endian, byte-order mark FF FE", "UTF-16")
            : (zeroEven == pairs ? ("big-endian, no byte-order mark", "UTF-16BE") : ("little-endian, no byte-order mark", "UTF-16LE"))
        return "UTF-16 text (\(order)), not UTF-8: convert it first (iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8.txt)"
    }

    /// Compressed formats by their magic bytes, with the command that decompresses a file.
    static let compressedFormats: [(magic: [UInt8], format: String, command: String)] = [
        ([0x1F, 0x8B], "gzip-compressed data", "gunzip -k FILE"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data", "zstd -d FILE"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data", "bunzip2 -k FILE"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data", "unxz -k FILE"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive", "unzip FILE"),
    ]

    /// The extensions of compressed files, which a folder's walk leaves out by default.
    static let compressedExtensions: Set<String> = [".gz", ".zst", ".bz2", ".xz", ".zip", ".tgz"]
}
