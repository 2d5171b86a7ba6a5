import Benchmark
import BenchmarkSupport
import Refrain

// index: LSH banding; every segment (paragraph or sentence) is looked up and filed once.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration()

    Benchmark("LSH query+insert, segments of 1 MB") { benchmark in
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
            var candidates: [UInt32] = []
            var found = 0
            for (id, segmentKeys) in keys.enumerated() {
                candidates.removeAll(keepingCapacity: true)
                index.queryAndInsert(bandKeys: segmentKeys, id: UInt32(id), candidates: &candidates)
                found &+= candidates.count
            }
            blackHole(found)
        }
        benchmark.stopMeasurement()
    }

    // DESIGN.md's hot-path budget: tokenize → shingle → MinHash → LSH insert, ≥ 100 MB/s per core.
    Benchmark("Hot path 1 MB (sketch → LSH query+insert), one core") { benchmark in
        let documents = Fixtures.smallCorpus
        let configuration = Configuration()
        let parameters = configuration.lshParameters
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations), parameters: parameters)
        benchmark.startMeasurement()
        measuringText(benchmark, bytes: totalBytes(documents)) {
            var index = LSHIndex(parameters: parameters, capacity: 16 * documents.count)
            var candidates: [UInt32] = []
            var id: UInt32 = 0
            for document in documents {
                let sketch = sketcher.sketch(document.bytes)
                for segment in sketch.segments where !segment.bandKeys.isEmpty {
                    candidates.removeAll(keepingCapacity: true)
                    index.queryAndInsert(bandKeys: sketch.bandKeys[segment.bandKeys], id: id, candidates: &candidates)
                    id += 1
                }
            }
        }
        benchmark.stopMeasurement()
    }
}
