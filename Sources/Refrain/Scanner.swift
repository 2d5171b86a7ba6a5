import Dispatch

/// Runs the whole pipeline on a corpus: sketch → index → match → cluster → label.
///
/// Sketching and labeling run on `configuration.jobs` threads; indexing and matching run
/// in corpus order on one, so the report is the same for any number of jobs.
public struct Scanner: Sendable {
    /// The parameters.
    public let configuration: Configuration

    /// A stage of a scan, for progress reports.
    public enum Stage: String, Sendable { case sketch, match, label }

    /// Creates a scanner.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Scans documents.
    ///
    /// - Parameters:
    ///   - documents: The corpus, in the order the report lists it.
    ///   - progress: Called now and then with a stage and documents done so far.
    /// - Returns: Labels, recycled spans and families.
    /// - Complexity: Near-linear in the corpus size: each segment meets at most one first
    ///   occupant per LSH band.
    public func scan(_ documents: [Document], progress: (@Sendable (Stage, Int, Int) -> Void)? = nil) -> ScanReport {
        let parameters = configuration.lshParameters
        let minHash = MinHash(permutations: configuration.permutations)
        // News text has a segment (paragraph or sentence) every 80-90 bytes and a word every
        // 6: sizing the table and the fingerprints from the corpus up front avoids growing
        // them, and their copies, near the end.
        let totalBytes = documents.reduce(0) { $0 + $1.bytes.count }
        let expectedSegments = max(1024, totalBytes / 96)
        var index: LSHIndex? = LSHIndex(parameters: parameters, capacity: expectedSegments)
        var table = SegmentTable(shingle: configuration.shingle)
        // Generous: untouched reserved pages cost nothing (about one segment per 85 bytes).
        table.reserve(segments: totalBytes / 64 + 16, shingles: totalBytes / 5 + 16)
        var coverage: [Coverage] = []
        var families = UnionFind()
        families.reserveCapacity(totalBytes / 64 + 16)
        var matching: MatchState? = MatchState(configuration: configuration, capacity: expectedSegments)
        if configuration.jobs > 1 {
            // Zeroing the tables' pages is kernel work the matching thread would otherwise
            // do at its first touch of each page; a spare thread does it while the first
            // batch is sketched.
            let tables: [@Sendable () -> Void] = [index!.slots.populate, matching!.exact.entries.populate]
            for populate in tables { DispatchQueue.global().async(execute: populate) }
        }

        // Sketch in batches: while this thread indexes and matches one batch in corpus
        // order, `jobs - 1` helpers sketch the next, and this thread joins them when done.
        let batchSize = max(64, configuration.jobs * 32)
        let shingle = configuration.shingle
        let helpers = configuration.jobs - 1
        func sketchBatch(_ batch: Range<Int>) -> SharedBatch<DocumentSketch> {
            SharedBatch(count: batch.count, helpers: helpers) { offset in
                var sketcher = Sketcher(shingle: shingle, minHash: minHash, parameters: parameters)
                return sketcher.sketch(documents[batch.lowerBound + offset].bytes)
            }
        }
        let started = DispatchTime.now()
        func seconds(since start: DispatchTime) -> Double {
            Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        }
        var indexSeconds = 0.0
        var batch = 0..<min(documents.count, batchSize)
        var sketches = sketchBatch(batch).collect()
        while !batch.isEmpty {
            let next = batch.upperBound..<min(documents.count, batch.upperBound + batchSize)
            let upcoming = sketchBatch(next)
            let indexing = DispatchTime.now()
            for (offset, sketch) in sketches.enumerated() {
                matching!.add(
                    sketch, document: batch.lowerBound + offset, table: &table, index: &index!,
                    families: &families, coverage: &coverage)
            }
            indexSeconds += seconds(since: indexing)
            progress?(.match, batch.upperBound, documents.count)
            sketches = upcoming.collect()
            batch = next
        }

        // The index and the exact-text table are done with: free them before labeling.
        var statistics = matching!.statistics
        statistics.indexEntries = index!.occupiedBuckets
        statistics.shingles = table.fingerprints.count
        index = nil
        matching = nil
        statistics.matchSeconds = seconds(since: started)
        statistics.indexSeconds = indexSeconds
        let clustering = DispatchTime.now()
        let clusters = Clusters(table: table, families: &families, coverage: coverage, configuration: configuration)
        statistics.clusterSeconds = seconds(since: clustering)
        let labeling = DispatchTime.now()
        let labeled = parallelMap(documents.count, jobs: configuration.jobs) { documentIndex in
            Labeler(configuration: configuration, table: clusters.table, clusters: clusters)
                .label(documents[documentIndex], index: documentIndex)
        }
        progress?(.label, documents.count, documents.count)
        statistics.labelSeconds = seconds(since: labeling)
        let reporting = DispatchTime.now()
        var report = clusters.report(
            documents: documents, labeled: labeled, configuration: configuration, parameters: parameters)
        statistics.reportSeconds = seconds(since: reporting)
        report.statistics = statistics
        return report
    }
}

/// The sequential index and match stage.
struct MatchState {
    let configuration: Configuration
    var matcher: Matcher
    /// Compares the paragraphs around a verified sentence pair, with no threshold.
    var extender: Matcher
    var extended = Set<UInt64>()
    var paragraphSegment: [Int] = []
    var exact: ExactIndex
    var candidates: [UInt32] = []
    var statistics = ScanStatistics()

    init(configuration: Configuration, capacity: Int = 1024) {
        self.configuration = configuration
        exact = ExactIndex(capacity: capacity)
        matcher = Matcher(threshold: configuration.threshold, shingle: configuration.shingle)
        extender = Matcher(threshold: 0, shingle: configuration.shingle)
    }

