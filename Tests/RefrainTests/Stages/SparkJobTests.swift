import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Issue 20: the scan as a Spark job gives `refrain scan`'s answer, on the samples, on a
/// generated corpus of 2,000+ articles and on short exact copies that need evidence
/// (Distributed/spark/check.sh; Java and pyspark are installed when missing, and the test is
/// skipped when they cannot be).
@Suite struct SparkJobTests {
    @Test(.timeLimit(.minutes(20))) func theSparkJobGivesTheScansAnswer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let binary = try #require(refrainExecutable())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Distributed/spark/check.sh").path, binary.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 {
            try Test.cancel("Java or pyspark could not be installed: \(text)")
        }
        // Short exact copies and their evidence, edited sentences (short-sentence keys) and
        // shared runs: the job weighs and finds them as the scan does.
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("samples: same answer"), "\(text)")
        #expect(text.contains("generated.jsonl: same answer"), "\(text)")
        #expect(text.contains("short-evidence.jsonl: same answer"), "\(text)")
    }
}
