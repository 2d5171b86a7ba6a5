/// Families from the union-find over verified pairs, and what each segment's coverage counts as.
struct Clusters: Sendable {
    var table: SegmentTable
    let minDocuments: Int
    /// The family root of each segment.
    let root: [UInt32]
    /// Distinct documents per family root, and per exact-text class.
    let familyDocuments: [UInt32]
    let exactDocuments: [UInt32]
    /// Coverage runs sorted by segment (until `dropLabelingData()`); `coverageBlockStart[b]`
    /// is the first run of segment `b × 64` or later: a column per segment would be 4 bytes
    /// of each, most of which have no runs.
    var coverage: [Coverage]
    var coverageBlockStart: [UInt32]
    /// Family roots that are reported, in report order; and each reported root's family id:
    /// a table of the few reported roots, not a column of every segment.
    let reportedRoots: [Int]
    let familyIDOfRoot: [UInt32: Int32]
    /// Short exact copies without the evidence a short match needs, increasing
    /// (`Clusters+ShortEvidence.swift`): never recycled, never a family member.
    let weakShortCopies: [UInt32]

    /// Clusters the match stage's output.
    ///
    /// - Parameter wholeLines: The short sentences that are whole lines (none known: only
    ///   whole paragraphs are).
    init(table: SegmentTable, matches: Matches, configuration: Configuration, wholeLines: WholeLines = WholeLines()) {
        self.init(
            table: table, families: matches.families, coverage: matches.coverage, configuration: configuration,
            wholeLines: wholeLines)
    }

    init(
        table: SegmentTable, families: UnionFind, coverage: [Coverage], configuration: Configuration,
        wholeLines: WholeLines = WholeLines()
    ) {
        self.table = table
        minDocuments = configuration.minDocuments
        let count = table.count
        // Exact-text classes and the order of coverage runs do not depend on the families:
        // with two jobs, another thread does them while this one walks the families.
        let (counted, (exactCounts, bySegment)) = both(jobs: configuration.jobs) {
            FamilyTotals(table: table, families: families)
        } _: {
            (Self.exactDocuments(table), Self.sortedBySegment(coverage, segments: count))
        }
        // Then the coverage runs are merged here while another thread weighs short exact
        // copies and picks the families to report: merging reads only longer segments'
        // families, whose counts the weighing leaves as they are.
        let ((merged, starts), (weighed, exactDocuments, weak, (roots, ids))) = both(jobs: configuration.jobs) {
            Self.mergedCoverage(bySegment, table: table, family: counted, configuration: configuration)
        } _: {
            var weighed = counted
            var exactDocuments = exactCounts
            let weak = Self.weighShortCopies(
                table: table, family: &weighed, exactDocuments: &exactDocuments, wholeLines: wholeLines,
                minDocuments: configuration.minDocuments)
            let reported = Self.reportedFamilies(table: table, family: weighed, minDocuments: configuration.minDocuments)
            return (weighed, exactDocuments, weak, reported)
        }
        self.root = weighed.root
        self.familyDocuments = weighed.documents
        self.exactDocuments = exactDocuments
        weakShortCopies = weak
        self.coverage = merged
        coverageBlockStart = starts
        reportedRoots = roots
        familyIDOfRoot = ids
    }

    /// Coverage runs merged per segment (`compact`), and where each block of segments' runs start.
    static func mergedCoverage(
        _ bySegment: [Coverage], table: SegmentTable, family: FamilyTotals, configuration: Configuration
    ) -> (coverage: [Coverage], starts: [UInt32]) {
        let merged = compact(
            bySegment, documentOf: { table.document[Int($0)] },
            countsAsRecycled: { Int(family.documents[Int(family.root[Int($0)])]) >= configuration.minDocuments })
        return (merged, blockStarts(of: merged, segments: table.count))
    }

