import ArgumentParser
import Foundation
@_spi(CommandLine) @_spi(Stages) import Refrain

extension RefrainCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one article against the corpus, paragraph by paragraph.",
            discussion: """
                Each paragraph gets a margin with its number and label: template, partial, \
                repeat or novel. In partial paragraphs every run of text is marked: = for \
                recycled (template) text, + for new reporting. Under recycled text: its family \
                and how many documents share it. Where the article's copy differs from the \
                family's representative (or, in the article that holds the representative, \
                from the copy the note names), the words are shown as git diff --word-diff does: \
                [-words the copy lacks-] and {+words the copy adds+} (in colour on a terminal, \
                with template text dimmed). Under each family, the other documents that carry \
                it, earliest first (by date, else input order), with their source and date when \
                the corpus has them; the first 5, then "and N more" (--top N names N, --all names them all).

                --format json writes the same facts as one object: "document" (id, source, date, \
                bytes, recycledBytes, recycledShare, paragraphs, recycledParagraphs), \
                "corpusDocuments", and "paragraphs", each with number, label, start, end and \
                "pieces": recycled, start, end, text, and for recycled text family, documents, \
                comparedWith, addedWords, removedWords, diff (marked as above), "carriers" (id, \
                source, date) and moreCarriers.

                --fail-above SHARE exits with status 1, after writing the report, when the \
                article's recycled share is above SHARE (0 to 1): for an editorial pipeline or \
                CI (refrain diff draft.txt archive/ --fail-above 0.5 -q).

                DOC may lie inside or outside the corpus; the corpus defaults to DOC's folder. \
                A DOC with the same text as a document of the corpus is read as that document, \
                never as its own copy, even without its final line feed, with CR LF line ends, \
                spaces at the ends of lines or a byte-order mark; the report then names that \
                document, and its offsets are that document's. DOC may be - for standard input \
                (give the corpus), or a JSON Lines file with --id ID to read one of its records.

                Examples:
                  refrain diff samples/000_96c4b650bc7dc9e5.txt
                  refrain diff draft.txt archive/ --color always | less -R
                  refrain diff news.jsonl --id story-42
                  pbpaste | refrain diff - archive/
                  refrain diff draft.txt archive/ --format json --all
                """)

        @Argument(help: "The article to read: a .txt file, a .jsonl file with --id, or - for standard input.")
        var document: String

        @Argument(help: "The corpus to read it against: folders, files, .jsonl (default: DOC's folder, or DOC itself with --id).")
        var paths: [String] = []

        @Option(help: "The id of the record to read when DOC is a JSON Lines file.")
        var id: String?

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(parsing: .unconditional, help: "Name N other documents that carry each family (default: 5); the rest are counted.")
        var top: Int?

        @Flag(help: "Name every other document that carries each family.")
        var all = false

        @Option(parsing: .unconditional, help: "Exit with status 1 when the article's recycled share is above this share (0 to 1).")
        var failAbove: Double?

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (- is standard output).")
        var output: String?

        @OptionGroup var display: DisplayOptions
        @OptionGroup var options: CorpusOptions

        mutating func validate() throws {
            try validateOutputPath(output)
            try validateUTF8Name(document, role: "the article")
            try validateListing(top: top, all: all)
            // -0 is 0, and said so in the message that cites it.
            if failAbove == 0 { failAbove = 0 }
            if let failAbove, !(0...1).contains(failAbove) {
                throw ValidationError(
                    "--fail-above takes a share from 0 to 1 (got \(failAbove)): --fail-above 0.5 fails above 50% recycled.")
            }
            if document == "-" && paths.isEmpty {
                throw ValidationError("Standard input needs a corpus to read it against: refrain diff - FOLDER.")
            }
            // The article would take all of standard input, and the corpus read none.
            if document == "-" && paths.contains("-") {
                throw ValidationError(
                    "Standard input can hold the article or the corpus, not both: refrain diff - FOLDER < ARTICLE.txt, or refrain diff ARTICLE.txt - < corpus.jsonl."
                )
            }
        }

        func run() throws {
            try runReportingErrors {
                try refuseOutputBeforeReading(output, inputs: [document] + paths)
                let article = try readArticle()
                let corpusPaths: [String]
                if !paths.isEmpty {
                    corpusPaths = paths
                } else if id != nil {
                    corpusPaths = [document]
                } else {
                    corpusPaths = [(article.file ?? URL(fileURLWithPath: document)).deletingLastPathComponent().path]
                }
                var corpus = try options.readCorpus(corpusPaths, textBudget: Corpus.textBudget)
                let corpusCount = corpus.documents.count
                let index = Self.place(article, in: &corpus)
                // An article read from the corpus too was noted with it (review 71: twice).
                if !options.quiet, let articleNote = article.note,
                    index >= corpusCount || !corpus.notes.contains(where: { $0.contains("bytes that are not UTF-8") })
                {
                    note("refrain: note: \(articleNote.terminalSafe)")
                }
                let report = options.scan(corpus)
                let diff = DocumentDiff(report: report, documents: corpus.documents, index: index)
                let maxCarriers = all ? nil : top ?? 5
                switch format {
                case .text:
                    let styler = display.styler(writingToFile: outputFile(output) != nil)
                    // Written as it is rendered: a diff of a huge document is never held whole.
                    try emit(to: output, inputs: [document] + corpusPaths) { write in
                        try diff.render(width: display.lineWidth, styler: styler, maxCarriers: maxCarriers) { try write(Array($0.utf8)) }
                    }
                case .json:
                    try emit(
                        diff.json(bytes: corpus.documents[index].loadedBytes(), maxCarriers: maxCarriers), to: output,
                        inputs: [document] + corpusPaths)
                }
                try options.finish(corpus)
                if let failAbove, diff.document.recycledShare > failAbove {
                    if !options.quiet {
                        note(
                            "refrain: \(diff.document.id.terminalSafeName) is \(Self.share(diff.document.recycledShare, above: failAbove)) recycled, above --fail-above \(failAbove)"
                        )
                    }
                    throw ExitCode(1)
                }
            }
        }

        /// DOC as a document, with the file it came from (nil for standard input and records).
        struct Article {
            var document: Document
            var file: URL?
            /// The note on its bytes that are not UTF-8, if it has any.
            var note: String? = nil
        }

        /// Reads DOC: a text file, one record of a JSON Lines file (`--id`), or standard input.
        ///
        /// - Throws: `RefrainError.usage` for a folder, a JSON Lines file without `--id` or an
        ///   unknown id; `RefrainError.invalidInput` for binary data.
        func readArticle() throws -> Article {
            if document == "-" {
                if id != nil {
                    throw RefrainError.usage("--id picks a record of a JSON Lines file; standard input is read as one article.")
                }
                var bytes: [UInt8]
                do {
                    bytes = try Corpus.readStandardInput(limit: Corpus.maximumDocumentBytes)
                } catch {
                    throw RefrainError.io(path: "-", reason: "standard input cannot be read (\(error)).")
                }
                try Self.refuseTooLarge(bytes, name: "standard input")
                bytes = try Corpus.decompressedArticle(bytes, name: nil)
                let note = try Self.checkText(bytes, name: "standard input", isStandardInput: true)
                return Article(document: Document(id: "stdin", bytes: bytes, origin: "-"), file: nil, note: note)
            }
            var status = stat()
            guard stat(document, &status) == 0 else {
                // A locked folder on the way or a link loop: the file may exist, unread.
                if errno == ENOENT || errno == ENOTDIR { throw RefrainError.pathNotFound(document) }
                throw RefrainError.invalidInput(
                    "\(document): cannot be read (\(String(cString: strerror(errno)))). Check the path and its permissions.")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                throw RefrainError.usage(
                    "\(document) is a folder; diff reads one article. Pass a file and the corpus: refrain diff \(document)/ARTICLE.txt \(document), or run refrain scan \(document) for every article."
                )
            }
            if Corpus.isJSONLines(document) {
                guard let id else {
                    throw RefrainError.usage(
                        "\(document) is a JSON Lines file: pass --id ID to pick the record to read (refrain diff \(document) --id ID).")
                }
                // Texts deferred: only the record picked is read whole, not the file.
                let records = try Corpus.read([document], jobs: options.configuration.jobs, textBudget: 0)
                guard var record = records.documents.first(where: { $0.id == id }) else {
                    // A file that could not be read at all says why, not that the id is missing.
                    if records.documents.isEmpty, let problem = records.problems.first {
                        throw RefrainError.invalidInput("\(problem.path): \(problem.message)")
                    }
                    let known = records.documents.prefix(3).map { "\"\($0.id)\"" }.joined(separator: ", ")
                    throw RefrainError.usage(
                        "\(document) has no record with id \"\(id)\" (\(records.documents.count.counted("record", "records"))\(known.isEmpty ? "" : ", such as \(known)")). Check the id."
                    )
                }
                record.bytes = record.loadedBytes()
                record.deferredText = nil
                return Article(document: record, file: nil)
            }
            if id != nil {
                throw RefrainError.usage(
                    "--id picks a record of a JSON Lines file (.jsonl or .ndjson); \(document) is read as one article.")
            }
            let url = URL(fileURLWithPath: document).standardizedFileURL.resolvingSymlinksInPath()
            let isPipe = status.st_mode & S_IFMT == S_IFIFO
            let read = try Self.readArticleFile(document, isPipe: isPipe)
            try Self.refuseTooLarge(read, name: document)
            // A pipe has no name to tell that it is compressed: its bytes do.
            let bytes = try Corpus.decompressedArticle(read, name: isPipe ? nil : document, shownAs: document)
            let note = try Self.checkText(bytes, name: document)
            // Named as the corpus names a compressed file: without .gz.
            let name = Corpus.withoutGzipExtension(DocumentLocation.displayName(Array(url.lastPathComponent.utf8)))
            return Article(document: Document(id: name, bytes: bytes, origin: document), file: url, note: note)
        }

        /// Reads the article's file: a regular file, or a pipe (`refrain diff <(zcat a.gz) corpus`)
        /// to its end or just past the limit of one document.
        ///
        /// - Parameter isPipe: Whether `stat` found a named pipe there.
        /// - Throws: `RefrainError.invalidInput` (exit 65) naming the file and the reason,
        ///   as `scan` names an input it cannot read.
        static func readArticleFile(_ path: String, isPipe: Bool) throws -> [UInt8] {
            if isPipe {
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw RefrainError.invalidInput("\(path): cannot be read (\(String(cString: strerror(errno)))).")
                }
                defer { close(descriptor) }
                do {
                    let limit = Corpus.maximumDocumentBytes
                    return try Corpus.readToEnd(descriptor, limit: limit, plainTextLimit: limit)
                } catch RefrainError.io(_, let reason) {
                    throw RefrainError.invalidInput("\(path): cannot be read (\(reason)).")
                }
            }
            switch Corpus.readFile(Array(path.utf8), display: path) {
            case .success(let bytes): return bytes
            case .failure(let problem):
                // diff reads a pipe too, which the read stage's reason leaves out.
                let message = problem.message.replacingOccurrences(
                    of: "only files and folders are read.", with: "diff reads a file, a pipe, or - for standard input.")
                throw RefrainError.invalidInput("\(problem.path): \(message)")
            }
        }

        /// Refuses an article read only up to the limit of one document.
        static func refuseTooLarge(_ bytes: [UInt8], name: String) throws {
            guard bytes.count > Corpus.maximumDocumentBytes else { return }
            let problem = Corpus.tooLargeProblem(
                bytes.count, limit: Corpus.maximumDocumentBytes, display: name, advice: "Pass one article.", stopped: true)
            throw RefrainError.invalidInput("\(name): \(problem.message)")
        }

        /// A share as a percentage, rounded as the header rounds it, with as many more
        /// decimals as it takes to show it above `threshold` (28.8% reads as not above
        /// 0.2881; 28.8105% does).
        static func share(_ share: Double, above threshold: Double) -> String {
            let percent = share * 100
            let bound = threshold * 100
            for decimals in 1...6 {
                let scale = pow(10, Double(decimals))
                let shown = (percent * scale).rounded() / scale
                if shown > bound { return String(format: "%.\(decimals)f%%", shown) }
            }
            return String(format: "%.6f%%", percent)
        }

        /// Refuses what is not text (a NUL byte, UTF-16, another format, a quarter of the bytes
        /// not UTF-8), and notes fewer bytes that are not UTF-8, read as scan reads them.
        ///
        /// - Parameters:
        ///   - bytes: The article.
        ///   - name: Its name in messages.
        ///   - isStandardInput: Whether it was piped in, which changes the `iconv` line.
        /// - Returns: The note on its bytes that are not UTF-8, or `nil` when it has none.
        /// - Complexity: O(*n*).
        static func checkText(_ bytes: [UInt8], name: String, isStandardInput: Bool = false) throws -> String? {
            // An empty article (often standard input that nothing was piped into) has no text
            // to compare: a report of "0 paragraphs" with exit 0 would hide the mistake.
            guard bytes.contains(where: { !(($0 >= 9 && $0 <= 13) || $0 == 32) }) else {
                throw RefrainError.invalidInput(
                    "\(name) is empty: there is no text to compare. Pass the article's file, or pipe its text in: refrain diff - CORPUS < ARTICLE.txt"
                )
            }
            if let reason = Corpus.notTextReason(bytes, nulOffset: bytes.firstIndex(of: 0)) {
                throw RefrainError.invalidInput("\(name): \(reason). Pass a UTF-8 text article.")
            }
            var invalid = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .error: invalid += 1
                case .emptyInput: break decoding
                }
            }
            // Mostly not UTF-8: binary, or text in a single-byte encoding of another script.
            if invalid > max(4, bytes.count / 4) {
                throw RefrainError.invalidInput(
                    "\(name): binary data or text in another encoding (\(invalid) invalid UTF-8 sequences in \(bytes.count) bytes), "
                        + "not UTF-8 text. If it is text, convert it first (iconv -f ENCODING -t UTF-8 FILE > FILE.utf8; iconv -l "
                        + "lists the encodings).")
            }
            // Read as scan reads it (Latin-1 articles are common), with scan's note.
            return Corpus.notUTF8Note([(isStandardInput ? "-" : name, invalid)])
        }

        /// The article's index in the corpus: the corpus's copy when it is the same file, the same
        /// record or the same bytes (so that it never counts as its own copy), else appended.
        static func place(_ article: Article, in corpus: inout Corpus) -> Int {
            // The same file by device and inode, through any link or spelling of its path: a
            // document's displayed path may spell another file's name (`caf\xe9.txt`).
            func identity(_ path: [UInt8]) -> [UInt64]? {
                var status = stat()
                guard Corpus.withCPath(path, { stat($0, &status) }) == 0 else { return nil }
                return [UInt64(status.st_dev), UInt64(status.st_ino)]
            }
            if let file = article.file, let wanted = identity(Array(file.path.utf8)),
                let found = corpus.documents.firstIndex(where: {
                    guard let location = $0.location, location.line == nil, location.file != "-" else { return false }
                    return identity(location.fileBytes) == wanted
                })
            {
                return found
            }
            // The same record first (two records may share their text), then the same text; a
            // deferred text is read only when its length matches.
            let text = article.document.bytes
            func sameText(_ candidate: Document) -> Bool { candidate.byteCount == text.count && candidate.loadedBytes() == text }
            if let found = corpus.documents.firstIndex(where: { $0.id == article.document.id && sameText($0) }) {
                return found
            }
            if let found = corpus.documents.firstIndex(where: sameText) {
                return found
            }
            // Then the same text saved otherwise: a paste without the final line feed, CR LF
            // line ends, spaces at the ends of lines, a byte-order mark. Such a copy's length
            // is within an eighth of the text's, and only those are read again.
            let comparable = Document.comparableText(text)
            let longest = comparable.count + comparable.count / 8 + 16
            if let found = corpus.documents.firstIndex(where: {
                (comparable.count...longest).contains($0.byteCount) && Document.comparableText($0.loadedBytes()) == comparable
            }) {
                return found
            }
            var document = article.document
            if corpus.documents.contains(where: { $0.id == document.id }) { document.id = document.origin }
            corpus.documents.append(document)
            return corpus.documents.count - 1
        }
    }
}
