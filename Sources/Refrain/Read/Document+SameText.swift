extension Document {
    /// A text as documents are compared for being the same: without a byte-order mark at
    /// its start, with each CR LF or lone CR as a line feed, without spaces or tabs at the
    /// end of a line, and without white space at its end, which a copy saved by another
    /// editor, or pasted, gains or loses.
    ///
    /// - Parameter bytes: A document's text.
    /// - Returns: The text as compared; `bytes` itself when it has none of these.
    /// - Complexity: O(*n*).
    public static func comparableText(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, ByteClass.isSpace(bytes[end - 1]) { end -= 1 }
        let start = bytes.withUnsafeBufferPointer { Segmenter.hasByteOrderMark($0) } ? 3 : 0
        guard start < end else { return [] }
        let text = bytes[start..<end]
        @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        // Most texts have nothing to drop inside them: no copy.
        let changesInside = text.indices.contains { index in
            text[index] == 0x0D || text[index] == 0x0A && index > text.startIndex && isBlank(text[index - 1])
        }
        guard changesInside else { return start == 0 && end == bytes.count ? bytes : Array(text) }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            guard byte == 0x0D || byte == 0x0A else {
                result.append(byte)
                continue
            }
            while let last = result.last, isBlank(last) { result.removeLast() }
            result.append(0x0A)
            if byte == 0x0D, index < text.endIndex, text[index] == 0x0A { index += 1 }
        }
        return result
    }
}
