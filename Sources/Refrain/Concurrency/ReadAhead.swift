import Dispatch
import Synchronization

/// Items made in order on a thread of their own, ahead of the threads that take them.
///
/// For reads that wait on the disk, such as a band's spilled keys: while one band is
/// filed, the next is read, where each thread reading its own band first would leave a
/// core idle for every read.
final class ReadAhead<T>: @unchecked Sendable {
    private let slots: HandOverSlots<T>
    private let ready: [DispatchSemaphore]
    private let room: DispatchSemaphore
    /// Where no thread could be started: the items still to be made, made in order by the
    /// takers under this lock, so that a refused thread slows the run instead of hanging it.
    private let inline: Mutex<(next: Int, make: (@Sendable (Int) -> T)?)>

    /// Starts making items `0..<count`.
    ///
    /// - Parameters:
    ///   - count: The number of items.
    ///   - ahead: The most items made and not yet taken (at least 1): the memory bound.
    ///   - threaded: Whether to make the items on a thread of their own; `false` (or a
    ///     thread the system refuses) makes them in order on the takers' threads.
    ///   - make: Makes item `index`; called once per item, in order.
    init(count: Int, ahead: Int, threaded: Bool = true, make: @escaping @Sendable (Int) -> T) {
        slots = HandOverSlots(count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        room = DispatchSemaphore(value: max(1, ahead))
        let slots = slots, ready = ready, room = room
        // A thread of its own, not the dispatch pool's: the takers block in the pool
        // waiting for items, and a pool that is full would never run the maker.
        let started =
            threaded
            && startThread {
                for index in 0..<count {
                    room.wait()
                    slots.store(make(index), at: index)
                    ready[index].signal()
                }
            }
        inline = Mutex((0, started ? nil : make))
    }

    /// Item `index`, waiting until it is made; each item is taken once, by one thread.
    func take(_ index: Int) -> T {
        inline.withLock { state in
            guard let make = state.make else { return }
            while state.next <= index {
                slots.store(make(state.next), at: state.next)
                ready[state.next].signal()
                state.next += 1
            }
        }
        ready[index].wait()
        let item = slots.take(index)!
        room.signal()
        return item
    }
}
