extension Family {
    /// The stable id of a family whose representative reads `text`: the high 32 bits of an
    /// XXH3-64 hash of its normalized word tokens, or 1 where those bits are 0.
    ///
    /// Normalized tokens (case-folded, punctuation ignored) rather than the raw bytes, so a
    /// family keeps its id when its representative changes spacing or quote style. A decimal
    /// number, not hex: the id stays a JSON number in every report and manifest, spelled the
    /// same in text and JSON.
    ///
    /// - Parameter text: The representative's text.
    /// - Returns: A number from 1 to 4,294,967,295.
    /// - Complexity: O(*n*) in the text's length.
    public static func stableID(ofText text: some StringProtocol) -> Int {
        let hashes = Tokenizer.tokens(in: Array(text.utf8)).map(\.hash)
        let hash = hashes.withUnsafeBytes { XXH3.hash($0, seed: stableIDSeed) }
        return max(1, Int(hash >> 32))
    }

    /// The stable ids of a report's families, all distinct: each family's `stableID(ofText:)`,
    /// and where two hash alike, the later in the order of their texts, then their first
    /// copies, takes the next free number.
    ///
    /// - Parameters:
    ///   - texts: Each family's representative text.
    ///   - firstCopies: Each family's first copy: its document, start and end.
    /// - Returns: Each family's id, in the order given.
    /// - Complexity: O(text bytes + *f* log *f*) for *f* families.
    public static func stableIDs(texts: [String], firstCopies: [(document: Int, start: Int, end: Int)]) -> [Int] {
        let hashes = texts.map { stableID(ofText: $0) }
        let order = texts.indices.sorted { a, b in
            if hashes[a] != hashes[b] { return hashes[a] < hashes[b] }
            if texts[a] != texts[b] { return texts[a].utf8.lexicographicallyPrecedes(texts[b].utf8) }
            return firstCopies[a] < firstCopies[b]
        }
        var taken = Set<Int>()
        var ids = hashes
        for index in order {
            var id = hashes[index]
            while !taken.insert(id).inserted { id = id == 0xFFFF_FFFF ? 1 : id + 1 }
            ids[index] = id
        }
        return ids
    }

    /// Fixed forever: a family's id must not change between versions or runs.
    static let stableIDSeed: UInt64 = 0x5245_4652_4149_4E31  // "REFRAIN1"
}

extension ScanReport {
    /// Gives every family its stable id (`Family.stableID(ofText:)`) and every paragraph the
    /// stable id of its family, so adding or removing documents renumbers no family whose
    /// representative is unchanged.
    ///
    /// Two families whose texts hash alike (about *n*/2³² per family for *n* families) are
    /// resolved in the order of their texts, then their first copies: the later one takes the
    /// next free number.
    /// - Complexity: O(representative bytes + *f* log *f* + paragraphs of documents with families).
    mutating func assignStableIDs() {
        guard !families.isEmpty else { return }
        let ids = Family.stableIDs(
            texts: families.map(\.text),
            firstCopies: families.map { ($0.members[0].document, $0.members[0].span.start, $0.members[0].span.end) })
        var newID = [Int: Int]()  // old id → stable id
        // Renumbered in a copy and set once: each change to `families` rebuilds its index.
        var renumbered = families
        for index in renumbered.indices {
            newID[renumbered[index].id] = ids[index]
            renumbered[index].id = ids[index]
        }
        families = renumbered
        // Each document's paragraphs taken out, renumbered and set back once: set one by one,
        // each change would sum the document's weights again; and taken out, not copied, they
        // are renumbered in place when the report holds them alone.
        for document in documents.indices where documents[document].paragraphs.contains(where: { $0.family != nil }) {
            var paragraphs: [ParagraphReport] = []
            swap(&paragraphs, &documents[document].paragraphs)
            for paragraph in paragraphs.indices {
                if let old = paragraphs[paragraph].family { paragraphs[paragraph].family = newID[old] }
            }
            documents[document].paragraphs = paragraphs
        }
    }
}
