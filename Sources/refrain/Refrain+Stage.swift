import ArgumentParser
import Foundation
@_spi(Stages) @_spi(CommandLine) import Refrain

extension RefrainCommand {
    /// `refrain stage …`: the scan's stages as filters of records, for a distributed run.
    struct Stage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one stage of the scan on records (standard input to standard output), for a distributed run.",
            discussion: """
                Each stage reads the records the one before writes, a line each with tab-separated \
                fields, so that a cluster can run it on a partition of the corpus and shuffle \
                between stages: read → sketch → (group by exact hash and band key) → verify → \
                runs → (connected components, shared runs) → compact → label → ids → families. Distributed/spark/README.md documents the \
                records and runs the whole scan as an Apache Spark job whose report equals \
                refrain scan --format jsonl.

                Examples:
                  refrain stage read samples > documents.tsv
                  refrain stage sketch < documents.tsv > sketches.tsv
                """,
            subcommands: [Read.self, Sketch.self, Verify.self, Runs.self, Compact.self, Label.self, IDs.self, Families.self])
    }
}

/// The options of the scan that the stages after reading need; give every stage the same.
struct StageOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Shingle length in words.")
    var shingle: Int = 5

    @Option(parsing: .unconditional, help: "Similarity from which two segments are near-copies: 0.01 to 1, at most 4 decimals.")
    var threshold: Double = 0.8

    @Option(parsing: .unconditional, help: "Documents a text must appear in to count as recycled.")
    var minDocuments: Int = 2

    @Option(parsing: .unconditional, help: "MinHash permutations: a multiple of 8.")
    var permutations: Int = 128

    var configuration: Configuration {
        var configuration = Configuration()
        configuration.shingle = shingle
        configuration.threshold = threshold
        configuration.minDocuments = minDocuments
        configuration.permutations = permutations
        configuration.jobs = 1
        return configuration
    }

    func validate() throws {
        if let problem = configuration.problems.first { throw ValidationError(problem) }
    }
}

/// Runs a stage on standard input and output, reporting a malformed record or input cut
/// short on standard error with exit 65, and input that cannot be read with exit 74.
private func runStage(_ stage: String, _ body: (inout LineReader, inout LineWriter) throws(StageRecordError) -> Void) throws {
    var input = LineReader()
    var failure: StageRecordError?
    do throws(StageRecordError) {
        var output = LineWriter()
        try body(&input, &output)
    } catch {
        failure = error
    }
    // A record left incomplete by the cut is reported as the cut, its cause.
    switch input.problem {
    case .cutShort(let line): failure = .cutShort(stage: stage, number: line)
    case .unreadable(let code):
        note("refrain: \(StageRecordError.unreadable(stage: stage, reason: String(cString: strerror(code))))")
        throw ExitCode(74)
    case nil: break
    }
    if let failure {
        note("refrain: \(String(describing: failure).terminalSafe)")
        throw ExitCode(65)
    }
}

extension RefrainCommand.Stage {
    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a corpus as refrain scan does and write one document record per line, in corpus order.")

        @Argument(help: "Folders, .txt or .jsonl files, or - for standard input, as for refrain scan.")
        var paths: [String]

        @OptionGroup var options: CorpusOptions

        func validate() throws { try CorpusOptions.validate(paths: paths) }

        func run() throws {
            try runReportingErrors {
                let corpus = try options.readCorpus(paths)
                let output = LineWriter()
                for (index, document) in corpus.documents.enumerated() {
                    output.write(DocumentRecord(index: index, document: document).line)
                    output.write("\n")
                }
                output.flush()
                try options.finish(corpus)
            }
        }
    }

    struct Sketch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Sketch document records: a segment table (T) per document, an exact-hash and band-key record (X) per segment, short-sentence keys (Y)."
        )

        @OptionGroup var options: StageOptions

        func run() throws {
            try runStage("sketch") { (input, output) throws(StageRecordError) in
                try SketchStage.run(configuration: options.configuration, input: &input, output: &output)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify each document block's LSH candidates: verified pairs (U), similarities (M), coverage runs (C).")

        @OptionGroup var options: StageOptions

        func run() throws {
            try runStage("verify") { (input, output) throws(StageRecordError) in
                try VerifyStage.run(configuration: options.configuration, input: &input, output: &output)
            }
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the 8-word runs of the segments named (K), to find the runs shared by two documents.")

        @OptionGroup var options: StageOptions

        func run() throws {
            try runStage("runs") { (input, output) throws(StageRecordError) in
                try RunsStage.run(configuration: options.configuration, input: &input, output: &output)
            }
        }
    }

    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge each segment's coverage runs, given in the order they were found.")

        func run() throws {
            try runStage("compact") { (input, output) throws(StageRecordError) in
                try CompactStage.run(input: &input, output: &output)
            }
        }
    }

    struct Label: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Label each document block: its refrain scan --format jsonl record (D), and family texts (F).")

        @OptionGroup var options: StageOptions

        func run() throws {
            try runStage("label") { (input, output) throws(StageRecordError) in
                try LabelStage.run(configuration: options.configuration, input: &input, output: &output)
            }
        }
    }

    struct IDs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ids",
            abstract: "Give every family (number, first copy, text) the stable id refrain scan gives it.")

        func run() throws {
            try runStage("ids") { (input, output) throws(StageRecordError) in
                try IDsStage.run(input: &input, output: &output)
            }
        }
    }

    struct Families: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "families",
            abstract: "Write every family (stable id, documents, text, copies) as refrain scan --format jsonl writes it.")

        func run() throws {
            try runStage("families") { (input, output) throws(StageRecordError) in
                try FamiliesStage.run(input: &input, output: &output)
            }
        }
    }
}
