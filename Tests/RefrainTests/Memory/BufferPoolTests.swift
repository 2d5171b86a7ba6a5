import Testing

@testable import Refrain

struct BufferPoolTests {
    final class Buffer: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    @Test func aBufferHandedBackIsTakenAgainBeforeANewOneIsMade() {
        let pool = BufferPool<Buffer>()
        var made = 0
        func make() -> Buffer {
            made += 1
            return Buffer(made)
        }
        let first = pool.take(orMake: make)
        pool.give(first)
        let again = pool.take(orMake: make)
        #expect(again === first)
        #expect(made == 1)
        // Empty again: the next take makes one.
        let second = pool.take(orMake: make)
        #expect(second.number == 2)
    }

    @Test func noMoreAreKeptThanTheTakesStillToCome() {
        let pool = BufferPool<Buffer>()
        weak var dropped: Buffer?
        do {
            let kept = Buffer(1)
            let extra = Buffer(2)
            dropped = extra
            pool.give(kept, keepingAtMost: 1)
            pool.give(extra, keepingAtMost: 1)
        }
        // The second buffer went when given: only one take was still to come.
        #expect(dropped == nil)
        #expect(pool.take { Buffer(3) }.number == 1)
    }

    @Test func removeAllLetsTheBuffersGo() {
        let pool = BufferPool<Buffer>()
        weak var given: Buffer?
        do {
            let buffer = Buffer(1)
            given = buffer
            pool.give(buffer)
        }
        #expect(given != nil)
        pool.removeAll()
        #expect(given == nil)
        #expect(pool.take { Buffer(2) }.number == 2)
    }
}
