import Foundation
import Testing

@testable import Refrain

/// Issue 16, "Conventions and consistency": the options and output every command shares.
@Suite struct CommandLineConventionsTests {
    @Test func versionPrintsTheOneVersionConstant() throws {
        let result = try runRefrain(["--version"])
        #expect(result.status == 0)
        #expect(result.output == RefrainVersion.current + "\n")
    }

    @Test func shortFlagsForJobsQuietAndOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let result = try runRefrain(["scan", samplesFolder, "-j", "1", "-q", "-o", report, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: report))
    }

    @Test func negativeJobsIsRefusedWithWhatToPass() throws {
        let result = try runRefrain(["scan", samplesFolder, "--jobs", "-1"])
        #expect(result.status == 64)
        #expect(result.error.contains("--jobs must be 1 or more (got -1)"))
        #expect(result.error.contains("Leave it out to use all"))
        #expect(result.error.contains("--jobs 1"))
    }

    @Test func jobsDefaultIsPrintedOnceInHelp() throws {
        let help = try runRefrain(["scan", "--help"]).output.collapsingWhiteSpace
        let jobs = try #require(help.range(of: "-j, --jobs <n>"))
        let line = String(help[jobs.lowerBound...].prefix(160))
        #expect(line.contains("(default: all cores, \(Configuration.allCores) here)"))
        #expect(line.components(separatedBy: "default").count == 2, "\(line)")
    }

    @Test func colorAlwaysNeverAndTheEnvironment() throws {
        let file = samplesFolder + "/000_96c4b650bc7dc9e5.txt"
        let escape = "\u{1B}["
        // Piped with NO_COLOR set (the helper's default): plain.
        #expect(!(try runRefrain(["diff", file]).output.contains(escape)))
        // --color always wins over NO_COLOR and a pipe, for less -R.
        let always = try runRefrain(["diff", file, "--color", "always"])
        #expect(always.status == 0)
        #expect(always.output.contains(escape))
        // FORCE_COLOR and CLICOLOR_FORCE turn auto into always; "0" does not.
        #expect(try runRefrain(["diff", file], environment: ["FORCE_COLOR": "1"]).output.contains(escape))
        #expect(try runRefrain(["diff", file], environment: ["CLICOLOR_FORCE": "1"]).output.contains(escape))
        #expect(!(try runRefrain(["diff", file], environment: ["FORCE_COLOR": "0"]).output.contains(escape)))
        // --color never and --no-color beat the variables.
        #expect(!(try runRefrain(["diff", file, "--color", "never"], environment: ["FORCE_COLOR": "1"]).output.contains(escape)))
        #expect(!(try runRefrain(["diff", file, "--no-color"], environment: ["FORCE_COLOR": "1"]).output.contains(escape)))
        #expect(try runRefrain(["diff", file, "--color", "sometimes"]).status == 64)
    }
}
