import Foundation

/// The record `clean` keeps of what it removed, one JSON line per document, so the
/// original bytes can be rebuilt from the cleaned text.
public enum CleanManifest {
    /// The manifest's file name inside the output folder.
    public static let fileName = "refrain-manifest.jsonl"

    /// One manifest line: `{"id", "output", "line"?, "bytes", "removed": [{"start", "end",
    /// "families": [id…], "whitespace"?: true, "text" | "base64"}]}`.
    ///
    /// Each removed span lists every family it covers; `"whitespace": true` marks white
    /// space collapsed at a seam (not recycled text). Removed bytes that are not valid
    /// UTF-8 are stored as `base64` so nothing is lost.
    ///
    /// - Parameters:
    ///   - id: The document's id.
    ///   - output: The file the cleaned text is in, relative to the output folder.
    ///   - line: The record's line in that file, for JSON Lines.
    ///   - originalBytes: The document's size before cleaning.
    ///   - removed: What was removed, in order.
    /// - Returns: The line, ending in a line feed.
    /// - Complexity: O(removed bytes).
    public static func line(id: String, output: String, line: Int?, originalBytes: Int, removed: [RemovedSpan]) -> String {
        var writer = JSONWriter()
        writer.raw("{\"id\": ")
        writer.string(id)
        writer.raw(", \"output\": ")
        writer.string(output)
        if let line { writer.text(", \"line\": \(line)") }
        writer.text(", \"bytes\": \(originalBytes), \"removed\": [")
        for (offset, removal) in removed.enumerated() {
            writer.raw(offset == 0 ? "" : ", ")
            writer.text("{\"start\": \(removal.span.start), \"end\": \(removal.span.end), \"families\": [")
            writer.text(removal.families.map(String.init).joined(separator: ", "))
            writer.raw("]")
            if removal.isWhitespace { writer.raw(", \"whitespace\": true") }
            if let text = String(validating: removal.bytes, as: UTF8.self) {
                writer.raw(", \"text\": ")
                writer.string(text)
            } else {
                writer.text(", \"base64\": \"\(Data(removal.bytes).base64EncodedString())\"")
            }
            writer.raw("}")
        }
        writer.raw("]}\n")
        return writer.output
    }

    /// Parses one manifest line back into its removed spans.
    ///
    /// - Throws: `RefrainError.invalidInput` when the line is not a manifest record.
    public static func parse(_ line: String) throws -> (id: String, output: String, line: Int?, removed: [RemovedSpan]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let id = object["id"] as? String, let output = object["output"] as? String,
            let removed = object["removed"] as? [[String: Any]]
        else { throw RefrainError.invalidInput("not a refrain manifest line: \(line.prefix(80))") }
        let spans = try removed.map { entry -> RemovedSpan in
            guard let start = entry["start"] as? Int, let end = entry["end"] as? Int else {
                throw RefrainError.invalidInput("manifest entry without start and end in \(id)")
            }
            let bytes: [UInt8]
            if let text = entry["text"] as? String {
                bytes = Array(text.utf8)
            } else if let base64 = entry["base64"] as? String, let data = Data(base64Encoded: base64) {
                bytes = Array(data)
            } else {
                throw RefrainError.invalidInput("manifest entry without text in \(id)")
            }
            let families = entry["families"] as? [Int] ?? (entry["family"] as? Int).map { [$0] } ?? []
            return RemovedSpan(
                span: ByteRange(start, end), families: families, isWhitespace: entry["whitespace"] as? Bool ?? false, bytes: bytes)
        }
        return (id, output, object["line"] as? Int, spans)
    }
}
