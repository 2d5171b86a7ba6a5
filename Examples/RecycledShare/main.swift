// The `import Refrain` example of the documentation: reads a corpus, scans it, and prints
// each document's recycled share and the text of its most widespread family.
import Foundation
import Refrain

let paths = Array(CommandLine.arguments.dropFirst())
guard !paths.isEmpty else {
    print("usage: refrain-example PATH…")
    exit(64)
}
do {
    let corpus = try Corpus.read(paths)
    let scanned = ScannedCorpus(corpus)
    for document in scanned.report.documents {
        let percent = (document.recycledShare * 1000).rounded() / 10
        print("\(document.id)\t\(percent)% recycled")
    }
    if let family = scanned.report.families.first {
        print("largest family: #\(family.id), in \(family.documents) documents")
    }
} catch {
    print("refrain-example: \(error)")
    exit(66)
}
