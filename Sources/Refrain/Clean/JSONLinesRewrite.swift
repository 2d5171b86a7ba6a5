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
        try rewrite(pieces: onePiece(bytes), replacement: replacement, write: write)
    }

    /// A source of pieces that gives `bytes` whole, then its end: a file already in memory.
    public static func onePiece(_ bytes: [UInt8]) -> () -> [UInt8]? {
        var given = false
        return {
            defer { given = true }
            return given ? nil : bytes
        }
    }

    /// Writes a file given in pieces with some lines replaced, as `rewrite(_:replacement:write:)`
    /// does for the whole file: a file of any size is never held whole, only its longest
    /// line and a piece.
    ///
    /// - Parameters:
    ///   - pieces: The file's next bytes, in order; `nil` at its end.
    ///   - replacement: Given a line's number (from 1) and its bytes without the line feed,
    ///     the bytes to write instead, or `nil` to write the line as it is.
    ///   - write: Receives the output in pieces of about 1 MiB, in order.
    /// - Complexity: O(*n*) in the file's bytes plus the replacements' bytes.
    public static func rewrite(
        pieces: () throws -> [UInt8]?, replacement: (_ line: Int, _ bytes: ArraySlice<UInt8>) throws -> [UInt8]?,
        write: ([UInt8]) throws -> Void
    ) throws {
        var pending: [UInt8] = []
        pending.reserveCapacity((1 << 20) + 4096)
        var line = 0
        // The start of a line a piece ended inside, and whether the byte-order mark is settled.
        var carry: [UInt8] = []
        var started = false
        func emit(_ original: ArraySlice<UInt8>, lineFeed: Bool) throws {
            line += 1
            if let replaced = try replacement(line, original) {
                pending += replaced
            } else {
                pending += original
            }
            if lineFeed { pending.append(0x0A) }
            // Written in pieces, so a large file is not held twice.
            if pending.count >= 1 << 20 {
                try write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        while var piece = try pieces() {
            if !carry.isEmpty {
                carry += piece
                piece = []
                swap(&carry, &piece)
            }
            var start = 0
            if !started {
                // Not settled until three bytes are known (or the file ends).
                guard piece.count >= 3 else {
                    carry = piece
                    continue
                }
                started = true
                if piece.starts(with: [0xEF, 0xBB, 0xBF]) {
                    pending += piece[0..<3]
                    start = 3
                }
            }
            while let end = piece[start...].firstIndex(of: 0x0A) {
                try emit(piece[start..<end], lineFeed: true)
                start = end + 1
            }
            carry = Array(piece[start...])
        }
        if !started, carry.starts(with: [0xEF, 0xBB, 0xBF]) {
            pending += carry[0..<3]
            carry.removeFirst(3)
        }
        if !carry.isEmpty { try emit(carry[...], lineFeed: false) }
        if !pending.isEmpty { try write(pending) }
    }
}
