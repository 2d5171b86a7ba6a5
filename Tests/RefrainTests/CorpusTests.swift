import Foundation
import Testing

@testable import Refrain

@Suite struct CorpusTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func folderIsReadRecursivelyWithRelativeIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        try Data("two".utf8).write(to: folder.appendingPathComponent("b/c/two.txt"))
        try Data("one".utf8).write(to: folder.appendingPathComponent("one.txt"))
        try Data("not text".utf8).write(to: folder.appendingPathComponent("image.png"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["b/c/two.txt", "one.txt"])
        #expect(corpus.problems.isEmpty)
    }

    @Test func filesAreReadInIDOrderWhateverTheArgumentOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.txt", "a.txt", "c.txt"] { try Data(name.utf8).write(to: folder.appendingPathComponent(name)) }
        let paths = ["c.txt", "a.txt", "b.txt"].map { folder.appendingPathComponent($0).path }
        #expect(try Corpus.read(paths).documents.map(\.id) == ["a.txt", "b.txt", "c.txt"])
        #expect(try Corpus.read(paths.reversed()).documents.map(\.id) == ["a.txt", "b.txt", "c.txt"])
    }

    @Test func jsonLinesWithMetadataAndBadLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            #"{"id": "a", "text": "Alpha text.", "source": "Trend", "date": "2020-10-31"}"#,
            #"{"id": "b", "text": "#,
            #"{"id": "c"}"#,
            "",
            #"{"text": "No id here."}"#,
            #"{"id": 7, "text": "Numeric id."}"#,
            #"{"id": "a", "text": "Duplicate id."}"#,
        ]
        let file = folder.appendingPathComponent("feed.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let corpus = try Corpus.read([file.path])
        #expect(corpus.documents.map(\.id) == ["a", "5", "7", "a#7"])
        #expect(corpus.documents[0].source == "Trend")
        #expect(corpus.documents[0].date == "2020-10-31")
        #expect(corpus.documents[0].origin.hasSuffix("feed.jsonl:1"))
        let skipped = corpus.problems.filter { $0.severity == .skipped }
        #expect(skipped.map(\.line) == [2, 3])
        #expect(skipped.allSatisfy { $0.path == file.path })
        #expect(corpus.problems.filter { $0.severity == .warning }.compactMap(\.line) == [4, 6, 7])
    }

    @Test func standardInputIsOneDocumentOrJSONLines() throws {
        let text = try Corpus.read(["-"], standardInput: { Array("Plain text.".utf8) })
        #expect(text.documents.map(\.id) == ["stdin"])
        let lines = try Corpus.read(["-"], standardInput: { Array(#"{"id": "x", "text": "From a pipe."}"#.utf8) })
        #expect(lines.documents.map(\.id) == ["x"])
        let empty = try Corpus.read(["-"], standardInput: { [] })
        #expect(empty.documents.count == 1 && empty.documents[0].bytes.isEmpty)
    }

    @Test func missingPathIsAnError() {
        #expect(throws: RefrainError.pathNotFound("/no/such/refrain/path")) {
            try Corpus.read(["/no/such/refrain/path"])
        }
        #expect(RefrainError.pathNotFound("x").exitCode == 66)
    }

    @Test func binaryFilesAreSkippedAndNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: folder.appendingPathComponent("program.txt"))
        try Data("Good text.".utf8).write(to: folder.appendingPathComponent("good.txt"))
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["good.txt"])
        #expect(corpus.problems.count == 1)
        #expect(corpus.problems[0].path.hasSuffix("program.txt"))
        #expect(corpus.problems[0].severity == .skipped)
    }
}
