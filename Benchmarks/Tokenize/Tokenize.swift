import Benchmark
import BenchmarkSupport
@_spi(Stages) import Refrain

// tokenize: case-folded words hashed with XXH3-64, paragraph by paragraph.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration()

    Benchmark("Tokenize 1 MB") { benchmark in
        let text = Fixtures.text
        let paragraphs = paragraphRanges(text)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: text.count) {
            text.withUnsafeBufferPointer { buffer in
                var checksum: UInt64 = 0
                for range in paragraphs {
                    Tokenizer.forEachToken(in: buffer, range: range) { hash, _, _ in checksum &+= hash }
                }
                blackHole(checksum)
            }
        }
        benchmark.stopMeasurement()
    }
}
