import CRefrainKernels
import Dispatch
import Synchronization

/// Maps `0..<count` with up to `jobs` threads, keeping the order of results.
///
/// Each result lands in its index's slot, so the result is the same for any `jobs`.
/// - Complexity: O(*count*) calls of `transform`.
func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    parallelMap(count, jobs: jobs, state: {}) { _, index in transform(index) }
}

/// Maps `0..<count` with up to `jobs` threads, each with its own working state (a buffer
/// or table made once per thread by `makeState`, not once per index).
///
/// - Complexity: O(*count*) calls of `transform`, at most `jobs` calls of `makeState`.
func parallelMap<State, T: Sendable>(
    _ count: Int, jobs: Int, state makeState: @Sendable () -> State, _ transform: @Sendable (inout State, Int) -> T
) -> [T] {
    guard count > 0 else { return [] }
    if jobs <= 1 || count == 1 {
        var state = makeState()
        return (0..<count).map { transform(&state, $0) }
    }
    let results = Slots<T>(count: count)
    // Indices are claimed one at a time, so a thread that is slowed down (by the host, or
    // by costlier items) does fewer: taking every `jobs`-th index left one thread 25 ms
    // behind the other on the 14 LSH bands.
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
        var state = makeState()
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            results.store(transform(&state, index), at: index)
        }
    }
    return results.collect()
}

/// Runs two independent computations, the second on another thread when `jobs` > 1, and
/// returns both results.
func both<A, B: Sendable>(jobs: Int, _ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    guard jobs > 1 else { return (first(), second()) }
    let slot = Slots<B>(count: 1)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        slot.store(second(), at: 0)
        done.signal()
    }
    let a = first()
    done.wait()
    return (a, slot.collect()[0])
}

/// Frees `value` on another thread when `jobs` > 1.
///
/// The scan's tables are hundreds of megabytes, and its per-document arrays tens of
/// thousands: freeing them (unmapping pages, one `free` each) took 20-30 ms on the
/// scanning thread between stages, while the other core waited.
func discard<T>(_ value: consuming T, jobs: Int) {
    guard jobs > 1 else { return }
    let box = DiscardBox(value)
    DispatchQueue.global().async { box.value = nil }
}

private final class DiscardBox<T>: @unchecked Sendable {
    var value: T?
    init(_ value: consuming T) { self.value = value }
}

/// Slots that different threads write or take from, each slot by one thread at a time
/// (distinct indices, or a hand-over that orders them), so no lock.
final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    /// Empty slots.
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    /// Slots holding `values`, moved in: the caller must hold no other copy of them, or a
    /// value taken out and written over would copy its storage first.
    init(moving values: consuming [T]) {
        var values = values
        count = values.count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        for index in 0..<count { slots[index] = values[index] }
        values.removeAll()
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    /// Moves slot `index`'s value out, if there is such a slot with a value.
    func take(_ index: Int) -> T? { index < count ? slots[index].take() : nil }

    /// Moves the results out, leaving the slots empty: a copy was a retain of every
    /// reference a result holds, and the slots' release of it right after.
    func collect() -> [T] { (0..<count).map { slots[$0].take()! } }
}

/// A batch of work items that helper threads and the thread that waits for it share.
///
/// Items are claimed one at a time from an atomic counter, so whichever thread is free
/// does the next one: the scanner's filing thread sketches too once it has filed the
/// previous batch, instead of waiting while the helpers (one fewer than the jobs) finish.
/// Results land in their item's slot, so they are the same for any number of threads.
/// Each thread makes its working state (`makeState`) once per batch, when it claims its
/// first item.
///
/// Each helper is a serial queue: batches started ahead wait their turn on it, so a helper
/// works through them in order while the waiting thread is busy, and no more threads run
/// than there are jobs.
final class SharedBatch<State, T>: @unchecked Sendable {
    private let count: Int
    private let makeState: @Sendable () -> State
    private let transform: @Sendable (inout State, Int) -> T
    private let results: Slots<T>
    private let next = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let done = DispatchSemaphore(value: 0)

    /// Creates a batch of `count` items and queues it on each helper.
    init(
        count: Int, helpers: [DispatchQueue], state makeState: @escaping @Sendable () -> State,
        _ transform: @escaping @Sendable (inout State, Int) -> T
    ) {
        self.count = count
        self.makeState = makeState
        self.transform = transform
        results = Slots(count: count)
        for helper in helpers.prefix(count) {
            helper.async { self.work() }
        }
    }

    /// Pauses to spin through before sleeping: about 100 µs on this project's Zen 4 machine,
    /// the sketch of a long document.
    static var spinLimit: Int { 4096 }

    /// Does items until none is left to claim.
    private func work() {
        var state: State?
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            if state == nil { state = makeState() }
            results.store(transform(&state!, index), at: index)
            if finished.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == count { done.signal() }
        }
    }

    /// Helps with the remaining items, waits for the rest, and returns all results in order.
    ///
    /// The rest is at most one item per helper, so it spins a while before it sleeps: the
    /// scanner collects a batch every half millisecond or so, and a sleep there left its
    /// core idle for the wake-up too (tens of microseconds on a virtual machine).
    func collect() -> [T] {
        work()
        var spins = 0
        while spins < Self.spinLimit, finished.load(ordering: .acquiring) < count {
            refrain_spin_pause()
            spins += 1
        }
        // Returns at once when the last item's signal came during the spin.
        if count > 0 { done.wait() }
        _ = finished.load(ordering: .acquiring)
        return results.collect()
    }
}

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
