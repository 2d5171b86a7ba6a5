import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Texts past the read stage's budget are let go and read again: the scan must not notice.
@Suite struct DeferredTextTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-deferred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A generated corpus written as a folder of text files and as one JSON Lines file.
    func writeCorpus(to folder: URL) throws -> (folder: URL, jsonLines: URL, documents: [Document]) {
        let generated = GeneratedCorpus(documents: 240, templates: 8, seed: 20)
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        var lines: [String] = []
        for document in generated.documents {
            try Data(document.bytes).write(to: texts.appendingPathComponent(document.id + ".txt"))
            let record = try JSONSerialization.data(withJSONObject: ["id": document.id, "text": document.text], options: [.sortedKeys])
            lines.append(String(decoding: record, as: UTF8.self))
        }
        let jsonLines = folder.appendingPathComponent("feed.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: jsonLines)
        return (texts, jsonLines, generated.documents)
    }

    /// Descriptors of this process open on `path` (other tests run alongside: only this
    /// test's own file is counted).
    func descriptors(on path: String) throws -> Int {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count { name in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name)) == resolved
        }
    }

    /// A JSON Lines file's records are read back through one descriptor, opened on the
    /// first read and closed when the last of its documents is gone.
    @Test func aFilesRecordsShareOneDescriptorThatClosesWithThem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try writeCorpus(to: folder)
        let path = written.jsonLines.path
        do {
            let deferred = try Corpus.read([path], jobs: 2, textBudget: 0)
            #expect(deferred.documents.allSatisfy { $0.deferredText?.openFile != nil })
            let file = try #require(deferred.documents.first?.deferredText?.openFile)
            #expect(deferred.documents.allSatisfy { $0.deferredText?.openFile === file })
            for (document, original) in zip(deferred.documents, written.documents) {
                #expect(document.loadedBytes() == original.bytes)
            }
            #expect(file.descriptor != nil)
            #expect(try descriptors(on: path) == 1, "one descriptor for the whole file")
        }
        #expect(try descriptors(on: path) == 0, "closed with the documents")
    }

    /// A text that cannot be read again says why: a changed or vanished file is changed
    /// input (65, as `clean` says), even when the edit keeps its length; a file that cannot
    /// be read is an I/O failure (74).
    @Test func aTextThatCannotBeReadAgainSaysWhetherItChangedOrCouldNotBeRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try writeCorpus(to: folder)
        func firstDeferred(_ path: String) throws -> DeferredText {
            try #require(try Corpus.read([path], jobs: 1, textBudget: 0).documents.first?.deferredText)
        }
        func expectFailure(_ text: DeferredText, _ code: Int32, _ words: String) {
            guard case .failure(let failure) = text.read() else {
                Issue.record("\(text.path): read again")
                return
            }
            #expect(failure.exitCode == code, "\(failure)")
            #expect(failure.description.contains(words), "\(failure)")
        }
        // A JSON Lines record: the file cut short, then gone, then a folder in its place.
        let jsonLines = written.jsonLines.path
        var record = try firstDeferred(jsonLines)
        #expect(try record.read().get().count == record.length)
        // An edit of the same length: only the record's checksum can tell.
        var edited = try Data(contentsOf: written.jsonLines)
        let letter = try #require(edited.firstIndex(of: UInt8(ascii: "e")))
        edited[letter] = UInt8(ascii: "a")
        try edited.write(to: written.jsonLines)
        expectFailure(record, 65, "no longer reads as before")
        try FileHandle(forWritingTo: written.jsonLines).truncate(atOffset: 10)
        expectFailure(record, 65, "changed while it was scanned")
        try FileManager.default.removeItem(atPath: jsonLines)
        record.openFile = nil
        expectFailure(record, 65, "it is gone")
        try FileManager.default.createDirectory(atPath: jsonLines, withIntermediateDirectories: false)
        expectFailure(record, 74, "cannot read")
        // A whole file: edited to another length, then gone, then a folder.
        let file = written.folder.appendingPathComponent(written.documents[0].id + ".txt").path
        let whole = try firstDeferred(file)
        var sameLength = try Data(contentsOf: URL(fileURLWithPath: file))
        sameLength[0] = sameLength[0] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        try sameLength.write(to: URL(fileURLWithPath: file))
        expectFailure(whole, 65, "not those first read")
        try Data("Another text.".utf8).write(to: URL(fileURLWithPath: file))
        expectFailure(whole, 65, "bytes of text became")
        try FileManager.default.removeItem(atPath: file)
        expectFailure(whole, 65, "it is gone")
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        expectFailure(whole, 74, "cannot read")
    }

    /// With no budget, or half the corpus's text, every text is deferred (a corpus over the
    /// budget keeps none); with the whole text, a folder keeps all and a JSON Lines file,
    /// larger than its texts, is deferred whole.
    @Test(arguments: [0, 1, 2])
    func scanOfDeferredTextsEqualsScanOfResidentOnes(halves: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try writeCorpus(to: folder)
        let budget = written.documents.reduce(0) { $0 + $1.bytes.count } * halves / 2
        for path in [written.folder.path, written.jsonLines.path] {
            let resident = try Corpus.read([path], jobs: 2)
            let deferred = try Corpus.read([path], jobs: 2, textBudget: budget)
            #expect(resident.documents.allSatisfy { $0.deferredText == nil })
            let deferredCount = deferred.documents.filter { $0.deferredText != nil }.count
            if halves < 2 || path.hasSuffix(".jsonl") {
                #expect(deferredCount == deferred.documents.count, "\(path)")
            } else {
                #expect(deferredCount == 0, "\(path): a corpus within the budget is kept")
            }
            #expect(deferred.documents.map(\.id) == resident.documents.map(\.id))
            for (a, b) in zip(deferred.documents, resident.documents) {
                #expect(a.deferredText == nil || a.bytes.isEmpty)
                #expect(a.byteCount == b.bytes.count)
                #expect(a.loadedBytes() == b.bytes)
                #expect(a.text == b.text)
            }
            for jobs in [1, 2] {
                var configuration = Configuration()
                configuration.jobs = jobs
                let expected = Pipeline(configuration: configuration).scan(resident.documents)
                let actual = Pipeline(configuration: configuration).scan(deferred.documents)
                #expect(actual.documents == expected.documents, "\(path), \(jobs) jobs")
                #expect(actual.families == expected.families, "\(path), \(jobs) jobs")
                #expect(!expected.families.isEmpty)
            }
        }
    }

    /// What `scan` adds to the report from the texts (per-source shares, exact duplicates)
    /// is the same when the texts were let go: both read them again.
    @Test func sourcesAndDuplicatesOfDeferredTextsEqualThoseOfResidentOnes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = GeneratedCorpus(documents: 120, templates: 6, seed: 23)
        var lines: [String] = []
        for (number, document) in generated.documents.enumerated() {
            // Every tenth document a second time, whole: an exact duplicate.
            for copy in 0..<(number % 10 == 0 ? 2 : 1) {
                let fields: [String: Any] = [
                    "id": "\(document.id)-\(copy)", "text": document.text, "source": "outlet \(number % 4)",
                    "date": "2024-01-\(10 + number % 9)",
                ]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self))
            }
        }
        let feed = folder.appendingPathComponent("feed.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: feed)
        func json(textBudget: Int) throws -> (String, Int) {
            let corpus = try Corpus.read([feed.path], textBudget: textBudget)
            let report = Pipeline().scan(corpus.documents)
            let sources = SourceAnalysis(report: report, documents: corpus.documents)
            let duplicates = DuplicateDocuments(report: report, documents: corpus.documents)
            var output: [UInt8] = []
            report.writeJSON(grouping: nil, sources: sources, duplicates: duplicates) { output += $0 }
            return (String(decoding: output, as: UTF8.self), duplicates.count)
        }
        let resident = try json(textBudget: .max)
        let deferred = try json(textBudget: 0)
        #expect(resident.1 >= 10, "the planted duplicates are found")
        #expect(deferred.0 == resident.0)
    }

    @Test func deferredFilesAreStillCheckedWhenRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Plain text.".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data([0x41, 0x00, 0x42]).write(to: folder.appendingPathComponent("b.txt"))
        let corpus = try Corpus.read([folder.path], textBudget: 0)
        #expect(corpus.documents.map(\.id) == ["a.txt"])
        #expect(corpus.problems.map(\.message).contains { $0.contains("a NUL byte at offset 1") })
        #expect(corpus.documents[0].loadedBytes() == Array("Plain text.".utf8))
    }

    /// A deferred record read for `clean` keeps its checksum instead of its bytes, so an edit
    /// in place that keeps every length (which offsets alone cannot see) is still told apart.
    @Test func deferredRecordsKeepTheirChecksumForClean() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [#"{"id": "a", "text": "First story."}"#, #"{"id": "b", "text": "Second story."}"#]
        let feed = folder.appendingPathComponent("feed.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: feed)
        let kept = try Corpus.read([feed.path], keepRecords: true, textBudget: 0)
        #expect(kept.documents.map { $0.record == nil } == [true, true], "a deferred record is not held")
        #expect(kept.documents.map { $0.deferredText?.recordChecksum } == lines.map { XXH3.hash(Array($0.utf8)) })
        var edited = Array(lines[1].utf8)
        edited[edited.count - 4] = UInt8(ascii: "X")
        #expect(kept.documents[1].deferredText?.recordChecksum != XXH3.hash(edited))
        // The file's size as read, which clean compares with the file it rewrites.
        #expect(kept.jsonLinesSizes[Array(feed.path.utf8)] == (lines.joined(separator: "\n") + "\n").utf8.count)
        // Read for a scan, the checksum is kept too: a record read again is compared with it.
        let scanned = try Corpus.read([feed.path], textBudget: 0)
        #expect(scanned.documents.map { $0.deferredText?.recordChecksum } == lines.map { XXH3.hash(Array($0.utf8)) })
    }

    @Test func standardInputIsKeptWhateverTheBudget() throws {
        let corpus = try Corpus.read(["-"], standardInput: { Array(#"{"id": "x", "text": "Kept in memory."}"#.utf8) }, textBudget: 0)
        #expect(corpus.documents.map(\.id) == ["x"])
        #expect(corpus.documents[0].deferredText == nil)
        #expect(corpus.documents[0].bytes == Array("Kept in memory.".utf8))
    }

    @Test func residentMemoryIsMeasured() {
        let current = ResidentMemory.current
        #expect(current > 1 << 20)
        #expect(ResidentMemory.peak >= current / 2)
        #if canImport(Glibc)
            #expect(ResidentMemory.mallocTrim != nil, "glibc's malloc_trim is found")
        #endif
        ResidentMemory.trimHeap()
    }
}
