import Dispatch
import Foundation

/// Items made in order on a thread of their own, ahead of the threads that take them.
///
/// For reads that wait on the disk, such as a band's spilled keys: while one band is
/// filed, the next is read, where each thread reading its own band first would leave a
/// core idle for every read.
final class ReadAhead<T>: @unchecked Sendable {
    private let slots: HandOverSlots<T>
    private let ready: [DispatchSemaphore]
    private let room: DispatchSemaphore

    /// Starts making items `0..<count`.
    ///
    /// - Parameters:
    ///   - count: The number of items.
    ///   - ahead: The most items made and not yet taken (at least 1): the memory bound.
    ///   - make: Makes item `index`; called once per item, in order, on one thread.
    init(count: Int, ahead: Int, make: @escaping @Sendable (Int) -> T) {
        slots = HandOverSlots(count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        room = DispatchSemaphore(value: max(1, ahead))
        let slots = slots, ready = ready, room = room
        // A thread of its own, not the dispatch pool's: the takers block in the pool
        // waiting for items, and a pool that is full would never run the maker.
        let thread = Thread {
            for index in 0..<count {
                room.wait()
                slots.store(make(index), at: index)
                ready[index].signal()
            }
        }
        thread.start()
    }

    /// Item `index`, waiting until it is made; each item is taken once, by one thread.
    func take(_ index: Int) -> T {
        ready[index].wait()
        let item = slots.take(index)!
        room.signal()
        return item
    }
}
