import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Issue 5: whatever a user points Refrain at, it keeps working, reports what it could not
/// use, and never loses or corrupts a document.
@Suite struct RobustnessTests {
    /// A background paragraph of the samples, shared by the documents of several tests.
    static let shared =
        "The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims against Azerbaijan. As a result of the ensuing war, Armenian armed forces occupied 20 percent of Azerbaijan's territory."

    func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    // MARK: Bad bytes

    @Test func invalidUTF8InsideAnArticleIsScannedWithTrueOffsets() throws {
        // Spaces of the shared paragraph replaced by invalid sequences: a stray 0xFF, a
        // truncated two-byte lead, an encoded surrogate, an overlong slash, a lone continuation byte.
        var damaged = Array(Self.shared.utf8)
        let badSequences: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80]]
        var replaced = 0
        var index = 0
        while index < damaged.count, replaced < badSequences.count {
            if damaged[index] == 0x20, index > 20 * (replaced + 1) {
                damaged.replaceSubrange(index...index, with: badSequences[replaced])
                replaced += 1
            }
            index += 1
        }
        #expect(replaced == badSequences.count)
        let opening = Array("Fresh reporting from Baku \u{FF} about the weather ".utf8) + [0xFE, 0xC2] + Array(" today.\n\n".utf8)
        let first = Document(id: "a", bytes: opening + damaged + [0xF8, 0x0A])
        let second = Document(id: "b", text: "A different story about trade and the economy.\n\n" + Self.shared)
        let report = Pipeline().scan([first, second])
        #expect(Robust.violations(of: report, documents: [first, second]).isEmpty)

        let start = try #require(offset(of: Array("The conflict".utf8), in: first.bytes))
        let paragraph = try #require(report.documents[0].paragraphs.last)
        #expect(paragraph.span == ByteRange(start, first.bytes.count - 1))  // the final 0xF8 is text, the line feed is not
        #expect(paragraph.label == .template)
        // The recycled text starts at the true byte offset of "The conflict" in the damaged bytes.
        let recycled = try #require(report.documents[0].recycled.first)
        #expect(recycled.start == start)
        #expect(first.text(of: recycled).hasPrefix("The conflict between the\u{FFFD}two South Caucasus"))
        #expect(report.documents[0].recycledBytes >= damaged.count - 2)
        // Tokens around each bad sequence end and start exactly at it.
        let words = Tokenizer.tokens(in: first.bytes).map { String(decoding: first.bytes[$0.span.range], as: UTF8.self) }
        #expect(words.contains("Caucasus") && words.allSatisfy { !$0.contains("\u{FFFD}") })
        #expect(Tokenizer.tokens(in: damaged).map(\.hash) == Tokenizer.tokens(in: Array(Self.shared.utf8)).map(\.hash))
    }

    @Test func binaryFilesAreSkippedByNameAndTheRestScanned() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for sample in Robust.samples { try Robust.write(sample.bytes, sample.name, in: folder) }
        // An executable renamed .txt, and an article with a NUL byte inside.
        var executable: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<4096 { executable.append(UInt8.random(in: 0...255, using: &generator)) }
        try Robust.write(executable, "tool.txt", in: folder)
        try Robust.write(Array("Good words here.".utf8) + [0] + Array("More words.".utf8), "nul.txt", in: folder)

        let strict = try Robust.run(["scan", folder.path, "--format", "json"])
        #expect(strict.status == 65)
        #expect(strict.error.contains("tool.txt") && strict.error.contains("nul.txt"))
        #expect(strict.error.contains("--skip-invalid"))
        #expect(strict.output.contains("\"documents\": 5,"))
        for sample in Robust.samples { #expect(strict.output.contains("\"id\": \"\(sample.name)\"")) }

        let lenient = try Robust.run(["scan", folder.path, "--format", "json", "--skip-invalid"])
        #expect(lenient.status == 0)
        #expect(lenient.error.contains("tool.txt"))
        #expect(lenient.output == strict.output)
    }

    /// A JSON Lines file with thousands of bad lines shows the first few and a count, so
    /// the other messages are not buried; every good line is still scanned.
    @Test func manyBadLinesOfOneFileAreCountedNotAllShown() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        for (index, sample) in Robust.samples.enumerated() {
            let record: [String: String] = ["id": "good-\(index)", "text": String(decoding: sample.bytes, as: UTF8.self)]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
        lines += Array(repeating: "{not json", count: 2500)
        try Robust.write(lines.joined(separator: "\n") + "\n", "news.jsonl", in: folder)
        try Robust.write([0x00, 0x01], "binary.txt", in: folder)

        let run = try Robust.run(["scan", folder.path, "--format", "json"])
        #expect(run.status == 65)
        #expect(run.output.contains("\"documents\": \(Robust.samples.count),"))
        let shown = run.error.split(separator: "\n").filter { $0.contains("news.jsonl:") && $0.contains("skipped: not valid JSON") }
        #expect(shown.count == 10, "\(run.error.prefix(2000))")
        #expect(run.error.contains("news.jsonl: 2,490 more lines skipped, not shown"), "\(run.error.suffix(1000))")
        // A problem of another file is still shown, and the total counts every line.
        #expect(run.error.contains("binary.txt"))
        #expect(run.error.contains("2,501 inputs were skipped"), "\(run.error.suffix(600))")

        // Warnings have a budget of their own: they cannot hide the lines that were skipped.
        let warned = (0..<30).map { #"{"id": \#($0), "text": "Words of record \#($0)."}"# } + Array(repeating: "{not json", count: 3)
        try Robust.write(warned.joined(separator: "\n") + "\n", "news.jsonl", in: folder)
        let mixed = try Robust.run(["scan", folder.path.appending("/news.jsonl"), "--format", "json"])
        let printed = mixed.error.split(separator: "\n")
        #expect(printed.filter { $0.contains("skipped: not valid JSON") }.count == 3, "\(mixed.error)")
        #expect(printed.filter { $0.contains("warning:") }.count == 10, "\(mixed.error)")
        #expect(mixed.error.contains("20 more with warnings, not shown"), "\(mixed.error)")
    }

    @Test func wordlessPiecesJoinASentence() {
        func sentences(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return Segmenter.segment(bytes).sentences.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
        let long = WrappingTests.longParagraph
        #expect(sentences("* * *\nThe only sentence here.\n\n\(long)") == ["* * *\nThe only sentence here.", long])
        #expect(sentences("First one. — Second one. …") == ["First one.", "— Second one. …"])
        #expect(sentences("* * *") == ["* * *"])
        // A paragraph whose only sentence has words is not a repeat of itself.
        let document = Document(id: "a", text: "* * *\nThe only real sentence of this paragraph is here.\n\nAnother paragraph.")
        #expect(Pipeline().scan([document]).documents[0].paragraphs.map(\.label) == [.novel, .novel])
    }

    // MARK: Empty files, line endings, byte-order marks, tabs and form feeds

    @Test func emptyFilesLineEndingsBOMTabsAndFormFeeds() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = Robust.samples[0].bytes
        let b = Robust.samples[1].bytes
        func replacing(_ bytes: [UInt8], _ from: [UInt8], _ to: [UInt8]) -> [UInt8] {
            var result: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index..<min(bytes.count, index + from.count)].elementsEqual(from) {
                    result += to
                    index += from.count
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return result
        }
        try Robust.write([], "empty.txt", in: folder)
        try Robust.write(" \n\t\r\n\u{0C}\n  \r\r\n", "blank.txt", in: folder)
        try Robust.write(a, "a-lf.txt", in: folder)
        try Robust.write(replacing(a, [0x0A], [0x0D, 0x0A]), "a-crlf.txt", in: folder)
        try Robust.write(replacing(a, [0x0A], [0x0D]), "a-cr.txt", in: folder)
        try Robust.write(b, "b-plain.txt", in: folder)
        try Robust.write([0xEF, 0xBB, 0xBF] + b, "b-bom.txt", in: folder)
        try Robust.write(replacing(replacing(b, [0x20], [0x09]), [0x0A, 0x0A], [0x0A, 0x0C, 0x0A]), "b-tabs.txt", in: folder)

        let corpus = try Corpus.read([folder.path])
        #expect(corpus.problems.isEmpty)
        #expect(corpus.documents.count == 8)
        let report = Pipeline().scan(corpus.documents)
        #expect(Robust.violations(of: report, documents: corpus.documents).isEmpty)
        for id in ["empty.txt", "blank.txt"] {
            let document = try #require(report.document(id))
            #expect(document.paragraphs.isEmpty && document.recycled.isEmpty && document.recycledShare == 0)
        }
        let lf = try #require(report.document("a-lf.txt"))
        for id in ["a-crlf.txt", "a-cr.txt", "b-bom.txt", "b-tabs.txt"] {
            let document = try #require(report.document(id))
            let original = try #require(report.document(id.hasPrefix("a") ? "a-lf.txt" : "b-plain.txt"))
            #expect(document.paragraphs.count == original.paragraphs.count, "\(id)")
            #expect(document.paragraphs.allSatisfy { $0.label == .template }, "\(id)")
            #expect(document.recycledShare > 0.99, "\(id)")
        }
        // Offsets index the file's own bytes: a CRLF paragraph is the LF one with \r added.
        let crlf = try #require(report.document("a-crlf.txt"))
        let crlfBytes = corpus.documents[crlf.index].bytes
        for (paragraph, original) in zip(crlf.paragraphs, lf.paragraphs) {
            #expect(replacing(Array(crlfBytes[paragraph.span.range]), [0x0D, 0x0A], [0x0A]) == Array(a[original.span.range]))
        }
        // The byte-order mark is no part of the first paragraph.
        let bom = try #require(report.document("b-bom.txt"))
        let plain = try #require(report.document("b-plain.txt"))
        #expect(bom.paragraphs[0].span.start == plain.paragraphs[0].span.start + 3)
        #expect(bom.paragraphs.map(\.weight) == plain.paragraphs.map(\.weight))
    }

    // MARK: Huge input

    #if DEBUG
        /// Sizes that keep a debug build's run short; a release build scans ten times more.
        static let hugeScale = 1
    #else
        static let hugeScale = 10
    #endif

    /// A 5,000-word vocabulary of random lower-case words.
    static let vocabulary: [[UInt8]] = {
        var generator = SeededGenerator(seed: 42)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        return (0..<5000).map { _ in (0..<Int.random(in: 2...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! } }
    }()

    /// Deterministic filler text: sentences of 12 words, each starting with a capital, or
    /// (`sentences: false`) words only.
    func filler(bytes: Int, seed: UInt64, sentences: Bool = true) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var result: [UInt8] = []
        result.reserveCapacity(bytes + 100)
        var word = 0
        while result.count < bytes {
            var next = Self.vocabulary.randomElement(using: &generator)!
            if sentences && word % 12 == 0 { next[0] -= 0x20 }
            result += next
            word += 1
            if sentences && word % 12 == 0 { result.append(UInt8(ascii: ".")) }
            result.append(0x20)
        }
        return result
    }

    @Test func segmentingAndTokenizingTwentyMegabytesOfOneParagraph() {
        // 20 MB (2 MB in debug builds) without a blank line or a sentence end: one paragraph, one sentence.
        let bytes = filler(bytes: 2_000_000 * Self.hugeScale, seed: 1, sentences: false)
        let segmentation = Segmenter.segment(bytes)
        #expect(segmentation.paragraphs.count == 1)
        #expect(segmentation.sentences.count == 1)
        var tokens = 0
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer, range: 0..<buffer.count) { _, _, _ in tokens += 1 }
        }
        #expect(tokens == bytes.split(separator: 0x20).count)
    }

    @Test func oneEnormousParagraphScansWithASaneReport() throws {
        // One paragraph of sentences with no blank line, and one enormous word; a second
        // document quotes a passage from its middle.
        var big = filler(bytes: 600_000 * Self.hugeScale, seed: 2)
        big += Array(repeating: UInt8(ascii: "x"), count: 100_000 * Self.hugeScale)
        big += Array(" The end.".utf8)
        let middle = big.count / 3
        let passageStart = big[middle...].firstIndex(of: UInt8(ascii: "."))! + 2
        let passageEnd = big[(passageStart + 2000)...].firstIndex(of: UInt8(ascii: "."))! + 1
        let quote = Document(
            id: "quote", bytes: Array("A short novel introduction of our own.\n\n".utf8) + big[passageStart..<passageEnd] + Array("\n".utf8)
        )
        let documents = [Document(id: "big", bytes: big), quote]
        var configuration = Configuration()
        configuration.jobs = 2
        let report = Pipeline(configuration: configuration).scan(documents)
        #expect(Robust.violations(of: report, documents: documents).isEmpty)
        let entry = report.documents[0]
        #expect(entry.paragraphs.count == 1)
        #expect(entry.paragraphs[0].span == ByteRange(0, big.count))
        #expect(entry.paragraphs[0].label == .partial)
        // The quoted passage, and little else, is recycled.
        let recycledPassage = entry.recycled.filter { $0.start < passageEnd && $0.end > passageStart }
        #expect(recycledPassage.reduce(0) { $0 + $1.count } >= (passageEnd - passageStart) * 9 / 10)
        #expect(entry.recycledBytes < (passageEnd - passageStart) * 2)
        #expect(report.documents[1].paragraphs.last?.label == .template)
    }

    @Test func oneEnormousFileOfManyParagraphs() throws {
        // Thousands of paragraphs in one file, a footer repeated in every twentieth.
        let footer = "Follow us on Twitter @AzerNewsAz and read more stories on our website every day."
        var text = ""
        var expected = 0
        var footerCount = 0
        var generator = SeededGenerator(seed: 3)
        while text.utf8.count < 500_000 * Self.hugeScale {
            let paragraph = String(
                decoding: filler(bytes: Int.random(in: 50...400, using: &generator), seed: generator.next()), as: UTF8.self)
            text += paragraph + "\n\n"
            expected += 1
            if expected % 20 == 0 {
                text += footer + "\r\n\r\n"
                footerCount += 1
            }
        }
        expected += footerCount
        let document = Document(id: "huge", text: text)
        let report = Pipeline().scan([document])
        #expect(Robust.violations(of: report, documents: [document]).isEmpty)
        #expect(report.documents[0].paragraphs.count == expected)
        let footers = report.documents[0].paragraphs.filter { document.text(of: $0.span) == footer }
        #expect(footers.count == footerCount)
        #expect(footers.allSatisfy { $0.label == .repeat })
        #expect(report.families.isEmpty)
    }

    // MARK: Scripts without spaces

    @Test(arguments: [
        (
            "Chinese", "今天巴库天气晴朗，市民们在海边散步。", "另一篇报道讲述了经济发展的情况。",
            "阿塞拜疆和亚美尼亚之间的冲突始于一九八八年，当时亚美尼亚对阿塞拜疆提出领土要求。战争导致大量平民流离失所。"
        ),
        (
            "Japanese", "今日の東京は晴れで、多くの人が公園を訪れた。", "別の記事では経済の動向が報じられた。",
            "東京で開かれた国際会議では、気候変動に関する新しい合意が発表されました。各国の代表は協力を約束しました。"
        ),
        (
            "Thai", "วันนี้อากาศที่กรุงเทพดีมาก ผู้คนออกไปเดินเล่น", "รายงานอีกฉบับกล่าวถึงเศรษฐกิจของประเทศ",
            "การประชุมสุดยอดผู้นำอาเซียนจัดขึ้นที่กรุงเทพมหานครเมื่อวันจันทร์ที่ผ่านมา ผู้นำทุกประเทศตกลงร่วมมือกันด้านการค้า"
        ),
    ])
    func copiedPassageFoundInScriptWithoutSpaces(script: String, novelA: String, novelB: String, shared: String) throws {
        // A third novel paragraph: the first one's characters in reverse, behind a wordless line.
        let novelC = "* * *\n" + String(novelA.reversed())
        let first = Document(id: "a", text: novelA + "\n\n" + shared + "\n")
        let second = Document(id: "b", text: novelB + "\n\n" + shared + "\n\n" + novelC + "\n")
        let report = Pipeline().scan([first, second])
        #expect(Robust.violations(of: report, documents: [first, second]).isEmpty)
        #expect(report.families.count >= 1, "\(script)")
        let a = report.documents[0]
        let b = report.documents[1]
        #expect(a.paragraphs.map(\.label) == [.novel, .template], "\(script)")
        #expect(b.paragraphs.map(\.label) == [.novel, .template, .novel], "\(script)")
        #expect(a.recycled.map { first.text(of: $0) } == [shared], "\(script)")
        #expect(b.recycled.map { second.text(of: $0) } == [shared], "\(script)")
    }

    // MARK: Paths and standard input

    @Test func nonexistentPathExits66NamingIt() throws {
        let result = try Robust.run(["scan", "/no/such/refrain/folder"])
        #expect(result.status == 66)
        #expect(result.error.contains("/no/such/refrain/folder"))
    }

    @Test func unreadableFileIsSkippedByName() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Robust.write(Robust.samples[0].bytes, "good.txt", in: folder)
        let locked = try Robust.write("Secret words.", "locked.txt", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
        // As root (as in CI containers) permissions do not stop reading: the file is then
        // read like any other, and only the part of this test that needs a denial is skipped.
        guard FileHandle(forReadingAtPath: locked.path) == nil else {
            let corpus = try Corpus.read([folder.path])
            #expect(corpus.documents.map(\.id) == ["good.txt", "locked.txt"])
            return
        }
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.map(\.id) == ["good.txt"])
        #expect(corpus.problems.map(\.path) == [locked.path])
        let result = try Robust.run(["scan", folder.path])
        #expect(result.status == 65 && result.error.contains("locked.txt"))
    }

    @Test func symbolicLinkLoopsAndDanglingLinks() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Robust.write(Robust.samples[0].bytes, "articles/one.txt", in: folder)
        try Robust.write(Robust.samples[1].bytes, "articles/deeper/two.txt", in: folder)
        let fileManager = FileManager.default
        // A folder link back to its parent, and a file link to itself.
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("articles/deeper/up").path, withDestinationPath: "..")
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("articles/self.txt").path, withDestinationPath: "self.txt")
        let loops = try Corpus.read([folder.appendingPathComponent("articles").path])
        #expect(loops.documents.map(\.id) == ["deeper/two.txt", "one.txt"])
        #expect(loops.problems.contains { $0.path.hasSuffix("up") && $0.severity == .warning })
        #expect(loops.problems.contains { $0.path.hasSuffix("self.txt") && $0.severity == .skipped })

        // A link to a file that does not exist is named, not silently dropped.
        try fileManager.removeItem(at: folder.appendingPathComponent("articles/self.txt"))
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("articles/gone.txt").path, withDestinationPath: "/no/such/refrain/file.txt")
        let result = try Robust.run(["scan", folder.appendingPathComponent("articles").path, "--format", "json"])
        #expect(result.status == 65)
        #expect(result.error.contains("gone.txt"))
        #expect(result.output.contains("\"documents\": 2,"))
    }

    @Test func fifoIsSkippedWithoutBlocking() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Robust.write(Robust.samples[0].bytes, "good.txt", in: folder)
        let fifo = folder.appendingPathComponent("pipe.txt")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        // Inside a folder and as an argument: reported, never opened (opening would block);
        // named twice, it is taken once, with a warning.
        let corpus = try Corpus.read([folder.path, fifo.path])
        #expect(corpus.documents.map(\.id) == ["good.txt"])
        #expect(corpus.problems.count == 2)
        #expect(corpus.problems.filter { $0.path == fifo.path && $0.message.contains("FIFO") }.count == 1)
        #expect(corpus.problems.contains { $0.path == fifo.path && $0.message.contains("not read twice") })
        let result = try Robust.run(["scan", fifo.path])
        #expect(result.status == 65)
        #expect(result.error.contains("pipe.txt"))
    }

    @Test func standardInputEmptyOrClosed() throws {
        let empty = try Robust.run(["scan", "-", "--format", "json"], input: .bytes([]))
        // Nothing piped in is a corpus with no text: an input error, not a 0-byte report.
        #expect(empty.status == 65)
        #expect(empty.error.contains("no text: the document read from - is empty"), "\(empty.error)")
        // White space alone is no text either: "0 paragraphs" with exit 0 looked like a result.
        let blank = try Robust.run(["scan", "-"], input: .bytes(Array("\n\n   \n\t\n".utf8)))
        #expect(blank.status == 65)
        #expect(blank.error.contains("no text: the document read from - is empty or blank"), "\(blank.error)")

        // A pipe closed after part of a record: the partial line is reported with its number.
        let partial = try Robust.run(
            ["scan", "-", "--format", "json"], input: .bytes(Array("{\"id\": \"a\", \"text\": \"Whole.\"}\n{\"id\": \"b\", \"te".utf8)))
        #expect(partial.status == 65)
        #expect(partial.error.contains("-:2"))
        #expect(partial.output.contains("\"documents\": 1,"))

        // Descriptor 0 closed: a message, not a crash, and the other inputs are still scanned.
        let closed = try Robust.run(["scan", "-", samplesFolder, "--format", "json"], input: .closed)
        #expect(closed.status == 65)
        #expect(closed.error.contains("standard input"))
        #expect(closed.output.contains("\"documents\": 5,"))
        let unit = try Corpus.read(["-"], standardInput: { throw RefrainError.io(path: "-", reason: "Bad file descriptor") })
        #expect(unit.documents.isEmpty)
        #expect(unit.problems.map(\.path) == ["-"])
    }

    // MARK: Output

    @Test func unwritableOutputExits74NamingThePath() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A path below a regular file cannot be created, even by root.
        let file = try Robust.write("not a folder", "file", in: folder)
        // Missing folders on the way are created; a folder that cannot be created fails.
        for output in [file.appendingPathComponent("report.json").path, "/proc/refrain-robust/report.json"] {
            let result = try Robust.run(["scan", samplesFolder, "--format", "json", "--output", output])
            #expect(result.status == 74, "\(output)")
            #expect(result.error.contains(output))
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        #expect(try Data(contentsOf: file) == Data("not a folder".utf8))
    }

    @Test func outputThatIsAFolderIsNotReplaced() throws {
        let folder = try Robust.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("reports")
        try Robust.write("keep me", "reports/keep.txt", in: folder)
        let result = try Robust.run(["scan", samplesFolder, "--format", "json", "--output", target.path])
        #expect(result.status == 64)  // a usage mistake, refused before the scan
        #expect(result.error.contains(target.path))
        #expect(try Data(contentsOf: target.appendingPathComponent("keep.txt")) == Data("keep me".utf8))
    }
}
