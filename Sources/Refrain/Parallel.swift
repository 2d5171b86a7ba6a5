import Dispatch

/// Maps `0..<count` with up to `jobs` threads, keeping the order of results.
///
/// Work is handed out in contiguous chunks so the result is the same for any `jobs`.
/// - Complexity: O(*count*) calls of `transform`.
func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    if jobs <= 1 || count == 1 { return (0..<count).map(transform) }
    let results = ResultSlots<T>(count: count)
    let workers = min(jobs, count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var index = worker
        while index < count {
            results.store(transform(index), at: index)
            index += workers
        }
    }
    return results.collect()
}

/// Slots written once each by different threads, read after all writers finished.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    func collect() -> [T] { (0..<count).map { slots[$0]! } }
}

/// A value computed on another thread, waited for later.
final class Pending<T>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)

    /// Starts computing the value on a global queue.
    func start(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// Waits for the value.
    func wait() -> T {
        done.wait()
        return value!
    }
}
