import CRefrainKernels
import Dispatch
import Synchronization

/// Frees `value` on another thread when `jobs` > 1.
///
/// The scan's tables are hundreds of megabytes, and its per-document arrays tens of
/// thousands: freeing them (unmapping pages, one `free` each) on the scanning thread
/// between stages would leave the other core waiting.
func discard<T>(_ value: consuming T, jobs: Int) {
    guard jobs > 1 else { return }
    let box = DiscardBox(value)
    DispatchQueue.global().async { box.value = nil }
}

private final class DiscardBox<T>: @unchecked Sendable {
    var value: T?
    init(_ value: consuming T) { self.value = value }
}
