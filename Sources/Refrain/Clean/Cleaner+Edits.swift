extension Cleaner {
    /// Under `--keep-edits`, the words that each copy alone has, kept from removal: a
    /// near-copy of a template with a figure, a name or a clause changed is recycled whole,
    /// but those words are the copy's own reporting.
    ///
    /// A copy whose text is a variant of its family no other copy has is compared with up to
    /// four other variants (most copies first), and the words that every one of them lacks
    /// are kept: words a variant shared by several documents has (another company's name
    /// in a licence), or that another edited copy kept from the template, are recycled text
    /// and still go.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - jobs: Threads to share the families among; the answer does not depend on it.
    /// - Returns: Per document, the byte ranges to keep.
    /// - Complexity: O(the text of every family's unique variants and up to four others).
    static func editsKept(_ report: ScanReport, documents: [Document], jobs: Int = 1) -> [[ByteRange]] {
        let families = report.families
        let chunks = jobs <= 1 ? 1 : min(families.count, 8 * jobs)
        let found = parallelMap(chunks, jobs: jobs) { chunk -> [(document: Int, range: ByteRange)] in
            var kept: [(document: Int, range: ByteRange)] = []
            for family in families[(families.count * chunk / chunks)..<(families.count * (chunk + 1) / chunks)] {
                guard family.variants.contains(where: { $0.copies == 1 }) else { continue }
                // The variants compared, read once per family (a deferred text is a file read).
                let references = family.variants.prefix(5).compactMap { reference -> (Family.Member, ArraySlice<UInt8>)? in
                    let text = documents[reference.member.document].loadedBytes()
                    guard reference.member.span.end <= text.count else { return nil }
                    return (reference.member, text[reference.member.span.range])
                }
                for variant in family.variants where variant.copies == 1 {
                    let copy = variant.member
                    let text = documents[copy.document].loadedBytes()
                    guard copy.span.end <= text.count else { continue }
                    let copyText = text[copy.span.range]
                    let tokens = WordTokens(copyText)
                    var own = [Bool](repeating: true, count: tokens.count)
                    var compared = 0
                    for (member, other) in references where member != copy {
                        let added = WordDiff.addedWords(tokens, representative: other)
                        for word in own.indices where !added[word] { own[word] = false }
                        compared += 1
                        if compared == 4 || !own.contains(true) { break }
                    }
                    guard compared > 0 else { continue }
                    for range in WordDiff.runs(of: own, in: tokens, of: copyText) {
                        // With the white space around them: the cuts between kept words
                        // then end at words, and the seams between them keep one space
                        // ("loss widened to 9.7" kept as "loss widened 9.7", not glued).
                        var start = range.lowerBound
                        while start > copy.span.start, ByteClass.isSpace(text[start - 1]) { start -= 1 }
                        var end = range.upperBound
                        while end < copy.span.end, ByteClass.isSpace(text[end]) { end += 1 }
                        kept.append((copy.document, ByteRange(start, end)))
                    }
                }
            }
            return kept
        }
        var result = [[ByteRange]](repeating: [], count: report.documents.count)
        for part in found {
            for (document, range) in part { result[document].append(range) }
        }
        return result
    }
}
