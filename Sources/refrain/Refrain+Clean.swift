import ArgumentParser
import Foundation
@_spi(CommandLine) import Refrain

extension RefrainCommand {
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the corpus with its recycled text removed, keeping what was removed alongside.",
            discussion: """
                Removes exactly the spans scan reports as recycled and keeps every other byte \
                (white space left doubled at a cut goes too, recorded as such). A folder comes \
                out as the same tree under DIR; a .jsonl file comes out as a .jsonl file whose \
                records are unchanged except for text, and whose other lines (blank, malformed) \
                stay as they were, at their line numbers. DIR/\(CleanManifest.fileName) records, \
                per document, every removed span with the families it covers and its text, so \
                refrain restore DIR --output ORIGINAL rebuilds the input byte for byte.

                clean never writes into an input (links resolved) and never over an input \
                file. The run is written into a staging folder beside DIR and renamed into \
                place, so DIR holds one complete run or none; a missing DIR is created with \
                its parents, an existing one must be empty or an earlier clean output.

                Examples:
                  refrain clean samples --output cleaned
                  refrain clean feed.jsonl --output deduplicated --keep-first
                """)

        @Argument(
            help:
                "Folders, .txt or .jsonl files, or - for standard input (JSON Lines when its first non-blank line is a JSON object, else one plain-text document)."
        )
        var paths: [String]

        @Option(name: .shortAndLong, help: "The folder to write into (created when missing).")
        var output: String

        @Flag(help: "Keep each family's copy in its first document (by date, else input order): deduplicate instead of strip.")
        var keepFirst = false

        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
            try validateOutputPath(output)
            if output == "-" {
                throw ValidationError(
                    "clean writes a folder, not standard output: give --output a folder (new, empty, or an earlier clean output).")
            }
        }

        func run() throws {
            try runReportingErrors {
                Interrupts.install()
                try SafeWriting.checkOutside(output: output, inputs: paths, isFolder: true)
                try SafeWriting.checkFolderTarget(output)
                // Kept, since a JSON Lines file's other lines are written from its bytes.
                var standardInput: [UInt8]?
                let corpus = try options.readCorpus(paths, keepRecords: true) {
                    standardInput = try Corpus.readStandardInput()
                    return standardInput!
                }
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
                let aliases = CleanLayout.aliases(corpus.aliases, documents: corpus.documents, layout: layout)
                for skipped in aliases.skipped { note("refrain: \(skipped)") }
                let lines = layout.files.reduce(0) { $0 + $1.documents.count } + aliases.written.count
                try SafeWriting.writeFolder(at: output) { folder in
                    for file in layout.files {
                        var keptRecords: Set<Int> = []
                        var spellings: [Int: JSONRecordSplice.Spelling] = [:]
                        var input: CleanManifest.Entry.FileChecksum?
                        let first = corpus.documents[file.documents[0]]
                        let mode = SafeWriting.outputMode(ofInput: first.location?.file ?? first.origin)
                        try folder.write(bytes: file.pathBytes, mode: mode) { write in
                            if file.isJSONLines {
                                (keptRecords, spellings, input) = try writeJSONLines(
                                    file, corpus: corpus, cleaned: cleaned, standardInput: standardInput, write: write)
                            } else {
                                try write(cleaned[file.documents[0]].text)
                            }
                        }
                        for index in file.documents {
                            let document = corpus.documents[index]
                            // What restore must give back: the input line of a record, else the file.
                            let original = file.isJSONLines ? (document.record ?? []) : document.bytes
                            manifest += Array(
                                CleanManifest.line(
                                    id: document.id, output: file.path, outputBytes: file.pathBytes,
                                    line: file.isJSONLines ? document.location?.line : nil,
                                    originalBytes: document.bytes.count, removed: cleaned[index].removed,
                                    record: keptRecords.contains(index) ? document.record : nil,
                                    checksum: CleanManifest.checksum(of: original), documents: lines,
                                    file: index == file.documents[0] ? input : nil, spelling: spellings[index] ?? .plain
                                ).utf8)
                        }
                    }
                    // Second names last: a hard link needs the file it names written first.
                    for alias in aliases.written {
                        try folder.link(bytes: alias.pathBytes, to: alias.of, symbolicLink: alias.outputLink)
                        manifest += Array(
                            CleanManifest.line(
                                id: alias.id, output: DocumentLocation.displayName(alias.pathBytes), outputBytes: alias.pathBytes,
                                line: nil, originalBytes: alias.bytes, removed: [], documents: lines,
                                alias: CleanManifest.Entry.Alias(of: alias.of, symbolicLink: alias.inputLink)
                            ).utf8)
                    }
                    try folder.write(CleanManifest.fileName, mode: folder.commonMode, bytes: manifest)
                }
                if !options.quiet {
                    let removed = cleaned.reduce(0) { $0 + $1.recycledBytesRemoved }
                    let spaces = cleaned.reduce(0) { $0 + $1.removed.reduce(0) { $0 + ($1.isWhitespace ? $1.bytes.count : 0) } }
                    note(
                        "refrain: wrote \(corpus.documents.count.counted("document", "documents"))"
                            + (aliases.written.isEmpty
                                ? "" : " and \(aliases.written.count.counted("second name", "second names")) (links to them)")
                            + " to \(output.terminalSafe) "
                            + "(\(removed.counted("byte", "bytes")) of recycled text removed, and \(spaces.counted("byte", "bytes")) "
                            + "of white space where it was cut; recorded in \(CleanManifest.fileName))."
                    )
                }
                try options.finish(corpus)
            }
        }

        /// Writes a JSON Lines file's every line from the input's bytes: its documents'
        /// records cleaned, every other line (blank, unreadable, without text) as it was, so
        /// line numbers stay the input's and the manifest can rebuild the whole file.
        ///
        /// - Returns: The documents whose record the manifest must keep whole, since
        ///   splicing their rebuilt text into the cleaned record would not give it back,
        ///   and the input file's size and checksum.
        /// - Throws: `RefrainError.invalidInput` when the input changed since it was read.
        /// - Complexity: O(file bytes + cleaned bytes).
        func writeJSONLines(
            _ file: CleanLayout.File, corpus: Corpus, cleaned: [CleanedDocument], standardInput: [UInt8]?,
            write: SafeWriting.Write
        ) throws -> (kept: Set<Int>, spellings: [Int: JSONRecordSplice.Spelling], input: CleanManifest.Entry.FileChecksum) {
            let location = corpus.documents[file.documents[0]].location
            let bytes: [UInt8]
            if location?.file == "-" {
                bytes = standardInput ?? []
            } else {
                let path = location?.file ?? file.input
                // By the name's bytes: a name that is not UTF-8 cannot be spelled as a String.
                switch Corpus.readFile(location?.fileBytes ?? Array(path.utf8), display: path, limit: Int.max) {
                case .success(let data): bytes = data
                case .failure(let problem):
                    throw RefrainError.io(path: path, reason: "\(problem): cannot be read again to write its other lines")
                }
            }
            var byLine: [Int: Int] = [:]
            for index in file.documents {
                if let line = corpus.documents[index].location?.line { byLine[line] = index }
            }
            var written = 0
            var keptRecords: Set<Int> = []
            var spellings: [Int: JSONRecordSplice.Spelling] = [:]
            try JSONLinesRewrite.rewrite(
                bytes,
                replacement: { line, original in
                    guard let index = byLine[line] else { return nil }
                    written += 1
                    let document = corpus.documents[index]
                    guard let record = document.record, original.elementsEqual(record) else {
                        throw RefrainError.invalidInput(
                            "\(file.input) changed while refrain was reading it (line \(line)); run clean again once it is complete.")
                    }
                    // Written as the input spelled it, so restore can spell it back.
                    let spelling = JSONRecordSplice.spelling(of: record) ?? .plain
                    if spelling != .plain { spellings[index] = spelling }
                    let spliced = jsonRecord(document, text: cleaned[index].text, spelling: spelling)
                    // What restore will do, done now: any difference keeps the record whole.
                    var entry = CleanManifest.Entry(
                        id: document.id, output: file.path, line: line, originalBytes: document.bytes.count,
                        removed: cleaned[index].removed)
                    entry.spelling = spelling
                    if (try? Restorer.restoreRecord(spliced[...], entry, path: file.path)) != record {
                        keptRecords.insert(index)
                    }
                    return spliced
                }, write: write)
            guard written == file.documents.count else {
                throw RefrainError.invalidInput("\(file.input) changed while refrain was reading it; run clean again once it is complete.")
            }
            return (
                keptRecords, spellings, CleanManifest.Entry.FileChecksum(bytes: bytes.count, checksum: CleanManifest.checksum(of: bytes))
            )
        }

        /// The document's JSON Lines record with only its `text` replaced; every other field
        /// (nested, non-string, in its order) comes out as it went in.
        func jsonRecord(_ document: Document, text: [UInt8], spelling: JSONRecordSplice.Spelling = .plain) -> [UInt8] {
            if let record = document.record, let spliced = JSONRecordSplice.replacingText(in: record, with: text, spelling: spelling) {
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
