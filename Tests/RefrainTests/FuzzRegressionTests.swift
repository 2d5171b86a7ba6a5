import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Inputs from fuzzing (Fuzz/README.md) and hand-made edge cases, scanned the way
/// Fuzz/FuzzRefrain.swift scans them.
///
/// Each file in `FuzzRegressions/` is read as standard input (one document, or JSON Lines
/// when it starts with `{`), and cut into documents at 0x1E bytes with the whole input
/// added once more; every report must keep the span invariants of `Robust.violations`.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }()

    @Test func theRegressionFolderIsNotEmpty() {
        #expect(Self.inputs.count >= 4)
    }

    @Test(arguments: inputs)
    func scanningAFuzzInputKeepsEveryInvariant(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        for shingle in [1, 5] {
            var configuration = Configuration()
            configuration.shingle = shingle
            configuration.permutations = 32
            configuration.jobs = 1
            let scanner = Pipeline(configuration: configuration)

            let corpus = try Corpus.read(["-"], standardInput: { bytes })
            let report = scanner.scan(corpus.documents)
            #expect(Robust.violations(of: report, documents: corpus.documents).isEmpty, "\(name)")
            _ = report.json()
            _ = report.summaryText()

            var documents = bytes.split(separator: 0x1E, omittingEmptySubsequences: false).enumerated().map {
                Document(id: "part\($0.offset)", bytes: Array($0.element))
            }
            documents.append(Document(id: "whole", bytes: bytes))
            let parts = scanner.scan(documents)
            #expect(Robust.violations(of: parts, documents: documents).isEmpty, "\(name)")
            _ = parts.json()
        }
    }
}
