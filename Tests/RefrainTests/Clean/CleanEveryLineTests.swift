import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `clean` writes every line of a JSON Lines file: documents cleaned, every other line as
/// it was, at its line number, so the manifest's lines are the input's.
@Suite struct CleanEveryLineTests {
    static let template = "Background paragraph that every article from the agency carries at the end of each story it sends."

    /// A JSON Lines file with a byte-order mark, CRLF and LF lines, no final line feed, and
    /// every kind of line the reader does not take as a document.
    static func messyFeed() -> [UInt8] {
        func record(_ id: String, _ text: String) -> [UInt8] {
            var writer = JSONWriter()
            writer.string(text)
            return Array(#"{"id": "\#(id)", "text": \#(writer.output), "tags": ["x"]}"#.utf8)
        }
        let lines: [[UInt8]] = [
            record("a", "Roads story, first.\n\n\(template)") + [0x0D],
            [],
            Array("not json at all".utf8),
            Array(#"{"id": "n", "title": "no text here"}"#.utf8),
            Array(#"{"id": "m", "text": 42}"#.utf8),
            Array(#"{"id": "u", "text": "bad "#.utf8) + [0xFF, 0xFE] + Array(#" bytes"}"#.utf8),
            record("b", "Bridges story, second.\n\n\(template)"),
            Array("   ".utf8) + [0x0D],
            record("a", "A repeated id, third story.\n\n\(template)"),
            Array(#"["an", "array"]"#.utf8),
            record("c", "Canals story, fourth.\n\n\(template)"),
        ]
        return [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: [0x0A]))
    }

    @Test func everyInputLineComesOutAtItsLineNumber() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Self.messyFeed()
        try Data(input).write(to: folder.appendingPathComponent("feed.jsonl"))
        let output = folder.appendingPathComponent("out")
        let result = try runRefrain([
            "clean", folder.appendingPathComponent("feed.jsonl").path, "--output", output.path, "--skip-invalid", "--quiet",
        ])
        #expect(result.status == 0, "\(result.error)")
        let cleaned = Array(try Data(contentsOf: output.appendingPathComponent("feed.jsonl")))
        #expect(cleaned.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(cleaned.last != 0x0A)
        let inputLines = input.dropFirst(3).split(separator: 0x0A, omittingEmptySubsequences: false)
        let outputLines = cleaned.dropFirst(3).split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(inputLines.count == 11)
        #expect(outputLines.count == inputLines.count)
        let documentLines: Set<Int> = [1, 7, 9, 11]
        for (number, (before, after)) in zip(inputLines, outputLines).enumerated() {
            if documentLines.contains(number + 1) {
                #expect(before != after, "line \(number + 1) is cleaned")
                #expect(String(decoding: after, as: UTF8.self).contains("story"))
                #expect(!String(decoding: after, as: UTF8.self).contains("Background paragraph"))
            } else {
                #expect(Array(before) == Array(after), "line \(number + 1) is kept as it was")
            }
        }
        #expect(outputLines[0].last == 0x0D)
        let manifest = try String(contentsOf: output.appendingPathComponent(CleanManifest.fileName), encoding: .utf8)
        let entries = try manifest.split(separator: "\n").map { try CleanManifest.parse(String($0)) }
        #expect(entries.map(\.line) == [1, 7, 9, 11])
        #expect(entries.map(\.id) == ["a", "b", "a@feed.jsonl:9", "c"])
    }
}
