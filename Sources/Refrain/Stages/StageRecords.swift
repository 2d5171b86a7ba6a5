import Foundation

/// The records the `refrain stage` commands read and write, one per line, fields separated by
/// tabs: the seams at which a scan runs as a distributed job (Distributed/spark/README.md).
///
/// A segment is named by its *segment key*, `document << 24 | position`: the document's index in
/// the corpus order and the segment's position among the document's segments. Keys sort in
/// corpus order, so "the first segment" of anything is the one with the smallest key, as on one
/// machine.
@_spi(Stages) public enum StageRecords {
    /// Bits of a segment key that hold the segment's position in its document.
    public static let positionBits = 24

    /// The key of segment `position` of document `document`.
    @inlinable
    public static func key(document: Int, position: Int) -> Int {
        precondition(position < 1 << positionBits, "a document with more than 16,777,215 segments")
        return document << positionBits | position
    }

    /// The document of a segment key.
    @inlinable
    public static func document(ofKey key: Int) -> Int { key >> positionBits }

    /// The position of a segment key in its document.
    @inlinable
    public static func position(ofKey key: Int) -> Int { key & (1 << positionBits - 1) }

    /// Document indexes a record may hold: below `UInt32.max - 1`, which the engine keeps
    /// for "other documents" and "none".
    public static let documents = 0..<(Int(UInt32.max) - 1)

    /// Whether `key` names a segment of a document a record may hold.
    static func isKey(_ key: Int) -> Bool { documents.contains(document(ofKey: key)) }
}

/// Problems with stage records read from standard input.
@_spi(Stages) public enum StageRecordError: Error, CustomStringConvertible, Equatable {
    /// A line that is not the record the stage expects (or holds a value out of range), with
    /// its line number in the stage's input (0 when not read from one).
    /// `reason` says which field is wrong, where the stage tells.
    case malformed(stage: String, line: String, number: Int, reason: String? = nil)
    /// A document with more segments than a segment key can number (`limit`).
    case tooManySegments(stage: String, number: Int, segments: Int, limit: Int)
    /// A document record at line `number` with the document number of the one at line
    /// `first`: two documents that one number would merge in every shuffle after.
    case repeatedDocument(stage: String, number: Int, document: Int, first: Int)
    /// Input that ends inside line `number`: records end in a line feed, so it was cut short.
    case cutShort(stage: String, number: Int)
    /// Input that could not be read to its end.
    case unreadable(stage: String, reason: String)

    public var description: String {
        switch self {
        case .tooManySegments(let stage, let number, let segments, let limit):
            return "stage \(stage): the document at line \(number) of its input has \(segments.grouped) segments, more than the "
                + "\(limit.grouped) a distributed run can number in one document. "
                + "Split it into several documents, or scan it with refrain scan."
        case .repeatedDocument(let stage, let number, let document, let first):
            return "stage \(stage): the document record at line \(number) of its input has number \(document), as the one "
                + "at line \(first) has: each document of a corpus has its own number. Number the corpus once, with "
                + "refrain stage read, and partition its output."
        case .cutShort(let stage, let number):
            return "stage \(stage): its input ends inside line \(number), which has no line feed: the input was cut short "
                + "(a copy or transfer that stopped early, or a full disk). Records end in a line feed; "
                + "run the stage before again and feed this one its whole output."
        case .unreadable(let stage, let reason):
            return "stage \(stage): its input cannot be read to its end (\(reason)). Run it again on the whole output of the stage before."
        case .malformed(let stage, let line, let number, let reason):
            // A partition written with CR LF shows only as a trailing carriage return.
            let why =
                line.hasSuffix("\r")
                ? " (it ends in a carriage return: records end in a line feed alone)" : reason.map { " (\($0))" } ?? ""
            return "stage \(stage): not a record it reads\(number > 0 ? ", at line \(number) of its input" : ""): "
                + "\(line.prefix(120))\(why). Feed it the output of the stage before (the records are described in "
                + "Distributed/spark/README.md of Refrain's repository)."
        }
    }
}

