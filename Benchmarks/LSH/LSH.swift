import Benchmark
import BenchmarkSupport
@_spi(Stages) import Refrain

// index: LSH banding; every segment (paragraph or sentence) is filed once, then each band
// finds its first occupants.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration()

    Benchmark("LSH file+candidates, segments of 1 MB") { benchmark in
        let documents = Fixtures.smallCorpus
        let configuration = Configuration()
        let parameters = configuration.lshParameters
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations), parameters: parameters)
        var keys: [ArraySlice<UInt32>] = []
        for document in documents {
            let sketch = sketcher.sketch(document.bytes)
            for segment in sketch.segments where !segment.bandKeys.isEmpty { keys.append(sketch.bandKeys[segment.bandKeys]) }
        }
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: totalBytes(documents)) {
            var index = LSHIndex(parameters: parameters, capacity: keys.count)
            for segmentKeys in keys { index.append(bandKeys: segmentKeys) }
            blackHole(index.candidates(jobs: 1).distinctKeys)
        }
        benchmark.stopMeasurement()
    }

    // DESIGN.md's hot-path budget: tokenize → shingle → MinHash → LSH insert, ≥ 100 MB/s per core.
    Benchmark("Hot path 1 MB (sketch → LSH file+candidates), one core") { benchmark in
        let documents = Fixtures.smallCorpus
        let configuration = Configuration()
        let parameters = configuration.lshParameters
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations), parameters: parameters)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: totalBytes(documents)) {
            var index = LSHIndex(parameters: parameters, capacity: 16 * documents.count)
            for document in documents {
                let sketch = sketcher.sketch(document.bytes)
                for segment in sketch.segments where !segment.bandKeys.isEmpty {
                    index.append(bandKeys: sketch.bandKeys[segment.bandKeys])
                }
            }
            blackHole(index.candidates(jobs: 1).distinctKeys)
        }
        benchmark.stopMeasurement()
    }
}
