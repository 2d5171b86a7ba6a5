import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A limit on this process's memory smaller than the machine: a container's control group
/// or an address-space limit (`ulimit -v`).
///
/// A container's limit ends a process that passes it with `SIGKILL`, which no program can
/// report; a scan that knows the limit keeps less text in memory instead (`Corpus.textBudget`).
public struct MemoryLimit: Sendable, Equatable {
    /// The bytes the scan may use.
    public var bytes: Int
    /// The bytes the limit counts that the scan cannot use: `addressSpaceOverhead` under
    /// `ulimit -v`, 0 under a control group's limit.
    public var reserved = 0
    /// The limit as messages name it, with its size: "the control group's memory limit of
    /// 419 MB (memory.max)", say.
    public var source: String

    /// Address space a process reserves without using it (the binary and its libraries, and
    /// a stack for each thread; the heap is one arena under the limit): not memory, but
    /// counted by `ulimit -v`.
    static let addressSpaceOverhead = (32 << 20) + (8 << 20) * (ProcessInfo.processInfo.activeProcessorCount + 2)

    /// This process's limit, read once: the least of its control groups' limits (cgroup v2
    /// `memory.max` and v1 `memory.limit_in_bytes`, of its group and every group above it)
    /// and of the address-space limit less `addressSpaceOverhead`; `nil` when there is none
    /// below the machine's memory.
    public static let current: MemoryLimit? = {
        var limits: [MemoryLimit] = []
        if let cgroups = readSmallFile("/proc/self/cgroup") {
            limits += controlGroupLimits(cgroups, read: { readSmallFile($0) })
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int.max) {
            // What is reserved never passes the limit itself, so that `total` is the limit.
            let whole = Int(clamping: limit.rlim_cur)
            let reserved = min(whole, addressSpaceOverhead)
            let limitText = "\(limit.rlim_cur / 1_000_000) MB (ulimit -v \(limit.rlim_cur / 1024))"
            limits.append(
                MemoryLimit(bytes: whole - reserved, reserved: reserved, source: "the address-space limit of " + limitText))
        }
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        return limits.filter { physical <= 0 || $0.bytes < physical }.min { $0.bytes < $1.bytes }
    }()

    /// The memory limits of the control groups named in a `/proc/self/cgroup` text.
    ///
    /// A group's limit binds its members, so the groups above this one count too.
    ///
    /// - Parameters:
    ///   - text: `/proc/self/cgroup`: lines `0::/path` (v2) or `N:memory:/path` (v1).
    ///   - read: Reads a small file's text, `nil` when it cannot.
    /// - Returns: Each limit found (unlimited ones, `max` or near `Int.max`, left out).
    /// - Complexity: O(depth of the groups) small file reads.
    static func controlGroupLimits(_ text: String, read: (String) -> String?) -> [MemoryLimit] {
        var result: [MemoryLimit] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let (root, file): (String, String)
            if fields[0] == "0" && fields[1].isEmpty {
                (root, file) = ("/sys/fs/cgroup", "memory.max")
            } else if fields[1].split(separator: ",").contains("memory") {
                (root, file) = ("/sys/fs/cgroup/memory", "memory.limit_in_bytes")
            } else {
                continue
            }
            var components = fields[2].split(separator: "/").map(String.init)
            while true {
                let folder = ([root] + components).joined(separator: "/")
                if let value = read(folder + "/" + file)?.split(whereSeparator: \.isWhitespace).first,
                    let bytes = Int(value), bytes < Int.max / 2
                {
                    let source = "the control group's memory limit of \(bytes / 1_000_000) MB (\(file))"
                    result.append(MemoryLimit(bytes: bytes, source: source))
                }
                if components.isEmpty { break }
                components.removeLast()
            }
        }
        return result
    }

    /// The least of this limit a scan of `textBytes` of text takes, whatever its path.
    ///
    /// Resident: about 24 MB for the program and a byte per byte of text, and half a byte
    /// more up to 75 MB (measured: 24 MB for five articles, 175-180 MB at 100 MB of text,
    /// 1.25 GB at 1 GB). Under `ulimit -v` the address space reserved but not used counts
    /// too, and the input again: JSON Lines are mapped, a folder's texts read again.
    ///
    /// - Parameter textBytes: The corpus's text, in bytes.
    /// - Returns: An estimate that errs low, so that a warning built on it is not raised for
    ///   a run that fits.
    public func leastScanBytes(textBytes: Int) -> Int {
        let resident = (24 << 20) + textBytes + min(textBytes / 2, 75 << 20)
        return resident + (reserved > 0 ? reserved + textBytes : 0)
    }

    /// The limit itself, in bytes: what the scan may use and what it cannot.
    public var total: Int { bytes + reserved }

    /// Whether the limit is an address space so small that a second thread may not start:
    /// libdispatch then waits for one forever.
    public var isTooSmallForThreads: Bool { reserved > 0 && total < 256 << 20 }
}