    /// The family roots to report, in report order, and each root's family id (0: none).
    ///
    /// A family is reported when it spans enough documents, unless it is made only of
    /// sentences whose paragraphs are all members of one reported paragraph family: the
    /// paragraph family already tells that story.
    static func reportedFamilies(
        table: SegmentTable, family: FamilyTotals, minDocuments: Int
    ) -> (roots: [Int], familyID: [UInt32: Int32]) {
        let count = table.count
        let root = family.root
        let documents = family.documents
        let hasParagraph = family.hasParagraph
        // Each paragraph's sentence segments come just before its paragraph segment: walking
        // backwards, the last paragraph seen owns the segment.
        var subsumed = [Bool](repeating: true, count: count)
        // The paragraph family that holds each sentence family's paragraphs so far: one
        // held by two tells what neither does (the sentence is shared between them).
        var holder: [UInt32: UInt32] = [:]
        var owner = -1
        for segment in stride(from: count - 1, through: 0, by: -1) {
            if table.isParagraph[segment] { owner = segment }
            let r = Int(root[segment])
            guard subsumed[r] else { continue }
            if hasParagraph[r] {
                subsumed[r] = false
                continue
            }
            let ownerRoot = owner >= 0 ? Int(root[owner]) : -1
            if ownerRoot < 0 || !hasParagraph[ownerRoot] || Int(documents[ownerRoot]) < minDocuments {
                subsumed[r] = false
            } else if Int(documents[r]) >= minDocuments {
                let earlier = holder.updateValue(UInt32(ownerRoot), forKey: UInt32(r))
                if let earlier, earlier != UInt32(ownerRoot) { subsumed[r] = false }
            }
        }
        var reported: [Int] = []
        for r in 0..<count where root[r] == UInt32(r) && Int(documents[r]) >= minDocuments && !subsumed[r] {
            reported.append(r)
        }
        reported.sort { a, b in
            if documents[a] != documents[b] { return documents[a] > documents[b] }
            if family.members[a] != family.members[b] { return family.members[a] > family.members[b] }
            return family.firstSegment[a] < family.firstSegment[b]
        }
        var familyID: [UInt32: Int32] = [:]
        familyID.reserveCapacity(reported.count)
        for (offset, r) in reported.enumerated() { familyID[UInt32(r)] = Int32(offset + 1) }
        return (reported, familyID)
    }

    /// Per family root: its members' distinct documents, whether one is a paragraph, its
    /// first member and its size; and each segment's root.
    struct FamilyTotals: Sendable {
        var root: [UInt32]
        var documents: [UInt32]
        var hasParagraph: [Bool]
        var firstSegment: [Int32]
        var members: [UInt32]

        /// Walks the segments once, since a pass over millions of segments is not free.
        init(table: SegmentTable, families: UnionFind) {
            let count = table.count
            root = [UInt32](repeating: 0, count: count)
            documents = [UInt32](repeating: 0, count: count)
            hasParagraph = [Bool](repeating: false, count: count)
            firstSegment = [Int32](repeating: -1, count: count)
            members = [UInt32](repeating: 0, count: count)
            var lastDocument = [UInt32](repeating: .max, count: count)
            for segment in 0..<count {
                let r = families.root(of: segment)
                root[segment] = UInt32(r)
                let document = table.document[segment]
                if lastDocument[r] != document {
                    lastDocument[r] = document
                    documents[r] += 1
                }
                if table.isParagraph[segment] { hasParagraph[r] = true }
                if firstSegment[r] < 0 { firstSegment[r] = Int32(segment) }
                members[r] += 1
            }
        }
    }

    /// Distinct documents per exact-text class, at the class's first segment.
    ///
    /// - Complexity: O(*segments*).
    static func exactDocuments(_ table: SegmentTable) -> [UInt32] {
        var documents = [UInt32](repeating: 0, count: table.count)
        var lastDocument = [UInt32](repeating: .max, count: table.count)
        for segment in 0..<table.count {
            let e = Int(table.exactRepresentative[segment])
            let document = table.document[segment]
            if lastDocument[e] != document {
                lastDocument[e] = document
                documents[e] += 1
            }
        }
        return documents
    }

    /// A document that stands for "some partner other than the ones kept apart".
    static let otherDocuments = UInt32.max

    /// Where each segment's runs start in `runs` once they are ordered by segment: segment
    /// `s` has `starts[s]..<starts[s + 1]`.
    ///
    /// - Complexity: O(*runs* + *segments*).
    static func segmentStarts(of runs: [Coverage], segments: Int) -> [UInt32] {
        // 32-bit: a column per segment of the corpus, which 64-bit offsets would double.
        precondition(runs.count < Int(UInt32.max), "more than 2³² coverage runs")
        var starts = [UInt32](repeating: 0, count: segments + 1)
        for run in runs { starts[Int(run.segment) + 1] += 1 }
        for segment in 0..<segments { starts[segment + 1] += starts[segment] }
        return starts
    }

    /// Segments per entry of `coverageBlockStart`.
    static let coverageBlock = 64

