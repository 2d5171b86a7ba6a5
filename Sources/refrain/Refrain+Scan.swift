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
                let pieces: [[UInt8]]
                switch format {
                case .text:
                    pieces = [Array(report.summaryText(width: Terminal.standardOutput.width ?? 100, grouping: groupBy?.grouping).utf8)]
                case .json: pieces = report.jsonUTF8Pieces(grouping: groupBy?.grouping)
                case .jsonl: pieces = report.jsonLinesUTF8Pieces(grouping: groupBy?.grouping)
                }
                let writing = Date()
                try emit(pieces: pieces, to: output)
                if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
                    Terminal.standardError.write(
                        "refrain: report formatted in \(writing.timeIntervalSince(formatting)) s, written in \(Date().timeIntervalSince(writing)) s\n"
                    )
                }
                try options.finish(corpus)
                // The report is hundreds of thousands of small arrays: freeing them one by
                // one took 50-60 ms after the 100 MB corpus's report was written (perf).
                // The run is over, so the process ends with them still allocated.
                withExtendedLifetime((corpus, report, pieces)) { Glibc.exit(0) }
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
