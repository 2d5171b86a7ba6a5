import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct CleanLayoutTests {
    func document(_ file: String, input: Int, relativePath: String, line: Int? = nil) -> Document {
        Document(
            id: relativePath, bytes: Array("x".utf8), origin: file,
            location: DocumentLocation(input: input, file: file, relativePath: relativePath, line: line))
    }

    @Test func aTextFileNamedLikeAJSONLinesPlaceStaysText() throws {
        let layout = try CleanLayout(documents: [document("in/report:12", input: 0, relativePath: "report:12")])
        #expect(layout.files.map(\.path) == ["report:12"])
        #expect(layout.files[0].isJSONLines == false)
    }

    @Test func unicodeSpellingsStayDistinct() throws {
        let layout = try CleanLayout(documents: [
            document("in/\u{E9}.txt", input: 0, relativePath: "\u{E9}.txt"),
            document("in/e\u{301}.txt", input: 0, relativePath: "e\u{301}.txt"),
        ])
        #expect(layout.files.count == 2)
    }

    @Test func recordsOfOneFileShareItAndOtherFilesCollide() throws {
        let layout = try CleanLayout(documents: [
            document("in/feed.jsonl", input: 0, relativePath: "feed.jsonl", line: 1),
            document("in/feed.jsonl", input: 0, relativePath: "feed.jsonl", line: 2),
            document("in/sub/feed.jsonl", input: 0, relativePath: "sub/feed.jsonl", line: 1),
        ])
        #expect(layout.files.map(\.documents) == [[0, 1], [2]])
        #expect(throws: CleanLayout.Problem.collision(path: "feed.jsonl", first: "in/feed.jsonl", second: "in/sub/feed.jsonl")) {
            try CleanLayout(documents: [
                document("in/feed.jsonl", input: 0, relativePath: "feed.jsonl", line: 1),
                document("in/sub/feed.jsonl", input: 1, relativePath: "feed.jsonl", line: 1),
            ])
        }
    }

    @Test func standardInputAndTheManifestNameCollide() {
        #expect(throws: CleanLayout.Problem.self) {
            try CleanLayout(documents: [
                document("-", input: 0, relativePath: ""), document("stdin.txt", input: 1, relativePath: "stdin.txt"),
            ])
        }
        #expect(throws: CleanLayout.Problem.self) {
            try CleanLayout(documents: [document("x/refrain-manifest.jsonl", input: 0, relativePath: CleanManifest.fileName, line: 1)])
        }
        #expect(throws: CleanLayout.Problem.self) {
            try CleanLayout(documents: [document("a", input: 0, relativePath: "a"), document("b/a/c", input: 1, relativePath: "a/c")])
        }
    }

    /// Random names, `..`, links and Unicode forms: every input lands at a unique path
    /// inside the output folder, or the layout fails naming both inputs of a collision.
    @Test(arguments: 0..<20) func everyInputLandsAtAUniquePathInsideTheOutput(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &+ 0x5EED)
        let pieces = [
            "a", "b", "..", ".", "", "\u{E9}", "e\u{301}", "stdin.txt", "refrain-manifest.jsonl", "report:12", "link", "x y", "\u{1F600}",
        ]
        var documents: [Document] = []
        for input in 0..<Int.random(in: 1...6, using: &random) {
            let isStandardInput = Int.random(in: 0..<10, using: &random) == 0
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let depth = Int.random(in: 1...3, using: &random)
                let relative = (0..<depth).map { _ in pieces.randomElement(using: &random)! }.joined(separator: "/")
                let line: Int? = Bool.random(using: &random) ? 1 : nil
                documents.append(
                    document(
                        isStandardInput ? "-" : "input\(input)/\(relative)", input: input, relativePath: isStandardInput ? "" : relative,
                        line: line))
            }
        }
        let folder = "/out"
        do {
            let layout = try CleanLayout(documents: documents)
            var seen = Set<[UInt8]>()
            var placed = 0
            for file in layout.files {
                #expect(seen.insert(Array(file.path.utf8)).inserted, "\(file.path) twice")
                let standardized = URL(fileURLWithPath: folder + "/" + file.path).standardized.path
                #expect(standardized.hasPrefix(folder + "/"), "\(file.path) leaves the output")
                #expect(
                    !file.path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty })
                #expect(file.path != CleanManifest.fileName)
                placed += file.documents.count
            }
            #expect(placed == documents.count)
            #expect(Set(layout.files.flatMap(\.documents)) == Set(documents.indices))
        } catch let problem as CleanLayout.Problem {
            switch problem {
            case .collision(_, let first, let second):
                #expect(!first.isEmpty && !second.isEmpty)
            case .unusablePath(let path, let input):
                #expect(path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty })
                #expect(!input.isEmpty)
            }
        }
    }
}