/// Lines of standard input (or any file descriptor), read in large blocks.
@_spi(Stages) public struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []
    var start = 0
    /// Where the search for the next line feed resumes: bytes before it hold none.
    var searched = 0
    var finished = false
    var scratch = [UInt8](repeating: 0, count: 1 << 20)
    /// The number of lines handed out so far: the last one's line number.
    public private(set) var lineNumber = 0
    /// Why the lines ended early, once `next()` returned `nil`: the input ended inside a line
    /// (`cutShort`, that line's number), or a read failed (`errno`). `nil` at a clean end.
    public private(set) var problem: Problem?

    /// How input ended before its last line feed.
    public enum Problem: Equatable, Sendable {
        case cutShort(line: Int)
        case unreadable(errno: Int32)
    }

    /// Creates a reader of a file descriptor; 0 is standard input.
    public init(descriptor: Int32 = 0) { self.descriptor = descriptor }

    /// The next line without its line feed, or `nil` at the end. A last line with no line
    /// feed is not handed out: records always end in one, so the input was cut short
    /// (`problem` says so).
    ///
    /// - Complexity: O(*n*) in the line's length, amortized.
    public mutating func next() -> [UInt8]? {
        while true {
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard searched < bytes.count, let found = memchr(bytes.baseAddress! + searched, 0x0A, bytes.count - searched) else {
                    return nil
                }
                return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                searched = start
                lineNumber += 1
                return line
            }
            searched = buffer.count
            if finished {
                if start < buffer.count, problem == nil { problem = .cutShort(line: lineNumber + 1) }
                return nil
            }
            // Bytes before `start` are handed out: dropped once they are most of the buffer.
            if start > 0, start >= buffer.count / 2 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            let got = scratch.withUnsafeMutableBufferPointer { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if got > 0 {
                buffer.append(contentsOf: scratch[0..<got])
            } else if got < 0 && errno == EINTR {
                continue
            } else {
                // A failed read is no end of input: what follows it was never seen.
                if got < 0 { problem = .unreadable(errno: errno) }
                finished = true
            }
        }
    }
}

/// Buffered writing to standard output (or any file descriptor).
@_spi(Stages) public final class LineWriter {
    let descriptor: Int32
    var buffer: [UInt8] = []

    /// Creates a writer of a file descriptor; 1 is standard output.
    public init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends bytes, writing out the buffer once it passes a megabyte.
    public func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends text.
    public func write(_ text: String) { write(text.utf8) }

    /// Writes out what is buffered.
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Splitting and reading the fields of a record line.
extension [UInt8] {
    /// The fields between `separator`s.
    func fields(_ separator: UInt8 = UInt8(ascii: "\t")) -> [ArraySlice<UInt8>] {
        self.split(separator: separator, maxSplits: Int.max, omittingEmptySubsequences: false)
    }
}

extension ArraySlice<UInt8> {
    /// The fields between `separator`s (none for an empty slice).
    func fields(_ separator: UInt8) -> [ArraySlice<UInt8>] {
        isEmpty ? [] : self.split(separator: separator, maxSplits: Int.max, omittingEmptySubsequences: false)
    }

    /// The slice as a decimal count, offset or key: digits only, up to `Int.max`; else `nil`.
    ///
    /// No record holds a negative number: a value that wrapped or went negative would index
    /// outside a table.
    var integer: Int? {
        guard !isEmpty else { return nil }
        var value = 0
        for byte in self {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
        }
        return value
    }

    /// The slice as a list of `integer`s separated by commas (none for an empty slice), or
    /// `nil` when one is not.
    var integers: [Int]? {
        var values: [Int] = []
        for item in fields(UInt8(ascii: ",")) {
            guard let value = item.integer else { return nil }
            values.append(value)
        }
        return values
    }

    /// The slice as a flag, `0` or `1`, or `nil`.
    var flag: Bool? {
        guard count == 1 else { return nil }
        return first == UInt8(ascii: "1") ? true : first == UInt8(ascii: "0") ? false : nil
    }

    /// The slice as text.
    var text: String { String(decoding: self, as: UTF8.self) }

    /// The slice as optional text: `-` for none, else base64; `.none` when it is neither.
    var optionalBase64Text: String?? {
        if elementsEqual("-".utf8) { return .some(nil) }
        return base64Bytes.map { .some(String(decoding: $0, as: UTF8.self)) }
    }

    /// The bytes the slice holds in base64, or `nil`.
    var base64Bytes: [UInt8]? {
        if isEmpty { return [] }
        return Data(base64Encoded: Data(self)).map { [UInt8]($0) }
    }

    /// Fingerprints stored as base64 of little-endian 32-bit words.
    var fingerprints: [UInt32]? {
        guard let bytes = base64Bytes, bytes.count % 4 == 0 else { return nil }
        // Little-endian words, as x86-64 and arm64 store them.
        return [UInt32](unsafeUninitializedCapacity: bytes.count / 4) { words, initialized in
            bytes.withUnsafeBytes { raw in
                for index in 0..<(bytes.count / 4) {
                    words[index] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
                }
            }
            initialized = bytes.count / 4
        }
    }
}

extension StageRecords {
    /// Fingerprints as base64 of little-endian 32-bit words.
    static func base64(_ fingerprints: some Collection<UInt32>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fingerprints.count * 4)
        for value in fingerprints {
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            bytes.append(UInt8(truncatingIfNeeded: value >> 16))
            bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        }
        return Data(bytes).base64EncodedString()
    }

    /// Optional text as base64, `-` for none.
    static func optionalBase64(_ text: String?) -> String {
        text.map { Data($0.utf8).base64EncodedString() } ?? "-"
    }
}
