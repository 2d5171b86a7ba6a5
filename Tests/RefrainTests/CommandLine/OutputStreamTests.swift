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

/// Runs `refrain` from `folder`, without standard input.
///
/// - Returns: The exit status and standard output.
private func runRefrain(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = try #require(refrainExecutable())
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
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

    /// A full disk behind `--output` says why in the system's words, not as Foundation's
    /// dump of an error domain and code.
    @Test(arguments: [["scan", samplesFolder], ["families", samplesFolder]])
    func failedWriteToAnOutputFileSaysWhy(arguments: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let result = try runRefrain(arguments + ["-q", "-o", "/dev/full"])
        #expect(result.status == 74, "\(arguments): \(result.error)")
        #expect(result.error.contains("/dev/full: cannot be written (No space left on device)"), "\(result.error)")
        #expect(!result.error.contains("Domain"), "\(result.error)")
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

    /// A link another user planted in a shared folder (as in /tmp) is not followed: the kernel
    /// would not follow it either (`fs.protected_symlinks`). One's own link is written through.
    @Test(arguments: ["scan", "report"])
    func anOutputLinkAnotherUserPlantedInASharedFolderIsRefused(command: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        chmod(shared.path, 0o1777)
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("mine\n".utf8).write(to: victim)
        let link = shared.appendingPathComponent("out.html").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim.path)
        // Only a privileged test run can give the link another owner.
        try #require(geteuid() == 0 && lchown(link, 65534, 65534) == 0)
        // The link as the last name, with a trailing slash, behind one's own link, and as a
        // folder on the way.
        let mine = shared.appendingPathComponent("mine").path
        try FileManager.default.createSymbolicLink(atPath: mine, withDestinationPath: link)
        let folderLink = shared.appendingPathComponent("dir").path
        try FileManager.default.createSymbolicLink(atPath: folderLink, withDestinationPath: folder.path)
        #expect(lchown(folderLink, 65534, 65534) == 0)
        for output in [link, link + "/", mine, folderLink + "/victim.txt"] {
            let planted = try runRefrain([command, samplesFolder, "-q", "-o", output])
            #expect(planted.status == 64, "\(output): \(planted.error)")
            #expect(planted.error.contains("is a link that another user owns"), "\(planted.error)")
            #expect(try String(contentsOf: victim, encoding: .utf8) == "mine\n")
        }
        let cleaned = try runRefrain(["clean", samplesFolder, "-q", "-o", folderLink + "/cleaned"])
        #expect(cleaned.status == 64, "\(cleaned.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cleaned").path))
        // The same link, one's own: written through, as `>` would.
        #expect(lchown(link, geteuid(), getegid()) == 0)
        #expect(try runRefrain([command, samplesFolder, "-q", "-o", link]).status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) != "mine\n")
    }

    /// An output named with a trailing slash names a folder: refused before the scan, not
    /// written as a file without the slash, nor a page's tables written into it (review 47).
    @Test(arguments: ["scan", "families", "report"])
    func anOutputEndingInASlashIsRefused(command: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for output in [folder.path + "/new/", folder.path + "/new/.", folder.path + "/new/.."] {
            let result = try runRefrain([command, samplesFolder, "-q", "-o", output])
            #expect(result.status == 64, "\(output): \(result.error)")
            #expect(result.error.contains("names a folder, not a file"), "\(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/new"))
    }

    /// `restore` writes a folder: `-o -` is refused, as `clean`'s is, not made a folder named `-`.
    @Test func restoreRefusesStandardOutput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cleaned = folder.appendingPathComponent("cleaned").path
        #expect(try runRefrain(["clean", samplesFolder, "-q", "-o", cleaned]).status == 0)
        // From the folder, where a folder named - would appear.
        let result = try runRefrain(["restore", cleaned, "-o", "-"], script: "cd '\(folder.path)' && exec \"$0\" \"$@\"")
        #expect(result.status == 64, "\(result.error)")
        #expect(result.error.contains("restore writes a folder, not standard output"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    /// `-o -` is standard output, as `-` is for input: no file named `-` is made.
    @Test(arguments: [
        ["scan", samplesFolder], ["scan", samplesFolder, "--format", "json"], ["families", samplesFolder],
        ["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt"],
    ])
    func dashOutputIsStandardOutput(arguments: [String]) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Run from the empty folder, where a file named - would appear.
        let plain = try runRefrain(arguments + ["-q"], in: folder)
        let dash = try runRefrain(arguments + ["-q", "-o", "-"], in: folder)
        #expect(dash.status == 0)
        #expect(!dash.output.isEmpty && dash.output == plain.output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// An empty `--output` names no file: a usage error that says what to pass.
    @Test(arguments: ["scan", "families", "diff", "clean"])
    func emptyOutputIsAUsageError(command: String) throws {
        let input = command == "diff" ? samplesFolder + "/000_96c4b650bc7dc9e5.txt" : samplesFolder
        let result = try runRefrain([command, input, "-o", ""])
        #expect(result.status == 64)
        // clean writes a folder: it does not offer standard output, which it refuses.
        let expected =
            command == "clean" ? "--output needs a folder name (got an empty one)" : "--output needs a file name (got an empty one)"
        #expect(result.error.contains(expected), "\(result.error)")
        #expect(command != "clean" || !result.error.contains("- for standard output"))
    }

    /// ArgumentParser's own messages quote what was typed: control characters come out escaped.
    @Test func argumentParserMessagesAreTerminalSafe() throws {
        let result = try runRefrain(["scan", samplesFolder, "--format", "\u{1B}[2J\u{07}"])
        #expect(result.status == 64)
        #expect(!result.error.contains("\u{1B}") && !result.error.contains("\u{07}"), "\(result.error)")
        #expect(result.error.contains("'\\e[2J\\a' is invalid for '--format"), "\(result.error)")
        // Messages keep their lines; help still goes to standard output with status 0.
        #expect(result.error.contains("\nUsage: refrain scan"))
        let help = try runRefrain(["scan", "--help"])
        #expect(help.status == 0 && help.output.contains("USAGE: refrain scan"))
    }
}