    /// Where each block of `coverageBlock` segments' runs start in `runs`, and `runs.count`
    /// after the last block.
    ///
    /// - Parameters:
    ///   - runs: Coverage runs sorted by segment.
    ///   - segments: The number of segments.
    /// - Returns: `segments / coverageBlock + 2` starts (one past the last block, so the end
    ///   of any block reads as the start of the next).
    /// - Complexity: O(*runs* + *segments* / 64).
    static func blockStarts(of runs: [Coverage], segments: Int) -> [UInt32] {
        precondition(runs.count < Int(UInt32.max), "more than 2³² coverage runs")
        let blocks = segments / coverageBlock + 2
        var starts = [UInt32](repeating: 0, count: blocks)
        var run = 0
        for block in 0..<blocks {
            while run < runs.count, Int(runs[run].segment) < block * coverageBlock { run += 1 }
            starts[block] = UInt32(run)
        }
        return starts
    }

    /// Coverage runs ordered by segment, each segment's in the order they came.
    ///
    /// - Complexity: O(*runs* + *segments*): a counting sort, not a merge sort of the runs,
    ///   since the cluster stage runs on one thread.
    static func sortedBySegment(_ runs: [Coverage], segments: Int) -> [Coverage] {
        var next = segmentStarts(of: runs, segments: segments)
        return [Coverage](unsafeUninitializedCapacity: runs.count) { sorted, initialized in
            for run in runs {
                sorted.initializeElement(at: Int(next[Int(run.segment)]), to: run)
                next[Int(run.segment)] += 1
            }
            initialized = runs.count
        }
    }

    /// Merges each segment's coverage runs into a few disjoint intervals.
    ///
    /// The first copy of a template shared by N documents collects a run from each verified
    /// near-copy, and each of its exact copies reads them all when labeled: N² work. Only
    /// the union matters, per partner (same document: a repeat; another: recycled) and per
    /// whether the run's family counts. The segment's own document (repeats) and two other
    /// partner documents are kept apart, so every document has a partner other than itself;
    /// the rest are pooled. Each group keeps the anchor of its first run.
    ///
    /// - Parameter runs: Coverage sorted by segment.
    /// - Returns: Per segment, groups in ascending order of (partner, counts), each group's
    ///   merged intervals in ascending order.
    /// - Complexity: O(*n* log *n*); a segment with one run (most) costs O(1).
    static func compact(
        _ runs: [Coverage], documentOf: (UInt32) -> UInt32, countsAsRecycled: (UInt32) -> Bool
    ) -> [Coverage] {
        var result: [Coverage] = []
        result.reserveCapacity(runs.count)
        // A segment's runs as (group key, arrival, run), reused from segment to segment.
        var items: [(key: UInt64, arrival: Int, run: Coverage)] = []
        var index = 0
        while index < runs.count {
            let segment = runs[index].segment
            var end = index + 1
            while end < runs.count, runs[end].segment == segment { end += 1 }
            if end == index + 1 {
                result.append(runs[index])  // one run: nothing to pool or merge
                index = end
                continue
            }
            let own = documentOf(segment)
            // Up to two partner documents kept apart (no array per segment).
            var kept: (first: UInt32?, second: UInt32?) = (nil, nil)
            items.removeAll(keepingCapacity: true)
            for (arrival, run) in runs[index..<end].enumerated() {
                var partner = run.partnerDocument
                if partner != own, partner != kept.first, partner != kept.second {
                    if kept.first == nil {
                        kept.first = partner
                    } else if kept.second == nil {
                        kept.second = partner
                    } else {
                        partner = otherDocuments
                    }
                }
                items.append((UInt64(partner) << 1 | (countsAsRecycled(run.anchor) ? 1 : 0), arrival, run))
            }
            items.sort { a, b in
                a.key != b.key ? a.key < b.key : a.run.start != b.run.start ? a.run.start < b.run.start : a.arrival < b.arrival
            }
            var group = 0
            while group < items.count {
                var groupEnd = group + 1
                while groupEnd < items.count, items[groupEnd].key == items[group].key { groupEnd += 1 }
                let partner = UInt32(truncatingIfNeeded: items[group].key >> 1)
                let anchor = items[group..<groupEnd].min { $0.arrival < $1.arrival }!.run.anchor
                var open = (start: items[group].run.start, end: items[group].run.end)
                for item in items[(group + 1)..<groupEnd] {
                    if item.run.start <= open.end {
                        open.end = max(open.end, item.run.end)
                    } else {
                        result.append(
                            Coverage(segment: segment, start: open.start, end: open.end, partnerDocument: partner, anchor: anchor))
                        open = (item.run.start, item.run.end)
                    }
                }
                result.append(Coverage(segment: segment, start: open.start, end: open.end, partnerDocument: partner, anchor: anchor))
                group = groupEnd
            }
            index = end
        }
        return result
    }

