import Foundation
import Testing

/// Runs `refrain` with standard output sent to `path` (e.g. `/dev/full`).
///
/// - Returns: The exit status and standard error.
private func runRefrain(_ arguments: [String], standardOutputTo path: String) throws -> (status: Int32, error: String) {
    let executable = try #require(refrainExecutable())
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let error = try FileHandle(forWritingTo: errorFile)
    let output = try #require(FileHandle(forWritingAtPath: path))
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try error.close()
    try output.close()
    return (process.terminationStatus, String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
}

/// Where reports go: standard output, checked, or `--output`.
@Suite struct OutputStreamTests {
    /// A full disk behind standard output is an output that cannot be written: 74, said so.
    @Test(arguments: [
        ["scan", samplesFolder], ["scan", samplesFolder, "--format", "json"], ["scan", samplesFolder, "--format", "jsonl"],
        ["families", samplesFolder], ["families", samplesFolder, "--format", "json"],
        ["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt"],
    ])
    func failedWriteToStandardOutputExits74(arguments: [String]) throws {
        let result = try runRefrain(arguments, standardOutputTo: "/dev/full")
        #expect(result.status == 74, "\(arguments): \(result.error)")
        #expect(result.error.contains("standard output: cannot be written"), "\(result.error)")
    }

    /// A reader that goes away (`| head`) ends the run quietly with 141, as SIGPIPE ends any
    /// filter: by the signal, or, when the parent ignores it, by Refrain on `EPIPE`.
    @Test(arguments: [false, true])
    func closedPipeEndsQuietlyWith141(ignoringSignal: Bool) throws {
        let executable = try #require(refrainExecutable())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let trap = ignoringSignal ? "trap '' PIPE; " : ""
        process.arguments = ["-c", "\(trap)exec '\(executable.path)' scan '\(samplesFolder)' --format json -q"]
        // The reading end is closed before the run: every write finds no reader.
        let output = Pipe()
        try output.fileHandleForReading.close()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        try output.fileHandleForWriting.close()
        let error = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(error.isEmpty, "\(error)")
        if ignoringSignal {
            #expect(process.terminationReason == .exit && process.terminationStatus == 141)
        } else {
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        }
    }
}
