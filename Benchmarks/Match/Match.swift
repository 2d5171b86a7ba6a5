import Benchmark
import BenchmarkSupport
import Refrain

// match: the verify/cluster/label stages are internal to the library, so they are measured
// through a whole Pipeline run of a small corpus with planted templates (about 1 MB).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration(maxDuration: .seconds(5), maxIterations: 20)

    for jobs in [1, 2] {
        Benchmark("Pipeline.scan 1 MB news corpus, jobs \(jobs)") { benchmark in
            let documents = Fixtures.smallCorpus
            let scanner = Pipeline(configuration: scanConfiguration(jobs: jobs))
            benchmark.startMeasurement()
            measuringText(benchmark, bytes: totalBytes(documents)) {
                blackHole(scanner.scan(documents))
            }
            benchmark.stopMeasurement()
        }
    }
}
