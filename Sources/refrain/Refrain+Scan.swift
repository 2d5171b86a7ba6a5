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
                object per line, tagged "type": first "summary" (with the parameters), then \
                "sources", "group" and "duplicate" lines, then "document" and "family" lines. --format csv \
                writes one table as RFC 4180 CSV (--table documents, groups, families or \
                sources); text cells starting with = + - @ get a leading ' so that a \
                spreadsheet never runs them as formulas.

                Documents that repeat another whole (the same bytes, every paragraph template) \
                are named as duplicates of the first (by date, else input order), in the summary \
                and as "duplicates" in JSON ([{"document", "duplicateOf"}]); clean --keep-first \
                keeps the first whole.

                The summary lists the 20 most recycled documents, the 10 largest families and \
                the 10 sources with most documents; --top N lists N of each, --all every one.

                When the corpus has sources (JSON Lines "source"), the summary adds, per source, \
                its own boilerplate (families whose copies are all in that source) apart from \
                text shared with other sources, a table of which source carries the shared text \
                another published first, and under each family its first publisher (by date) and \
                copies per source; JSON adds "sources" and, per family, "firstPublisher", \
                "copiesBySource" and "ownBoilerplate" (JSON Lines: a "type": "sources" line).

                Examples:
                  refrain scan samples
                  refrain scan articles/ --format json --output report.json
                  cat feed.jsonl | refrain scan - --format jsonl
                  refrain scan feed.jsonl --group-by source
                  refrain scan feed.jsonl --format csv --table families --output families.csv
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, jsonl, csv
            /// Not a format of scan: parsed so that `validate()` can name `refrain report`.
            case html

            static var allValueStrings: [String] { ["text", "json", "jsonl", "csv"] }
        }

        @Argument(help: CorpusOptions.pathsHelp)
        var paths: [String]

        @Option(help: "Report format: text, json, jsonl or csv (one table: --table).")
        var format: Format = .text

        @Option(help: "The table --format csv writes: documents, groups (by --group-by, default source), families or sources.")
        var table: CSVTableArgument?

        @Option(
            parsing: .unconditional, help: "List N items in each list the summary cuts (default: 20 documents, 10 families, 10 sources).")
        var top: Int?

        @Flag(help: "List every document, family and source in the summary.")
        var all = false

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
            try validateListing(top: top, all: all)
            if format == .html {
                throw ValidationError(
                    "scan writes no HTML: refrain report PATH -o report.html writes the page, with report.documents.csv and report.families.csv beside it."
                )
            }
            if table != nil && format != .csv {
                throw ValidationError("--table chooses the CSV table: add --format csv (refrain scan PATH --format csv --table families).")
            }
        }

        func run() throws {
            try runReportingErrors {
                try refuseOutputBeforeReading(output, inputs: paths)
                // Options of the text summary do nothing to the other formats: say so, once.
                let summaryOnly = [top != nil ? "--top" : nil, all ? "--all" : nil, display.layout.width != nil ? "--width" : nil]
                    .compactMap { $0 }
                if format != .text, !summaryOnly.isEmpty, !options.quiet {
                    note(
                        "refrain: note: the text summary's options (\(summaryOnly.joined(separator: ", "))) do not apply to "
                            + "--format \(format.rawValue), which writes every document, family and source.")
                }
                // Only the report is used after the scan: texts past the budget are let go.
                let corpus = try options.readCorpus(paths, textBudget: Corpus.textBudget)
                let report = options.scan(corpus)
                let formatting = Date()
                // Per-source analysis: only a corpus with sources has outlets to compare.
                let sources =
                    report.hasSources
                    ? SourceAnalysis(report: report, documents: corpus.documents, jobs: options.configuration.jobs) : nil
                let duplicates = DuplicateDocuments(report: report, documents: corpus.documents)
                // The JSON formats hand over each piece as soon as it is formatted: writing
                // overlaps formatting.
                try emit(to: output, inputs: paths) { write in
                    switch format {
                    case .text:
                        try write(
                            Array(
                                report.summaryText(
                                    width: display.lineWidth, maxDocuments: all ? Int.max : top ?? 20,
                                    maxFamilies: all ? Int.max : top ?? 10, grouping: groupBy?.grouping, sources: sources,
                                    maxSources: all ? nil : top ?? 10, duplicates: duplicates
                                ).utf8))
                    case .csv:
                        let csv = report.csv(
                            table?.table ?? .documents, grouping: groupBy?.grouping, sources: sources, documents: corpus.documents)
                        try write(Array(csvForDestination(csv, output: output).utf8))
                    case .json:
                        try report.writeJSON(grouping: groupBy?.grouping, sources: sources, duplicates: duplicates, to: write)
                    case .jsonl:
                        try report.writeJSONLines(grouping: groupBy?.grouping, sources: sources, duplicates: duplicates, to: write)
                    case .html:
                        preconditionFailure("validate() refuses --format html")
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

/// `--table documents|groups|families|sources`.
struct CSVTableArgument: ExpressibleByArgument {
    var table: ScanReport.CSVTable

    init?(argument: String) {
        guard let table = ScanReport.CSVTable(rawValue: argument) else { return nil }
        self.table = table
    }

    static var allValueStrings: [String] { ScanReport.CSVTable.allCases.map(\.rawValue) }
}

/// Checks `--top N` and `--all`: N at least 1, and not both.
///
/// - Throws: `ValidationError` saying what to pass instead.
func validateListing(top: Int?, all: Bool) throws {
    if let top, top < 1 { throw ValidationError("--top must be 1 or more (got \(top)); --all lists everything.") }
    if top != nil && all { throw ValidationError("--top N lists N items and --all lists every one: pass one of them.") }
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
