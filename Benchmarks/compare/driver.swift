import Foundation
@_spi(Stages) import Refrain

// The hot-path benchmark's loop (Benchmarks/LSH) as a plain program, linked against one
// version of Refrain: compare-hot-path.sh builds it for two commits and alternates them,
// which separates a change from the host's drift (±20% within an hour on shared machines).
//
// Usage: driver hot|sketch [ROUNDS]; prints the best round in ms and MB/s.
var generator = CorpusGenerator(seed: 12)  // Fixtures.smallCorpus: 1 MB of news
let documents = generator.newsCorpus(bytes: 1_000_000)
let bytes = documents.reduce(0) { $0 + $1.bytes.count }
let configuration = Configuration()
let parameters = configuration.lshParameters
var sketcher = Sketcher(
    shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations), parameters: parameters)
let mode = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "hot"
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 300
var best = Double.infinity
var checksum = 0
for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    if mode == "hot" {
        var index = LSHIndex(parameters: parameters, capacity: 16 * documents.count)
        for document in documents {
            let sketch = sketcher.sketch(document.bytes)
            for segment in sketch.segments where !segment.bandKeys.isEmpty {
                index.append(bandKeys: sketch.bandKeys[segment.bandKeys])
            }
        }
        checksum &+= index.candidates(jobs: 1).distinctKeys
    } else {
        for document in documents { checksum &+= sketcher.sketch(document.bytes).segments.count }
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
print(String(format: "%@ best %.2f ms, %.1f MB/s (checksum %d)", mode, best * 1e3, Double(bytes) / best / 1e6, checksum))
