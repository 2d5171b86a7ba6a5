import Testing

@testable import Refrain

/// `MemoryLimit`: a container's limit found in its control groups, v1 and v2, and the text
/// kept in memory under it.
@Suite struct MemoryLimitTests {
    /// Reads from a dictionary of paths, as `/sys/fs/cgroup` would.
    func reader(_ files: [String: String]) -> (String) -> String? { { files[$0] } }

    @Test func versionTwoReadsTheGroupAndEveryGroupAbove() {
        let files = [
            "/sys/fs/cgroup/memory.max": "max\n",
            "/sys/fs/cgroup/kubepods/memory.max": "8589934592\n",
            "/sys/fs/cgroup/kubepods/pod1/memory.max": "419430400\n",
            "/sys/fs/cgroup/kubepods/pod1/box/memory.max": "max\n",
        ]
        let limits = MemoryLimit.controlGroupLimits("0::/kubepods/pod1/box\n", read: reader(files))
        #expect(limits.map(\.bytes).sorted() == [419_430_400, 8_589_934_592])
        #expect(limits.allSatisfy { $0.source.contains("memory.max") })
    }

    @Test func versionOneReadsTheMemoryControllerOnly() {
        let files = [
            "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
            "/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": "1073741824\n",
            "/sys/fs/cgroup/cpu/docker/abc/memory.limit_in_bytes": "1\n",
        ]
        let text = "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n1:name=systemd:/docker/abc\n"
        let limits = MemoryLimit.controlGroupLimits(text, read: reader(files))
        #expect(limits.map(\.bytes) == [1_073_741_824], "the v1 unlimited value and other controllers left out")
        #expect(limits.first?.source == "the control group's memory limit of 1073 MB (memory.limit_in_bytes)")
    }

    @Test func noGroupsOrNoFilesMeanNoLimit() {
        #expect(MemoryLimit.controlGroupLimits("", read: reader([:])).isEmpty)
        #expect(MemoryLimit.controlGroupLimits("0::/\n", read: reader([:])).isEmpty)
        #expect(MemoryLimit.controlGroupLimits("garbage\n0::\n", read: reader(["/sys/fs/cgroup/memory.max": "12"])).map(\.bytes) == [12])
    }

    /// Under a limit a corpus over a sixth of it is read again by each stage; without one, or
    /// under a large one, the budget is the usual one.
    @Test func theTextBudgetShrinksUnderASmallLimitOnly() {
        #expect(Corpus.limitedTextBudget(nil) == Corpus.scanTextBudget)
        #expect(Corpus.limitedTextBudget(MemoryLimit(bytes: 64 << 30, source: "x")) == Corpus.scanTextBudget)
        #expect(Corpus.limitedTextBudget(MemoryLimit(bytes: 400 << 20, source: "x")) == (400 << 20) / 6)
        #expect(Corpus.limitedTextBudget(MemoryLimit(bytes: 0, source: "x")) == 4 << 20, "a small corpus stays resident")
    }

    /// The warning's estimate: under a container's limit the resident memory measured for
    /// five articles, 100 MB and 1 GB of text (errs low); under `ulimit -v` also the address
    /// space reserved and the input again.
    @Test func theLeastAScanTakesErrsLowOfWhatWasMeasured() {
        let container = MemoryLimit(bytes: 400 << 20, source: "x")
        #expect(container.leastScanBytes(textBytes: 0) <= 24 << 20)
        #expect((170 << 20...180 << 20).contains(container.leastScanBytes(textBytes: 100 << 20)))
        #expect((1_050 << 20...1_250 << 20).contains(container.leastScanBytes(textBytes: 1 << 30)))
        let addressSpace = MemoryLimit(bytes: 100 << 20, reserved: 64 << 20, source: "x")
        #expect(addressSpace.leastScanBytes(textBytes: 30 << 20) == container.leastScanBytes(textBytes: 30 << 20) + (94 << 20))
        #expect(addressSpace.isTooSmallForThreads && !container.isTooSmallForThreads)
        #expect(!MemoryLimit(bytes: 400 << 20, reserved: 64 << 20, source: "x").isTooSmallForThreads)
    }
}
