import CRefrainKernels
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The SSE2 scans of `scan.c` against their one-byte-at-a-time definitions.
@Suite struct ScanKernelTests {
    func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        // Mostly letters and spaces, like text, with every other byte value now and then.
        let common =
            Array("abc xyz\n.!?;\"\\".utf8) + [0xE2, 0xE3, 0xE0, 0xE1, 0xDF, 0xCD, 0xD6, 0xD8, 0xDB, 0x09, 0x0D, 0x0C, 0x1F, 0x7F, 0x80]
        return (0..<count).map { _ in
            Bool.random(using: &generator) ? common.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
        }
    }

    /// Long buffers: the per-lane counts are folded every 255 blocks of 16 bytes.
    @Test func countsNonSpaceInLongBuffers() {
        var generator = SeededGenerator(seed: 3)
        for count in [4080, 4096, 4111, 20_000] {
            let bytes = randomBytes(count, using: &generator)
            let nonSpace = bytes.filter { !($0 == 0x20 || (0x09...0x0D).contains($0)) }.count
            #expect(bytes.withUnsafeBufferPointer { refrain_count_non_space($0.baseAddress, $0.count) } == nonSpace)
        }
        let spaces = [UInt8](repeating: 0x20, count: 10_000)
        #expect(spaces.withUnsafeBufferPointer { refrain_count_non_space($0.baseAddress, $0.count) } == 0)
    }

    @Test func findsTheSameBytesAsTheScalarDefinitions() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = randomBytes(Int.random(in: 1..<200, using: &generator), using: &generator)
            let from = Int.random(in: 0..<bytes.count, using: &generator)
            let to = Int.random(in: from...bytes.count, using: &generator)
            bytes.withUnsafeBufferPointer { buffer in
                if from < to {
                    // 64 bytes from `from` by SSE2 where 64 are readable, else one by one.
                    let sentence = (from..<min(to, from + 64)).reduce(UInt64(0)) { mask, index in
                        let byte = buffer[index]
                        let ends =
                            byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ".")
                            || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ";") || byte >= 0xE0 || byte == 0xCD || byte == 0xD6
                            || byte == 0xD8 || byte == 0xDB
                        return ends ? mask | 1 << UInt64(index - from) : mask
                    }
                    #expect(refrain_sentence_mask(buffer.baseAddress, from, to, buffer.count) == sentence)
                }
                let line = (from..<to).first { buffer[$0] == 0x0A || buffer[$0] == 0x0D } ?? to
                #expect(refrain_find_line_break(buffer.baseAddress, from, to) == line)
                #expect(refrain_find_json_special(buffer.baseAddress, from, to) == jsonSpecial(buffer, from, to))
                let nonSpace = buffer[from..<to].filter { !ByteClass.isSpace($0) }.count
                #expect(refrain_count_non_space(buffer.baseAddress! + from, to - from) == nonSpace)
            }
        }
    }

    /// Where a JSON string reader must look, by its definition: a quote, a backslash, a
    /// control byte, or a byte that starts no well-formed character before `to`
    /// (`ByteClass.decodeScalar`'s rules); well-formed characters are passed over.
    func jsonSpecial(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var index = from
        while index < to {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            if byte >= 0x80 {
                guard let (_, width) = ByteClass.decodeScalar(buffer, at: index, end: to) else { return index }
                index += width
            } else {
                index += 1
            }
        }
        return to
    }

    /// Text in other scripts, cut anywhere: the JSON scan passes over its well-formed
    /// characters and stops at a broken one (a Cyrillic scan spent a quarter of its time
    /// returning to Swift for each character).
    @Test func jsonScanPassesOverWellFormedCharacters() {
        var generator = SeededGenerator(seed: 12)
        let pieces: [[UInt8]] =
            ["Москва", "新闻", "😀", "é", "हिन्दी", "한국", " ", "a", "\"", "\\", "\n", "abcdefghijklmnopq"].map { Array($0.utf8) }
            + [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xD0], [0xE4, 0xB8], [0x01]]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let from = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            let to = Int.random(in: from...bytes.count, using: &generator)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(refrain_find_json_special(buffer.baseAddress, from, to) == jsonSpecial(buffer, from, to), "\(bytes) \(from) \(to)")
            }
        }
    }

    /// The Unicode separators are found where the scalar definition finds them, also when a
    /// sequence is cut by the end or lies across a 16-byte block.
    @Test func findsUnicodeLineAndParagraphSeparators() {
        var generator = SeededGenerator(seed: 11)
        let pieces: [[UInt8]] = [
            [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0x9C], [0xE2, 0x80, 0xAA], [0xE2, 0x81, 0xA9], [0xC3, 0xA9],
            [0xC2, 0xA0], [0xE2, 0x80], [0xC2],
        ]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            while bytes.count < Int.random(in: 1..<80, using: &generator) {
                bytes +=
                    Bool.random(using: &generator)
                    ? pieces.randomElement(using: &generator)!
                    : Array("words and spaces ".utf8.prefix(Int.random(in: 1...17, using: &generator)))
            }
            let from = Int.random(in: 0...bytes.count, using: &generator)
            let expected =
                (from..<bytes.count).first { index in
                    (bytes[index] == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0x85)
                        || (bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9))
                } ?? bytes.count
            #expect(bytes.withUnsafeBufferPointer { refrain_find_unicode_break($0.baseAddress, from, bytes.count) } == expected, "\(bytes)")
        }
    }

    /// Invalid UTF-8 is found exactly where Swift's own validation finds it, past the
    /// 16-byte ASCII runs too; each byte of a bad sequence counts once.
    @Test func countsBytesThatAreNotUTF8() {
        func count(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBufferPointer { refrain_count_invalid_utf8($0.baseAddress, $0.count) } }
        #expect(count(Array("Café naïve résumé — 😀, ASCII past sixteen bytes.".utf8)) == 0)
        #expect(count([]) == 0)
        #expect(count([0x43, 0x61, 0x66, 0xE9]) == 1)  // Latin-1 é
        #expect(count([0xC0, 0x80]) == 2)  // overlong
        #expect(count([0xED, 0xA0, 0x80]) == 3)  // a surrogate
        #expect(count([0xF4, 0x90, 0x80, 0x80]) == 4)  // past U+10FFFF
        #expect(count(Array("sixteen ASCII bytes".utf8) + [0xE2, 0x82]) == 2)  // cut short at the end
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            var bytes = Array(
                String(
                    (0..<Int.random(in: 0..<60, using: &generator)).map { _ in
                        Character(Unicode.Scalar([0x41, 0xE9, 0x20AC, 0x1F600, 0x20][Int.random(in: 0..<5, using: &generator)])!)
                    }
                ).utf8)
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            #expect((count(bytes) == 0) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
