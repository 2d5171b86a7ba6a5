import Benchmark
import BenchmarkSupport
@_spi(Stages) import Refrain

// shingle: 5-word shingle fingerprints combined from the token hashes (no re-hashing of bytes).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration()

    Benchmark("Shingle 1 MB (k = 5)") { benchmark in
        let tokens = Fixtures.tokens
        var fingerprints: [UInt32] = []
        fingerprints.reserveCapacity(tokens.hashes.count)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: tokens.bytes) {
            tokens.hashes.withUnsafeBufferPointer { all in
                for range in tokens.paragraphs {
                    Shingler.appendFingerprints(of: UnsafeBufferPointer(rebasing: all[range]), k: 5, to: &fingerprints)
                }
            }
        }
        benchmark.stopMeasurement()
        blackHole(fingerprints)
    }
}
