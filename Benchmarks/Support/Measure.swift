import Benchmark
import Foundation
@_spi(Stages) import Refrain

/// Text throughput in bytes of input text per second, measured around the work itself; the
/// benchmark table scales it, so its "(M)" column reads as MB/s (10⁶ bytes).
/// package-benchmark's `throughput` is iterations per second rounded to an integer, which
/// says little when one iteration takes seconds; this metric does not.
public let textBytesPerSecond = BenchmarkMetric.custom("text bytes/s", polarity: .prefersLarger, useScalingFactor: false)

/// Wall time per document in microseconds, for the scaling benchmark: it stays flat when
/// the work grows linearly with the number of documents.
public let microsecondsPerDocument = BenchmarkMetric.custom("µs per document", polarity: .prefersSmaller, useScalingFactor: false)

/// The metrics every Refrain benchmark reports (no ARC metrics), plus `extra`.
///
/// `instructions` needs hardware performance counters; on machines without them
/// (most VMs) it reads 0.
public func refrainConfiguration(
    extra: [BenchmarkMetric] = [textBytesPerSecond], warmupIterations: Int = 1,
    maxDuration: Duration = .seconds(2), maxIterations: Int = 100
) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions] + extra,
        warmupIterations: warmupIterations, maxDuration: maxDuration, maxIterations: maxIterations)
}

/// Runs `body` once and records its text throughput for `bytes` bytes of input.
@inline(never)
public func measuringText(_ benchmark: Benchmark, bytes: Int, _ body: () -> Void) {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let seconds = seconds(start.duration(to: clock.now))
    benchmark.measurement(textBytesPerSecond, Int((Double(bytes) / seconds).rounded()))
}

/// A duration in seconds.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// A configuration with default parameters and a given number of worker threads.
public func scanConfiguration(jobs: Int) -> Configuration {
    var configuration = Configuration()
    configuration.jobs = jobs
    return configuration
}

/// Tokens of each paragraph of a text, flat, with each paragraph's range in the flat array.
public struct TokenizedText: Sendable {
    public var hashes: [UInt64] = []
    public var paragraphs: [Range<Int>] = []
    public let bytes: Int

    public init(_ text: [UInt8]) {
        bytes = text.count
        for range in paragraphRanges(text) {
            let start = hashes.count
            text.withUnsafeBufferPointer { buffer in
                Tokenizer.forEachToken(in: buffer, range: range) { hash, _, _ in hashes.append(hash) }
            }
            paragraphs.append(start..<hashes.count)
        }
    }
}

/// Shingle fingerprints of each paragraph of a text, flat, with each paragraph's range.
public struct ShingledText: Sendable {
    public var fingerprints: [UInt32] = []
    public var paragraphs: [Range<Int>] = []
    public let bytes: Int

    public init(_ tokens: TokenizedText, k: Int = 5) {
        bytes = tokens.bytes
        tokens.hashes.withUnsafeBufferPointer { all in
            for range in tokens.paragraphs {
                let start = fingerprints.count
                Shingler.appendFingerprints(of: UnsafeBufferPointer(rebasing: all[range]), k: k, to: &fingerprints)
                paragraphs.append(start..<fingerprints.count)
            }
        }
    }
}

/// Fixed inputs, generated once per process on first use (global `let`s are lazy).
public enum Fixtures {
    /// About 1 MB (10⁶ bytes) of unique news-like paragraphs.
    public static let text: [UInt8] = {
        var generator = CorpusGenerator(seed: 11)
        return generator.text(bytes: 1_000_000)
    }()
    public static let tokens = TokenizedText(text)
    public static let shingles = ShingledText(tokens)

    /// About 1 MB of news articles with planted templates.
    public static let smallCorpus: [Document] = {
        var generator = CorpusGenerator(seed: 12)
        return generator.newsCorpus(bytes: 1_000_000)
    }()

    /// About 4 MB of news articles with planted templates.
    public static let corpus: [Document] = {
        var generator = CorpusGenerator(seed: 13)
        return generator.newsCorpus(bytes: 4_000_000)
    }()

    /// `count` documents sharing one template paragraph.
    public static func oneTemplate(_ count: Int) -> [Document] {
        var generator = CorpusGenerator(seed: 14)
        return generator.oneTemplateCorpus(documents: count, uniqueParagraphs: 1)
    }
}
