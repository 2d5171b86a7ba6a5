import Benchmark
import BenchmarkSupport
import Foundation
import Refrain

// Near-linear scaling: one template paragraph shared by N documents (plus one unique
// paragraph each). "µs per document" stays flat when the work is linear in N; it would grow
// with N if the matcher enumerated all pairs of the template's LSH bucket.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = refrainConfiguration(
        extra: [microsecondsPerDocument, textBytesPerSecond, .peakMemoryResident], warmupIterations: 1,
        maxDuration: .seconds(10), maxIterations: 5)

    for count in [2_000, 10_000, 20_000] {
        Benchmark("One template in \(count) documents, jobs 1") { benchmark in
            let documents = Fixtures.oneTemplate(count)
            let scanner = Pipeline(configuration: scanConfiguration(jobs: 1))
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            measuringText(benchmark, bytes: totalBytes(documents)) {
                let report = scanner.scan(documents)
                precondition(report.families.first?.documents == count, "the template was not found in every document")
                blackHole(report)
            }
            let elapsed = seconds(start.duration(to: clock.now))
            benchmark.stopMeasurement()
            benchmark.measurement(microsecondsPerDocument, Int((elapsed * 1e6 / Double(count)).rounded()))
        }
    }
}
