import ArgumentParser
import Foundation
import Refrain

extension RefrainCommand {
    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the corpus with its recycled text removed, keeping what was removed alongside.",
            discussion: """
                Template paragraphs are dropped, recycled sentences are cut out of partial \
                paragraphs, and novel text keeps its paragraph breaks. A folder comes out as the \
                same tree under DIR; a .jsonl file comes out as a .jsonl file with the same ids \
                and metadata. DIR/\(CleanManifest.fileName) records, per document, every removed \
                span with its family and its text, so the original bytes can be rebuilt.

                clean never writes into an input folder and never over an input file. Each file \
                is written to a temporary name and renamed, so an interrupted run leaves no half \
                files.

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
                let corpus = try options.readCorpus(paths)
                let outputFolder = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: outputFolder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw RefrainError.usage("\(output) is a file; --output must be a folder (new or existing).")
                }
                for path in paths where path != "-" {
                    let input = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
                    if outputFolder.path == input.path || outputFolder.path.hasPrefix(input.path + "/") {
                        throw RefrainError.usage("refusing to write into the input \(path): choose an --output folder outside it.")
                    }
                }
                let plan = OutputPlan(corpus: corpus)
                let inputFiles = Set(
                    corpus.documents.map {
                        URL(fileURLWithPath: OutputPlan.file(of: $0)).standardizedFileURL.resolvingSymlinksInPath().path
                    })
                for file in plan.files.keys {
                    let target = outputFolder.appendingPathComponent(file).standardizedFileURL.path
                    if inputFiles.contains(target) {
                        throw RefrainError.usage("refusing to overwrite the input file \(target): choose another --output folder.")
                    }
                }

                let report = options.scan(corpus)
                let cleaned = Cleaner.clean(report, documents: corpus.documents, keepFirst: keepFirst)
                ProgressLine.shared.show(.write)
                var manifest = ""
                for (file, indexes) in plan.files.sorted(by: { $0.key < $1.key }) {
                    let url = outputFolder.appendingPathComponent(file)
                    if plan.isJSONLines[file]! {
                        var text = ""
                        for (line, index) in indexes.enumerated() {
                            text += jsonRecord(corpus.documents[index], text: cleaned[index].text)
                            manifest += CleanManifest.line(
                                id: corpus.documents[index].id, output: file, line: line + 1,
                                originalBytes: corpus.documents[index].bytes.count, removed: cleaned[index].removed)
                        }
                        try AtomicFile.write(Array(text.utf8), to: url)
                    } else {
                        let index = indexes[0]
                        try AtomicFile.write(cleaned[index].text, to: url)
                        manifest += CleanManifest.line(
                            id: corpus.documents[index].id, output: file, line: nil,
                            originalBytes: corpus.documents[index].bytes.count, removed: cleaned[index].removed)
                    }
                }
                try AtomicFile.write(Array(manifest.utf8), to: outputFolder.appendingPathComponent(CleanManifest.fileName))
                if !options.quiet {
                    let removed = cleaned.reduce(0) { $0 + $1.removed.reduce(0) { $0 + $1.bytes.count } }
                    note(
                        "refrain: wrote \(corpus.documents.count.counted("document", "documents")) to \(output.terminalSafe) "
                            + "(\(removed.counted("byte", "bytes")) of recycled text removed, recorded in \(CleanManifest.fileName)).\n"
                    )
                }
                try options.finish(corpus)
            }
        }

        func jsonRecord(_ document: Document, text: [UInt8]) -> String {
            var object: [String: String] = ["id": document.id, "text": String(decoding: text, as: UTF8.self)]
            if let source = document.source { object["source"] = source }
            if let date = document.date { object["date"] = date }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}

/// Where each document's cleaned text goes, relative to the output folder.
struct OutputPlan {
    /// Output file → documents written into it (one, or a JSON Lines file's records in order).
    var files: [String: [Int]] = [:]
    var isJSONLines: [String: Bool] = [:]

    init(corpus: Corpus) {
        for (index, document) in corpus.documents.enumerated() {
            let location = document.location ?? DocumentLocation(input: 0, file: document.origin, relativePath: document.id)
            let jsonLines = location.line != nil
            let file: String
            if location.file == "-" {
                file = jsonLines ? "stdin.jsonl" : "stdin.txt"
            } else {
                file = location.relativePath
            }
            files[file, default: []].append(index)
            isJSONLines[file] = jsonLines
        }
    }

    /// The file a document was read from.
    static func file(of document: Document) -> String {
        document.location?.file ?? document.origin
    }
}

/// Writes files through a temporary name and a rename, and removes the temporary file on Ctrl-C.
enum AtomicFile {
    nonisolated(unsafe) static var pending: UnsafeMutablePointer<CChar>?

    static func write(_ bytes: [UInt8], to url: URL) throws { try write(to: url) { write in try write(bytes) } }

    /// Writes a file through a temporary name and a rename.
    ///
    /// - Parameter body: Writes the file's bytes, one piece after another, with the
    ///   function it is given.
    static func write(to url: URL, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        installInterruptHandler()
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).refrain-tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            pending = strdup(temporary.path)
            defer {
                free(pending)
                pending = nil
            }
            // Straight from the array: a `Data` copy of a large report cost as much as the write.
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(descriptor) }
            try body { bytes in try writeAll(bytes, to: descriptor) }
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RefrainError.io(
                path: url.path,
                reason:
                    "cannot be written (\((error as NSError).localizedDescription)). Check that the folder is writable and the disk has space."
            )
        }
    }

    nonisolated(unsafe) static var installed = false

    static func installInterruptHandler() {
        guard !installed else { return }
        installed = true
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { number in
                if let path = AtomicFile.pending { unlink(path) }
                _exit(128 + number)
            }
        }
    }
}
