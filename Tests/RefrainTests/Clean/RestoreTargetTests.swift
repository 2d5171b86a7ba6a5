import Foundation
import Testing

/// Where `restore` and `clean` may write: never over a folder that holds anything.
@Suite struct RestoreTargetTests {
    @Test func restoreNeverReplacesAnEarlierCleanOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain").path, kept = folder.appendingPathComponent("kept").path
        #expect(try runRefrain(["clean", samplesFolder, "-o", plain, "-q"]).status == 0)
        #expect(try runRefrain(["clean", samplesFolder, "-o", kept, "--keep-first", "-q"]).status == 0)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: kept).appendingPathComponent("refrain-manifest.jsonl"))
        let result = try runRefrain(["restore", plain, "-o", kept])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("not empty"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept).appendingPathComponent("refrain-manifest.jsonl")) == manifest)
    }

    /// A link to a folder is not an output folder, and the message says it is a link.
    @Test(arguments: ["clean", "restore"]) func aLinkToAFolderIsRefusedAsALink(command: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("empty"), link = folder.appendingPathComponent("link")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        var input = samplesFolder
        if command == "restore" {
            input = folder.appendingPathComponent("cleaned").path
            #expect(try runRefrain(["clean", samplesFolder, "-o", input, "-q"]).status == 0)
        }
        let result = try runRefrain([command, input, "-o", link.path])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("is a link; --output must be"), "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func cleanToStandardOutputIsAUsageError() throws {
        let result = try runRefrain(["clean", samplesFolder, "-o", "-"])
        #expect(result.status == 64)
        #expect(result.error.contains("not standard output"))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }
}

/// An earlier clean output whose files were edited since is not replaced.
@Suite struct CleanOverEditedOutputTests {
    @Test func cleanRefusesToReplaceAnEditedEarlierOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        #expect(try runRefrain(["clean", samplesFolder, "-o", output.path, "-q"]).status == 0)
        // Unedited, it is replaced.
        #expect(try runRefrain(["clean", samplesFolder, "-o", output.path, "-q"]).status == 0)
        let file = output.appendingPathComponent("000_96c4b650bc7dc9e5.txt")
        Thread.sleep(forTimeInterval: 0.02)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("My notes.\n".utf8))
        try handle.close()
        let result = try runRefrain(["clean", samplesFolder, "-o", output.path])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("changed after clean wrote it"))
        #expect(try String(contentsOf: file, encoding: .utf8).hasSuffix("My notes.\n"))
    }

    /// Another corpus's output is not replaced: it may be the only copy of what its clean
    /// removed. An output of the same files is.
    @Test func cleanRefusesToReplaceAnotherCorpussOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("Gamma orchestra cancelled its tour.\n".utf8).write(to: other.appendingPathComponent("b1.txt"))
        let output = folder.appendingPathComponent("kept")
        #expect(try runRefrain(["clean", samplesFolder, "-o", output.path, "-q"]).status == 0)
        let manifest = try Data(contentsOf: output.appendingPathComponent("refrain-manifest.jsonl"))
        let result = try runRefrain(["clean", other.path, "-o", output.path, "-q"])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("clean output of another corpus"))
        #expect(try Data(contentsOf: output.appendingPathComponent("refrain-manifest.jsonl")) == manifest)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("b1.txt").path))
    }

    /// A corpus with a symbolic link is cleaned again into its own output: the link clean
    /// wrote there is one the manifest lists.
    @Test func cleanReplacesItsOwnOutputWithALinkInIt() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in"), output = folder.appendingPathComponent("out")
        try FileManager.default.copyItem(atPath: samplesFolder, toPath: input.path)
        try FileManager.default.createSymbolicLink(
            atPath: input.appendingPathComponent("soft.txt").path, withDestinationPath: "000_96c4b650bc7dc9e5.txt")
        #expect(try runRefrain(["clean", input.path, "-o", output.path, "-q"]).status == 0)
        let again = try runRefrain(["clean", input.path, "-o", output.path, "-q"])
        #expect(again.status == 0, "\(again.error)")
    }

    /// Nor one holding documents the new run lacks, though it shares others; one whose
    /// documents all come again, edited or not, with new ones or not, is replaced.
    @Test func cleanRefusesToReplaceAnOutputWithDocumentsTheRunLacks() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in"), output = folder.appendingPathComponent("kept")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let template = "The ministry of finance said on Tuesday that the quarterly figures would be published in full next week.\n\n"
        for name in ["a", "b", "c"] {
            try Data((template + "Story \(name) went on about the harbour.\n").utf8).write(to: input.appendingPathComponent(name + ".txt"))
        }
        #expect(try runRefrain(["clean", input.path, "-o", output.path, "-q"]).status == 0)
        // Edited and a new file: every earlier document comes again.
        try Data((template + "Story a was rewritten.\n").utf8).write(to: input.appendingPathComponent("a.txt"))
        try Data((template + "Story d is new.\n").utf8).write(to: input.appendingPathComponent("d.txt"))
        #expect(try runRefrain(["clean", input.path, "-o", output.path, "-q"]).status == 0)
        let manifest = try Data(contentsOf: output.appendingPathComponent("refrain-manifest.jsonl"))
        try FileManager.default.removeItem(at: input.appendingPathComponent("b.txt"))
        let result = try runRefrain(["clean", input.path, "-o", output.path, "-q"])
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("it keeps documents this run does not write (b.txt)"), "\(result.error)")
        #expect(try Data(contentsOf: output.appendingPathComponent("refrain-manifest.jsonl")) == manifest)
    }
}

/// restore gives files back no more readable than clean left them.
@Suite struct RestoreModeTests {
    @Test func aPrivateInputIsRestoredPrivate() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: samplesFolder) where name.hasSuffix(".txt") {
            let target = input.appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: samplesFolder + "/" + name, toPath: target.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        }
        let cleaned = folder.appendingPathComponent("cleaned").path, restored = folder.appendingPathComponent("restored").path
        #expect(try runRefrain(["clean", input.path, "-o", cleaned, "-q"]).status == 0)
        #expect(try runRefrain(["restore", cleaned, "-o", restored, "-q"]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: restored) {
            let mode = try FileManager.default.attributesOfItem(atPath: restored + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
            #expect(
                FileManager.default.contentsEqual(atPath: restored + "/" + name, andPath: input.appendingPathComponent(name).path))
        }
    }
}
