import Foundation

/// Refrain's own outputs, recognised by their first bytes so that a report or manifest
/// written into a corpus is not read back as a document.
enum OwnOutput {
    case jsonReport, jsonLinesReport, textReport, manifest

    /// What kind of refrain output the bytes begin, or `nil` for anything else.
    ///
    /// JSON Lines whose first record carries a string `text` are a corpus, never a report,
    /// whatever their first key; a manifest is one only when every line parses as one.
    ///
    /// - Complexity: O(1) for most files: the first 512 bytes are looked at; a file that
    ///   begins like a JSON Lines report or manifest is parsed (its first line, or all of a
    ///   manifest) to tell it from a corpus.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> OwnOutput? {
        guard let kind = likelyKind(of: bytes) else { return nil }
        switch kind {
        case .jsonLinesReport: return isJSONLinesReport(bytes) ? kind : nil
        case .manifest: return isManifest(bytes) ? kind : nil
        case .jsonReport, .textReport: return kind
        }
    }

    /// The `"type"` of each line `scan --format jsonl` writes.
    static let reportTypes = ["summary", "sources", "group", "duplicate", "document", "family"]

    /// Whether every line is a record of a `--format jsonl` report: typed as one of
    /// `reportTypes`, with the fields that type has in a report: a family record its
    /// `members`, a summary its `parameters`, and no record but
    /// a family's a string `text` (reports never carry a document's text; a corpus does,
    /// whatever its records' `type`, as Python's `json.dumps` writes it first).
    ///
    /// - Complexity: O(*n*) in the bytes; every record is parsed.
    static func isJSONLinesReport(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var records = 0
        for line in bytes.split(separator: 0x0A) where !line.allSatisfy(ByteClass.isSpace) {
            guard let type = reportTypes.first(where: { line.starts(with: "{\"type\": \"\($0)\", ".utf8) }),
                let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            else { return false }
            switch type {
            case "family": guard object["members"] is [Any] else { return false }
            case "summary": guard object["parameters"] is [String: Any] else { return false }
            default: guard !(object["text"] is String) else { return false }
            }
            records += 1
        }
        return records > 0
    }

    /// Whether the bytes are a `clean` manifest: at least one line, and every line that is
    /// not blank parses as a manifest record.
    ///
    /// - Complexity: O(*n*) in the bytes.
    static func isManifest(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var records = 0
        for line in bytes.split(separator: 0x0A) where !line.allSatisfy(ByteClass.isSpace) {
            guard String(validating: line, as: UTF8.self) != nil, (try? CleanManifest.parse(bytes: line)) != nil else { return false }
            records += 1
        }
        return records > 0
    }

    /// What kind of refrain output the first line looks like, before any parsing.
    static func likelyKind(of bytes: UnsafeBufferPointer<UInt8>) -> OwnOutput? {
        // Every output begins with `{` or a digit: most documents are told apart by one byte.
        guard let first = bytes.first, first == UInt8(ascii: "{") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return nil }
        let head = Array(bytes.prefix(512))
        let firstLine = head.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        func starts(_ prefix: String) -> Bool { head.starts(with: prefix.utf8) }
        // `scan --format json`: an object whose first key is the summary.
        let afterBrace = head.starts(with: [UInt8(ascii: "{")]) ? head.dropFirst().drop(while: ByteClass.isSpace) : []
        if afterBrace.starts(with: "\"summary\": {\"documents\":".utf8) { return .jsonReport }
        // `families --format json`.
        if starts("{\"families\": [") { return .jsonReport }
        // `--format jsonl` reports: typed lines.
        for type in reportTypes where starts("{\"type\": \"\(type)\", ") { return .jsonLinesReport }
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
