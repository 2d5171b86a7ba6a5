import Foundation
import Testing

/// What the command line sets up before it reads: the open-file limit, bus errors, huge pages.
@Suite struct ProcessSetupTests {
    /// Too few descriptors to run would trap inside the thread pool: refrain stops first
    /// with 74 and says how to raise the limit; from 16 on it runs.
    @Test func tooLowAnOpenFileLimitStopsWith74AndSaysHowToRaiseIt() throws {
        let low = try runRefrain(["scan", samplesFolder, "-q"], fileLimit: 8)
        #expect(low.status == 74, "\(low.error)")
        #expect(low.error.contains("open-file limit is 8") && low.error.contains("ulimit -n 1024"), "\(low.error)")
        let enough = try runRefrain(["scan", samplesFolder, "-q"], fileLimit: 16)
        #expect(enough.status == 0, "\(enough.error)")
    }

    /// A bus error (a mapped input cut short) ends the run with 65 and a message, not a
    /// crash report: here sent to a run waiting on its standard input.
    @Test func aBusErrorEndsTheRunWith65AndAMessage() throws {
        let executable = try #require(refrainExecutable())
        let process = Process()
        process.executableURL = executable
        process.arguments = ["scan", "-", "-q"]
        let input = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGBUS)
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 65, "\(message)")
        #expect(message.contains("cut short while it was read"), "\(message)")
    }

    /// The process starts itself again with glibc's heap on huge pages where the kernel has
    /// them and the host does not take every free huge page back, adding to the user's own
    /// tunables; a user's own `glibc.malloc.hugetlb` is kept.
    @Test func theHeapGoesOnHugePagesUnlessTheUserSaidOtherwise() throws {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        let mode = read("/sys/kernel/mm/transparent_hugepage/enabled") ?? "[never]"
        // A balloon that reports free blocks of a huge page or smaller to its host (feature 5).
        let order = read("/sys/module/page_reporting/parameters/page_reporting_order").flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let hugeBytes =
            read("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size").flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            ?? 0
        let balloons = "/sys/bus/virtio/drivers/virtio_balloon"
        let reporting = ((try? FileManager.default.contentsOfDirectory(atPath: balloons)) ?? []).contains {
            $0.hasPrefix("virtio")
                && read("\(balloons)/\($0)/features").map { Array($0.utf8).count > 5 && Array($0.utf8)[5] == UInt8(ascii: "1") } == true
        }
        let hostTakesThem = order.map { Int(getpagesize()) << $0 <= hugeBytes } == true && reporting
        let kernelHasThem = !mode.contains("[never]") && !hostTakesThem
        func heapLine(_ tunables: String, largeFrom: Int? = nil) throws -> String {
            let file = try #require(FileManager.default.contentsOfDirectory(atPath: samplesFolder).sorted().first)
            let run = try runRefrain(
                ["scan", samplesFolder + "/" + file, "-q", "-o", "/dev/null"],
                environment: ["REFRAIN_STATISTICS": "1", "GLIBC_TUNABLES": tunables].merging(
                    largeFrom.map { ["REFRAIN_HUGE_PAGES_ABOVE": String($0)] } ?? [:]
                ) { $1 })
            #expect(run.status == 0, "\(run.error)")
            return run.error.split(separator: "\n").first { $0.contains("statistics: read") }.map(String.init) ?? run.error
        }
        #expect(try heapLine("").contains("heap on huge pages: \(kernelHasThem ? "yes" : "no")"))
        #expect(try heapLine("glibc.malloc.arena_max=4").contains("heap on huge pages: \(kernelHasThem ? "yes" : "no")"))
        #expect(try heapLine("glibc.malloc.hugetlb=0").contains("heap on huge pages: no"))
        // A corpus past the threshold starts on them even where the host takes them back.
        #expect(try heapLine("", largeFrom: 1).contains("heap on huge pages: \(!mode.contains("[never]") ? "yes" : "no")"))
        #expect(try heapLine("glibc.malloc.hugetlb=0", largeFrom: 1).contains("heap on huge pages: no"))
        // Not once standard input is read: diff's article would be gone on the start again.
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: samplesFolder).sorted().first)
        let article = try Data(contentsOf: URL(fileURLWithPath: samplesFolder + "/" + file))
        let diff = try runRefrain(
            ["diff", "-", samplesFolder + "/" + file, "--no-color"], standardInput: article, environment: ["REFRAIN_HUGE_PAGES_ABOVE": "1"])
        #expect(diff.status == 0, "\(diff.error)")
        // glibc takes the last setting.
        #expect(try heapLine("glibc.malloc.hugetlb=1:glibc.malloc.hugetlb=0").contains("heap on huge pages: no"))
    }

    /// The start again runs the same program under the same name: not the loader when it
    /// was started by hand (`ld.so refrain …`), not a file named after a binary deleted since
    /// it started, and a link's name stays the process's name.
    @Test func theStartAgainRunsTheSameProgramUnderTheSameName() throws {
        let executable = try #require(refrainExecutable())
        let version = try runRefrain(["--version"])
        #expect(version.status == 0 && !version.output.isEmpty)
        for loader in ["/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1"]
        where FileManager.default.isExecutableFile(atPath: loader) {
            let run = try runRefrain(["--version"], script: "exec \(loader) \"$0\" \"$@\"")
            #expect(run.status == 0 && run.output == version.output, "\(run.output) \(run.error)")
        }

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let impostor = folder.appendingPathComponent("r (deleted)")
        try Data("#!/bin/sh\necho impostor\nexit 42\n".utf8).write(to: impostor)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: impostor.path)
        let deleted = try runRefrain(
            ["--version"], script: "cd '\(folder.path)' && cp \"$0\" r && exec 3< r && rm r && exec /proc/self/fd/3 \"$@\"")
        #expect(deleted.status == 0 && deleted.output == version.output, "\(deleted.output) \(deleted.error)")

        let link = folder.appendingPathComponent("othername")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: executable)
        let process = Process()
        process.executableURL = link
        process.arguments = ["scan", "-", "-q"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        let name = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/comm", encoding: .utf8)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(name == "othername\n", "\(name ?? "no /proc")")
    }

    /// Under an address-space limit the text budget shrinks and the scan gives the same
    /// report; under a limit too small even for that, a warning says so before the run, and
    /// the crash an allocation failure ends in first says that memory ran out and how to
    /// raise the limit.
    @Test func anAddressSpaceLimitShrinksTheBudgetAndATooSmallOneSaysHowToRaiseIt() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // About 30 MB of text: more than 200 MB of address space holds once indexed with
        // every text resident, and more than 100 MB holds at all.
        let words = ["harbour", "ministry", "officials", "said", "river", "council", "budget", "ferry", "school", "winter"]
        var state: UInt64 = 7
        var lines: [String] = []
        for record in 0..<10_000 {
            var text: [String] = []
            for _ in 0..<300 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(words[Int(state >> 60) % words.count] + String(state >> 48 & 0xFF))
            }
            lines.append("{\"id\": \"a\(record)\", \"text\": \"\(text.joined(separator: " ")).\"}")
        }
        let corpus = folder.appendingPathComponent("news.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: corpus)
        let arguments = ["scan", corpus.path, "-q", "--format", "json", "-o", "-"]
        let roomy = try runRefrain(arguments, script: "ulimit -v 16000000 && exec timeout 120 \"$0\" \"$@\"")
        #expect(roomy.status == 0, "\(roomy.error.prefix(400))")
        #expect(roomy.output.contains("\"families\""))
        let limited = try runRefrain(arguments, script: "ulimit -v 200000 && exec timeout 120 \"$0\" \"$@\"")
        #expect(limited.status == 0, "\(limited.error.prefix(400))")
        #expect(limited.output == roomy.output)
        #expect(!limited.error.contains("warning"), "\(limited.error.prefix(400))")
        // Near the least that fits, the run is warned of, then fits or ends explained.
        let tight = try runRefrain(arguments, script: "ulimit -v 130000 && exec timeout 120 \"$0\" \"$@\"")
        #expect(
            tight.error.hasPrefix("refrain: warning: this corpus needs at least about") && tight.error.contains("its files hold 30 MB"),
            "\(tight.error.prefix(400))")
        #expect(
            tight.status == 0 ? tight.output == roomy.output : tight.status != 124 && tight.error.contains("ulimit -v unlimited"))
        // Standard input redirected from a file is sized before the read as well.
        let redirected = try runRefrain(
            ["scan", "-", "-", "-q", "--format", "json", "-o", "-"],
            script: "ulimit -v 130000 && exec timeout 120 \"$0\" \"$@\" < '\(corpus.path)'")
        // Named twice, it is read once and counted once.
        #expect(redirected.error.contains("its files hold 30 MB"), "\(redirected.error.prefix(400))")
        let tooSmall = try runRefrain(arguments, script: "ulimit -v 100000 && exec timeout 120 \"$0\" \"$@\"")
        #expect(tooSmall.status != 0 && tooSmall.status != 124)
        #expect(
            tooSmall.error.contains("address-space limit") && tooSmall.error.contains("ulimit -v unlimited"),
            "\(tooSmall.error.prefix(400))")
    }
}
