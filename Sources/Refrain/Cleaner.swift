/// Text removed from a document by `clean`, kept so the original can be rebuilt.
public struct RemovedSpan: Sendable, Hashable {
    /// Where the bytes were, in the original document.
    public var span: Span
    /// The family the text belongs to, when it is a reported family's copy.
    public var family: Int?
    /// The removed bytes.
    public var bytes: [UInt8]
}

/// A document with its recycled text removed.
public struct CleanedDocument: Sendable, Hashable {
    /// The document's index in the report.
    public var index: Int
    /// The novel text: the original without the removed spans.
    public var text: [UInt8]
    /// What was removed, in order.
    public var removed: [RemovedSpan]
}

/// Removes recycled text: template paragraphs whole, recycled spans out of partial paragraphs.
///
/// Each removal takes the white space after it (or before it, at the end of a paragraph
/// or document) so the novel text keeps single paragraph breaks and single spaces. The
/// removed bytes are kept, so `rebuild` restores the original byte for byte.
public enum Cleaner {
    /// Cleans every document of a report.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - keepFirst: Keep each family's copy in its first document (earliest `date`, then
    ///     input order), so the corpus is deduplicated rather than stripped.
    /// - Returns: One cleaned document per document.
    /// - Complexity: O(total bytes + family copies).
    public static func clean(_ report: ScanReport, documents: [Document], keepFirst: Bool = false) -> [CleanedDocument] {
        var keeper = [Int: Int]()  // family id → document index that keeps its copy
        if keepFirst {
            for family in report.families {
                keeper[family.id] = family.members.map(\.document).min { a, b in
                    let (dateA, dateB) = (documents[a].date, documents[b].date)
                    switch (dateA, dateB) {
                    case (let x?, let y?) where x != y: return x < y
                    case (_?, nil): return true
                    case (nil, _?): return false
                    default: return a < b
                    }
                }
            }
        }
        return report.documents.indices.map { index in
            clean(report, documents[index], index: index, keeper: keeper)
        }
    }

    static func clean(_ report: ScanReport, _ document: Document, index: Int, keeper: [Int: Int]) -> CleanedDocument {
        let bytes = document.bytes
        let attributed = report.recycledFamilies(ofDocument: index)
        var removals: [(span: Span, family: Int?)] = []
        let paragraphs = report.documents[index].paragraphs
        for (offset, paragraph) in paragraphs.enumerated() {
            let kept = { (family: Int?) in family.map { keeper[$0] == index } ?? false }
            if paragraph.label == .template {
                guard !kept(paragraph.family) else { continue }
                // The paragraph and the blank lines after it; the last one takes those before it.
                var span = paragraph.span
                if offset + 1 < paragraphs.count {
                    span.end = paragraphs[offset + 1].span.start
                } else if offset > 0 {
                    span.start = paragraphs[offset - 1].span.end
                    span.end = bytes.count
                } else {
                    span = Span(0, bytes.count)
                }
                removals.append((span, paragraph.family))
            } else if paragraph.label == .partial {
                for (span, family) in attributed where span.start >= paragraph.span.start && span.end <= paragraph.span.end {
                    guard !kept(family) else { continue }
                    var removal = span
                    while removal.end < paragraph.span.end, ByteClass.isSpace(bytes[removal.end]) { removal.end += 1 }
                    if removal.end == paragraph.span.end {
                        while removal.start > paragraph.span.start, ByteClass.isSpace(bytes[removal.start - 1]) { removal.start -= 1 }
                    }
                    removals.append((removal, family))
                }
            }
        }
        // Merge overlapping removals (a template paragraph's span and the whitespace of the one before).
        removals.sort { $0.span < $1.span }
        var merged: [(span: Span, family: Int?)] = []
        for removal in removals {
            if let last = merged.last, removal.span.start <= last.span.end {
                merged[merged.count - 1].span.end = max(last.span.end, removal.span.end)
            } else {
                merged.append(removal)
            }
        }
        // A removal that runs to the end takes the blank lines before it too.
        if let last = merged.last, last.span.end == bytes.count {
            var start = last.span.start
            while start > 0, ByteClass.isSpace(bytes[start - 1]) { start -= 1 }
            if merged.count >= 2, start < merged[merged.count - 2].span.end { start = merged[merged.count - 2].span.end }
            merged[merged.count - 1].span.start = start
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var cursor = 0
        for removal in merged {
            text += bytes[cursor..<removal.span.start]
            cursor = removal.span.end
        }
        text += bytes[cursor...]
        return CleanedDocument(
            index: index, text: text,
            removed: merged.map { RemovedSpan(span: $0.span, family: $0.family, bytes: Array(bytes[$0.span.range])) })
    }

    /// Rebuilds the original bytes from cleaned text and what was removed.
    ///
    /// - Complexity: O(*n*).
    public static func rebuild(cleaned: [UInt8], removed: [RemovedSpan]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(cleaned.count + removed.reduce(0) { $0 + $1.bytes.count })
        var cursor = 0
        for removal in removed.sorted(by: { $0.span < $1.span }) {
            let position = removal.span.start - (result.count - cursor)
            result += cleaned[cursor..<position]
            result += removal.bytes
            cursor = position
        }
        result += cleaned[cursor...]
        return result
    }
}
