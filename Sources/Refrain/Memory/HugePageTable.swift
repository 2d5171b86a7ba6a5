import CRefrainKernels

/// Zeroed memory for a large probed hash table, mapped for the table alone.
///
/// Where the kernel allows, it is backed by 2 MiB pages: random probes into a table of
/// hundreds of megabytes then miss the TLB far less (on a virtual machine each miss is a
/// two-level page walk), and pages never touched cost nothing. Zero must mean "empty"
/// for the table's elements.
@usableFromInline
final class HugePageTable<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let count: Int

    /// Maps `count` zeroed elements.
    init(count: Int) {
        let bytes = count * MemoryLayout<Element>.stride
        guard let memory = refrain_table_allocate(bytes) else {
            fatalError("refrain: cannot allocate \(bytes) bytes for an index; the corpus is too large for this machine's memory.")
        }
        base = memory.bindMemory(to: Element.self, capacity: count)
        self.count = count
    }

    /// Maps every page now, writable, for a table whose probes reach all of it anyway.
    ///
    /// A probe that reads an untouched page maps the shared zero page and the first write
    /// replaces it, flushing the TLB of every thread; and a prefetch of an unmapped page is
    /// dropped.
    func populate() { refrain_table_populate(base, count * MemoryLayout<Element>.stride) }

    /// A copy, for a table copied before it is written (value semantics of its owner).
    func copy() -> HugePageTable {
        let result = HugePageTable(count: count)
        result.base.update(from: base, count: count)
        return result
    }

    deinit { refrain_table_free(base, count * MemoryLayout<Element>.stride) }
}
