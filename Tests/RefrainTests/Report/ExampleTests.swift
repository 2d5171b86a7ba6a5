import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The documentation's `import Refrain` example (Examples/RecycledShare) runs and prints
/// what the library computes.
@Suite struct ExampleTests {
    @Test func theExamplePrintsEachDocumentsRecycledShare() throws {
        let executable = try #require(refrainExecutable()?.deletingLastPathComponent().appendingPathComponent("refrain-example"))
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the example target first")
        let process = Process()
        process.executableURL = executable
        process.arguments = [samplesFolder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let scanned = ScannedCorpus(try Corpus.read([samplesFolder]))
        for document in scanned.report.documents {
            let percent = (document.recycledShare * 1000).rounded() / 10
            #expect(text.contains("\(document.id)\t\(percent)% recycled"))
        }
        #expect(text.contains("largest family: #\(scanned.report.families[0].id), in \(scanned.report.families[0].documents) documents"))
    }

    @Test func scannedCorpusReadsTheReportAgainstItsOwnDocuments() throws {
        let corpus = try Corpus.read([samplesFolder])
        let scanned = ScannedCorpus(corpus)
        let index = try #require(scanned.index(ofDocument: "000_96c4b650bc7dc9e5.txt"))
        #expect(
            scanned.diff(ofDocument: index).render()
                == DocumentDiff(report: scanned.report, documents: corpus.documents, index: index).render())
        #expect(scanned.cleaned().map(\.text) == Cleaner.clean(scanned.report, documents: corpus.documents).map(\.text))
        #expect(scanned.families().render() == FamilyListing(report: scanned.report, documents: corpus.documents).render())
    }

    /// README's "What `refrain scan samples` shows" is what the command prints, in order
    /// (it had drifted: two families had swapped places).
    @Test func theReadmesSampleScanIsWhatScanPrints() throws {
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: samplesFolder).deletingLastPathComponent().appendingPathComponent("README.md").path,
            encoding: .utf8)
        let heading = try #require(readme.range(of: "## What `refrain scan samples` shows"))
        let block = try #require(readme[heading.upperBound...].split(separator: "```", maxSplits: 2).dropFirst().first)
        let shown = block.split(separator: "\n").map(String.init).filter { !$0.isEmpty && $0.trimmingCharacters(in: .whitespaces) != "…" }
        #expect(shown.count >= 10)
        let printed = try runRefrain(["scan", samplesFolder, "-q"]).output.split(separator: "\n").map(String.init)
        // Each line shown, in the order printed.
        var next = printed.startIndex
        for line in shown {
            let found = printed[next...].firstIndex(of: line)
            #expect(found != nil, "not printed, or out of order: \(line)")
            next = (found ?? next) + 1
        }
    }
}
