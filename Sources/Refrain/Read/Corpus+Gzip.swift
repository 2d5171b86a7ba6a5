import Foundation

extension Corpus {
    /// Decompresses a gzip-compressed JSON Lines file into an unnamed temporary file, which
    /// every later read (mapping, texts read again, `clean`'s second pass) opens by path.
    ///
    /// The copy is on disk, not in memory, so a compressed corpus larger than memory is
    /// scanned as its decompressed form would be. It is unlinked at once and stays open, so
    /// nothing is left behind however the process ends; its mode is the input's, which
    /// `clean` gives its output.
    ///
    /// - Parameters:
    ///   - path: The compressed file.
    ///   - display: The path for messages.
    /// - Returns: A path that opens the copy (`/proc/self/fd/N`) while the process runs, or
    ///   the problem that names the file and what to do.
    /// - Complexity: O(*n*) in the decompressed bytes.
    static func decompressedCopy(of path: [UInt8], display: String) -> Result<[UInt8], InputProblem> {
        let folder = SpillFile.folder
        var template =
            Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array("refrain-gunzip-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        func noRoom(_ error: Error) -> InputProblem {
            // Each copy stays open until the end: past the open-file limit, that limit is the cause.
            if let error = error as? POSIXError, error.code == .EMFILE || error.code == .ENFILE {
                return InputProblem(
                    path: display,
                    message:
                        "cannot be decompressed: each compressed JSON Lines file holds a file open while refrain runs, and the open-file limit is reached (\(reason(error))); raise it (ulimit -n) or decompress the files first (gzip -d FILE.gz)."
                )
            }
            return InputProblem(
                path: display,
                message:
                    "cannot be decompressed into \(folder) (\(reason(error))): set TMPDIR to a folder with room for its decompressed bytes, or decompress it first (gzip -dc FILE.gz > FILE)."
            )
        }
        guard descriptor >= 0 else { return .failure(noRoom(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var problem: InputProblem?
        let mapped = withMappedFile(path, display: display) { bytes, _ in
            do {
                try Gzip.decompress(UnsafeRawBufferPointer(bytes)) { chunk in
                    var offset = 0
                    while offset < chunk.count {
                        let written = write(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
                        if written < 0 && errno == EINTR { continue }
                        guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                        offset += written
                    }
                }
            } catch let failure as Gzip.Failure {
                problem = InputProblem(path: display, message: "\(failure). \(skippedFileAdvice)")
            } catch {
                problem = noRoom(error)
            }
        }
        if case .failure(let unread) = mapped { problem = unread }
        if let problem {
            close(descriptor)
            return .failure(problem)
        }
        var status = stat()
        if withCPath(path, { stat($0, &status) }) == 0 { fchmod(descriptor, status.st_mode & 0o777) }
        return .success(Array("/proc/self/fd/\(descriptor)".utf8))
    }

    /// A gzip-compressed text file's decompressed bytes, or the problem that names it.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - display: The path for messages.
    /// - Complexity: O(*n*) in the decompressed bytes.
    static func decompressed(_ bytes: [UInt8], display: String) -> Result<[UInt8], InputProblem> {
        do {
            return .success(
                try bytes.withUnsafeBytes { input throws(Gzip.Failure) in try Gzip.decompress(input, limit: maximumDocumentBytes) })
        } catch {
            return .failure(InputProblem(path: display, message: "\(error). \(skippedFileAdvice)"))
        }
    }
}

extension Corpus {
    /// One article's text, decompressed when its bytes are gzip data: for `diff`, which reads
    /// its article itself.
    ///
    /// - Parameters:
    ///   - bytes: The file's or standard input's bytes.
    ///   - name: The file for messages.
    /// - Throws: `RefrainError.invalidInput` for damaged gzip data.
    /// - Complexity: O(*n*) in the decompressed bytes.
    @_spi(CommandLine) public static func decompressedArticle(_ bytes: [UInt8], name: String) throws(RefrainError) -> [UInt8] {
        guard bytes.starts(with: Gzip.magic) else { return bytes }
        do {
            return try bytes.withUnsafeBytes { input throws(Gzip.Failure) in try Gzip.decompress(input, limit: maximumDocumentBytes) }
        } catch {
            throw RefrainError.invalidInput("\(name): \(error).")
        }
    }
}

extension Corpus {
    /// Whether a file's name says it is gzip-compressed (`.gz`, not `.tar.gz`): such a file
    /// is read as if decompressed beside it, under its name without `.gz`.
    @_spi(CommandLine) public static func isGzipName(_ name: String) -> Bool { Gzip.isCompressedName(Array(name.utf8)) }
}
