import Foundation
import Synchronization
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Serialized: the tests need the machine's threads to themselves, or dispatch runs their
/// work on fewer threads and a broken consumer role can go unseen.
@Suite(.serialized) struct ParallelTests {
    /// Items that take uneven time, so that later ones often finish first.
    static func slowSquare(_ index: Int) -> Int {
        usleep(UInt32((index * 7919) % 13) * 100)
        return index * index
    }

    @Test(arguments: [1, 2, 3, 8])
    func parallelForEachInOrderConsumesInOrderOnOneThreadAtATime(jobs: Int) {
        for count in [0, 1, 2, 37] {
            let inside = Atomic<Int>(0)
            let mostInside = Atomic<Int>(0)
            var consumed: [Int] = []
            parallelForEachInOrder(count, jobs: jobs, Self.slowSquare) { value in
                let now = inside.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                mostInside.store(max(mostInside.load(ordering: .relaxed), now), ordering: .relaxed)
                usleep(2_000)  // longer than any item takes: other threads finish items meanwhile
                consumed.append(value)
                inside.wrappingSubtract(1, ordering: .sequentiallyConsistent)
            }
            #expect(consumed == (0..<count).map { $0 * $0 }, "jobs \(jobs), count \(count)")
            #expect(mostInside.load(ordering: .relaxed) <= 1)
        }
    }

    /// Chunks cover every index once, in order, and are few: one with one job.
    @Test(arguments: [1, 2, 3])
    func chunksCoverEveryIndexInOrder(jobs: Int) {
        for count in [0, 1, 5, 100] {
            let chunks = parallelMapChunks(count, jobs: jobs) { $0 }
            #expect(chunks.flatMap { Array($0) } == Array(0..<count), "jobs \(jobs), count \(count)")
            #expect(chunks.count <= max(1, min(count, 8 * jobs)))
            if jobs == 1 { #expect(chunks == [0..<count]) }
        }
    }

    struct Stop: Error, Equatable { let at: Int }

    @Test(arguments: [1, 2, 4])
    func parallelForEachInOrderStopsConsumingAtTheFirstError(jobs: Int) {
        var consumed: [Int] = []
        #expect(throws: Stop(at: 5)) {
            try parallelForEachInOrder(20, jobs: jobs, Self.slowSquare) { (value) throws(Stop) in
                if value == 25 { throw Stop(at: 5) }
                consumed.append(value)
            }
        }
        #expect(consumed == (0..<5).map { $0 * $0 })
    }

    @Test(arguments: [1, 2, 4])
    func parallelMapKeepsOrder(jobs: Int) {
        #expect(parallelMap(50, jobs: jobs, Self.slowSquare) == (0..<50).map { $0 * $0 })
    }

    @Test(arguments: [1, 2])
    func bothReturnsBothResults(jobs: Int) {
        let (a, b) = both(jobs: jobs) {
            Self.slowSquare(11)
        } _: {
            String(Self.slowSquare(12))
        }
        #expect(a == 121)
        #expect(b == "144")
    }

    /// Batches started ahead wait on their helper's serial queue: before anyone collects,
    /// at most one item per helper runs at a time (on the global queue, dispatch ran the
    /// batches side by side on more threads than there were jobs).
    @Test(arguments: [0, 1, 2])
    func sharedBatchesStartedAheadRunOneAtATimePerHelper(helpers: Int) {
        let queues = (0..<helpers).map { DispatchQueue(label: "refrain.test.helper.\($0)") }
        let running = Atomic<Int>(0)
        let mostRunning = Atomic<Int>(0)
        let ran = DispatchSemaphore(value: 0)
        let batches = (0..<4).map { batch in
            SharedBatch(count: 5, helpers: queues, state: {}) { _, item in
                let now = running.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
                mostRunning.store(max(mostRunning.load(ordering: .sequentiallyConsistent), now), ordering: .sequentiallyConsistent)
                usleep(1_000)  // long enough for a second item to overlap, were that allowed
                running.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                ran.signal()
                return batch * 100 + item
            }
        }
        // With helpers, every item runs before anyone collects: wait for all of them rather
        // than for a guessed time, so the check below sees the whole run.
        if helpers > 0 { for _ in 0..<20 { ran.wait() } }
        #expect(mostRunning.load(ordering: .sequentiallyConsistent) <= helpers)
        for (batch, shared) in batches.enumerated() {
            #expect(shared.collect() == (0..<5).map { batch * 100 + $0 })
        }
    }

    /// Signals when freed, and whether that happened on the thread that made it.
    final class Tracked: @unchecked Sendable {
        let freed: DispatchSemaphore
        let maker = pthread_self()
        var freedOnMaker: Bool?
        let report: (Bool) -> Void
        init(freed: DispatchSemaphore, report: @escaping (Bool) -> Void) {
            self.freed = freed
            self.report = report
        }
        deinit {
            report(pthread_equal(maker, pthread_self()) != 0)
            freed.signal()
        }
    }

    @Test(arguments: [1, 2])
    func discardFreesOnThisThreadOnlyWithOneJob(jobs: Int) {
        let freed = DispatchSemaphore(value: 0)
        let onMaker = Mutex<Bool?>(nil)
        discard(Tracked(freed: freed) { value in onMaker.withLock { $0 = value } }, jobs: jobs)
        // With one job it is freed before discard returns; with two, soon, elsewhere.
        #expect(freed.wait(timeout: jobs == 1 ? .now() : .now() + 5) == .success)
        #expect(onMaker.withLock { $0 } == (jobs == 1))
    }

    /// Items are made once each, in order, never more than `ahead` past those taken, and
    /// reach the threads that take them whatever order those come in.
    @Test(arguments: [1, 2, 3])
    func readAheadMakesInOrderWithinItsBound(ahead: Int) {
        let made = Mutex<[Int]>([])
        let items = ReadAhead(count: 40, ahead: ahead) { index in
            made.withLock { $0.append(index) }
            return index * index
        }
        /// Waits until `count` items are made (the maker is a thread of its own), then a
        /// little longer, for any it should not make.
        func madeSettles(at count: Int) -> Int {
            for _ in 0..<500 where made.withLock({ $0.count }) < count { usleep(10_000) }
            usleep(30_000)
            return made.withLock { $0.count }
        }
        #expect(madeSettles(at: ahead) == ahead)
        #expect(items.take(0) == 0)
        #expect(madeSettles(at: ahead + 1) == ahead + 1)
        let values = parallelMap(39, jobs: 3) { index in
            usleep(UInt32((index * 7919) % 13) * 100)
            return items.take(index + 1)
        }
        #expect(values == (1..<40).map { $0 * $0 })
        #expect(made.withLock { $0 } == Array(0..<40))
    }

    /// Where no thread can be started (under `ulimit -v`, say), the takers make the items,
    /// each once and in order, and none waits forever for a maker that never ran.
    @Test func readAheadWithoutAThreadMakesOnTheTakersThreads() {
        let made = Mutex<[Int]>([])
        let items = ReadAhead(count: 40, ahead: 2, threaded: false) { index in
            made.withLock { $0.append(index) }
            return index * index
        }
        usleep(30_000)
        #expect(made.withLock { $0.isEmpty }, "nothing is made before it is taken")
        let values = parallelMap(40, jobs: 3) { index in
            usleep(UInt32((index * 7919) % 13) * 100)
            return items.take(index)
        }
        #expect(values == (0..<40).map { $0 * $0 })
        #expect(made.withLock { $0 } == Array(0..<40))
    }
}
