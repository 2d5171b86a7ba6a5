/// Rewrites a JSON Lines file line by line, numbering its lines as the reader does, so
/// `clean` and `restore` change only the lines that are documents and keep every other
/// byte (a byte-order mark, blank and unreadable lines, carriage returns, the last line's
/// missing line feed) where it was.
@_spi(CommandLine) public enum JSONLinesRewrite {
    /// Writes `bytes` with some lines replaced.
    ///
    /// Line 1 starts after a UTF-8 byte-order mark, which is written as it was; each line
    /// is the bytes up to its line feed (a carriage return stays part of it).
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - replacement: Given a line's number (from 1) and its bytes without the line feed,
    ///     the bytes to write instead, or `nil` to write the line as it is.
    ///   - write: Receives the output in pieces of about 1 MiB, in order.
    /// - Complexity: O(*n*) in the file's bytes plus the replacements' bytes.
    public static func rewrite(
        _ bytes: [UInt8], replacement: (_ line: Int, _ bytes: ArraySlice<UInt8>) throws -> [UInt8]?,
        write: ([UInt8]) throws -> Void
    ) throws {
        var pending: [UInt8] = []
        pending.reserveCapacity(min(bytes.count, 1 << 20) + 4096)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        pending += bytes[0..<start]
        var line = 0
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let original = bytes[start..<end]
            if let replaced = try replacement(line, original) {
                pending += replaced
            } else {
                pending += original
            }
            if end < bytes.count { pending.append(0x0A) }
            start = end + 1
            // Written in pieces, so a large file is not held twice.
            if pending.count >= 1 << 20 {
                try write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { try write(pending) }
    }
}
