import Synchronization

/// Buffers handed back for reuse by whichever thread needs one next.
///
/// A fresh mapping's pages are zeroed by the kernel as they are first touched, dearly on a
/// virtual machine: a buffer filled band after band is better faulted in once and filled
/// again than mapped again for each band.
final class BufferPool<Buffer: Sendable>: Sendable {
    private let buffers = Mutex<[Buffer]>([])

    /// Creates an empty pool.
    init() {}

    /// A buffer handed back earlier, or a new one from `make`.
    func take(orMake make: () -> Buffer) -> Buffer {
        buffers.withLock { $0.popLast() } ?? make()
    }

    /// Hands `buffer` back, for the next `take(orMake:)`, unless `limit` are already there.
    ///
    /// - Parameter limit: The most buffers kept: the takes still to come, so that none is
    ///   held that no take will want.
    func give(_ buffer: Buffer, keepingAtMost limit: Int = .max) {
        // A buffer not kept goes at the end of this call, outside the lock.
        let unkept: Buffer? = buffers.withLock { buffers in
            guard buffers.count < limit else { return buffer }
            buffers.append(buffer)
            return nil
        }
        _ = unkept
    }

    /// Lets every buffer handed back go.
    func removeAll() {
        buffers.withLock { $0.removeAll() }
    }
}
