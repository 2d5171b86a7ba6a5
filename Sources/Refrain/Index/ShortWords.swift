/// The words of the short index's entries, kept for a large scan's match stage, which
/// would otherwise read each candidate's document again to align its words.
///
/// Words go to a temporary file as segments are filed, in entry order, each entry's as many
/// as its segment has tokens (`Matcher.word(_:)` of each). Before the match stage, those of
/// the entries it aligns come back into memory (`keep(entries:wordCounts:)`): a few words
/// of a few candidates, where the file holds every short segment's.
struct ShortWords: Sendable {
    /// Where filed words go; `nil` until `spill()`, and in a scan whose texts are resident.
    private var file: SpillFile?
    /// Words not yet written: the file is written in blocks.
    private var pending: [UInt16] = []
    /// The entries whose words came back, increasing; where each one's words start in
    /// `kept`, with one more start to close the last.
    private var keptEntries: [UInt32] = []
    private var keptStarts: [UInt32] = [0]
    private var kept: [UInt16] = []
    /// Whether `keep` has run: the match stage reads kept words, not the texts.
    private(set) var isKept = false
    /// Words in `pending` that make a write.
    private static let block = 1 << 17

    /// Makes the temporary file, so that `append` keeps words. It bypasses the page cache
    /// (`SpillFile(direct:)`): the words read back lie close enough to be read in long runs,
    /// and copying every word into the cache cost the filing thread more than the disk.
    mutating func spill() {
        file = SpillFile(direct: true)
    }

    /// Whether filed words are kept.
    var isSpilling: Bool { file != nil }

    /// Appends the next entry's words.
    ///
    /// - Complexity: O(*words*), amortized.
    mutating func append(_ words: ArraySlice<UInt16>) {
        guard let file else { return }
        pending.append(contentsOf: words)
        if pending.count >= Self.block { write(to: file) }
    }

    private mutating func write(to file: SpillFile) {
        pending.withUnsafeBytes { file.append($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads back the words of the entries flagged in `needed`, and lets the rest go.
    ///
    /// - Parameters:
    ///   - needed: One flag per entry filed.
    ///   - wordCounts: Each entry's number of words (its segment's tokens).
    /// - Complexity: O(*entries*), plus the reads.
    mutating func keep(entries needed: [Bool], wordCounts: (Int) -> Int) {
        guard let file else { return }
        if !pending.isEmpty { write(to: file) }
        var runs: [Range<Int>] = []
        var position = 0
        for entry in needed.indices {
            let count = wordCounts(entry)
            if needed[entry] {
                keptEntries.append(UInt32(entry))
                keptStarts.append(keptStarts[keptStarts.count - 1] + UInt32(count))
                // Adjacent entries are one run.
                if let last = runs.last, last.upperBound == position {
                    runs[runs.count - 1] = last.lowerBound..<(position + count)
                } else if count > 0 {
                    runs.append(position..<(position + count))
                }
            }
            position += count
        }
        precondition(position * MemoryLayout<UInt16>.stride == file.count, "every entry's words were filed")
        let total = Int(keptStarts[keptStarts.count - 1])
        kept = [UInt16](unsafeUninitializedCapacity: total) { buffer, initialized in
            file.read(runs: runs, of: MemoryLayout<UInt16>.stride, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = total
        }
        self.file = nil
        pending = []
        isKept = true
    }

    /// Copies entry `entry`'s kept words into `words`.
    ///
    /// - Returns: Whether the entry's words were kept.
    /// - Complexity: O(log *kept entries* + *words*).
    func copyWords(ofEntry entry: Int, into words: inout [UInt16]) -> Bool {
        let position = keptEntries.lowerBound(of: UInt32(entry))
        guard position < keptEntries.count, keptEntries[position] == UInt32(entry) else { return false }
        words.removeAll(keepingCapacity: true)
        words.append(contentsOf: kept[Int(keptStarts[position])..<Int(keptStarts[position + 1])])
        return true
    }
}