    /// The family id of a family root, or 0 when its family is not reported.
    func familyID(ofRoot root: Int) -> Int {
        Int(familyIDOfRoot[UInt32(root)] ?? 0)
    }

    /// Whether a segment's family spans enough documents for its cross-document coverage to count.
    func isRecycledFamily(_ segment: Int) -> Bool {
        Int(familyDocuments[Int(root[segment])]) >= minDocuments
    }

    /// Where the coverage runs of a segment lie in `coverage`.
    ///
    /// The labeler asks this of every segment on every thread at once: a slice of
    /// `coverage` would retain and release its storage each time, and the threads would
    /// pass that reference count's cache line back and forth.
    ///
    /// - Complexity: O(log *r*), for *r* the runs of the 64 segments around it.
    func coverageRange(of segment: Int) -> Range<Int> {
        let block = segment / Self.coverageBlock
        var lower = Int(coverageBlockStart[block])
        var upper = Int(coverageBlockStart[block + 1])
        guard lower < upper else { return lower..<lower }
        let key = UInt32(segment)
        return coverage.withUnsafeBufferPointer { runs in
            // The first run of the segment or after it, then the first after it.
            var high = upper
            while lower < high {
                let middle = (lower + high) / 2
                if runs[middle].segment < key { lower = middle + 1 } else { high = middle }
            }
            var low = lower
            while low < upper {
                let middle = (low + upper) / 2
                if runs[middle].segment <= key { low = middle + 1 } else { upper = middle }
            }
            return lower..<upper
        }
    }

