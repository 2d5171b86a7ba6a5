import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system calls that differ between Linux (Glibc) and macOS (Darwin), in one place.
///
/// POSIX calls with the same name and meaning on both (`open`, `openat`, `fstat`, `mkdirat`)
/// are called directly; a call that only one system has, or that its Swift overlay names
/// differently, goes through here.
@_spi(CommandLine) public enum System {
    /// The name of a folder entry `readdir` gave, as its bytes (a name need not be UTF-8, and
    /// a `String` would repair it into another name), or `nil` for `.` and `..`.
    public static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8]? {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
        return name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] ? nil : name
    }

    /// Reads up to `count` bytes; the number read, 0 at the end, or -1 with `errno` set.
    @inline(__always)
    public static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #else
            Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// Reads up to `count` bytes, again when a signal interrupts the call; the number read
    /// (0 at the end), or -1 with `errno` set.
    public static func readRetrying(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        while true {
            let result = read(descriptor, buffer, count)
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// Writes up to `count` bytes; the number written, or -1 with `errno` set.
    @inline(__always)
    public static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// Writes all of `bytes`, going on after partial writes and interruptions.
    ///
    /// - Throws: `POSIXError` when the write fails.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { try writeAll($0, to: descriptor) }
    }

    /// Writes all of `bytes`, going on after partial writes and interruptions.
    ///
    /// - Throws: `POSIXError` when the write fails.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(POSIXError) {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            offset += written
        }
    }

    /// Ends the process at once with `status`, skipping deinitializers.
    public static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
            Glibc.exit(status)
        #else
            Darwin.exit(status)
        #endif
    }

    /// When a file's contents last changed, from its `stat`.
    public static func modificationTime(_ status: stat) -> timespec {
        #if canImport(Darwin)
            status.st_mtimespec
        #else
            status.st_mtim
        #endif
    }

    /// `fnmatch`'s flag for matching without regard to case (`FNM_CASEFOLD`: 1 << 4 in both
    /// glibc and the BSDs, but neither overlay imports the macro).
    public static let caseFoldMatch: Int32 = 1 << 4
    /// `fnmatch`'s flag by which `*` and `?` do not match `/` (`FNM_PATHNAME`: 1 << 0 in both).
    public static let pathnameMatch: Int32 = 1 << 0

    /// How `rename(_:_:_:_:flags:)` treats an existing target.
    public enum RenameFlags: UInt32, Sendable {
        /// Fail with `EEXIST` when the target exists.
        case noReplace
        /// Swap the two paths atomically; both must exist.
        case exchange
    }

    /// Renames `old` (relative to folder `from`) to `new` (relative to `to`) atomically, with
    /// `flags`: Linux's `renameat2`, macOS's `renameatx_np`; -1 with `ENOSYS` where neither exists.
    public static func rename(_ from: Int32, _ old: String, _ to: Int32, _ new: String, flags: RenameFlags) -> Int32 {
        #if canImport(Glibc)
            // glibc has renameat2 since 2.28 but the Glibc module does not import it.
            typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(nil, "renameat2") else {
                errno = ENOSYS
                return -1
            }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            return renameat2(from, old, to, new, flags == .noReplace ? 1 : 2)
        #elseif canImport(Darwin)
            return renameatx_np(from, old, to, new, flags == .noReplace ? UInt32(RENAME_EXCL) : UInt32(RENAME_SWAP))
        #else
            errno = ENOSYS
            return -1
        #endif
    }
}
