import ArgumentParser
import Foundation
import Refrain

extension RefrainCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one article against the corpus, paragraph by paragraph.",
            discussion: """
                Each paragraph gets a margin with its number and label: template, partial, \
                repeat or novel. In partial paragraphs every run of text is marked: = for \
                recycled (template) text, + for new reporting. Under recycled text: its family \
                and how many documents share it. Where the article's copy differs from the \
                family's representative, the words are shown as git diff --word-diff does: \
                [-words the copy lacks-] and {+words the copy adds+} (in colour on a terminal, \
                with template text dimmed).

                DOC may lie inside or outside the corpus; the corpus defaults to DOC's folder.

                Examples:
                  refrain diff samples/000_96c4b650bc7dc9e5.txt
                  refrain diff draft.txt archive/ --no-color | less
                """)

        @Argument(help: "The article to read: a .txt file.")
        var document: String

        @Argument(help: "The corpus to read it against: folders, files, .jsonl (default: DOC's folder).")
        var paths: [String] = []

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (plain text).")
        var output: String?

        @OptionGroup var display: DisplayOptions
        @OptionGroup var options: CorpusOptions

        func run() throws {
            try runReportingErrors {
                guard FileManager.default.fileExists(atPath: document) else { throw RefrainError.pathNotFound(document) }
                let documentURL = URL(fileURLWithPath: document).standardizedFileURL.resolvingSymlinksInPath()
                let corpusPaths = paths.isEmpty ? [documentURL.deletingLastPathComponent().path] : paths
                var corpus = try options.readCorpus(corpusPaths)
                // The article itself: the corpus's copy when it has one, else added to the corpus.
                let index: Int
                if let found = corpus.documents.firstIndex(where: {
                    URL(fileURLWithPath: $0.origin).standardizedFileURL.resolvingSymlinksInPath() == documentURL
                }) {
                    index = found
                } else {
                    let bytes: [UInt8]
                    do {
                        bytes = Array(try Data(contentsOf: documentURL))
                    } catch {
                        throw RefrainError.io(path: document, reason: "cannot be read (\((error as NSError).localizedDescription)).")
                    }
                    var id = documentURL.lastPathComponent
                    if corpus.documents.contains(where: { $0.id == id }) { id = document }
                    corpus.documents.append(Document(id: id, bytes: bytes, origin: document))
                    index = corpus.documents.count - 1
                }
                let report = options.scan(corpus)
                let diff = DocumentDiff(report: report, documents: corpus.documents, index: index)
                let styler = display.styler(writingToFile: output != nil)
                try emit(diff.render(width: display.lineWidth, styler: styler) + "\n", to: output, inputs: [document] + corpusPaths)
                try options.finish(corpus)
            }
        }
    }
}
