extension [Document] {
    /// The bytes of each span, each document read once however many of the spans it holds: a
    /// text let go in a large scan is read again whole, and a read per span took the spans
    /// times the document's size.
    ///
    /// - Parameters:
    ///   - spans: Spans of these documents (by index), in any order.
    ///   - jobs: Threads that read the documents.
    /// - Returns: Each span's bytes, in the order of `spans`.
    /// - Complexity: O(*s* log *s* for the *s* spans, plus their bytes and one read of each
    ///   document they are in).
    func texts(of spans: [(document: Int, span: ByteRange)], jobs: Int) -> [[UInt8]] {
        let order = spans.indices.sorted { (spans[$0].document, $0) < (spans[$1].document, $1) }
        // Runs of `order` in one document each.
        var runs: [Range<Int>] = []
        var runStart = 0
        for position in order.indices
        where position + 1 == order.count || spans[order[position + 1]].document != spans[order[position]].document {
            runs.append(runStart..<position + 1)
            runStart = position + 1
        }
        let read = parallelMap(runs.count, jobs: jobs) { [self, runs] run in
            let bytes = self[spans[order[runs[run].lowerBound]].document].loadedBytes()
            return order[runs[run]].map { [UInt8](bytes[spans[$0].span.range]) }
        }
        var texts = [[UInt8]](repeating: [], count: spans.count)
        for (run, items) in zip(runs, read) {
            for (position, text) in zip(run, items) { texts[order[position]] = text }
        }
        return texts
    }
}
