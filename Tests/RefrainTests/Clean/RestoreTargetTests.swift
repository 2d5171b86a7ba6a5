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

    @Test func cleanToStandardOutputIsAUsageError() throws {
        let result = try runRefrain(["clean", samplesFolder, "-o", "-"])
        #expect(result.status == 64)
        #expect(result.error.contains("not standard output"))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }
}
