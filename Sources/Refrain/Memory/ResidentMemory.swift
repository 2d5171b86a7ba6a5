#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's resident memory now and at its peak, for the scan's statistics.
@_spi(CommandLine) public enum ResidentMemory {
    /// The resident set size now, in bytes: `/proc/self/statm`'s second field, or the peak
    /// where there is no `/proc` (macOS).
    ///
    /// - Complexity: One small file read: cheap enough once per stage.
    public static var current: Int {
        #if os(Linux)
            let fields = readSmallFile("/proc/self/statm", limit: 128)?.split(separator: " ") ?? []
            guard fields.count >= 2, let pages = Int(fields[1]) else { return peak }
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
            return peak
        #endif
    }

    /// Gives the heap's free memory back to the system (glibc's `malloc_trim`): texts and
    /// sketches freed by many threads stay in their arenas, resident, until trimmed.
    ///
    /// - Complexity: O(heap size); called between stages of a large scan only.
    public static func trimHeap() {
        #if canImport(Glibc)
            if let trim = mallocTrim { _ = trim(0) }
        #endif
    }

    #if canImport(Glibc)
        /// glibc's `malloc_trim`, looked up once: `<malloc.h>` is not part of the Glibc module,
        /// and another C library (musl) has no such call.
        static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        }()
    #endif

    /// The largest resident set size so far, in bytes (`getrusage`'s `ru_maxrss`).
    public static var peak: Int {
        var usage = rusage()
        #if canImport(Glibc)
            let who = RUSAGE_SELF.rawValue
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
            return Int(usage.ru_maxrss)  // bytes on macOS
        #else
            return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #endif
    }
}
