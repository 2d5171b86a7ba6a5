import Foundation

/// The record `clean` keeps of what it removed, one JSON line per document, so the
/// original bytes can be rebuilt from the cleaned text.
public enum CleanManifest {
    /// The manifest's file name inside the output folder.
    public static let fileName = "refrain-manifest.jsonl"

    /// One manifest line: `{"id", "output", "line"?, "bytes", "removed": [{"start", "end", "family", "text" | "base64"}]}`.
    ///
    /// Removed bytes that are not valid UTF-8 are stored as `base64` so nothing is lost.
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
            writer.text("{\"start\": \(removal.span.start), \"end\": \(removal.span.end), \"family\": ")
            writer.text(removal.family.map(String.init) ?? "null")
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
            return RemovedSpan(span: Span(start, end), family: entry["family"] as? Int, bytes: bytes)
        }
        return (id, output, object["line"] as? Int, spans)
    }
}
