// swift-tools-version: 6.1
// Benchmarks for Refrain (package-benchmark). A separate package so the library itself
// does not depend on the benchmark tooling. Run from the repository root:
//   swift package --package-path Benchmarks --scratch-path Benchmarks/.build benchmark
import PackageDescription

let benchmarkNames = ["Tokenize", "Shingle", "Sketch", "LSH", "Match", "Scan", "Scaling"]

let package = Package(
    name: "RefrainBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Refrain", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic in-process corpus generator shared by the benchmarks.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Refrain", package: "Refrain"),
            ],
            path: "Support"
        )
    ]
        + benchmarkNames.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    .product(name: "Benchmark", package: "benchmark"),
                    .product(name: "Refrain", package: "Refrain"),
                    "BenchmarkSupport",
                ],
                path: name,
                plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
            )
        }
)
