/// Removes recycled text: exactly the spans `scan` reports as recycled, whatever the
/// paragraph's label, so every novel byte stays.
///
/// Where a cut leaves white space on both sides, the smaller side (the one with fewer
/// line breaks) goes too, recorded as a white-space removal, so the novel text keeps
/// single spaces and paragraph breaks (and its final line feed). Every removed byte is
/// kept, so `rebuild` restores the original byte for byte.
public enum Cleaner {
    /// Cleans every document of a report.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - keepFirst: Keep the first copy (earliest `date`, then input order) of every
    ///     sentence with recycled text (`sentencesKeptFirst`), so the corpus is deduplicated
    ///     rather than stripped.
    ///   - keepEdits: Keep the words each copy alone has (`editsKept`).
    /// - Returns: One cleaned document per document.
    /// - Complexity: O(total bytes + *c* log *c*) for *c* family copies.
    public static func clean(
        _ report: ScanReport, documents: [Document], keepFirst: Bool = false, keepEdits: Bool = false
    ) -> [CleanedDocument] {
        let plan = Plan(report, documents: documents, keepFirst: keepFirst, keepEdits: keepEdits)
        return report.documents.indices.map { plan.clean($0) }
    }

    /// What cleaning needs from the whole corpus (each document's family copies, and under
    /// `--keep-first` the spans each keeps), so that documents are then cleaned one at a
    /// time and their cleaned text let go once written: a corpus's cleaned texts are never
    /// all in memory.
    public struct Plan {
        let report: ScanReport
        let documents: [Document]
        let copies: [[(span: ByteRange, family: Int, isParagraph: Bool)]]
        let protected: [[ByteRange]]

        /// Plans the cleaning of every document of a report.
        ///
        /// - Parameters:
        ///   - report: The scan report.
        ///   - documents: The scanned documents, in report order.
        ///   - keepFirst: As for `Cleaner.clean(_:documents:keepFirst:)`.
        ///   - keepEdits: Keep the words each copy alone has (`Cleaner.editsKept`).
        ///   - jobs: Threads for `keepEdits`; the plan does not depend on it.
        /// - Complexity: O(*c* log *c*) for *c* family copies, plus the texts of documents
        ///   repeated whole under `keepFirst` and of the variants compared under `keepEdits`.
        public init(_ report: ScanReport, documents: [Document], keepFirst: Bool = false, keepEdits: Bool = false, jobs: Int = 1) {
            let copies = report.familyCopiesByDocument()
            var protected = [[ByteRange]](repeating: [], count: report.documents.count)
            if keepFirst {
                protected = Cleaner.sentencesKeptFirst(report, documents: documents, jobs: jobs)
                keepOriginals(of: DuplicateDocuments(report: report, documents: documents), report, documents, &protected)
            }
            if keepEdits {
                for (document, kept) in Cleaner.editsKept(report, documents: documents, jobs: jobs).enumerated() {
                    protected[document] += kept
                }
            }
            self.report = report
            self.documents = documents
            self.copies = copies
            self.protected = protected
        }

        /// Cleans one document.
        ///
        /// - Parameters:
        ///   - index: The document's index in the report.
        ///   - text: Its text, when the caller has it already (else read, when deferred).
        /// - Returns: Its cleaned text and what was removed.
        /// - Complexity: O(the document's bytes + its copies × log).
        public func clean(_ index: Int, text: [UInt8]? = nil) -> CleanedDocument {
            Cleaner.clean(
                report.documents[index], text ?? documents[index].loadedBytes(), copies: copies[index],
                protected: protected[index])
        }
    }

    /// Under `--keep-first`, the original of each exact-duplicate group keeps its whole text
    /// except the recycled text an earlier document keeps (what the sentence pass did not
    /// keep here): text the original shares only with its duplicates must not be cut from
    /// every one of them. Its duplicates keep nothing.
    ///
    /// - Complexity: O(recycled spans of the originals).
    static func keepOriginals(
        of duplicates: DuplicateDocuments, _ report: ScanReport, _ documents: [Document], _ protected: inout [[ByteRange]]
    ) {
        for group in duplicates.groups {
            let original = group.original
            let keptElsewhere = subtract(protected[original], from: report.documents[original].recycled)
            protected[original] = subtract(keptElsewhere, from: [ByteRange(0, documents[original].byteCount)])
            // The duplicates are copies of the original, which keeps their text.
            for duplicate in group.duplicates { protected[duplicate] = [] }
        }
    }