    /// Assembles the report from labeled documents.
    ///
    /// `labeled` is consumed: once the report shares each document's paragraphs, it holds
    /// them alone, and giving families their stable ids renumbers them in place, not in a
    /// copy of every paragraph.
    func report(
        documents: [Document], labeled: consuming [LabeledDocument], configuration: Configuration, parameters: LSHParameters
    ) -> ScanReport {
        let labeled = consume labeled
        // Documents, and then families, are independent of each other: both on all jobs.
        let documentReports = parallelMap(documents.count, jobs: configuration.jobs) { index in
            // Read in place: an array's subscript hands out a copy of the document, and
            // retains every field of it for the three it needs.
            documents.withUnsafeBufferPointer { documents in
                // Shared, not copied: the labeler set the families.
                DocumentReport(
                    index: index, id: documents[index].id, bytes: documents[index].byteCount, source: documents[index].source,
                    date: documents[index].date, recycled: labeled[index].recycled, paragraphs: labeled[index].paragraphs,
                    recycledWeight: labeled[index].recycledWeight, weight: labeled[index].weight)
            }
        }

        var segmentsOf = [[Int]](repeating: [], count: reportedRoots.count)
        for segment in 0..<table.count {
            let r = Int(root[segment])
            // Only families over the documents' minimum are reported: most segments skip the lookup.
            guard Int(familyDocuments[r]) >= minDocuments else { continue }
            let id = familyID(ofRoot: r)
            if id > 0, !isWeakShortCopy(segment) { segmentsOf[id - 1].append(segment) }
        }
        var families = parallelMap(reportedRoots.count, jobs: configuration.jobs) { [segmentsOf] offset -> Family? in
            let r = reportedRoots[offset]
            let segments = segmentsOf[offset]
            // The representative: the variant in the most documents, then with the most copies,
            // the earliest on ties; a whole paragraph when the family has paragraph copies (a
            // sentence family merged into its paragraph's by containment still stands for the
            // paragraph), unless each paragraph is one document's own while a sentence recurs
            // word for word: a lone paragraph holds its document's edits and new sentences, not
            // the template.
            let tally = variantTally(segments)
            let (copies, documents) = (tally.copies, tally.documents)
            // Variants by their numbers in the tally.
            let variantOrder = Array(tally.variants.indices)
            let paragraphVariants = variantOrder.filter { table.isParagraph[tally.variants[$0]] }
            let copiedParagraph = paragraphVariants.contains { documents[$0] >= 2 }
            let copiedSentence = variantOrder.contains { !table.isParagraph[tally.variants[$0]] && documents[$0] >= 2 }
            let pool = paragraphVariants.isEmpty || (!copiedParagraph && copiedSentence) ? variantOrder : paragraphVariants
            // Most documents first, then most copies: a live blog repeating its own edited copy
            // does not outvote the text three other documents carry.
            var bestNumber = pool[0]
            for number in pool
            where (documents[number], copies[number]) > (documents[bestNumber], copies[bestNumber]) {
                bestNumber = number
            }
            // When every candidate is one document's own, the earliest of the median length:
            // the longest is most often a copy with its document's new sentence, the shortest
            // a cut one.
            if pool.count > 2, pool.allSatisfy({ documents[$0] == 1 }) {
                let median = pool.map { table.span(of: tally.variants[$0]).count }.sorted()[(pool.count - 1) / 2]
                bestNumber = pool.first { table.span(of: tally.variants[$0]).count == median }!
            }
            let best = tally.variants[bestNumber]
            let representative = member(best)

            // One member per paragraph: of a sentence and its paragraph, the one whose length
            // is closest to the representative's (the paragraph when the whole paragraph is
            // the copy, the sentence when a template sentence sits in a longer paragraph).
            // A paragraph that holds two sentences copied word for word elsewhere (the
            // representative and another) is the member: either sentence alone leaves the
            // other in no member.
            // A copied sentence that its paragraph repeats ("S. S.") is a member each time in a
            // family that stands for a sentence (its representative is one, or a paragraph of
            // that one sentence): one member for both left the second copy in no family
            // (reviews 85 and 91).
            var kept: [Int] = []
            var copiedHere: [UInt32] = []  // copied sentences' variants in the last member's paragraph
            var repeatedHere = false  // the last member's paragraph repeats one, each copy a member
            let standsForSentence =
                !table.isParagraph[best] || segments.contains { !table.isParagraph[$0] && Int(table.exactRepresentative[$0]) == best }
            for (offset, segment) in segments.enumerated() {
                let variant = table.exactRepresentative[segment]
                let copied = !table.isParagraph[segment] && copies[tally.numbers[offset]] >= 2
                if let last = kept.last, table.document[last] == table.document[segment],
                    table.paragraph[last] == table.paragraph[segment]
                {
                    if standsForSentence, copied, copiedHere.contains(variant), !table.isParagraph[last] {
                        kept.append(segment)
                        repeatedHere = true
                        continue
                    }
                    if repeatedHere { continue }
                    if copied, !copiedHere.contains(variant) { copiedHere.append(variant) }
                    let target = representative.span.count
                    if table.isParagraph[segment], copiedHere.count >= 2 {
                        kept[kept.count - 1] = segment
                    } else if !(table.isParagraph[last] && copiedHere.count >= 2),
                        abs(table.span(of: segment).count - target) < abs(table.span(of: last).count - target)
                    {
                        kept[kept.count - 1] = segment
                    }
                } else {
                    kept.append(segment)
                    copiedHere = copied ? [variant] : []
                    repeatedHere = false
                }
            }
            // A copy of which its document's report marks nothing is no member (review 109):
            // the family would name a document that shows no recycled text there. A pair
            // verified by shingle containment whose shared runs are too short to mark, or an
            // edited short line without the evidence a short copy needs, joins a family so.
            // A copy stays listed when its paragraph names the family, or holds the
            // representative (the family's text is its copy); and all stay when dropping them
            // leaves fewer documents than a family needs: the marked copies were marked as
            // copies of those. A family none of whose copies is marked or named is no family.
            let familyNumber = offset + 1
            // Per kept copy: its paragraph names the family, or its document marks some of it.
            let shown = kept.map { segment in
                let document = labeled[Int(table.document[segment])]
                return document.paragraphs[Int(table.paragraph[segment])].family == familyNumber
                    || Self.overlapsAny(table.span(of: segment), document.recycled)
            }
            guard shown.contains(true) else { return nil }
            // The count is the listed copies' documents: the clusters' own count weighs short
            // copies, and at low thresholds it strayed from the copies listed (review 114's f5).
            var documentCount = Self.documentCount(kept, table: table)
            let listed = zip(kept, shown).filter { segment, shown in
                shown
                    || Int(table.document[segment]) == representative.document && Int(table.paragraph[segment]) == representative.paragraph
            }.map(\.0)
            if listed.count < kept.count {
                let listedDocuments = Self.documentCount(listed, table: table)
                if listedDocuments >= minDocuments {
                    kept = listed
                    documentCount = listedDocuments
                }
            }
            let keptTally = variantTally(kept)
            let keptBest = keptTally.variants.firstIndex(of: best).map { keptTally.copies[$0] }
            let familyVariants =
                [Family.Variant(member: representative, copies: keptBest ?? copies[bestNumber])]
                + keptTally.variants.indices.filter { keptTally.variants[$0] != best }
                .map { Family.Variant(member: member(keptTally.firsts[$0]), copies: keptTally.copies[$0]) }
                .enumerated().sorted { a, b in
                    a.element.copies != b.element.copies ? a.element.copies > b.element.copies : a.offset < b.offset
                }.map(\.element)
            return Family(
                id: familyNumber, documents: documentCount, members: kept.map(member),
                representative: representative, variants: familyVariants, text: "")
        }.compactMap { $0 }
        // Largest first again, as listed members may have changed the counts; ties as numbered.
        families.sort { a, b in a.documents != b.documents ? a.documents > b.documents : a.id < b.id }
        // Each representative's text, its document read once for all its families.
        let texts = documents.texts(of: families.map { ($0.representative.document, $0.representative.span) }, jobs: configuration.jobs)
        for family in families.indices { families[family].text = String(decoding: texts[family], as: UTF8.self) }
        _ = consume labeled
        return ScanReport(configuration: configuration, parameters: parameters, documents: consume documentReports, families: families)
    }

