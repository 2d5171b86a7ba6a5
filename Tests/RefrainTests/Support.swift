import Foundation

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The repository's `samples/` folder, found from this file's path (one copy of the samples, no fixtures).
let samplesFolder: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path
}()

/// The samples read as a corpus, and their scan report with default settings.
let sampleCorpus: Corpus = try! Corpus.read([samplesFolder])
let sampleReport: ScanReport = Pipeline().scan(sampleCorpus.documents)

/// A small deterministic PRNG (the library's SplitMix64) so generated corpora are the same
/// on every run.
typealias SeededGenerator = SplitMix64

extension ScanReport {
    /// The document with `id`.
    func document(_ id: String) -> DocumentReport? { documents.first { $0.id == id } }
}

extension DocumentReport {
    /// The paragraph whose text starts with `prefix`.
    func paragraph(startingWith prefix: String, in corpus: Corpus) -> ParagraphReport? {
        let bytes = corpus.documents[index].bytes
        return paragraphs.first { String(decoding: bytes[$0.span.range], as: UTF8.self).hasPrefix(prefix) }
    }
}

/// Non-space bytes covered by both span lists, and by each.
func overlapWeights(predicted: [ByteRange], truth: [ByteRange], in bytes: [UInt8]) -> (both: Int, predicted: Int, truth: Int) {
    var inPredicted = [Bool](repeating: false, count: bytes.count)
    var inTruth = inPredicted
    for span in predicted { for index in span.range { inPredicted[index] = true } }
    for span in truth { for index in span.range { inTruth[index] = true } }
    var both = 0
    var p = 0
    var t = 0
    for index in bytes.indices where !(bytes[index] == 0x20 || (bytes[index] >= 0x09 && bytes[index] <= 0x0D)) {
        if inPredicted[index] { p += 1 }
        if inTruth[index] { t += 1 }
        if inPredicted[index] && inTruth[index] { both += 1 }
    }
    return (both, p, t)
}
