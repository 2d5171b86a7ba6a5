import Foundation
import Testing

@testable import Refrain

/// Every command that scans gives the same output when the corpus's texts are not kept in
/// memory (`REFRAIN_SPILL_ABOVE=0`: read again from their files when needed) as when they are.
@Suite struct DeferredTextCommandTests {
    /// A generated corpus as a folder of text files and as one JSON Lines file.
    static func corpus(in folder: URL) throws -> (folder: URL, jsonLines: URL, firstID: String) {
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let documents = GeneratedCorpus(documents: 300, templates: 8, seed: 11).documents
        var lines = Data()
        for (index, document) in documents.enumerated() {
            try Data(document.bytes).write(to: texts.appendingPathComponent(String(format: "%04d.txt", index)))
            let record: [String: String] = ["id": "n\(index)", "text": String(decoding: document.bytes, as: UTF8.self)]
            lines += try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) + Data("\n".utf8)
        }
        let jsonLines = folder.appendingPathComponent("feed.jsonl")
        try lines.write(to: jsonLines)
        return (texts, jsonLines, "n0")
    }

    /// Runs a command writing to `name` in a folder of its own; returns what it wrote.
    static func output(_ arguments: [String], name: String, in folder: URL, deferred: Bool) throws -> String {
        let run = folder.appendingPathComponent(deferred ? "deferred" : "resident")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let target = run.appendingPathComponent(name)
        let result = try runRefrain(
            arguments + ["--output", target.path, "--quiet"], environment: ["REFRAIN_SPILL_ABOVE": deferred ? "0" : ""])
        #expect(result.status == 0, "\(arguments): \(result.error)")
        return try String(contentsOf: target, encoding: .utf8)
    }

    /// A corpus of 120 JSON Lines files read back under a limit of 32 descriptors: files
    /// held open for reading back stay a quarter of the limit, and the report is the same.
    @Test func manyJSONLinesFilesReadBackUnderALowDescriptorLimit() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = folder.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        for (index, document) in GeneratedCorpus(documents: 120, templates: 6, seed: 5).documents.enumerated() {
            let record: [String: String] = ["id": "f\(index)", "text": String(decoding: document.bytes, as: UTF8.self)]
            try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                .write(to: feeds.appendingPathComponent(String(format: "%03d.jsonl", index)))
        }
        func scan(deferred: Bool) throws -> String {
            let output = folder.appendingPathComponent(deferred ? "deferred.json" : "resident.json")
            let result = try runRefrain(
                ["scan", feeds.path, "--format", "json", "-q", "-o", output.path],
                environment: ["REFRAIN_SPILL_ABOVE": deferred ? "0" : ""], fileLimit: 32)
            #expect(result.status == 0, "deferred: \(deferred): \(result.error)")
            return try String(contentsOf: output, encoding: .utf8)
        }
        let resident = try scan(deferred: false)
        #expect(resident.contains(#""documents": 120"#))
        #expect(try scan(deferred: true) == resident)
    }

    @Test func familiesReportAndDiffReadDeferredTextsAsTheResidentOnes() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (texts, jsonLines, firstID) = try Self.corpus(in: folder)
        let firstFile = texts.appendingPathComponent("0000.txt").path
        let commands: [([String], String)] = [
            (["scan", jsonLines.path, "--format", "json"], "scan.json"),
            (["families", texts.path, "--no-color"], "families.txt"),
            (["families", jsonLines.path, "--no-color"], "families.txt"),
            (["report", jsonLines.path], "report.html"),
            (["report", texts.path], "report.html"),
            (["diff", firstFile, texts.path, "--no-color"], "diff.txt"),
            (["diff", jsonLines.path, "--id", firstID, jsonLines.path, "--no-color"], "diff.txt"),
            (["diff", jsonLines.path, "--id", firstID, jsonLines.path, "--format", "json"], "diff.json"),
        ]
        for (arguments, name) in commands {
            let resident = try Self.output(arguments, name: name, in: folder, deferred: false)
            let deferred = try Self.output(arguments, name: name, in: folder, deferred: true)
            #expect(!resident.isEmpty)
            #expect(deferred == resident, "\(arguments)")
        }
        // The article is found in its own corpus, not counted as its own copy: below 100%.
        let diff = try Self.output(
            ["diff", jsonLines.path, "--id", firstID, jsonLines.path, "--format", "json"], name: "diff.json", in: folder,
            deferred: true)
        let share =
            try #require(
                (try JSONSerialization.jsonObject(with: Data(diff.utf8)) as? [String: Any])?["document"] as? [String: Any])[
                "recycledShare"] as? Double
        #expect(try #require(share) < 1)
    }

    /// Every file of a folder, by relative path.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(arguments: [false, true]) func cleanWritesTheSameFilesAndManifestFromDeferredTexts(keepFirst: Bool) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (texts, jsonLines, _) = try Self.corpus(in: folder)
        for input in [texts, jsonLines] {
            var outputs: [[String: Data]] = []
            for deferred in [false, true] {
                let output = folder.appendingPathComponent("clean-\(deferred)-\(input.lastPathComponent)")
                let environment = ["REFRAIN_SPILL_ABOVE": deferred ? "0" : ""]
                let cleaned = try runRefrain(
                    ["clean", input.path, "--output", output.path, "--quiet"] + (keepFirst ? ["--keep-first"] : []),
                    environment: environment)
                #expect(cleaned.status == 0, "\(cleaned.error)")
                outputs.append(try Self.contents(of: output))
                // And it rebuilds the input byte for byte.
                let restored = folder.appendingPathComponent("restored-\(deferred)-\(input.lastPathComponent)")
                let restore = try runRefrain(["restore", output.path, "--output", restored.path, "--quiet"], environment: environment)
                #expect(restore.status == 0, "\(restore.error)")
                let original = input == texts ? try Self.contents(of: texts) : ["/" + input.lastPathComponent: try Data(contentsOf: input)]
                #expect(try Self.contents(of: restored) == original)
            }
            #expect(outputs[0].count > 1)
            #expect(outputs[0] == outputs[1], "\(input.lastPathComponent)")
        }
    }
}
