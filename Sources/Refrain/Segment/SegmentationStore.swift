/// Each document's segmentation, kept by the sketch stage for the label stage, which would
/// otherwise segment every document again.
///
/// A corpus that fits keeps them as they are. A large one writes them to a temporary file
/// (`SpillFile`), a record of 32-bit numbers per document, and reads each back when its
/// document is labeled: the file sits in the page cache, not in resident memory, and reading
/// a record costs far less than segmenting the text again. Appended in corpus order.
struct SegmentationStore: Sendable {
    /// The segmentations, when none is spilled.
    private var resident: [Segmentation] = []
    /// Where the records go, for a large corpus.
    private let spill: SpillFile?
    /// With a spill file, each document's first number in it; one more entry closes the last.
    private var starts: [Int] = [0]
    /// Records not yet written: the file is written in blocks, not once a document.
    private var pending: [UInt32] = []
    /// Numbers in `pending` that make a write.
    private static let block = 1 << 16

    /// A store that keeps segmentations in memory, room for `capacity` of them made at
    /// once, or, when `spilling`, in a temporary file.
    init(spilling: Bool = false, capacity: Int = 0) {
        spill = spilling ? SpillFile() : nil
        if spilling { starts.reserveCapacity(capacity + 1) } else { resident.reserveCapacity(capacity) }
    }

    /// The documents stored.
    var count: Int { spill == nil ? resident.count : starts.count - 1 }

    /// Stores the next document's segmentation.
    ///
    /// - Complexity: O(paragraphs + sentences).
    mutating func append(_ segmentation: Segmentation) {
        guard let spill else {
            resident.append(segmentation)
            return
        }
        Self.encode(segmentation, into: &pending)
        starts.append(starts[starts.count - 1] + Self.encodedCount(segmentation))
        if pending.count >= Self.block { write(to: spill) }
    }

    /// Writes the records still pending; `segmentation(of:)` reads only what was written.
    mutating func finishWriting() {
        if let spill, !pending.isEmpty { write(to: spill) }
    }

    private mutating func write(to spill: SpillFile) {
        pending.withUnsafeBytes { spill.append($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Document `document`'s segmentation, or `nil` when the store holds none (a store no
    /// stage filled).
    ///
    /// - Complexity: O(the document's paragraphs + sentences).
    func segmentation(of document: Int) -> Segmentation? {
        guard let spill else { return resident.isEmpty ? nil : resident[document] }
        let start = starts[document]
        let count = starts[document + 1] - start
        let record = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            spill.read(at: start * MemoryLayout<UInt32>.stride, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
        return Self.decode(record)
    }

    /// The numbers `encode` writes for `segmentation`.
    static func encodedCount(_ segmentation: Segmentation) -> Int {
        3 + 4 * segmentation.paragraphs.count + 2 * segmentation.sentences.count + segmentation.lineSentences.count
    }

    /// Appends `segmentation` as numbers: the counts of paragraphs, sentences and line
    /// sentences; each paragraph's span and sentence range; each sentence's span; the line
    /// sentences. Every value fits 32 bits: documents are at most `UInt32.max` bytes.
    static func encode(_ segmentation: Segmentation, into numbers: inout [UInt32]) {
        numbers.reserveCapacity(numbers.count + encodedCount(segmentation))
        numbers.append(UInt32(segmentation.paragraphs.count))
        numbers.append(UInt32(segmentation.sentences.count))
        numbers.append(UInt32(segmentation.lineSentences.count))
        for (paragraph, sentences) in zip(segmentation.paragraphs, segmentation.sentenceRanges) {
            numbers.append(UInt32(paragraph.start))
            numbers.append(UInt32(paragraph.end))
            numbers.append(UInt32(sentences.lowerBound))
            numbers.append(UInt32(sentences.upperBound))
        }
        for sentence in segmentation.sentences {
            numbers.append(UInt32(sentence.start))
            numbers.append(UInt32(sentence.end))
        }
        for line in segmentation.lineSentences { numbers.append(UInt32(bitPattern: line)) }
    }

    /// The segmentation `encode` wrote as `numbers`.
    static func decode(_ numbers: [UInt32]) -> Segmentation {
        var result = Segmentation()
        let paragraphs = Int(numbers[0])
        let sentences = Int(numbers[1])
        let lines = Int(numbers[2])
        result.paragraphs.reserveCapacity(paragraphs)
        result.sentenceRanges.reserveCapacity(paragraphs)
        result.sentences.reserveCapacity(sentences)
        var next = 3
        for _ in 0..<paragraphs {
            result.paragraphs.append(ByteRange(Int(numbers[next]), Int(numbers[next + 1])))
            result.sentenceRanges.append(Int(numbers[next + 2])..<Int(numbers[next + 3]))
            next += 4
        }
        for _ in 0..<sentences {
            result.sentences.append(ByteRange(Int(numbers[next]), Int(numbers[next + 1])))
            next += 2
        }
        result.lineSentences = numbers[next..<(next + lines)].map { Int32(bitPattern: $0) }
        return result
    }
}
