import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ByteClassTests {
    /// The table-free word-byte test agrees with the tokenizer's fold table on every byte.
    @Test func wordBytesAreThoseTheTokenizerFolds() {
        for byte in UInt8.min...UInt8.max {
            let folds = byte < 0x80 && Tokenizer.asciiFold[Int(byte)] != 0
            #expect(ByteClass.isASCIIWordByte(byte) == folds, "byte \(byte)")
        }
    }
}
