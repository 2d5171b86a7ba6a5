import CZlib

/// Decompresses gzip data, as news crawls ship it (`news.jsonl.gz`, a folder of `.txt.gz`).
///
/// Every member of a file is read, as `gzip -dc` reads them: tools that compress in
/// parallel (`pigz`, `bgzip`) and files joined with `cat` hold several.
enum Gzip {
    /// The first two bytes of every gzip member.
    static let magic: [UInt8] = [0x1F, 0x8B]

    /// Why gzip data could not be read; each says what to do.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The bytes do not start as gzip data does.
        case notGzip
        /// The file is empty: no gzip data at all.
        case empty
        /// The data decompresses to gzip data again.
        case compressedTwice
        /// zlib found an error, with its message.
        case damaged(String)
        /// The data ends inside a member.
        case cutShort
        /// Bytes follow the last member that are neither gzip data nor zero padding.
        case trailing(offset: Int)
        /// The data decompresses to more than the limit.
        case tooLarge(limit: Int)

        var description: String {
            switch self {
            case .notGzip:
                "its name ends in .gz but it holds no gzip data: if it is plain text, rename it without .gz"
            case .empty:
                "it is empty, where gzip data was expected (a download cut short?): check it with gzip -t, and download or copy it again"
            case .compressedTwice:
                "it was compressed twice (its gzip data holds gzip data): decompress it once (gzip -dc FILE.gz > NEW.gz) and read NEW.gz"
            case .damaged(let message):
                "its gzip data is damaged (\(message)): check it with gzip -t, and download or copy it again"
            case .cutShort:
                "its gzip data is cut short (the file ends inside it): check it with gzip -t, and download or copy it again"
            case .trailing(let offset):
                "it holds bytes that are not gzip data after its gzip data (from byte \(offset)), so it is skipped rather than read in part: "
                    + "gzip -dc FILE.gz > FILE writes out the data and ignores them; check the end of what it writes"
            case .tooLarge(let limit):
                "it decompresses to more than \(limit.counted("byte", "bytes")), the most one document can hold: split it first"
            }
        }
    }

    /// Whether a file's name says it is gzip-compressed: `.gz`, not a tar archive
    /// (`.tar.gz`), which holds many files and is unpacked into a folder instead.
    static func isCompressedName(_ path: some BidirectionalCollection<UInt8>) -> Bool {
        func ends(_ suffix: String) -> Bool {
            let tail = path.suffix(suffix.utf8.count)
            return tail.count == suffix.utf8.count
                && zip(tail, suffix.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
        }
        // A name that is only `.gz` would leave an empty name.
        guard path.count > 3, path[path.index(path.endIndex, offsetBy: -4)] != UInt8(ascii: "/") else { return false }
        return ends(".gz") && !ends(".tar.gz")
    }

    /// Decompresses `input`, handing the output to `sink` a chunk at a time.
    ///
    /// - Parameters:
    ///   - input: The file's bytes.
    ///   - limit: The most bytes of output; past them, `Failure.tooLarge`.
    ///   - sink: Takes each chunk of output, in order; its errors end the decompression.
    /// - Throws: `Failure`, or what `sink` throws.
    /// - Complexity: O(*n*) in the output's bytes; memory O(1) beyond zlib's window.
    static func decompress(
        _ input: UnsafeRawBufferPointer, limit: Int = .max, _ sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard let base = input.baseAddress, !input.isEmpty else { throw Failure.empty }
        guard input.starts(with: magic) else { throw Failure.notGzip }
        var stream = z_stream()
        guard refrain_gzip_init(&stream) == Z_OK else { throw Failure.damaged("out of memory") }
        defer { refrain_gzip_end(&stream) }
        let start = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        // zlib counts in 32 bits: a larger input is fed a piece at a time.
        var fed = 0
        func feed() {
            let piece = min(input.count - fed, 1 << 30)
            stream.next_in = start + fed
            stream.avail_in = UInt32(piece)
            fed += piece
        }
        feed()
        var produced = 0
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 16) { output in
            while true {
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                let status = refrain_gzip_inflate(&stream)
                let count = output.count - Int(stream.avail_out)
                if count > 0 {
                    // Text never starts with these bytes (0x8B is no UTF-8 lead byte).
                    if produced == 0, UnsafeRawBufferPointer(start: output.baseAddress, count: count).starts(with: magic) {
                        throw Failure.compressedTwice
                    }
                    produced += count
                    guard produced <= limit else { throw Failure.tooLarge(limit: limit) }
                    try sink(UnsafeRawBufferPointer(start: output.baseAddress, count: count))
                }
                let consumed = fed - Int(stream.avail_in)
                switch status {
                case Z_OK:
                    if stream.avail_in == 0 && fed < input.count { feed() }
                case Z_STREAM_END:
                    guard consumed < input.count else { return }
                    let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
                    if rest.starts(with: magic) {
                        _ = refrain_gzip_reset(&stream)
                        if stream.avail_in == 0 { feed() }
                        continue
                    }
                    // Tape and block tools pad with zeros, which gzip ignores too.
                    guard rest.allSatisfy({ $0 == 0 }) else { throw Failure.trailing(offset: consumed) }
                    return
                case Z_BUF_ERROR where stream.avail_in == 0:
                    if fed < input.count {
                        feed()
                    } else {
                        throw Failure.cutShort
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw Failure.damaged(message)
                }
            }
        }
    }

    /// The decompressed size the last member's trailer gives (modulo 2^32): the whole
    /// size for a file of one member, as most are.
    ///
    /// - Returns: The size, or `nil` when `input` is too short to hold a member.
    static func trailerSize(_ input: UnsafeRawBufferPointer) -> Int? {
        guard input.count >= 18 else { return nil }
        return input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Decompresses `input` into one array.
    ///
    /// - Parameters:
    ///   - input: The file's bytes.
    ///   - limit: The most bytes of output.
    /// - Returns: The decompressed bytes.
    /// - Throws: `Failure`.
    /// - Complexity: O(*n*) in the output's bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int = .max) throws(Failure) -> [UInt8] {
        var result: [UInt8] = []
        // A folder of small files then holds no spare capacity. Capped by deflate's ratio.
        if let size = trailerSize(input) { result.reserveCapacity(min(limit, size, input.count * 1_032)) }
        do {
            try decompress(input, limit: limit) { result.append(contentsOf: $0) }
        } catch let failure as Failure {
            throw failure
        } catch {
            fatalError("appending to an array does not throw")
        }
        return result
    }
}
