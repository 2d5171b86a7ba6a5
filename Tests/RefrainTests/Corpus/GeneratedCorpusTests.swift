import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Precision and recall of recycled spans, measured against planted truth.
@Suite struct GeneratedCorpusTests {
    static let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2026)
    static let report = Pipeline().scan(corpus.documents)

    @Test func recycledSpansMatchPlantedTemplates() {
        let corpus = Self.corpus
        let report = Self.report
        #expect(corpus.plants.count == GeneratedCorpus.Edit.allCases.count)
        var both = 0
        var predicted = 0
        var truth = 0
        for (index, document) in report.documents.enumerated() {
            let weights = overlapWeights(predicted: document.recycled, truth: corpus.truth[index], in: corpus.documents[index].bytes)
            both += weights.both
            predicted += weights.predicted
            truth += weights.truth
        }
        let precision = Double(both) / Double(max(predicted, 1))
        let recall = Double(both) / Double(max(truth, 1))
        print("generated corpus: precision \(precision), recall \(recall) (\(truth) planted non-space bytes)")
        #expect(precision >= 0.95, "precision \(precision)")
        #expect(recall >= 0.95, "recall \(recall)")
    }

    /// More documents than one verification run (256), so that runs are verified on
    /// several threads and their logs applied as they come: the report must not change.
    @Test func reportDoesNotDependOnJobsAcrossVerificationRuns() {
        let corpus = GeneratedCorpus(documents: 700, templates: 20, seed: 77)
        var configuration = Configuration()
        configuration.jobs = 1
        let single = Pipeline(configuration: configuration).scan(corpus.documents)
        #expect(single.families.count >= 10)
        for jobs in [2, 3] {
            configuration.jobs = jobs
            #expect(Pipeline(configuration: configuration).scan(corpus.documents).json() == single.json(), "jobs \(jobs)")
        }
    }

    /// Each kind of edit is found on its own, so a weak kind cannot hide behind the others.
    @Test(arguments: GeneratedCorpus.Edit.allCases)
    func recallPerEdit(_ edit: GeneratedCorpus.Edit) {
        var both = 0
        var truth = 0
        for (index, document) in Self.report.documents.enumerated() {
            let spans = zip(Self.corpus.truth[index], Self.corpus.edits[index]).filter { $0.1 == edit }.map(\.0)
            let weights = overlapWeights(predicted: document.recycled, truth: spans, in: Self.corpus.documents[index].bytes)
            both += weights.both
            truth += weights.truth
        }
        let recall = Double(both) / Double(max(truth, 1))
        print("generated corpus: recall \(recall) for \(edit) (\(Self.corpus.plants[edit] ?? 0) plants)")
        #expect(truth > 0)
        #expect(recall >= 0.9, "recall \(recall) for \(edit)")
    }
}