    /// The variants (exact-text representatives) among some segments, in order of first
    /// appearance: each one's first segment, copies and distinct documents, and each
    /// segment's variant by its number in that order.
    struct VariantTally {
        var variants: [Int] = []
        var firsts: [Int] = []
        var copies: [Int] = []
        var documents: [Int] = []
        /// For each segment given, its variant's number.
        var numbers: [Int] = []
    }

    /// Tallies the variants among `segments`, which are in table order, so a document's
    /// copies are adjacent per variant.
    ///
    /// One dictionary lookup per segment: every later question about a segment's variant
    /// is an array read, where dictionaries of counts were hashed again at each.
    ///
    /// - Complexity: O(*n*) expected for *n* segments.
    func variantTally(_ segments: [Int]) -> VariantTally {
        var tally = VariantTally()
        tally.numbers.reserveCapacity(segments.count)
        var number: [Int: Int] = [:]
        var lastDocument: [UInt32] = []
        for segment in segments {
            let variant = Int(table.exactRepresentative[segment])
            let document = table.document[segment]
            let known = number[variant]
            let n = known ?? tally.variants.count
            if known == nil {
                number[variant] = n
                tally.variants.append(variant)
                tally.firsts.append(segment)
                tally.copies.append(0)
                tally.documents.append(0)
                lastDocument.append(.max)
            }
            tally.copies[n] += 1
            if lastDocument[n] != document {
                tally.documents[n] += 1
                lastDocument[n] = document
            }
            tally.numbers.append(n)
        }
        return tally
    }

    /// Whether any byte of `span` is in `ranges`, which are sorted and disjoint.
    ///
    /// - Complexity: O(log *n*).
    static func overlapsAny(_ span: ByteRange, _ ranges: [ByteRange]) -> Bool {
        // The first range that ends past the span's start.
        let first = ranges.partitioningIndex { $0.end > span.start }
        return first < ranges.count && ranges[first].start < span.end
    }

    /// The distinct documents of segments in corpus order.
    static func documentCount(_ segments: [Int], table: SegmentTable) -> Int {
        var count = 0
        var last = -1
        for segment in segments where Int(table.document[segment]) != last {
            last = Int(table.document[segment])
            count += 1
        }
        return count
    }

    func member(_ segment: Int) -> Family.Member {
        let document = Int(table.document[segment])
        return Family.Member(
            document: document, paragraph: Int(table.paragraph[segment]),
            span: table.span(of: segment),
            isParagraph: table.isParagraph[segment])
    }
}

extension Clusters {
    /// Lets go of what only the labeler reads (coverage runs, and the table's similarities
    /// and token columns), before the report is assembled: they would add to its peak.
    mutating func dropLabelingData() {
        coverage = []
        coverageBlockStart = []
        table.dropLabelingColumns()
    }
}