    static func clean(
        _ documentReport: DocumentReport, _ bytes: [UInt8], copies: [(span: ByteRange, family: Int, isParagraph: Bool)],
        protected: [ByteRange]
    ) -> CleanedDocument {
        var removed: [RemovedSpan] = []
        // Seams are read where Unicode separators are white space too (the bytes removed are the text's).
        let layout = bytes.withUnsafeBufferPointer { Segmenter.asciiBreaks($0) } ?? bytes
        // So are no-break, thin and ideographic spaces, which end sentences: a cut between two
        // keeps one, as between two spaces. Asked only around cuts.
        func isSpace(_ position: Int) -> Bool {
            let byte = layout[position]
            if byte < 0x80 {
                if ByteClass.isSpace(byte) { return true }
                // A byte of `&nbsp;` or the like, which the segmenter reads as a space.
                guard
                    byte == UInt8(ascii: "&") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "#")
                        || ByteClass.isASCIIWordByte(byte)
                else { return false }
                return layout.withUnsafeBufferPointer { buffer in
                    for start in stride(from: position, through: max(0, position - 11), by: -1)
                    where buffer[start] == UInt8(ascii: "&") {
                        return start + CharacterReference.spaceLength(buffer, at: start, end: buffer.count) > position
                    }
                    return false
                }
            }
            return layout.withUnsafeBufferPointer { buffer in
                for start in stride(from: position, through: max(0, position - 2), by: -1) {
                    let length = ByteClass.horizontalSpaceLength(buffer, at: start, end: buffer.count)
                    if length > 0 { return start + length > position }
                }
                return false
            }
        }
        func newlines(_ range: Range<Int>) -> Int { layout[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        // What is left of the recycled spans around kept ones, without the white space at its
        // edges: that is a seam, of which one side stays ("on Monday. Drivers", not
        // "Monday.Drivers"), and white space alone between two kept sentences stays whole.
        var cuts = subtract(protected, from: documentReport.recycled)
        if !protected.isEmpty {
            cuts = cuts.compactMap { cut in
                var start = cut.start
                var end = cut.end
                while start < end, isSpace(start) { start += 1 }
                while end > start, isSpace(end - 1) { end -= 1 }
                return start < end ? ByteRange(start, end) : nil
            }
        }
        // The copies that may overlap the next cut: cuts come in order, so a copy that ends
        // before one cut starts overlaps no later cut, and each copy enters and leaves once.
        let byStart = copies.sorted { $0.span.start < $1.span.start }
        var entered = 0
        var active: [(span: ByteRange, family: Int, isParagraph: Bool)] = []
        func families(overlapping cut: ByteRange) -> [Int] {
            while entered < byStart.count, byStart[entered].span.start < cut.end {
                active.append(byStart[entered])
                entered += 1
            }
            active.removeAll { $0.span.end <= cut.start }
            let covered = Set(active.lazy.filter { $0.span.start < cut.end }.map(\.family)).sorted()
            return covered.isEmpty ? paragraphFamilies(overlapping: cut) : covered
        }
        // Words recycled as a run shared with another document's copy (not a copy of their
        // own) are in no family's copies: their paragraph's family is the one they are from.
        var paragraph = 0
        func paragraphFamilies(overlapping cut: ByteRange) -> [Int] {
            let paragraphs = documentReport.paragraphs
            while paragraph < paragraphs.count, paragraphs[paragraph].span.end <= cut.start { paragraph += 1 }
            var families: [Int] = []
            var next = paragraph
            while next < paragraphs.count, paragraphs[next].span.start < cut.end {
                if let family = paragraphs[next].family, !families.contains(family) { families.append(family) }
                next += 1
            }
            return families.sorted()
        }
        var index = 0
        while index < cuts.count {
            // A group: cuts separated by white space only, which goes with them.
            var group = [cuts[index]]
            index += 1
            while index < cuts.count, (group.last!.end..<cuts[index].start).allSatisfy(isSpace) {
                group.append(cuts[index])
                index += 1
            }
            var before = group.first!.start
            while before > (removed.last?.span.end ?? 0), isSpace(before - 1) { before -= 1 }
            var after = group.last!.end
            while after < bytes.count, isSpace(after) { after += 1 }
            let leading = before..<group.first!.start, trailing = group.last!.end..<after
            // The white space between the group's cuts with the most line breaks: where the
            // text on both sides is kept and it breaks more lines than either side, it stays
            // and both sides go, so two paragraphs' novel text stays two paragraphs.
            let gaps = zip(group, group.dropFirst()).map { $0.end..<$1.start }
            let widest = gaps.max { newlines($0) < newlines($1) }
            var keptGap: Range<Int>? = nil
            var seams: [Range<Int>] = []
            if before == 0 {
                seams = [trailing]
            } else if after == bytes.count {
                seams = [leading]
            } else if let widest, newlines(widest) > max(newlines(leading), newlines(trailing)) {
                keptGap = widest
                seams = [leading, trailing]
            } else if !leading.isEmpty && !trailing.isEmpty {
                seams = [newlines(trailing) > newlines(leading) ? leading : trailing]
            }
            func removeWhiteSpace(_ range: Range<Int>) {
                guard !range.isEmpty else { return }
                removed.append(
                    RemovedSpan(span: ByteRange(range.lowerBound, range.upperBound), isWhitespace: true, bytes: Array(bytes[range])))
            }
            for seam in seams where seam.upperBound <= group.first!.start { removeWhiteSpace(seam) }
            var previous: ByteRange?
            for cut in group {
                if let previous, previous.end < cut.start, previous.end..<cut.start != keptGap {
                    removeWhiteSpace(previous.end..<cut.start)
                }
                removed.append(RemovedSpan(span: cut, families: families(overlapping: cut), bytes: Array(bytes[cut.range])))
                previous = cut
            }
            for seam in seams where seam.lowerBound >= group.last!.end { removeWhiteSpace(seam) }
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var cursor = 0
        for removal in removed {
            text += bytes[cursor..<removal.span.start]
            cursor = removal.span.end
        }
        text += bytes[cursor...]
        return CleanedDocument(index: documentReport.index, text: text, removed: removed)
    }

    /// Sorted, disjoint spans minus other sorted spans (which may overlap each other).
    ///
    /// - Complexity: O(*n* + *p* log *p*).
    static func subtract(_ protected: [ByteRange], from spans: [ByteRange]) -> [ByteRange] {
        guard !protected.isEmpty else { return spans.filter { $0.start < $0.end } }
        let holes = protected.sorted()
        var result: [ByteRange] = []
        var hole = 0
        for span in spans {
            var start = span.start
            while hole < holes.count, holes[hole].end <= start { hole += 1 }
            var next = hole
            while start < span.end {
                guard next < holes.count, holes[next].start < span.end else {
                    result.append(ByteRange(start, span.end))
                    break
                }
                if holes[next].start > start { result.append(ByteRange(start, holes[next].start)) }
                start = max(start, holes[next].end)
                next += 1
            }
        }
        return result
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
