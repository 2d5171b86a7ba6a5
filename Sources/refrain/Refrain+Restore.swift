import ArgumentParser
import Foundation
@_spi(CommandLine) import Refrain

extension RefrainCommand {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the original corpus, byte for byte, from a clean output and its manifest.",
            discussion: """
                Reads CLEAN_FOLDER/\(CleanManifest.fileName) and puts every removed span back \
                where it was: a text file whole, a JSON Lines file line by line (each document's \
                text rebuilt inside its record; every other line is as clean kept it). The files \
                come out under DIR with the paths they have in CLEAN_FOLDER: a gzip input \
                (feed.jsonl.gz) comes back decompressed (feed.jsonl), as clean wrote it, and \
                files clean did not read (hidden, other extensions; clean named or counted them) \
                are not in CLEAN_FOLDER, so not rebuilt: keep the input for them.

                DIR is written as clean writes (staged beside it, then renamed into place); it \
                must be new or empty, and may not be or lie inside CLEAN_FOLDER. A file changed \
                after clean is an error (65), and nothing is written. A manifest written before \
                clean recorded checksums (no "xxh3") is restored with a warning: its files are \
                checked by length and offsets only.

                Examples:
                  refrain clean samples --output cleaned
                  refrain restore cleaned --output rebuilt
                """)

        @Argument(help: "The folder clean wrote (its --output).")
        var cleanFolder: String

        @Option(name: .shortAndLong, help: "The folder to write the rebuilt corpus into (created when missing).")
        var output: String

        @Flag(name: .shortAndLong, help: "No notes on standard error.")
        var quiet = false

        func validate() throws {
            if output.isEmpty { throw ValidationError("--output is empty: give the folder to write the rebuilt corpus into.") }
            if output == "-" {
                throw ValidationError(
                    "restore writes a folder, not standard output: give --output a folder (new or empty), as in refrain restore \(cleanFolder.terminalSafe) --output rebuilt."
                )
            }
            try validateUTF8Name(cleanFolder, role: "the clean folder")
            try validateUTF8Name(output, role: "--output")
        }

        func run() throws {
            try runReportingErrors {
                Interrupts.install()
                var status = stat()
                guard stat(cleanFolder, &status) == 0 else { throw RefrainError.cleanFolderNotFound(cleanFolder) }
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw RefrainError.usage(
                        "\(cleanFolder) is not a folder: give restore the folder clean wrote (its --output), which holds \(CleanManifest.fileName)."
                    )
                }
                let target = SafeWriting.resolve(output), source = SafeWriting.resolve(cleanFolder)
                let relation: String? =
                    if target == source {
                        "is the clean folder"
                    } else if SafeWriting.isInside(target, source) {
                        "is inside it"
                    } else if SafeWriting.isInside(source, target) {
                        "holds it"
                    } else {
                        nil
                    }
                if let relation {
                    throw RefrainError.usage(
                        "refusing to write into the clean folder \(cleanFolder): \(output) \(relation). Choose an --output outside it.")
                }
                try SafeWriting.checkOutside(output: output, inputs: [cleanFolder], isFolder: true)
                // A rebuilt corpus replaces nothing: not even an earlier clean output, which
                // the folder rules of `clean` would let it replace.
                if let entries = try? FileManager.default.contentsOfDirectory(atPath: output), !entries.isEmpty {
                    throw RefrainError.usage(
                        "refusing to write into \(output): it is not empty. Restore into a new or empty folder.")
                }
                try SafeWriting.checkFolderTarget(output, command: "restore")
                let folder = URL(fileURLWithPath: cleanFolder)
                guard let manifest = FileManager.default.contents(atPath: folder.appendingPathComponent(CleanManifest.fileName).path)
                else {
                    throw RefrainError.invalidInput(Restorer.Problem.noManifest(folder: cleanFolder).description)
                }
                var documents = 0
                do {
                    let files = try Restorer.files(manifest: Array(manifest))
                    // A file the manifest does not name would be left out without a word.
                    if let link = Restorer.linkedFolder(in: Array(folder.path.utf8), on: files.map(\.pathBytes)) {
                        throw Restorer.Problem.mismatch(
                            path: DocumentLocation.displayName(link), detail: "it is a link, where clean wrote a folder")
                    }
                    let unlisted = Restorer.unlistedFiles(in: cleanFolder, listed: Set(files.map(\.pathBytes)))
                    guard unlisted.isEmpty else { throw Restorer.Problem.unlisted(paths: unlisted) }
                    // A warning, not a note: shown under --quiet too, since the rebuilt bytes are trusted less.
                    if let warning = Restorer.uncheckedWarning(files.flatMap(\.entries)) {
                        note(warning.split(separator: "\n").map { "refrain: \($0)" }.joined(separator: "\n"))
                    }
                    let written = Set(files.filter { $0.entries[0].alias == nil }.map(\.pathBytes))
                    for file in files {
                        guard let alias = file.entries[0].alias else { continue }
                        guard file.entries.count == 1, written.contains(alias.of) else {
                            throw Restorer.Problem.mismatch(
                                path: file.path,
                                detail:
                                    "a second name of \(DocumentLocation.displayName(alias.of)), which the manifest does not name as a file"
                            )
                        }
                    }
                    try SafeWriting.writeFolder(at: output) { writer in
                        for file in files where file.entries[0].alias == nil {
                            // By the path's bytes: a name that is not UTF-8 has no exact String spelling.
                            let path = folder.appendingPathComponent(file.path).path
                            let pathBytes = Array(folder.path.utf8) + [UInt8(ascii: "/")] + file.pathBytes
                            // As readable as the cleaned file, which is as readable as its input.
                            let mode = SafeWriting.outputMode(ofInput: pathBytes)
                            if Restorer.isLink(pathBytes) {
                                throw Restorer.Problem.mismatch(path: path, detail: "it is a link, where clean wrote a file")
                            }
                            if file.entries.count > 1 || file.entries[0].line != nil {
                                // A JSON Lines file, read and written in pieces: never whole. What
                                // stops the rebuild is thrown once the file is closed, as itself,
                                // not as a failure to write (the staging folder goes either way).
                                var problem: Restorer.Problem?
                                try writer.write(bytes: file.pathBytes, mode: mode) { write in
                                    do {
                                        try Corpus.withPieces(of: pathBytes) { next in
                                            try Restorer.restoreJSONLines(path: path, pieces: next, entries: file.entries, write: write)
                                        }
                                    } catch let failure as Corpus.PieceReadFailure {
                                        problem = .unreadable(path: path, reason: failure.reason)
                                    } catch let mismatch as Restorer.Problem {
                                        problem = mismatch
                                    }
                                }
                                if let problem { throw problem }
                                documents += file.entries.count
                                continue
                            }
                            let cleaned: [UInt8]
                            switch Corpus.readFile(pathBytes, display: path, limit: Int.max) {
                            case .success(let bytes): cleaned = bytes
                            case .failure(let problem):
                                // The reader's advice to leave the file out is a corpus's: restore needs it.
                                var reason = Substring(problem.message)
                                let prefix = "cannot be read ("
                                if reason.hasPrefix(prefix), let end = reason.lastIndex(of: ")") {
                                    reason = reason[reason.index(reason.startIndex, offsetBy: prefix.count)..<end]
                                }
                                throw Restorer.Problem.unreadable(path: path, reason: String(reason))
                            }
                            let original = try Restorer.restore(path: path, cleaned: cleaned, entries: file.entries)
                            try writer.write(bytes: file.pathBytes, mode: mode) { try $0(original) }
                            documents += file.entries.count
                        }
                        // Second names (hard and symbolic links) once the files they name are written.
                        for file in files {
                            guard let alias = file.entries[0].alias else { continue }
                            try writer.link(bytes: file.pathBytes, to: alias.of, symbolicLink: alias.symbolicLink)
                        }
                    }
                    if !quiet {
                        note(
                            "refrain: rebuilt \(files.count.counted("file", "files")) (\(documents.counted("document", "documents"))) "
                                + "in \(output.terminalSafe).")
                    }
                } catch let problem as Restorer.Problem {
                    throw RefrainError.invalidInput(problem.description)
                }
            }
        }
    }
}
