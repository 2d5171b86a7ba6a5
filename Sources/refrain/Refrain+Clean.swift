import ArgumentParser
import Foundation
@_spi(CommandLine) @_spi(Stages) import Refrain

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

                A copy of a template with a few words changed (a figure, a name, a clause) is \
                recycled whole, so its changed words go with it (diff shows them, and the \
                manifest keeps them); --keep-edits keeps the words it alone has.

                clean never writes into an input (links resolved) and never over an input \
                file. The run is written into a staging folder beside DIR and renamed into \
                place, so DIR holds one complete run or none; a missing DIR is created with \
                its parents, an existing one must be empty or an earlier clean output.

                Examples:
                  refrain clean samples --output cleaned
                  refrain clean feed.jsonl --output deduplicated --keep-first
                  refrain clean feed.jsonl --output novel --keep-edits
                """)

        @Argument(help: CorpusOptions.pathsHelp)
        var paths: [String]

        @Option(name: .shortAndLong, help: "The folder to write into (created when missing).")
        var output: String

        @Flag(
            help: ArgumentHelp(
                "Keep the first copy (by date, else input order) of each recycled sentence: deduplicate instead of strip.",
                discussion:
                    "A template stays in its first document; a sentence later copies add stays where it first appears; an edited copy of a kept sentence goes."
            ))
        var keepFirst = false

        @Flag(
            help: ArgumentHelp(
                "Keep the words a near-copy alone has (a changed figure or name, an added clause), which are otherwise removed with it.",
                discussion:
                    "A copy of a template with a few words changed is recycled whole; with this flag, its terms (words, or words joined by punctuation such as 4.7% or $4.2bn) that no other variant of its family has stay."
            ))
        var keepEdits = false

        @OptionGroup var options: CorpusOptions

        func validate() throws {
            try CorpusOptions.validate(paths: paths)
            try validateOutputPath(output, isFolder: true)
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
                // Texts on the scan's budget: a large corpus's texts (and records) are read
                // again as each document is written, so the corpus is never in memory whole.
                let corpus = try options.readCorpus(paths, keepRecords: true, textBudget: Corpus.textBudget) {
                    // Decompressed here as the read would, so the rewrite sees the records' own bytes.
                    let bytes = try Corpus.readStandardInput()
                    // No one document's limit: JSON Lines piped in may be of any size, and the
                    // read refuses a text or record past it by name.
                    standardInput = try Corpus.decompressedArticle(bytes, name: nil, limit: .max)
                    return standardInput!
                }
                func makeLayout() throws -> CleanLayout {
                    do {
                        return try CleanLayout(documents: corpus.documents)
                    } catch let problem as CleanLayout.Problem {
                        throw RefrainError.usage(problem.description)
                    }
                }
                // Checked before the scan, so a clash of output names fails at once; made again
                // after it, so that a folder's many paths are not held through the scan's peak.
                _ = try makeLayout()
                let report = options.scan(corpus)
                let layout = try makeLayout()
                let plan = Cleaner.Plan(
                    report, documents: corpus.documents, keepFirst: keepFirst, keepEdits: keepEdits, jobs: options.configuration.jobs)
                ProgressLine.shared.show(.write)
                defer { ProgressLine.shared.clear() }
                // Checked again after the long part: a link may have appeared meanwhile.
                try SafeWriting.checkOutside(output: output, inputs: paths, isFolder: true)
                let aliases = CleanLayout.aliases(
                    corpus.aliases, documents: corpus.documents, layout: layout, fileSizes: corpus.jsonLinesSizes)
                for skipped in aliases.skipped { note("refrain: \(skipped)") }
                let lines = layout.files.reduce(0) { $0 + $1.documents.count } + aliases.written.count
                var totals = (removed: 0, spaces: 0)
                func count(_ cleaned: CleanedDocument) {
                    totals.removed += cleaned.recycledBytesRemoved
                    totals.spaces += cleaned.removed.reduce(0) { $0 + ($1.isWhitespace ? $1.bytes.count : 0) }
                }
                // The run's documents: an earlier output with others is not replaced.
                var documentKeys = Set<[UInt8]>()
                for file in layout.files {
                    for index in file.documents {
                        documentKeys.insert(SafeWriting.documentKey(output: file.pathBytes, id: corpus.documents[index].id))
                    }
                }
                // The files read: an earlier output holding one (an input linked into it) is not replaced.
                let inputFiles = layout.files.compactMap { file -> [UInt8]? in
                    let location = corpus.documents[file.documents[0]].location
                    return location?.file == "-" ? nil : location?.fileBytes
                }
                try SafeWriting.writeFolder(at: output, documents: documentKeys, inputFiles: inputFiles) { folder in
                    // The manifest's lines are written as their documents are, not gathered.
                    try folder.write(CleanManifest.fileName) { manifest in
                        for file in layout.files {
                            let first = corpus.documents[file.documents[0]]
                            let mode = SafeWriting.outputMode(ofInput: first.location?.fileBytes ?? Array(first.origin.utf8))
                            if file.isJSONLines {
                                try folder.write(bytes: file.pathBytes, mode: mode) { write in
                                    try writeJSONLines(
                                        file, corpus: corpus, plan: plan, standardInput: standardInput, lines: lines, write: write,
                                        manifest: manifest, count: count)
                                }
                                continue
                            }
                            let index = file.documents[0]
                            let text = first.loadedBytes()
                            let cleaned = plan.clean(index, text: text)
                            try folder.write(bytes: file.pathBytes, mode: mode) { write in try write(cleaned.text) }
                            count(cleaned)
                            try manifest(
                                Array(
                                    CleanManifest.line(
                                        id: first.id, output: file.path, outputBytes: file.pathBytes, line: nil,
                                        originalBytes: text.count, removed: cleaned.removed, checksum: CleanManifest.checksum(of: text),
                                        documents: lines,
                                        written: .init(bytes: cleaned.text.count, checksum: CleanManifest.checksum(of: cleaned.text))
                                    ).utf8))
                        }
                        // Second names last: a hard link needs the file it names written first.
                        for alias in aliases.written {
                            try folder.link(bytes: alias.pathBytes, to: alias.of, symbolicLink: alias.outputLink)
                            try manifest(
                                Array(
                                    CleanManifest.line(
                                        id: alias.id, output: DocumentLocation.displayName(alias.pathBytes), outputBytes: alias.pathBytes,
                                        line: nil, originalBytes: alias.bytes, removed: [], documents: lines,
                                        alias: CleanManifest.Entry.Alias(of: alias.of, symbolicLink: alias.inputLink)
                                    ).utf8))
                        }
                        // It holds text from every input: no more readable than any of them.
                        return folder.commonMode
                    }
                }
                if !options.quiet {
                    let (removed, spaces) = totals
                    note(
                        "refrain: wrote \(corpus.documents.count.counted("document", "documents"))"
                            + (aliases.written.isEmpty
                                ? "" : " and \(aliases.written.count.counted("second name", "second names")) (links to them)")
                            + " to \(output.terminalSafe) "
                            + "(\(removed.counted("byte", "bytes")) of recycled text removed, and \(spaces.counted("byte", "bytes")) "
                            + "of white space where it was cut; recorded in \(CleanManifest.fileName))."
                    )
                    // Copies of a whole article come out empty: by the rule, as text in two
                    // documents is recycled, but a user deduplicating wants the first kept.
                    if !keepFirst {
                        let duplicates = DuplicateDocuments(report: report, documents: corpus.documents)
                        if duplicates.count > 0 {
                            // A line without a letter ("* * *") is never recycled: it stays.
                            let wordless = duplicates.groups.contains { group in
                                ([group.original] + group.duplicates).contains { index in
                                    report.documents[index].paragraphs.contains { $0.label != .template }
                                }
                            }
                            note(
                                "refrain: note: \(duplicates.count.counted("document repeats", "documents repeat")) an earlier one whole; "
                                    + "with the \(duplicates.groups.count) \(duplicates.count == 1 ? "it repeats" : "they repeat"), "
                                    + "they come out empty\(wordless ? " but for lines without a letter" : "") "
                                    + "in \(output.terminalSafe) (--keep-first keeps the earliest of each whole).")
                        }
                    }
                    // A compressed input comes out decompressed, under its name without .gz.
                    let compressed = layout.files.filter { Corpus.isGzipName($0.input) }
                    if let first = compressed.first {
                        note(
                            "refrain: \(compressed.count.counted("compressed input was", "compressed inputs were")) written decompressed "
                                + "(\(first.input.terminalSafe) as \(first.path.terminalSafe)\(compressed.count > 1 ? ", …" : "")); "
                                + "gzip them again if you need them compressed."
                        )
                    }
                    // A JSON Lines file none of whose lines is a document (empty, blank, every
                    // line unreadable) has no output file: named, since restore cannot give it back.
                    let writtenJSONLines = Set(
                        layout.files.filter(\.isJSONLines).compactMap { corpus.documents[$0.documents[0]].location?.fileBytes })
                    let skippedWhole = corpus.problems.filter { $0.severity == .skipped && $0.line == nil }
                    let skippedFiles = Set(skippedWhole.map(\.path))
                    // A file skipped whole (UTF-16, compressed under a wrong name) is named once, above.
                    var withoutDocuments = corpus.jsonLinesSizes.keys.filter { !writtenJSONLines.contains($0) }
                        .map { DocumentLocation.displayName($0) }.filter { !skippedFiles.contains($0) }.sorted()
                    // So is JSON Lines piped in that gave none.
                    if let standardInput, !skippedFiles.contains("-"), Corpus.isJSONLinesInput(standardInput),
                        !corpus.documents.contains(where: { $0.location?.file == "-" })
                    {
                        withoutDocuments.append("standard input")
                    }
                    for path in withoutDocuments {
                        note(
                            "refrain: \(path.terminalSafe) holds no document (no line with a text): not written to \(output.terminalSafe).")
                    }
                    // The input is more than what clean read: say so once, next to what it wrote.
                    let skipped = skippedWhole.count + withoutDocuments.count + aliases.skipped.count
                    if corpus.leftOut + skipped > 0 {
                        note(
                            "refrain: \((corpus.leftOut + skipped).counted("file or folder", "files or folders")) of the input "
                                + "\(corpus.leftOut + skipped == 1 ? "was" : "were") not read or held no document (see above): "
                                + "not in \(output.terminalSafe), "
                                + "and restore cannot give \(corpus.leftOut + skipped == 1 ? "it" : "them") back. Keep the input, or copy them."
                        )
                    }
                }
                try options.finish(corpus)
            }
        }

        /// Writes a JSON Lines file's every line from the input's bytes: its documents'
        /// records cleaned, every other line (blank, unreadable, without text) as it was, so
        /// line numbers stay the input's and the manifest can rebuild the whole file. The file
        /// is read in pieces, twice (its checksum goes on its first document's manifest line),
        /// and each document's manifest line is written as its record is, but for the last,
        /// held until the file is written, since it carries the output's checksum.
        ///
        /// - Throws: `RefrainError.invalidInput` when the input changed since it was read.
        /// - Complexity: O(file bytes + cleaned bytes).
        func writeJSONLines(
            _ file: CleanLayout.File, corpus: Corpus, plan: Cleaner.Plan, standardInput: [UInt8]?, lines: Int,
            write: SafeWriting.Write, manifest: SafeWriting.Write, count: (CleanedDocument) -> Void
        ) throws {
            let location = corpus.documents[file.documents[0]].location
            let isStandardInput = location?.file == "-"
            let path = isStandardInput ? "-" : location?.file ?? file.input
            func changed(_ detail: String = "") -> RefrainError {
                RefrainError.invalidInput(
                    "\(file.input) changed while refrain was reading it\(detail); run clean again once it is complete.")
            }
            /// Calls `body` with a function giving the file's next piece (`nil` at its end).
            func reading(_ body: (() throws -> [UInt8]?) throws -> Void) throws {
                if isStandardInput { return try body(JSONLinesRewrite.onePiece(standardInput ?? [])) }
                if let fileBytes = location?.fileBytes, let decompressed = corpus.decompressedFiles[fileBytes] {
                    return try body(JSONLinesRewrite.onePiece(decompressed))
                }
                // By the name's bytes: a name that is not UTF-8 cannot be spelled as a String.
                do {
                    try Corpus.withPieces(of: location?.fileBytes ?? Array(path.utf8), body)
                } catch let failure as Corpus.PieceReadFailure {
                    throw RefrainError.io(path: path, reason: "cannot be read again to write its other lines (\(failure.reason)).")
                }
            }
            // First pass: the input's size and checksum, for its first document's line.
            let before = XXH3.Stream()
            var size = 0
            try reading { next in
                while let piece = try next() {
                    before.update(piece)
                    size += piece.count
                }
            }
            let input = CleanManifest.Entry.FileChecksum(bytes: size, checksum: before.digest)
            // A line appended since the read would be copied through uncleaned and unlisted.
            if let name = location?.fileBytes, let read = corpus.jsonLinesSizes[name], read != size { throw changed() }

            var byLine: [Int: Int] = [:]
            for index in file.documents {
                if let line = corpus.documents[index].location?.line { byLine[line] = index }
            }
            var written = 0
            let after = XXH3.Stream()
            let output = XXH3.Stream()
            var outputSize = 0
            var held: ((CleanManifest.Entry.FileChecksum?) -> String)?
            try reading { next in
                try JSONLinesRewrite.rewrite(
                    pieces: {
                        let piece = try next()
                        if let piece { after.update(piece) }
                        return piece
                    },
                    replacement: { line, original in
                        guard let index = byLine[line] else { return nil }
                        written += 1
                        let document = corpus.documents[index]
                        // The record read with the corpus, or, when its text was let go, the
                        // line where the read stage found it (checked by its length and checksum).
                        // Its text: in memory, or parsed from the line in hand (not read again).
                        let record: [UInt8]
                        let text: [UInt8]
                        if let kept = document.record {
                            guard original.elementsEqual(kept) else { throw changed(" (line \(line))") }
                            record = kept
                            text = document.bytes
                        } else if let deferred = document.deferredText, case .jsonRecord(let start, let end) = deferred.kind,
                            end - start == original.count, deferred.recordChecksum == XXH3.hash(original),
                            let parsed = DeferredText.text(ofRecord: original), parsed.count == deferred.length
                        {
                            record = Array(original)
                            text = parsed
                        } else {
                            throw changed(" (line \(line))")
                        }
                        let cleaned = plan.clean(index, text: text)
                        count(cleaned)
                        // Written as the input spelled it, so restore can spell it back.
                        let spelling = JSONRecordSplice.spelling(of: record) ?? .plain
                        let spliced = jsonRecord(document, record: record, text: cleaned.text, spelling: spelling)
                        // What restore will do, done now: any difference keeps the record whole.
                        var entry = CleanManifest.Entry(
                            id: document.id, output: file.path, line: line, originalBytes: text.count, removed: cleaned.removed)
                        entry.spelling = spelling
                        let keptWhole = (try? Restorer.restoreRecord(spliced[...], entry, path: file.path)) != record
                        if let held { try manifest(Array(held(nil).utf8)) }
                        held = { outputChecksum in
                            CleanManifest.line(
                                id: document.id, output: file.path, outputBytes: file.pathBytes, line: line,
                                originalBytes: text.count, removed: cleaned.removed, record: keptWhole ? record : nil,
                                checksum: CleanManifest.checksum(of: record), documents: lines,
                                file: index == file.documents[0] ? input : nil, written: outputChecksum, spelling: spelling)
                        }
                        return spliced
                    },
                    write: { bytes in
                        output.update(bytes)
                        outputSize += bytes.count
                        try write(bytes)
                    })
            }
            guard written == file.documents.count, after.digest == input.checksum, let held else { throw changed() }
            try manifest(Array(held(.init(bytes: outputSize, checksum: output.digest)).utf8))
        }

        /// The document's JSON Lines record with only its `text` replaced; every other field
        /// (nested, non-string, in its order) comes out as it went in.
        func jsonRecord(_ document: Document, record: [UInt8]?, text: [UInt8], spelling: JSONRecordSplice.Spelling = .plain) -> [UInt8] {
            if let record, let spliced = JSONRecordSplice.replacingText(in: record, with: text, spelling: spelling) {
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
