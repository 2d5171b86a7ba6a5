import Foundation
import Synchronization

extension Corpus {
    /// Where a gzip-compressed JSON Lines file's decompressed bytes are.
    enum DecompressedJSONLines {
        /// In memory: a file small enough, and within the text budget.
        case inMemory([UInt8])
        /// In an unnamed temporary file that every later read opens by this path.
        case copy(path: [UInt8])
    }

    /// Temporary copies open in the process: each holds a descriptor until the end.
    private static let copiesOpen = Atomic<Int>(0)
    /// Whether the open-file limit's message was given in full.
    static let openFileLimitSaid = Atomic<Bool>(false)

    /// Decompresses a gzip-compressed JSON Lines file: into memory up to `inMemoryUpTo`
    /// bytes, else into an unnamed temporary file.
    ///
    /// A copy on disk, not in memory, lets a compressed corpus larger than memory be scanned
    /// as its decompressed form would be: mapping, records read again and `clean`'s second
    /// pass open it by path (`/proc/self/fd/N`). It is unlinked at once and stays open, so
    /// nothing is left behind however the process ends; each holds a descriptor, so small
    /// files stay in memory, and the open-file limit is raised as far as the system allows.
    ///
    /// - Parameters:
    ///   - path: The compressed file.
    ///   - display: The path for messages.
    ///   - inMemoryUpTo: The most decompressed bytes kept in memory.
    /// - Returns: Where the bytes are, or the problem that names the file and what to do.
    /// - Complexity: O(*n*) in the decompressed bytes.
    static func decompressJSONLines(_ path: [UInt8], display: String, inMemoryUpTo: Int) -> Result<
        DecompressedJSONLines, InputProblem
    > {
        var memory: [UInt8] = []
        var descriptor: Int32 = -1
        var problem: InputProblem?
        let mapped = withMappedFile(path, display: display) { bytes, _ in
            if let size = Gzip.trailerSize(UnsafeRawBufferPointer(bytes)), size <= inMemoryUpTo { memory.reserveCapacity(size) }
            do {
                try Gzip.decompress(UnsafeRawBufferPointer(bytes)) { chunk in
                    if descriptor < 0 {
                        if memory.count + chunk.count <= inMemoryUpTo {
                            memory.append(contentsOf: chunk)
                            return
                        }
                        descriptor = try makeCopy()
                        try memory.withUnsafeBytes { try writeAll($0, to: descriptor) }
                        memory = []
                    }
                    try writeAll(chunk, to: descriptor)
                }
            } catch let failure as Gzip.Failure {
                problem = InputProblem(path: display, message: "\(failure). \(skippedFileAdvice)")
            } catch let failure as CopyFailure {
                problem = InputProblem(path: display, message: failure.message(folder: SpillFile.folder))
            } catch {
                problem = InputProblem(path: display, message: CopyFailure.noRoom(reason(error)).message(folder: SpillFile.folder))
            }
        }
        if case .failure(let unread) = mapped { problem = unread }
        if let problem {
            if descriptor >= 0 {
                close(descriptor)
                copiesOpen.subtract(1, ordering: .relaxed)
            }
            return .failure(problem)
        }
        guard descriptor >= 0 else { return .success(.inMemory(memory)) }
        // The input's mode, for clean's output; readable and writable by its owner, the
        // run, which opens it again by path.
        var status = stat()
        if withCPath(path, { stat($0, &status) }) == 0 { fchmod(descriptor, (status.st_mode & 0o777) | 0o600) }
        return .success(.copy(path: Array("/proc/self/fd/\(descriptor)".utf8)))
    }

    /// Why no temporary copy could be made or written.
    enum CopyFailure: Error {
        /// The open-file limit leaves no room for another copy held open.
        case openFileLimit(Int)
        /// The temporary folder cannot take the copy.
        case noRoom(String)

        func message(folder: String) -> String {
            switch self {
            case .openFileLimit(let limit):
                // Said in full once: a folder of such files would repeat it for each.
                Corpus.openFileLimitSaid.exchange(true, ordering: .relaxed)
                    ? "cannot be decompressed: the open-file limit is reached (see above)."
                    : "cannot be decompressed: each compressed JSON Lines file over 64 MB, or read once the text budget is spent, "
                        + "holds a file open while refrain runs, and the open-file limit (ulimit -n, \(limit)) is reached; "
                        + "raise it, or decompress the files first (gzip -d FILE.gz)."
            case .noRoom(let reason):
                "cannot be decompressed into \(folder) (\(reason)): the decompressed copies of the large compressed JSON Lines files "
                    + "are kept there until refrain ends; set TMPDIR to a folder with room for them all, or decompress the files first (gzip -d FILE.gz)."
            }
        }
    }

