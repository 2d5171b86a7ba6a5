import CRefrainKernels
import Dispatch
import Synchronization

/// HandOverSlots that different threads write or take from, each slot by one thread at a time
/// (distinct indices, or a hand-over that orders them), so no lock.
final class HandOverSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    /// Empty slots.
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    /// HandOverSlots holding `values`, moved in: the caller must hold no other copy of them, or a
    /// value taken out and written over would copy its storage first.
    init(moving values: consuming [T]) {
        var values = values
        count = values.count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        // Popped, not read by subscript: each value moves, with no retain and release.
        while let value = values.popLast() { slots[values.count] = consume value }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: consuming T, at index: Int) { slots[index] = consume value }

    /// Moves slot `index`'s value out, if there is such a slot with a value.
    func take(_ index: Int) -> T? { index < count ? slots[index].take() : nil }

    /// Moves the results out, leaving the slots empty: a copy would retain every reference
    /// a result holds, and the slots would release it right after.
    func collect() -> [T] { (0..<count).map { slots[$0].take()! } }
}
