import Foundation

/// The built `refrain` executable: beside the test bundle in the build folder.
func refrainExecutable() -> URL? {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("refrain")]
    for bundle in Bundle.allBundles {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("refrain"))
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs `refrain` with arguments; returns its exit status, standard output and standard error.
///
/// - Parameters:
///   - environment: Variables set on top of the test's own environment (where `NO_COLOR`
///     is set, and `FORCE_COLOR`/`CLICOLOR_FORCE` removed); `""` removes one.
///   - fileLimit: When given, the run is started by `sh` under `ulimit -n fileLimit`.
///   - script: When given, the run is `sh -c script refrain arguments…`: `"$0"` is refrain.
func runRefrain(
    _ arguments: [String], standardInput: Data? = nil, environment extra: [String: String] = [:], fileLimit: Int? = nil,
    script: String? = nil
) throws -> (status: Int32, output: String, error: String) {
    guard let executable = refrainExecutable() else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    if let script = script ?? fileLimit.map({ "ulimit -n \($0) && exec \"$0\" \"$@\"" }) {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, executable.path] + arguments
    } else {
        process.executableURL = executable
        process.arguments = arguments
    }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["FORCE_COLOR"] = nil
    environment["CLICOLOR_FORCE"] = nil
    for (name, value) in extra { environment[name] = value.isEmpty ? nil : value }
    process.environment = environment
    // Standard error goes to a file and standard output to a pipe read to its end, so
    // neither can fill up and block the child.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let error = try FileHandle(forWritingTo: errorFile)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = error
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let standardInput { input.fileHandleForWriting.write(standardInput) }
    try input.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try error.close()
    let errorData = try Data(contentsOf: errorFile)
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

/// A new empty folder under the temporary directory.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Compares text with a golden file in `Tests/RefrainTests/Golden`; `REFRAIN_UPDATE_GOLDEN=1` rewrites it.
func matchesGolden(_ text: String, _ name: String) throws -> Bool {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["REFRAIN_UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected != text {
        print("--- golden \(name) differs; got:\n\(text)")
    }
    return expected == text
}
