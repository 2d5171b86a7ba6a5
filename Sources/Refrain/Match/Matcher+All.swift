extension Matcher {
    /// The match stage over the whole corpus: verifies every segment's candidates, a run of
    /// documents per job, and applies each run's log in corpus order.
    ///
    /// A run's log is applied as soon as it and the runs before it are verified, while the
    /// other threads verify later runs, so no core waits for the last run. The similarity
    /// column is taken out of the table meanwhile, so that the logs write an array the
    /// verifying threads do not read.
    ///
    /// - Parameters:
    ///   - indexed: The index stage's output; its similarity column is filled in.
    ///   - candidates: For each LSH entry, its candidate entries.
    ///   - shortCandidates: For each entry of `indexed.short`, its candidate entries.
    ///   - documents: The corpus, whose short segments' words are aligned.
    ///   - statistics: Candidate and verified pair counts are added here.
    ///   - progress: Called after each run's log is applied, with the documents done.
    /// - Returns: Families of verified pairs and exact copies, and the coverage runs.
    /// - Complexity: O(candidates × segment length log segment length).
    static func matchAll(
        indexed: inout IndexedCorpus, candidates: LSHCandidates, shortCandidates: LSHCandidates? = nil,
        documents: [Document] = [], configuration: Configuration,
        statistics: inout ScanStatistics, progress: (Int) -> Void = { _ in }
    ) -> Matches {
        var similarity: [Float] = []
        swap(&similarity, &indexed.table.similarity)
        let table = indexed.table
        let entrySegment = indexed.entrySegment
        let short = indexed.short
        let runs = MatchLog.chunks(table.documentStart.count - 1)
        var families: UnionFind?
        var coverage: [Coverage] = []
        var appliedRuns = 0  // logs are applied in run order
        parallelForEachInOrder(runs.count, jobs: configuration.jobs) { run in
            var matcher = Matcher(configuration: configuration)
            matcher.corpus = documents
            return matcher.verify(
                documents: runs[run], table: table, entrySegment: entrySegment, candidates: candidates, short: short,
                shortCandidates: shortCandidates)
        } consume: { log in
            if families == nil { families = UnionFind(count: table.count) }
            log.apply(similarity: &similarity, families: &families!, coverage: &coverage, statistics: &statistics)
            appliedRuns += 1
            progress(runs[appliedRuns - 1].upperBound)
        }
        // Runs shared with any other document, inside the segments verified.
        coverage += sharedRuns(table: table, similarity: similarity, jobs: configuration.jobs)
        swap(&similarity, &indexed.table.similarity)
        return Matches(families: families ?? UnionFind(), coverage: coverage)
    }
}
