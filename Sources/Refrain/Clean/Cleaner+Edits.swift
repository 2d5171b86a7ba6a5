extension Cleaner {
    /// Under `--keep-edits`, the words that each copy alone has, kept from removal: a
    /// near-copy of a template with a figure, a name or a clause changed is recycled whole,
    /// but those words are the copy's own reporting.
    ///
    /// Each family's variants (its distinct texts) are cut into terms, runs of words joined
    /// by punctuation alone ("4.7%", "$4.2bn", "e-mail"). A term that one variant alone has,
    /// where that variant's copies are all in one document (one copy, or an edited paragraph
    /// the article repeats), is kept whole in each: a figure stays one figure, and a term
    /// that variants in other documents share (another company's name in a licence, a word
    /// another edit also inserted) is recycled text and still goes.
    ///
    /// - Parameters:
    ///   - report: The scan report.
    ///   - documents: The scanned documents, in report order.
    ///   - jobs: Threads to share the families among; the answer does not depend on it.
    /// - Returns: Per document, the byte ranges to keep.
    /// - Complexity: O(the text of the variants of the families that have a variant of one
    ///   copy).
    static func editsKept(_ report: ScanReport, documents: [Document], jobs: Int = 1) -> [[ByteRange]] {
        let families = report.families
        let found = parallelMapChunks(families.count, jobs: jobs) { range -> [(document: Int, range: ByteRange)] in
            var kept: [(document: Int, range: ByteRange)] = []
            for family in families[range] {
                // A variant of several copies can be one document's only when that document
                // holds that many members: most families have none.
                var membersIn: [Int: Int] = [:]
                for member in family.members { membersIn[member.document, default: 0] += 1 }
                guard family.variants.contains(where: { $0.copies <= membersIn[$0.member.document] ?? 0 }) else { continue }
                // Every variant's terms, each counted once per variant.
                var variantsWith: [UInt64: Int] = [:]
                var singles: [(member: Family.Member, tokens: WordTokens, terms: [WordTokens.Term])] = []
                for variant in family.variants {
                    let text = documents[variant.member.document].loadedBytes()
                    guard variant.member.span.end <= text.count else { continue }
                    let tokens = WordTokens(text[variant.member.span.range])
                    let terms = tokens.terms(in: text[variant.member.span.range])
                    for key in Set(terms.map(\.key)) { variantsWith[key, default: 0] += 1 }
                    if variant.copies == 1 {
                        singles.append((variant.member, tokens, terms))
                    } else if variant.copies <= membersIn[variant.member.document] ?? 0 {
                        // The same words as the variant's first copy: its other copies, when
                        // all are in this document.
                        let words = terms.map(\.key)
                        var copies: [(member: Family.Member, tokens: WordTokens, terms: [WordTokens.Term])] = []
                        for member in family.members where member.document == variant.member.document && member.span.end <= text.count {
                            let memberTokens = WordTokens(text[member.span.range])
                            let memberTerms = memberTokens.terms(in: text[member.span.range])
                            if memberTerms.map(\.key) == words { copies.append((member, memberTokens, memberTerms)) }
                        }
                        if copies.count == variant.copies { singles += copies }
                    }
                }
                for (copy, tokens, terms) in singles {
                    var own = [Bool](repeating: false, count: tokens.count)
                    for term in terms where variantsWith[term.key] == 1 {
                        for word in term.words { own[word] = true }
                    }
                    guard own.contains(true) else { continue }
                    let text = documents[copy.document].loadedBytes()
                    for range in tokens.ranges(ofRuns: own, in: text[copy.span.range]) {
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
