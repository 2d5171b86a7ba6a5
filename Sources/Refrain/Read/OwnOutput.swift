import Foundation

/// Refrain's own outputs, recognised by their first bytes so that a report or manifest
/// written into a corpus is not read back as a document.
enum OwnOutput {
    case jsonReport, jsonLinesReport, textReport, manifest

    /// What kind of refrain output the bytes begin, or `nil` for anything else.
    ///
    /// - Complexity: O(1): only the first line is looked at, up to 512 bytes.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> OwnOutput? {
        let head = Array(bytes.prefix(512))
        let firstLine = head.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        func starts(_ prefix: String) -> Bool { head.starts(with: prefix.utf8) }
        // `scan --format json`: an object whose first key is the summary.
        let afterBrace = head.starts(with: [UInt8(ascii: "{")]) ? head.dropFirst().drop(while: ByteClass.isSpace) : []
        if afterBrace.starts(with: "\"summary\": {\"documents\":".utf8) { return .jsonReport }
        // `families --format json`.
        if starts("{\"families\": [") { return .jsonReport }
        // `--format jsonl` reports: typed lines.
        for type in ["group", "document", "family"] where starts("{\"type\": \"\(type)\", ") { return .jsonLinesReport }
        // A `clean` manifest line.
        if starts("{\"id\": "), contains(firstLine, "\"output\": "), contains(firstLine, "\"removed\": [") { return .manifest }
        // A text report: "N documents · N paragraphs · N bytes · N% recycled · N families".
        let line = String(decoding: firstLine, as: UTF8.self)
        if line.first?.isNumber == true, line.contains(" document"), line.contains(" · "), line.contains(" paragraph"),
            line.contains(" recycled · ")
        {
            return .textReport
        }
        return nil
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
