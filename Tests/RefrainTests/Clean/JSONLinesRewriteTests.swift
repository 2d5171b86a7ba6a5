import Testing

@_spi(CommandLine) @testable import Refrain

@Suite struct JSONLinesRewriteTests {
    /// Every line numbered and replaced alike whether the file comes whole or in pieces of
    /// any size: lines and byte-order marks split across pieces included.
    @Test func piecesGiveTheSameOutputAsTheWholeFile() throws {
        let files: [[UInt8]] = [
            [], Array("a".utf8), Array("a\n".utf8), Array("a\n\nb\r\n{\"x\":1}".utf8), [0xEF, 0xBB, 0xBF],
            [0xEF, 0xBB], [0xEF, 0xBB, 0xBF] + Array("one\ntwo\n".utf8), Array("\n\n\n".utf8),
            Array(String(repeating: "line of words\n", count: 40).utf8) + Array("last".utf8),
        ]
        func replacement(_ line: Int, _ bytes: ArraySlice<UInt8>) -> [UInt8]? {
            line % 2 == 0 ? Array("<\(line):\(bytes.count)>".utf8) : nil
        }
        var generator = SystemRandomNumberGenerator()
        for file in files {
            var whole: [UInt8] = []
            try JSONLinesRewrite.rewrite(file, replacement: replacement) { whole += $0 }
            for size in [1, 2, 3, 4, 7, 64] {
                var pieces = stride(from: 0, to: file.count, by: size).map { Array(file[$0..<min(file.count, $0 + size)]) }[...]
                if Bool.random(using: &generator) { pieces = ([[]] + pieces)[...] }  // an empty piece changes nothing
                var output: [UInt8] = []
                try JSONLinesRewrite.rewrite(pieces: { pieces.popFirst() }, replacement: replacement) { output += $0 }
                #expect(output == whole, "\(file) in pieces of \(size)")
            }
        }
        var numbered: [UInt8] = []
        try JSONLinesRewrite.rewrite([0xEF, 0xBB, 0xBF] + Array("a\nb\nc".utf8), replacement: replacement) { numbered += $0 }
        #expect(numbered == [0xEF, 0xBB, 0xBF] + Array("a\n<2:1>\nc".utf8))
    }
}
