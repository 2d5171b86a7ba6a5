/// Stronger evidence for short exact matches.
///
/// A segment shorter than a shingle is matched only by the hash of its whole text, so a
/// coincidence ("For example:", "-s, --quiet") or a line repeated many times in one document
/// and once in another would count as recycled. A short copy counts only with evidence:
/// it sits next to a verified longer match in its paragraph (a short sentence glued to a
/// recycled one), or it is a whole line or paragraph and its text is in at least
/// `shortLineDocuments` documents, or in two documents that share a verified longer match
/// (an agency tag above recycled background paragraphs), or it sits beside another short
/// copy and the two texts are side by side in at least `shortLineDocuments` documents,
/// together as long as a shingle ("Copyright 2024 Reuters. All rights reserved." above new
/// text; two documents quoting "I do not know. Maybe not." is a coincidence). Copies in one
/// document count once.
extension Clusters {
    /// The documents a short whole line must be found in when nothing else ties them.
    static let shortLineDocuments = 3

    /// Decides which short exact copies have the evidence they need.
    ///
    /// Short texts' exact-document counts, and their families' document counts, become the
    /// number of documents with a copy that has evidence; copies without it are returned.
    ///
    /// - Parameters:
    ///   - table: Every segment.
    ///   - family: The families; the document counts of short texts' families are lowered.
    ///   - exactDocuments: Distinct documents per exact-text class; lowered likewise.
    ///   - wholeLines: The short sentences that are whole lines; empty when not known, and
    ///     then only whole paragraphs are whole lines.
    ///   - minDocuments: The documents recycled text is found in.
    /// - Returns: The short copies without evidence, increasing.
    /// - Complexity: O(*segments*), plus O(*s* log *s*) in the segments of documents whose
    ///   only tie is a two-document short text.
    static func weighShortCopies(
        table: SegmentTable, family: inout FamilyTotals, exactDocuments: inout [UInt32], wholeLines: WholeLines,
        minDocuments: Int
    ) -> [UInt32] {
        let shingle = table.shingle
        var candidates: [Int] = []
        // For texts in exactly two documents: the document that is not the first copy's.
        var secondDocument: [Int: UInt32] = [:]
        for segment in 0..<table.count {
            let tokens = Int(table.tokenCount[segment])
            guard tokens > 0, tokens < shingle else { continue }
            let text = Int(table.exactRepresentative[segment])
            let documents = Int(exactDocuments[text])
            guard documents >= 2, documents >= minDocuments else { continue }
            candidates.append(segment)
            if documents == 2, table.document[segment] != table.document[text] { secondDocument[text] = table.document[segment] }
        }
        guard !candidates.isEmpty else { return [] }
        let sideBySide = shortCopiesSideBySide(candidates, table: table, minDocuments: minDocuments)

        func isRecycledLonger(_ segment: Int) -> Bool {
            Int(table.tokenCount[segment]) >= shingle && Int(family.documents[Int(family.root[segment])]) >= minDocuments
        }
        func hasVerifiedNeighbour(_ segment: Int) -> Bool {
            guard !table.isParagraph[segment] else { return false }
            func isVerified(_ neighbour: Int) -> Bool {
                neighbour >= 0 && neighbour < table.count && table.document[neighbour] == table.document[segment]
                    && table.paragraph[neighbour] == table.paragraph[segment] && !table.isParagraph[neighbour]
                    && isRecycledLonger(neighbour)
            }
            return isVerified(segment - 1) || isVerified(segment + 1)
        }
        func isWhole(_ segment: Int) -> Bool {
            table.isParagraph[segment] || wholeLines[segment]
        }
        // Each document's recycled longer families, sorted, made when first asked for.
        var recycledFamilies: [UInt32: [UInt32]] = [:]
        func families(of document: UInt32) -> [UInt32] {
            if let known = recycledFamilies[document] { return known }
            var roots: [UInt32] = []
            for segment in table.segments(ofDocument: Int(document)) where isRecycledLonger(segment) {
                roots.append(family.root[segment])
            }
            roots.sort()
            var distinct: [UInt32] = []
            for root in roots where distinct.last != root { distinct.append(root) }
            recycledFamilies[document] = distinct
            return distinct
        }
        func shareAVerifiedMatch(_ a: UInt32, _ b: UInt32) -> Bool {
            let first = families(of: a)
            let second = families(of: b)
            var i = 0
            var j = 0
            while i < first.count, j < second.count {
                if first[i] == second[j] { return true }
                if first[i] < second[j] { i += 1 } else { j += 1 }
            }
            return false
        }

        var weak: [UInt32] = []
        // Per text: the documents with a copy that has evidence, and the last one counted.
        var supported: [Int: (documents: UInt32, last: UInt32)] = [:]
        for segment in candidates {
            let text = Int(table.exactRepresentative[segment])
            let document = table.document[segment]
            var hasEvidence = hasVerifiedNeighbour(segment) || sideBySide.contains(segment)
            if !hasEvidence, isWhole(segment) {
                if Int(exactDocuments[text]) >= shortLineDocuments {
                    hasEvidence = true
                } else if let second = secondDocument[text] {
                    let other = document == table.document[text] ? second : table.document[text]
                    hasEvidence = shareAVerifiedMatch(document, other)
                }
            }
            var count = supported[text] ?? (0, .max)
            if hasEvidence {
                if count.last != document {
                    count = (count.documents + 1, document)
                }
            } else {
                weak.append(UInt32(segment))
            }
            supported[text] = count
        }
        // A family that holds several short texts takes the most supported one's count: the
        // texts come in hash order, and the last one's count was set (review 114's f5: one
        // family's count went 3, 4, 11 or 80 from run to run).
        var lowered: [Int: UInt32] = [:]
        for (text, count) in supported {
            exactDocuments[text] = count.documents
            let root = Int(family.root[text])
            lowered[root] = max(lowered[root] ?? 0, count.documents)
        }
        for (root, documents) in lowered { family.documents[root] = documents }
        return weak
    }

