import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Precision and recall on the generated corpus with the phenomena of issue 19 planted.
@Suite struct GeneratedCorpusPhenomenaTests {
    /// Prints each phenomenon's share of planted bytes marked recycled (for short lines, of
    /// decoy bytes, which should be 0) and the overall scores.
    static func measure(_ corpus: GeneratedCorpus, _ report: ScanReport, phenomena: [GeneratedCorpus.Phenomenon]) -> (
        precision: Double, recall: Double, shares: [GeneratedCorpus.Phenomenon: Double]
    ) {
        var shares: [GeneratedCorpus.Phenomenon: Double] = [:]
        for phenomenon in phenomena {
            let (marked, planted) = corpus.weights(of: phenomenon, in: report)
            shares[phenomenon] = Double(marked) / Double(max(planted, 1))
            print("phenomena: \(phenomenon): \(marked) of \(planted) planted non-space bytes marked recycled")
        }
        let (precision, recall) = corpus.precisionAndRecall(of: report)
        print("phenomena \(phenomena): precision \(precision), recall \(recall)")
        return (precision, recall, shares)
    }

    /// Edited single sentences and variant clauses shared by a few documents: both found,
    /// byte for byte, with nothing else marked.
    @Test func editedSentencesAndVariantClauses() {
        let phenomena: [GeneratedCorpus.Phenomenon] = [.sentenceEdits, .variantClauses]
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2026, phenomena: phenomena)
        let (precision, recall, shares) = Self.measure(corpus, Pipeline().scan(corpus.documents), phenomena: phenomena)
        #expect(precision >= 0.99, "precision \(precision)")
        #expect(recall >= 0.99, "recall \(recall)")
        for phenomenon in phenomena { #expect(shares[phenomenon]! >= 0.99, "\(phenomenon)") }
    }

    /// Every phenomenon at once, hard-wrapped paragraphs, copies in other Unicode forms
    /// and coincidental short lines too (short lines in two documents are no evidence:
    /// issue 19, item 4).
    @Test func allPhenomena() {
        let phenomena = GeneratedCorpus.Phenomenon.allCases
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: phenomena)
        let (precision, recall, shares) = Self.measure(corpus, Pipeline().scan(corpus.documents), phenomena: phenomena)
        #expect(shares[.sentenceEdits]! >= 0.99)
        #expect(shares[.variantClauses]! >= 0.99)
        #expect(shares[.wrapped]! >= 0.99)
        #expect(shares[.unicodeForms]! >= 0.99)
        #expect(shares[.shortLines]! == 0, "short lines marked")
        #expect(precision >= 0.99, "precision \(precision)")
        #expect(recall >= 0.99, "recall \(recall)")
    }
}