    /// Files one document's segments and verifies their candidates against earlier ones.
    mutating func add(
        _ sketch: DocumentSketch, document: Int, table: inout SegmentTable, index: inout LSHIndex,
        families: inout UnionFind, coverage: inout [Coverage]
    ) {
        let shingleBase = table.fingerprints.count
        table.fingerprints.append(contentsOf: sketch.fingerprints)
        let firstSegment = table.count
        // Ids the paragraph segments of this document will get (they follow their sentences).
        paragraphSegment.removeAll(keepingCapacity: true)
        paragraphSegment.append(contentsOf: repeatElement(-1, count: sketch.segmentation.paragraphs.count))
        for (offset, segment) in sketch.segments.enumerated() where segment.kind == .paragraph {
            paragraphSegment[segment.paragraph] = firstSegment + offset
        }
        extended.removeAll(keepingCapacity: true)
        for (position, segment) in sketch.segments.enumerated() {
            if position + 1 < sketch.segments.count {
                let next = sketch.segments[position + 1]
                exact.prefetch(next.exactHash)
                index.prefetch(bandKeys: sketch.bandKeys[next.bandKeys])
            }
            let id = table.count
            families.append()
            table.document.append(UInt32(document))
            table.paragraph.append(UInt32(segment.paragraph))
            table.isParagraph.append(segment.kind == .paragraph)
            table.spanStart.append(UInt32(segment.span.start))
            table.spanEnd.append(UInt32(segment.span.end))
            table.tokenStart.append(UInt32(segment.tokens.lowerBound))
            table.tokenCount.append(UInt32(segment.tokens.count))
            table.shingleStart.append(UInt32(shingleBase + segment.shingles.lowerBound))
            assert(segment.shingles.count == max(0, segment.tokens.count - configuration.shingle + 1))
            table.similarity.append(0)

            // Identical normalized text: one class, no need to query the index again.
            statistics.segments += 1
            if let first = exact.firstOrInsert(segment.exactHash, id: UInt32(id)) {
                statistics.exactDuplicates += 1
                table.exactRepresentative.append(first)
                families.union(id, Int(first))
                if table.document[Int(first)] != UInt32(document) {
                    table.similarity[id] = 1
                    table.similarity[Int(first)] = 1
                }
                continue
            }
            table.exactRepresentative.append(UInt32(id))
            guard !segment.bandKeys.isEmpty else { continue }

            candidates.removeAll(keepingCapacity: true)
            index.queryAndInsert(bandKeys: sketch.bandKeys[segment.bandKeys], id: UInt32(id), candidates: &candidates)
            statistics.candidates += candidates.count
            guard !candidates.isEmpty else { continue }
            let ownShingles = table.shingles(of: id)
            matcher.load(table.fingerprints[ownShingles])
            for candidate in candidates.map(Int.init) {
                // A sentence and its own paragraph always overlap: not a recurrence.
                if candidate >= firstSegment, table.paragraph[candidate] == UInt32(segment.paragraph) { continue }
                let candidateShingles = table.shingles(of: candidate)
                guard let similarity = matcher.verify(table.fingerprints[candidateShingles], segment: table.fingerprints[ownShingles])
                else { continue }
                families.union(id, candidate)
                statistics.verified += 1
                let candidateDocument = Int(table.document[candidate])
                matcher.appendCoverage(of: table.fingerprints[ownShingles], segment: id, partnerDocument: candidateDocument, to: &coverage)
                matcher.appendCoverage(
                    of: table.fingerprints[candidateShingles], segment: candidate, partnerDocument: document, to: &coverage)
                if candidateDocument != document {
                    let value = Float(similarity.jaccard)
                    table.similarity[id] = max(table.similarity[id], value)
                    table.similarity[candidate] = max(table.similarity[candidate], value)
                }
                if segment.kind == .sentence || !table.isParagraph[candidate] {
                    extend(
                        id, paragraph: segment.paragraph, shingles: sketch.paragraphShingles[segment.paragraph],
                        shingleBase: shingleBase, candidate: candidate, document: document, table: table, coverage: &coverage)
                }
            }
        }
        table.documentStart.append(table.count)
    }

    /// Seed and extend: once a sentence pair is verified, the paragraphs around it share
    /// more than that sentence when a neighbouring sentence was copied with words changed.
    /// Their shared shingles (runs of five or more identical words) count too, under the
    /// family of the verified pair.
    mutating func extend(
        _ id: Int, paragraph: Int, shingles: Range<Int>, shingleBase: Int, candidate: Int, document: Int,
        table: SegmentTable, coverage: inout [Coverage]
    ) {
        let ownParagraph = paragraphSegment[paragraph]
        var otherParagraph = candidate
        while otherParagraph < table.count, !table.isParagraph[otherParagraph] { otherParagraph += 1 }
        guard ownParagraph >= 0, otherParagraph < table.count else { return }
        guard extended.insert(UInt64(ownParagraph) << 32 | UInt64(otherParagraph)).inserted else { return }
        let own = table.fingerprints[(shingleBase + shingles.lowerBound)..<(shingleBase + shingles.upperBound)]
        let other = table.fingerprints[table.shingles(of: otherParagraph)]
        extender.load(own)
        guard extender.verify(other, segment: own) != nil else { return }
        let otherDocument = Int(table.document[otherParagraph])
        extender.appendCoverage(of: own, segment: ownParagraph, partnerDocument: otherDocument, anchor: id, to: &coverage)
        extender.appendCoverage(of: other, segment: otherParagraph, partnerDocument: document, anchor: candidate, to: &coverage)
    }
}
