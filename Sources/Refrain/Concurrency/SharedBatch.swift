import CRefrainKernels
import Dispatch
import Synchronization

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
    private let results: HandOverSlots<T>
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
        results = HandOverSlots(count: count)
        for helper in helpers.prefix(count) {
            helper.async { self.work() }
        }
    }

    /// Pauses to spin through before sleeping: about as long as the sketch of a long
    /// document, so a helper's last item usually ends within the spin.
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
    /// scanner collects batches often, and a sleep there leaves its core idle for the
    /// wake-up too, which is slow on a virtual machine.
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
