import ArgumentParser
import Foundation
import Refrain

extension RefrainCommand {
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the corpus with its recycled text removed, keeping what was removed alongside.",
            discussion: """
                Removes exactly the spans scan reports as recycled and keeps every other byte \
                (white space left doubled at a cut goes too, recorded as such). A folder comes \
                out as the same tree under DIR; a .jsonl file comes out as a .jsonl file whose \
                records are unchanged except for text. DIR/\(CleanManifest.fileName) records, \
                per document, every removed span with the families it covers and its text, so \
                the original bytes can be rebuilt.

                clean never writes into an input (links resolved) and never over an input \
                file. The run is written into a staging folder beside DIR and renamed into \
                place, so DIR holds one complete run or none; a missing DIR is created with \
                its parents, an existing one must be empty or an earlier clean output.

                Examples:
                  refrain clean samples --output cleaned
                  refrain clean feed.jsonl --output deduplicated --keep-first
                """)

        @Argument(help: "Folders, .txt or .jsonl files, or - for standard input.")
        var paths: [String]

        @Option(name: .shortAndLong, help: "The folder to write into (created when missing).")
        var output: String

        @Flag(help: "Keep each family's copy in its first document (by date, else input order): deduplicate instead of strip.")
        var keepFirst = false

        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
        }

        func run() throws {
            try runReportingErrors {
                Interrupts.install()
                try SafeWriting.checkOutside(output: output, inputs: paths, isFolder: true)
                try SafeWriting.checkFolderTarget(output)
                let corpus = try options.readCorpus(paths, keepRecords: true)
                let layout: CleanLayout
                do {
                    layout = try CleanLayout(documents: corpus.documents)
                } catch let problem as CleanLayout.Problem {
                    throw RefrainError.usage(problem.description)
                }
                let report = options.scan(corpus)
                let cleaned = Cleaner.clean(report, documents: corpus.documents, keepFirst: keepFirst)
                ProgressLine.shared.show(.write)
                defer { ProgressLine.shared.clear() }
                // Checked again after the long part: a link may have appeared meanwhile.
                try SafeWriting.checkOutside(output: output, inputs: paths, isFolder: true)
                var manifest: [UInt8] = []
                try SafeWriting.writeFolder(at: output) { folder in
                    for file in layout.files {
                        let first = corpus.documents[file.documents[0]]
                        let mode = SafeWriting.outputMode(ofInput: first.location?.file ?? first.origin)
                        try folder.write(file.path, mode: mode) { write in
                            for (line, index) in file.documents.enumerated() {
                                let document = corpus.documents[index]
                                if file.isJSONLines {
                                    try write(jsonRecord(document, text: cleaned[index].text) + [0x0A])
                                } else {
                                    try write(cleaned[index].text)
                                }
                                manifest += Array(
                                    CleanManifest.line(
                                        id: document.id, output: file.path, line: file.isJSONLines ? line + 1 : nil,
                                        originalBytes: document.bytes.count, removed: cleaned[index].removed
                                    ).utf8)
                            }
                        }
                    }
                    try folder.write(CleanManifest.fileName, mode: folder.commonMode, bytes: manifest)
                }
                if !options.quiet {
                    let removed = cleaned.reduce(0) { $0 + $1.recycledBytesRemoved }
                    let spaces = cleaned.reduce(0) { $0 + $1.removed.reduce(0) { $0 + ($1.isWhitespace ? $1.bytes.count : 0) } }
                    note(
                        "refrain: wrote \(corpus.documents.count.counted("document", "documents")) to \(output.terminalSafe) "
                            + "(\(removed.counted("byte", "bytes")) of recycled text removed, and \(spaces.counted("byte", "bytes")) "
                            + "of white space where it was cut; recorded in \(CleanManifest.fileName))."
                    )
                }
                try options.finish(corpus)
            }
        }

        /// The document's JSON Lines record with only its `text` replaced; every other field
        /// (nested, non-string, in its order) comes out as it went in.
        func jsonRecord(_ document: Document, text: [UInt8]) -> [UInt8] {
            if let record = document.record, let spliced = JSONRecordSplice.replacingText(in: record, with: text) {
                return spliced
            }
            var object: [String: String] = ["id": document.id, "text": String(decoding: text, as: UTF8.self)]
            if let source = document.source { object["source"] = source }
            if let date = document.date { object["date"] = date }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return Array(data)
        }
    }
}
