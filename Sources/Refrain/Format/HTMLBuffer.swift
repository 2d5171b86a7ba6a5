/// An HTML page being written: markup appended as is, text from documents escaped, flushed
/// to the output in pieces.
///
/// Text is escaped byte by byte, so nothing from a document can end a text run or an
/// attribute: `&`, `<`, `>`, `"` and `'` become character references; control characters
/// (other than tab, line feed and carriage return) become their visible Control Pictures
/// (`␛` for escape); invalid UTF-8 becomes U+FFFD; C1 controls and the bidirectional
/// overrides, which can make text read in another order than it is written, are spelled as
/// the terminal report spells them (`\x9b`, `\u{202E}`), so two names differing only in
/// them still look different.
struct HTMLBuffer {
    /// The bytes not yet handed to `write`.
    private(set) var bytes: [UInt8] = []
    /// Bytes handed over so far, and pending.
    private(set) var written = 0
    /// Receives the page in pieces.
    let write: ([UInt8]) throws -> Void

    /// Pending bytes past which `flushIfFull` hands them over.
    static let flushSize = 1 << 16

    /// Creates an empty page.
    ///
    /// - Parameter write: Receives the bytes when they are flushed.
    init(write: @escaping ([UInt8]) throws -> Void) {
        self.write = write
        bytes.reserveCapacity(Self.flushSize + 4096)
    }

    /// The size of the page so far.
    var count: Int { written + bytes.count }

    /// Appends markup written by Refrain, never text from a document.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends text, escaped.
    mutating func text(_ string: String) {
        var string = string
        string.withUTF8 { buffer in Self.appendEscaped(buffer, to: &bytes) }
    }

    /// Appends an id, source or date, escaped, its controls, line and paragraph separators,
    /// bidi marks and invisible characters shown as the text report shows them (`\t`, `\n`,
    /// `\u{2028}`, `\u{200f}`, `\u{200b}`): in a name, white space or an invisible mark would
    /// make `new⇥line` and `new line`, or `pay\u{200b}pal` and `paypal`, look the same.
    mutating func name(_ string: String) { text(string.terminalSafeName) }

    /// Appends a document's bytes, escaped.
    mutating func text(_ slice: ArraySlice<UInt8>) {
        slice.withUnsafeBufferPointer { buffer in Self.appendEscaped(buffer, to: &bytes) }
    }

    /// Hands the pending bytes over once they pass `flushSize`.
    mutating func flushIfFull() throws {
        if bytes.count >= Self.flushSize { try flush() }
    }

    /// Drops the pending bytes, for a piece written only to be measured.
    mutating func discard() { bytes.removeAll(keepingCapacity: true) }

    /// Hands every pending byte over.
    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        try write(bytes)
        written += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    /// Escapes UTF-8 bytes for HTML text and quoted attribute values.
    ///
    /// - Parameters:
    ///   - input: Bytes, possibly invalid UTF-8.
    ///   - output: Receives valid UTF-8 with no markup character and no control character
    ///     other than tab, line feed and carriage return.
    /// - Complexity: O(*n*) bytes.
    static func appendEscaped(_ input: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                case 0x09, 0x0A, 0x0D: output.append(byte)
                case 0x00..<0x20:
                    // U+2400 + byte: E2 90 80+byte.
                    output.append(contentsOf: [0xE2, 0x90, 0x80 + byte])
                case 0x7F: output.append(contentsOf: [0xE2, 0x90, 0xA1])
                default: output.append(byte)
                }
                index += 1
                continue
            }
            let (length, isValid) = sequence(input, at: index)
            guard isValid else {
                // One replacement per maximal invalid subpart, as decoders and browsers do.
                output.append(contentsOf: replacement)
                index += length
                continue
            }
            let scalar = decode(input, at: index, length: length)
            if (0x80...0x9F).contains(scalar) {
                output.append(contentsOf: Array("\\x\(String(scalar, radix: 16))".utf8))
            } else if (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
                output.append(contentsOf: Array("\\u{\(String(scalar, radix: 16, uppercase: true))}".utf8))
            } else {
                for offset in 0..<length { output.append(input[index + offset]) }
            }
            index += length
        }
    }

    /// The UTF-8 sequence at `index`: its length and whether it is well formed. An
    /// ill-formed one (a stray continuation byte, an overlong form, a surrogate, a value past
    /// U+10FFFF, a truncated sequence) is as long as its maximal subpart: the lead byte and
    /// the continuation bytes that could still have completed it.
    static func sequence(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, isValid: Bool) {
        let needed: Int
        var next: ClosedRange<UInt8> = 0x80...0xBF
        switch input[index] {
        case 0xC2...0xDF: needed = 1
        case 0xE0: (needed, next) = (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: (needed, next) = (2, 0x80...0x9F)
        case 0xF0: (needed, next) = (3, 0x90...0xBF)
        case 0xF1...0xF3: needed = 3
        case 0xF4: (needed, next) = (3, 0x80...0x8F)
        default: return (1, false)
        }
        for offset in 1...needed {
            guard index + offset < input.count, next.contains(input[index + offset]) else { return (offset, false) }
            next = 0x80...0xBF
        }
        return (needed + 1, true)
    }

    /// The scalar value of a well-formed sequence.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> UInt32 {
        let masks: [UInt8] = [0, 0, 0x1F, 0x0F, 0x07]
        var value = UInt32(input[index] & masks[length])
        for offset in 1..<length { value = value << 6 | UInt32(input[index + offset] & 0x3F) }
        return value
    }
}
