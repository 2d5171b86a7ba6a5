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

/// Maps `0..<count` in contiguous chunks with up to `jobs` threads, `chunksPerJob` chunks
/// per thread (so a slowed thread does fewer, and costly items early on, such as the
/// largest families, are spread), keeping the order of results.
///
/// - Returns: Each chunk's result, in order; one chunk with one job.
/// - Complexity: O(*count*) items, in O(`jobs` × `chunksPerJob`) calls of `transform`.
func parallelMapChunks<T: Sendable>(
    _ count: Int, jobs: Int, chunksPerJob: Int = 8, _ transform: @Sendable (Range<Int>) -> T
) -> [T] {
    let chunks = jobs <= 1 ? 1 : min(count, chunksPerJob * jobs)
    return parallelMap(chunks, jobs: jobs) { chunk in transform((count * chunk / chunks)..<(count * (chunk + 1) / chunks)) }
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
    let results = HandOverSlots<T>(count: count)
    // Indices are claimed one at a time, so a thread that is slowed down (by the host, or
    // by costlier items) does fewer: with every `jobs`-th index fixed per thread, the
    // slowed thread would finish last on few, coarse items such as the LSH bands.
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
