import CRefrainKernels
import Dispatch
import Synchronization

/// Runs two independent computations, the second on another thread when `jobs` > 1, and
/// returns both results.
func both<A, B: Sendable>(jobs: Int, _ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    guard jobs > 1 else { return (first(), second()) }
    let slot = HandOverSlots<B>(count: 1)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        slot.store(second(), at: 0)
        done.signal()
    }
    let a = first()
    done.wait()
    return (a, slot.collect()[0])
}
