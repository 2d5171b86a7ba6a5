import ArgumentParser
import Foundation
import Refrain

extension RefrainCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report recycled text per document and the template families of a corpus.",
            discussion: """
                Prints a summary on a terminal: the corpus's recycled share, each document's \
                share, and the largest families. --format json writes the full report (byte \
                spans of recycled text, paragraph labels, families) as DESIGN.md's contract; \
                --format jsonl writes one document per line, then one family per line.

                Examples:
                  refrain scan samples
                  refrain scan articles/ --format json --output report.json
                  cat feed.jsonl | refrain scan - --format jsonl
                  refrain scan feed.jsonl --group-by source
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, jsonl
        }

        @Argument(help: "Folders, .txt or .jsonl files, or - for standard input.")
        var paths: [String]

        @Option(help: "Report format: text, json or jsonl.")
        var format: Format = .text

        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
        var output: String?

        @Option(help: "Also report the recycled share per source, day or month (from JSON Lines metadata).")
        var groupBy: GroupingArgument?

        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
        }

        func run() throws {
            try runReportingErrors {
                let corpus = try options.readCorpus(paths)
                let report = options.scan(corpus)
                let formatting = Date()
                // The JSON formats hand over each piece as soon as it is formatted: writing
                // overlaps formatting.
                try emit(to: output, inputs: paths) { write in
                    switch format {
                    case .text:
                        let width = Terminal.standardOutput.width ?? 100
                        try write(Array(report.summaryText(width: width, grouping: groupBy?.grouping).utf8))
                    case .json: try report.writeJSON(grouping: groupBy?.grouping, to: write)
                    case .jsonl: try report.writeJSONLines(grouping: groupBy?.grouping, to: write)
                    }
                }
                if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
                    Terminal.standardError.write("refrain: report formatted and written in \(Date().timeIntervalSince(formatting)) s\n")
                }
                try options.finish(corpus)
                // The report is hundreds of thousands of small arrays: freeing them one by
                // one took 50-60 ms after the 100 MB corpus's report was written (perf).
                // The run is over, so the process ends with them still allocated.
                withExtendedLifetime((corpus, report)) { Glibc.exit(0) }
            }
        }
    }
}

/// `--group-by source|day|month`.
struct GroupingArgument: ExpressibleByArgument {
    var grouping: Grouping

    init?(argument: String) {
        guard let grouping = Grouping(rawValue: argument) else { return nil }
        self.grouping = grouping
    }

    static var allValueStrings: [String] { Grouping.allCases.map(\.rawValue) }
}
