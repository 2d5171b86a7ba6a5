import ArgumentParser
import Foundation
@_spi(CommandLine) import Refrain

extension RefrainCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the scan as one HTML page to read in a browser, with its full tables as CSV beside it.",
            discussion: """
                The page is self-contained and works offline: no script, no network, styles \
                and charts (SVG) inline. It shows an overview (totals, a histogram of the \
                recycled share per document, the share per source and per day or month when \
                the input has "source" and "date"), the largest families (representative text, \
                variants with their word differences, the documents that carry them), and the \
                documents with the most recycled bytes, their recycled text marked and linked \
                to its family. Text from the documents is escaped: nothing in an article or a \
                file name can add markup or script to the page.

                For a large corpus the page shows the top --documents (200) and --families \
                (100), and about 2 MB of documents, text and markup (64 KB of text per document); it says what \
                it left out. Every document and every family is listed in two CSV files \
                written beside the page: NAME.documents.csv and NAME.families.csv for \
                --output NAME.html. With --output - the page alone goes to standard output.

                Examples:
                  refrain report samples --output report.html
                  refrain report feed.jsonl -o out/feed.html --documents 50
                """)

        @Argument(help: CorpusOptions.pathsHelp)
        var paths: [String]

        @Option(
            name: .shortAndLong, help: "The HTML file to write (its CSV tables go beside it), or - for the page alone on standard output.")
        var output: String

        @Option(parsing: .unconditional, help: "Documents shown with their text, most recycled bytes first (the CSV lists all).")
        var documents = 200

        @Option(parsing: .unconditional, help: "Families shown, largest first (the CSV lists all).")
        var families = 100

        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
            try validateOutputPath(output)
            if documents < 0 { throw ValidationError("--documents must be 0 or more (got \(documents)).") }
            if families < 0 { throw ValidationError("--families must be 0 or more (got \(families)).") }
            // A page named like a table would put HTML where an earlier run wrote a table.
            if output.lowercased().hasSuffix(".csv") {
                throw ValidationError(
                    "--output names the HTML page (got \(output)): end it in .html, as in --output report.html; the CSV tables are written beside it as report.documents.csv and report.families.csv."
                )
            }
        }

        func run() throws {
            try runReportingErrors {
                // Every output is checked before the corpus is read: a refusal costs no scan.
                try refuseOutputBeforeReading(output, inputs: paths)
                let tables = outputFile(output).flatMap(Self.tablePaths)
                if let output = outputFile(output), tables == nil, !options.quiet {
                    note(
                        "refrain: note: \(output.terminalSafe) is not a regular file, so the CSV tables that go beside the page are not written; give --output a file name (report.html) to have them."
                    )
                }
                for file in [tables?.documents, tables?.families].compactMap({ $0 }) {
                    try SafeWriting.checkOutside(output: file, inputs: paths, isFolder: false)
                    // Its name comes from --output's: say which table it is (review 71).
                    var status = stat()
                    if stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                        throw RefrainError.usage(
                            "\(file): is a folder, where the page's CSV table goes (written beside it, named after it). "
                                + "Move the folder, or give --output another name.")
                    }
                }
                let corpus = try options.readCorpus(paths, textBudget: Corpus.textBudget)
                let report = options.scan(corpus)
                var limits = HTMLReport.Limits()
                limits.documents = documents
                limits.families = families
                let formatting = Date()
                var page = HTMLReport(report: report, documents: corpus.documents, limits: limits)
                if let tables {
                    page.tables = ((tables.documents as NSString).lastPathComponent, (tables.families as NSString).lastPathComponent)
                    let finished = page
                    // Nested, so all three are written before any is renamed into place (the page
                    // last): a run killed while writing leaves the old set whole, not a mix.
                    let limit = SafeWriting.reportModeLimit(inputs: paths)
                    try emit(to: output, inputs: paths) { writePage in
                        try finished.write(to: writePage)
                        try SafeWriting.writeFile(at: tables.documents, replacingLink: true, readableAs: limit) { write in
                            try finished.writeDocumentsCSV(to: write)
                            try SafeWriting.writeFile(at: tables.families, replacingLink: true, readableAs: limit) { write in
                                try finished.writeFamiliesCSV(to: write)
                            }
                        }
                    }
                } else {
                    try emit(to: output, inputs: paths) { write in try page.write(to: write) }
                }
                if ProcessInfo.processInfo.environment["REFRAIN_STATISTICS"] != nil {
                    note("refrain: statistics: page and tables formatted and written in \(seconds(since: formatting))")
                }
                try options.finish(corpus)
                withExtendedLifetime((corpus, report, page)) { System.exit(0) }
            }
        }

        /// The CSV tables written beside a page: `NAME.documents.csv` and `NAME.families.csv`
        /// for `NAME.html` (or `NAME.htm`, or NAME), or `nil` when the page goes to a device
        /// or FIFO, which has no folder of its own to put them in.
        static func tablePaths(_ page: String) -> (documents: String, families: String)? {
            var status = stat()
            if stat(page, &status) == 0, status.st_mode & S_IFMT != S_IFREG { return nil }
            var stem = page
            for suffix in [".html", ".htm"] where stem.lowercased().hasSuffix(suffix) && stem.count > suffix.count {
                stem = String(stem.dropLast(suffix.count))
                break
            }
            return (stem + ".documents.csv", stem + ".families.csv")
        }
    }
}
