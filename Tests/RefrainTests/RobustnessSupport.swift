import Foundation

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Helpers for the robustness tests: temporary folders and the built `refrain` run as a subprocess.
enum Robust {
    /// Whether the byte at `index` lies on a line that holds only spaces, ASCII or not
    /// (`Segmenter.isInvisible(_:from:to:)`): a blank line, in no paragraph.
    static func isOnBlankLine(_ bytes: [UInt8], _ index: Int) -> Bool {
        var start = index
        while start > 0, !ByteClass.isLineBreak(bytes[start - 1]) { start -= 1 }
        var end = index
        while end < bytes.count, !ByteClass.isLineBreak(bytes[end]) { end += 1 }
        return bytes.withUnsafeBufferPointer { Segmenter.isInvisible($0, from: start, to: end) }
    }

    /// A new empty folder under the temporary directory.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refrain-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes bytes to `name` inside `folder`, creating subfolders.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes text to `name` inside `folder`.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
        try write(Array(text.utf8), name, in: folder)
    }

    /// The sample articles' bytes, by file name.
    static let samples: [(name: String, bytes: [UInt8])] = sampleCorpus.documents.map { ($0.id, $0.bytes) }

    /// The repository's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built `refrain` executable: beside the test bundle, or in a scratch folder's debug build.
    static func executable() -> URL? {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("refrain")]
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("refrain"))
        }
        for scratch in [".build-robust", ".build"] {
            candidates.append(packageRoot.appendingPathComponent("\(scratch)/debug/refrain"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// What standard input the child gets.
    enum Input {
        /// A pipe carrying these bytes, then closed.
        case bytes([UInt8])
        /// No standard input at all: descriptor 0 is closed.
        case closed
    }

    /// Runs `refrain` with arguments and returns its exit status, standard output and standard error.
    static func run(_ arguments: [String], input: Input = .bytes([])) throws -> (status: Int32, output: String, error: String) {
        guard let executable = executable() else {
            throw RefrainError.io(path: "refrain", reason: "the refrain executable is not built; run swift build first")
        }
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        switch input {
        case .bytes:
            process.executableURL = executable
            process.arguments = arguments
        case .closed:
            // The shell closes descriptor 0, then becomes refrain.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" <&-", executable.path] + arguments
        }
        // Standard output and error go to files, so neither pipe can fill up and block the child.
        let scratch = try folder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = error
        let pipe = Pipe()
        if case .bytes = input { process.standardInput = pipe }
        try process.run()
        if case .bytes(let bytes) = input {
            try pipe.fileHandleForWriting.write(contentsOf: bytes)
            try pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try output.close()
        try error.close()
        return (
            process.terminationStatus, String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        )
    }

    /// Checks the invariants every report keeps, returning a description of each violation.
    ///
    /// Every span lies inside its document; recycled spans and paragraphs are sorted and
    /// disjoint; sentences, recycled and repeated spans lie inside their paragraph; every
    /// non-space byte (after a leading byte-order mark) lies in some paragraph.
    static func violations(of report: ScanReport, documents: [Document]) -> [String] {
        var result: [String] = []
        if report.documents.count != documents.count { result.append("\(documents.count) documents in, \(report.documents.count) out") }
        for (document, entry) in zip(documents, report.documents) {
            let bytes = document.bytes
            if entry.bytes != bytes.count || entry.id != document.id { result.append("\(document.id): size or id changed") }
            var end = 0
            for span in entry.recycled {
                if span.start < end || span.isEmpty || span.end > bytes.count { result.append("\(document.id): recycled \(span)") }
                end = span.end
            }
            var covered = [Bool](repeating: false, count: bytes.count)
            end = 0
            for paragraph in entry.paragraphs {
                let span = paragraph.span
                if span.start < end || span.isEmpty || span.end > bytes.count { result.append("\(document.id): paragraph \(span)") }
                end = span.end
                for index in span.range where index < bytes.count { covered[index] = true }
                var inner = span.start
                for sentence in paragraph.sentences {
                    if sentence.start < inner || sentence.isEmpty || sentence.end > span.end {
                        result.append("\(document.id): sentence \(sentence) in \(span)")
                    }
                    inner = sentence.end
                }
                for other in paragraph.recycled + paragraph.repeated where other.start < span.start || other.end > span.end {
                    result.append("\(document.id): span \(other) outside paragraph \(span)")
                }
                if paragraph.recycledWeight > paragraph.weight { result.append("\(document.id): recycled weight above weight") }
            }
            let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            for index in first..<max(first, bytes.count)
            where !ByteClass.isSpace(bytes[index]) && !covered[index] && !isOnBlankLine(bytes, index) {
                result.append("\(document.id): byte \(index) (\(bytes[index])) in no paragraph")
                break
            }
            if !(0...1).contains(entry.recycledShare) { result.append("\(document.id): share \(entry.recycledShare)") }
        }
        for family in report.families {
            for member in family.members
            where member.document >= documents.count || member.span.end > documents[member.document].bytes.count {
                result.append("family \(family.id): member \(member.span) outside its document")
            }
        }
        return result
    }
}
