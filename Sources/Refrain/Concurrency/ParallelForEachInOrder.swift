import CRefrainKernels
import Dispatch
import Synchronization

/// Makes `0..<count` with up to `jobs` threads and hands the results to `consume` in
/// order, while later ones are still being made.
///
/// Whichever thread finishes the next result in order takes the consumer's role and
/// passes on every result that is ready, so that writing a report overlaps formatting it
/// instead of following it. `consume` runs on one thread at a time, in index order. Once
/// it throws, nothing more is consumed, and its error is thrown.
///
/// - Complexity: O(*count*) calls of each closure.
func parallelForEachInOrder<T: Sendable, E: Error>(
    _ count: Int, jobs: Int, _ transform: @Sendable (Int) -> T, consume: (T) throws(E) -> Void
) throws(E) {
    if jobs <= 1 || count <= 1 {
        for index in 0..<count { try consume(transform(index)) }
        return
    }
    try withoutActuallyEscaping(consume) { (consume) throws(E) in
        let stream = OrderedStream(count: count, consume: consume)
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in stream.work(transform) }
        if let failure = stream.failure { throw failure }
    }
}

/// The state `parallelForEachInOrder` shares: results waiting for their turn, and who
/// holds the consumer's role. Items are coarse (hundreds of documents), so a lock is cheap.
private final class OrderedStream<T: Sendable, E: Error>: @unchecked Sendable {
    private let count: Int
    private let consume: (T) throws(E) -> Void
    private let lock = Mutex(())
    private var claimed = 0
    private var waiting: [T?]
    private var nextToConsume = 0
    private var consuming = false
    /// The error `consume` threw; only the consumer sets it.
    private(set) var failure: E?

    init(count: Int, consume: @escaping (T) throws(E) -> Void) {
        self.count = count
        self.consume = consume
        waiting = Array(repeating: nil, count: count)
    }

    func work(_ transform: (Int) -> T) {
        while let index = claim() {
            let result = transform(index)
            var ready = lock.withLock { _ in
                waiting[index] = result
                return consuming ? [] : takeTurn()  // a consumer at work will find it
            }
            while !ready.isEmpty {
                for result in ready where failure == nil {
                    do throws(E) { try consume(result) } catch { failure = error }
                }
                ready = lock.withLock { _ in takeTurn() }
            }
        }
    }

    private func claim() -> Int? {
        lock.withLock { _ in
            guard claimed < count else { return nil }
            claimed += 1
            return claimed - 1
        }
    }

    /// The results ready in order from `nextToConsume` on, and the consumer's role with
    /// them; without any, the role is given up. Called under the lock.
    private func takeTurn() -> [T] {
        var ready: [T] = []
        while nextToConsume < count, let result = waiting[nextToConsume] {
            ready.append(result)
            waiting[nextToConsume] = nil
            nextToConsume += 1
        }
        consuming = !ready.isEmpty
        return ready
    }
}
