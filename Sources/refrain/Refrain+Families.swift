import ArgumentParser
@_spi(CommandLine) import Refrain

extension RefrainCommand {
    struct Families: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the template families of a corpus, largest first.",
            discussion: """
                For each family: its id, how many documents and copies hold it, its \
                representative text (the most common variant), the other variants with their \
                word differences from it, the documents that carry it, and, when the input is \
                JSON Lines with "source" and "date", which sources and the first and last date.

                Examples:
                  refrain families samples
                  refrain families feed.jsonl --format json --output families.json
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

        @Argument(help: CorpusOptions.pathsHelp)
        var paths: [String]

        @Option(help: "Output format: text, json or csv (the family table, as scan --format csv --table families writes it).")
        var format: Format = .text

        @Option(parsing: .unconditional, help: "Variants shown per family in text output.")
        var variants: Int = 3

        @Option(parsing: .unconditional, help: "Name N documents per family in text output (default: 8); the rest are counted.")
        var top: Int?

        @Flag(help: "Name every document of each family in text output.")
        var all = false

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (- is standard output).")
        var output: String?

        @OptionGroup var display: DisplayOptions
        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
            try validateOutputPath(output)
            try validateListing(top: top, all: all)
            if variants < 0 { throw ValidationError("--variants must be 0 or more (got \(variants)).") }
        }

        func run() throws {
            try runReportingErrors {
                try refuseOutputBeforeReading(output, inputs: paths)
                let corpus = try options.readCorpus(paths, textBudget: Corpus.textBudget)
                let report = options.scan(corpus)
                let jobs = options.configuration.jobs
                switch format {
                case .text:
                    // Only the variants shown are compared: each reads its document again.
                    let listing = FamilyListing(
                        report: report, documents: corpus.documents, variantsCompared: variants, jobs: jobs)
                    let styler = display.styler(writingToFile: outputFile(output) != nil)
                    try emit(
                        listing.render(
                            width: display.lineWidth, maxVariants: variants, maxDocuments: all ? Int.max : top ?? 8, styler: styler) + "\n",
                        to: output, inputs: paths)
                case .json:
                    let listing = FamilyListing(report: report, documents: corpus.documents, jobs: jobs)
                    try emit(listing.json(documents: corpus.documents), to: output, inputs: paths)
                case .csv:
                    try emit(
                        csvForDestination(report.csv(.families, documents: corpus.documents), output: output), to: output, inputs: paths)
                }
                try options.finish(corpus)
            }
        }
    }
}
