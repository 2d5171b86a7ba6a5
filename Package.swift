// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Refrain",
    products: [
        .library(name: "Refrain", targets: ["Refrain"]),
        .executable(name: "refrain", targets: ["refrain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libxxhash through pkg-config; shim.h inlines XXH3 (XXH_INLINE_ALL).
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // zlib, for gzip-compressed input; a dependency of the Swift toolchain on Linux.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The C kernels of the hot path (tokenizer, byte scans, MinHash, sort, tables), one header
        // per concern; SIMD paths are chosen at run time where the CPU may lack them.
        .target(name: "CRefrainKernels"),
        .target(
            name: "Refrain",
            dependencies: ["CXXHash", "CZlib", "CRefrainKernels"]
        ),
        .executableTarget(
            name: "refrain",
            dependencies: [
                "Refrain",
                "CRefrainKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The documentation's `import Refrain` example, built and run by the tests: it may use
        // only the public API.
        .executableTarget(
            name: "refrain-example",
            dependencies: ["Refrain"],
            path: "Examples/RecycledShare"
        ),
        .testTarget(
            name: "RefrainTests",
            dependencies: ["Refrain", .product(name: "PropertyBased", package: "swift-property-based")],
            // Read from disk by path, like the samples.
            exclude: ["FuzzRegressions", "Golden"]
        ),
    ]
)
