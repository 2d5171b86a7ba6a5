import ArgumentParser
import Foundation
@_spi(CommandLine) import Refrain

extension RefrainCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report recycled text per document and the template families of a corpus.",
            discussion: """
                Prints a summary: the corpus's recycled share, each document's share, and the \
                largest families.

                How text is judged: paragraphs and sentences are compared by their 5-word \
                shingles. Two are near-copies when their similarity (Jaccard similarity of their \
                shingle sets, or the share of the shorter one's shingles or words found in the \
                longer) is at least --threshold (0.8). A text is recycled when a near-copy of it \
                is in at least --min-documents (2) documents. A sentence with 80% or more of its \
                words recycled is recycled whole; otherwise only its covered runs of words are. \
                A paragraph is template when 80% or more of its non-space bytes are recycled, \
                partial when some are, repeat when it only repeats text of its own document, \
                novel otherwise.

                Three amounts: "recycled" percentages (recycledShare) are recycled non-space \
                bytes over all non-space bytes, so spacing and layout do not count; \
                recycledBytes counts every byte inside recycled spans (spaces inside them too); \
                clean removes exactly those spans, so the bytes it reports removing are \
                recycledBytes (fewer with --keep-first, which keeps first copies).

                --format json writes one object: "summary" (documents, paragraphs, bytes, \
                recycledBytes, recycledShare, families), "parameters" (shingle, threshold, \
                permutations, the LSH bands and rows, minDocuments), "documents" (each with id, \
                bytes, recycledBytes, recycledShare, "recycled" as [start, end] byte spans, and \
                "paragraphs" with start, end, label, family, and similarity: the highest \
                similarity of the paragraph's recycled segment to its copy in another document, \
                0 to 1, null when nothing in it is recycled), and "families", largest first \
                (id, documents, "members" with document, paragraphNumber counted from 1 as diff \
                shows it, start and end, and the representative text). Offsets are UTF-8 byte \
                offsets into the original bytes, end exclusive. --format jsonl writes one \
                object per line, tagged "type": "document", "family" or "group".

                Examples:
                  refrain scan samples
                  refrain scan articles/ --format json --output report.json
                  cat feed.jsonl | refrain scan - --format jsonl
                  refrain scan feed.jsonl --group-by source
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, jsonl
        }

        @Argument(
            help:
                "Folders, .txt or .jsonl files, or - for standard input (JSON Lines when its first non-blank line is a JSON object, else one plain-text document)."
        )
        var paths: [String]

        @Option(help: "Report format: text, json or jsonl.")
        var format: Format = .text

        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output (- is standard output).")
        var output: String?

        @Option(help: "Also report the recycled share per source, day or month (from JSON Lines metadata).")
        var groupBy: GroupingArgument?

        // Colour options too, as for diff and families: the summary is plain text today, and
        // scripts that pass --no-color to every command must not fail here.
        @OptionGroup var display: DisplayOptions
        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
            try validateOutputPath(output)
        }

        func run() throws {
            try runReportingErrors {
                // Only the report is used after the scan: texts past the budget are let go.
                let corpus = try options.readCorpus(paths, textBudget: Corpus.scanTextBudget)
                let report = options.scan(corpus)
                let formatting = Date()
                // The JSON formats hand over each piece as soon as it is formatted: writing
                // overlaps formatting.
                try emit(to: output, inputs: paths) { write in
                    switch format {
                    case .text:
                        try write(Array(report.summaryText(width: display.lineWidth, grouping: groupBy?.grouping).utf8))
                    case .json: try report.writeJSON(grouping: groupBy?.grouping, to: write)
                    case .jsonl: try report.writeJSONLines(grouping: groupBy?.grouping, to: write)
                    }
                }
                if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
                    note("refrain: statistics: report formatted and written in \(seconds(since: formatting))")
                }
                try options.finish(corpus)
                // The report is hundreds of thousands of small arrays, and freeing them one
                // by one is slow: the run is over, so the process ends with them allocated.
                withExtendedLifetime((corpus, report)) { System.exit(0) }
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