    /// The short copies that sit beside another in their paragraph (sentences, not whole
    /// paragraphs) where the two texts, in that order and together as long as a shingle,
    /// are side by side in at least `shortLineDocuments` documents (and `minDocuments`): a
    /// shingle's worth of words copied across a sentence's end, which no shingle of either
    /// sentence holds.
    ///
    /// - Parameter candidates: The short copies, increasing.
    /// - Complexity: O(*c*) for *c* candidates.
    static func shortCopiesSideBySide(_ candidates: [Int], table: SegmentTable, minDocuments: Int) -> Set<Int> {
        var documents: [UInt64: (count: Int, last: UInt32)] = [:]
        var pairs: [(first: Int, key: UInt64)] = []
        for (first, second) in zip(candidates, candidates.dropFirst())
        where second == first + 1 && !table.isParagraph[first] && !table.isParagraph[second]
            && table.document[first] == table.document[second] && table.paragraph[first] == table.paragraph[second]
            && Int(table.tokenCount[first]) + Int(table.tokenCount[second]) >= table.shingle
        {
            let key = UInt64(table.exactRepresentative[first]) << 32 | UInt64(table.exactRepresentative[second])
            let document = table.document[first]
            var entry = documents[key] ?? (0, .max)
            // Candidates come in document order: a document's copies are counted once.
            if entry.last != document { entry = (entry.count + 1, document) }
            documents[key] = entry
            pairs.append((first, key))
        }
        var result = Set<Int>()
        for (first, key) in pairs where documents[key]!.count >= max(shortLineDocuments, minDocuments) {
            result.insert(first)
            result.insert(first + 1)
        }
        return result
    }

    /// Whether a segment is a short exact copy without the evidence a short match needs.
    ///
    /// - Complexity: O(log *n*) in the number of such copies.
    func isWeakShortCopy(_ segment: Int) -> Bool {
        let position = weakShortCopies.lowerBound(of: UInt32(segment))
        return position < weakShortCopies.count && weakShortCopies[position] == UInt32(segment)
    }
}

extension Segmentation {
    /// Whether `span` is one of paragraph `paragraph`'s sentences and a whole line of it.
    ///
    /// The stage records carry this per segment, so the Spark job weighs short copies as
    /// `Clusters.weighShortCopies` does.
    ///
    /// - Complexity: O(log *n*) in the paragraph's sentences.
    func isWholeLine(_ span: ByteRange, paragraph: Int) -> Bool {
        let sentences = self.sentences[sentenceRanges[paragraph]]
        let index = sentences.lowerBound(of: span)
        return index < sentences.endIndex && sentences[index] == span && isLine(sentence: index)
    }
}