@Suite struct JSONRecordSpliceTests {
    @Test func replacesOnlyTheTopLevelTextValue() throws {
        let record = Array(#"{"meta": {"text": "inner"}, "te\u0078t": "old \"one\" {", "tags": ["text", 1], "n": -1.5e3, "ok": true}"#.utf8)
        let spliced = try #require(JSONRecordSplice.replacingText(in: record, with: Array("new\n\"x\"".utf8)))
        #expect(
            String(decoding: spliced, as: UTF8.self)
                == #"{"meta": {"text": "inner"}, "te\u0078t": "new\n\"x\"", "tags": ["text", 1], "n": -1.5e3, "ok": true}"#)
    }

    @Test func theLastOfTwoTextKeysIsReplacedAndBrokenRecordsAreRefused() {
        let record = Array(#"{"text": "first", "text": "second"}"#.utf8)
        #expect(
            JSONRecordSplice.replacingText(in: record, with: Array("x".utf8)).map { String(decoding: $0, as: UTF8.self) }
                == #"{"text": "first", "text": "x"}"#)
        #expect(JSONRecordSplice.replacingText(in: Array(#"{"text": "open"#.utf8), with: []) == nil)
        #expect(JSONRecordSplice.replacingText(in: Array(#"{"id": 1}"#.utf8), with: []) == nil)
        #expect(JSONRecordSplice.replacingText(in: Array(#"["text"]"#.utf8), with: []) == nil)
    }
}

extension JSONRecordSpliceTests {
    /// Literals as Python 3 and PHP 8 write them (their output for this text, copied here):
    /// each is recognised and written back byte for byte.
    @Test func pythonAndPHPSpellingsAreRecognisedAndReproduced() throws {
        let text = Array("Été / \"x\"\n\u{2028}\t😀\u{7F}".utf8)
        let written: [(String, JSONRecordSplice.Spelling)] = [
            // json.dumps({"text": …})
            (#"{"text": "\u00c9t\u00e9 / \"x\"\n\u2028\t\ud83d\ude00\#u{7F}"}"#, .ascii),
            // json_encode(["text" => …])
            (#"{"text":"\u00c9t\u00e9 \/ \"x\"\n\u2028\t\ud83d\ude00\#u{7F}"}"#, .asciiSlash),
            // json.dumps(…, ensure_ascii=False) escapes U+2028 and DEL as Refrain does not: kept whole.
            (#"{"text": "Été / \"x\"\n\#u{2028}\t😀\#u{7F}"}"#, .plain),
        ]
        for (record, expected) in written {
            let bytes = Array(record.utf8)
            let spelling = JSONRecordSplice.spelling(of: bytes)
            if expected == .plain {
                #expect(spelling == nil, "no spelling of Refrain's writes \(record)")
                continue
            }
            #expect(spelling == expected, "\(record)")
            #expect(JSONRecordSplice.replacingText(in: bytes, with: text, spelling: expected) == bytes)
        }
        let plain = Array(#"{"id": "a/b", "text": "caf\#u{e9} / ok"}"#.utf8)
        #expect(JSONRecordSplice.spelling(of: plain) == .plain)
    }
}

@Suite struct SafeWritingTests {
    /// Every file below a folder with its bytes, links not followed.
    func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] {
            let full = folder + "/" + path
            var status = stat()
            guard lstat(full, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            result[path] = FileManager.default.contents(atPath: full)
        }
        return result
    }

    /// Whether this process may bind-mount a folder (root, outside most containers).
    static let canBindMount: Bool = {
        let root = NSTemporaryDirectory() + "refrain-bind-probe-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        guard (try? FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)) != nil,
            (try? FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)) != nil,
            mount(root + "/a", root + "/b", nil, UInt(MS_BIND), nil) == 0
        else { return false }
        umount(root + "/b")
        return true
    }()

    /// A folder reached through a bind mount has another path but the same device and
    /// inode: an input inside the output folder, an output inside an input folder and an
    /// output that is an input are refused through either path.
    @Test(.enabled(if: canBindMount)) func aFolderReachedThroughABindMountIsTheSameFolder() throws {
        let root = NSTemporaryDirectory() + "refrain-bind-\(UUID().uuidString)"
        let folder = root + "/out"
        let alias = root + "/alias"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: alias, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
        try #require(mount(folder, alias, nil, UInt(MS_BIND), nil) == 0)
        defer {
            umount(alias)
            try? FileManager.default.removeItem(atPath: root)
        }
        #expect(throws: RefrainError.self) {
            try SafeWriting.checkOutside(output: folder, inputs: [alias + "/a.txt"], isFolder: true)
        }
        #expect(throws: RefrainError.self) {
            try SafeWriting.checkOutside(output: alias + "/cleaned", inputs: [folder], isFolder: true)
        }
        #expect(throws: RefrainError.self) {
            try SafeWriting.checkOutside(output: alias + "/a.txt", inputs: [folder + "/a.txt"], isFolder: false)
        }
        // Outside the folder, either path is fine.
        try SafeWriting.checkOutside(output: root + "/elsewhere", inputs: [alias + "/a.txt", folder], isFolder: true)
        try SafeWriting.checkOutside(output: root + "/report.json", inputs: [alias], isFolder: false)
    }

    /// Random output paths through links into the input, `..` and missing folders: a write
    /// is refused or lands outside the input, and the input never changes.
    @Test(arguments: 0..<12) func noOutputPathWritesIntoTheInput(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &+ 0x11)
        let root = try makeTemporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/in"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: input + "/a.txt"))
        try Data("b".utf8).write(to: URL(fileURLWithPath: input + "/sub/b.txt"))
        for (link, target) in [("l1", "in"), ("l2", "in/sub"), ("l3", "."), ("l4", "missing"), ("in/sub/up", "..")] {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + link, withDestinationPath: target)
        }
        let before = snapshot(input)
        let pieces = ["l1", "l2", "l3", "l4", "new", "..", ".", "x", "in", "sub", "up"]
        for _ in 0..<8 {
            let output =
                root + "/"
                + (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined(separator: "/")
            do {
                try SafeWriting.checkOutside(output: output, inputs: [input], isFolder: true)
                try SafeWriting.writeFolder(at: output) { folder in
                    try folder.write("a.txt", bytes: Array("cleaned".utf8))
                    try folder.write("sub/b.txt", bytes: Array("cleaned".utf8))
                    try folder.write(CleanManifest.fileName, bytes: [])
                }
                let resolved = SafeWriting.resolve(output)
                #expect(!resolved.hasPrefix(SafeWriting.resolve(input) + "/") && resolved != SafeWriting.resolve(input), "\(output)")
            } catch let error as RefrainError {
                #expect([64, 74].contains(error.exitCode), "\(output): \(error)")
            }
            #expect(snapshot(input) == before, "\(output) changed the input")
        }
    }
}
