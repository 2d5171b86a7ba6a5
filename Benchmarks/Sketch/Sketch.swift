import Benchmark
import BenchmarkSupport
@_spi(Stages) import Refrain

// sketch: MinHash with 128 permutations over each paragraph's shingle fingerprints; and the
// whole per-document sketch stage (segment → tokenize → shingle → MinHash → band keys).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration()

    Benchmark("MinHash 128 permutations, 1 MB") { benchmark in
        let shingles = Fixtures.shingles
        let minHash = MinHash(permutations: 128)
        var sketch = [SIMD8<UInt16>](repeating: .zero, count: 128 / 8)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: shingles.bytes) {
            shingles.fingerprints.withUnsafeBufferPointer { all in
                sketch.withUnsafeMutableBufferPointer { out in
                    for range in shingles.paragraphs {
                        minHash.sketch(UnsafeBufferPointer(rebasing: all[range]), into: out)
                    }
                }
            }
        }
        benchmark.stopMeasurement()
        blackHole(sketch)
    }

    Benchmark("Sketcher 1 MB (segment+tokenize+shingle+MinHash+band keys)") { benchmark in
        let documents = Fixtures.smallCorpus
        let configuration = Configuration()
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: totalBytes(documents)) {
            for document in documents { blackHole(sketcher.sketch(document.bytes)) }
        }
        benchmark.stopMeasurement()
    }
}
