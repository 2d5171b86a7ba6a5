import Benchmark
import BenchmarkSupport
import Refrain

// A whole scan of a generated corpus (about 4 MB, generated in-process): Pipeline.scan, then
// the JSON report, as `refrain scan --format json` does after reading its input.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration(
        extra: [textBytesPerSecond, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 10)

    for jobs in [1, 2] {
        Benchmark("Scan + JSON report, 4 MB news corpus, jobs \(jobs)") { benchmark in
            let documents = Fixtures.corpus
            let scanner = Pipeline(configuration: scanConfiguration(jobs: jobs))
            benchmark.startMeasurement()
            measuringText(benchmark, bytes: totalBytes(documents)) {
                blackHole(scanner.scan(documents).json())
            }
            benchmark.stopMeasurement()
        }
    }
}
