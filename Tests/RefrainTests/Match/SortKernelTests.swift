import CRefrainKernels
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `refrain_sort_u32` (sort.c) against Swift's sort, on both sides of each cutoff
/// (insertion, bucket, radix), on random values and on the skewed inputs that break
/// careless bucket and radix sorts (equal, few distinct, descending).
@Suite struct SortKernelTests {
    func kernelSorted(_ values: [UInt32]) -> [UInt32] {
        var result = values
        var scratch = [UInt32](repeating: 0, count: values.count)
        result.withUnsafeMutableBufferPointer { sorted in
            scratch.withUnsafeMutableBufferPointer { refrain_sort_u32(sorted.baseAddress, sorted.count, $0.baseAddress) }
        }
        return result
    }

    @Test func sortsLikeSwift() {
        var generator = SeededGenerator(seed: 31)
        for count in Array(0...130) + [255, 256, 257, 1000, 5000] {
            let random = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
            let fewDistinct = (0..<count).map { _ in UInt32.random(in: 0...3, using: &generator) << 24 | 7 }
            let equal = [UInt32](repeating: 0xDEAD_BEEF, count: count)
            let descending = random.sorted(by: >)
            for values in [random, fewDistinct, equal, descending] {
                #expect(kernelSorted(values) == values.sorted(), "count \(count)")
            }
        }
    }
}