    /// Makes an unnamed temporary file in `$TMPDIR` (else `/tmp`), raising the soft
    /// open-file limit first when the copies held open near it.
    private static func makeCopy() throws -> Int32 {
        // The run keeps room for its inputs, outputs, spill files and threads, and
        // `OpenFile`'s share, beside the copies.
        let reserve = 32 + OpenFile.limit
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            let wanted = rlim_t(copiesOpen.load(ordering: .relaxed) + 1 + reserve)
            if wanted > limit.rlim_cur {
                guard limit.rlim_max == rlim_t.max || wanted <= limit.rlim_max else {
                    throw CopyFailure.openFileLimit(Int(limit.rlim_cur))
                }
                var raised = limit
                raised.rlim_cur = limit.rlim_max == rlim_t.max ? wanted * 2 : min(limit.rlim_max, wanted * 2)
                guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 else { throw CopyFailure.openFileLimit(Int(limit.rlim_cur)) }
            }
        }
        let folder = SpillFile.folder
        var template =
            Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array("refrain-gunzip-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw CopyFailure.noRoom(String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        copiesOpen.add(1, ordering: .relaxed)
        return descriptor
    }

    /// Writes all of `bytes` to a copy, a failure as no room for it.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(CopyFailure) {
        do {
            try System.writeAll(bytes, to: descriptor)
        } catch {
            throw CopyFailure.noRoom(String(cString: strerror(error.code.rawValue)))
        }
    }

    /// A gzip-compressed text's decompressed bytes, or the problem that names it.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes, or standard input's.
    ///   - display: The path for messages; `-` for standard input, which has no file to leave out.
    ///   - limit: The most decompressed bytes.
    /// - Complexity: O(*n*) in the decompressed bytes.
    static func decompressed(_ bytes: [UInt8], display: String, limit: Int = maximumDocumentBytes) -> Result<
        [UInt8], InputProblem
    > {
        do {
            return .success(try bytes.withUnsafeBytes { input throws(Gzip.Failure) in try Gzip.decompress(input, limit: limit) })
        } catch {
            return .failure(InputProblem(path: display, message: display == "-" ? "\(error)." : "\(error). \(skippedFileAdvice)"))
        }
    }
}

extension Corpus {
    /// One article's text, decompressed when its name says it is gzip data (standard
    /// input: when its bytes are), as the corpus reads files: for `diff`, which reads its
    /// article itself.
    ///
    /// - Parameters:
    ///   - bytes: The file's or standard input's bytes.
    ///   - name: The file; `nil` for standard input or a pipe, whose bytes tell whether it
    ///     is compressed.
    ///   - limit: The most bytes the text can have (lowered by tests).
    ///   - shownAs: The name for messages, when not `name` (a pipe's path).
    /// - Throws: `RefrainError.invalidInput` for damaged gzip data, or a text over `limit`:
    ///   spans are 32-bit offsets, and a larger text would trap in the engine.
    /// - Complexity: O(*n*) in the decompressed bytes.
    @_spi(CommandLine) public static func decompressedArticle(
        _ bytes: [UInt8], name: String?, limit: Int = maximumDocumentBytes, shownAs: String? = nil
    ) throws(RefrainError) -> [UInt8] {
        let shown = shownAs ?? name ?? "standard input"
        func checked(_ text: [UInt8]) throws(RefrainError) -> [UInt8] {
            guard text.count <= limit else {
                let problem = tooLargeProblem(
                    text.count, limit: limit, display: shown, advice: "Pass one article, or split the text into files and scan them.")
                throw RefrainError.invalidInput("\(shown): \(problem.message)")
            }
            return text
        }
        guard name.map(isGzipName) ?? bytes.starts(with: Gzip.magic) else { return try checked(bytes) }
        do {
            return try bytes.withUnsafeBytes { input throws(Gzip.Failure) in try Gzip.decompress(input, limit: limit) }
        } catch {
            throw RefrainError.invalidInput("\(shown): \(error).")
        }
    }

    /// Whether a file's name says it is gzip-compressed (`.gz`, not `.tar.gz`): such a file
    /// is read as if decompressed beside it, under its name without `.gz`.
    @_spi(CommandLine) public static func isGzipName(_ name: String) -> Bool { Gzip.isCompressedName(Array(name.utf8)) }

    /// A name without its `.gz`, byte-wise (a combining mark before the dot stays).
    @_spi(CommandLine) public static func withoutGzipExtension(_ name: String) -> String {
        isGzipName(name) ? String(decoding: name.utf8.dropLast(3), as: UTF8.self) : name
    }
}
