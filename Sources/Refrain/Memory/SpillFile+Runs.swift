extension SpillFile {
    /// Reads runs of elements from the file one after another into `buffer`, runs a short
    /// gap apart in one read: a read per run was hundreds of thousands of system calls at
    /// 1 GB of text.
    ///
    /// - Parameters:
    ///   - reads: Runs of elements, increasing and apart.
    ///   - stride: The bytes of an element.
    ///   - buffer: Room for all the runs' elements.
    ///   - largestGap: The most elements between runs read together: a gap of a few pages
    ///     is cheaper copied past than a read of its own.
    ///   - largestSpan: The most elements one read spans, unless a run is longer.
    /// - Complexity: O(*n*) in the elements the runs span.
    func read(
        runs reads: [Range<Int>], of stride: Int, into buffer: UnsafeMutableRawBufferPointer, largestGap: Int = 8192,
        largestSpan: Int = 1 << 18
    ) {
        var scratch = [UInt8](repeating: 0, count: largestSpan * stride)
        var written = 0
        var first = 0
        while first < reads.count {
            var last = first
            while last + 1 < reads.count, reads[last + 1].lowerBound - reads[last].upperBound <= largestGap,
                reads[last + 1].upperBound - reads[first].lowerBound <= largestSpan
            {
                last += 1
            }
            let span = reads[first].lowerBound..<reads[last].upperBound
            if first == last {
                // One run: straight into place.
                read(
                    at: span.lowerBound * stride,
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[(written * stride)..<((written + span.count) * stride)]))
                written += span.count
            } else {
                scratch.withUnsafeMutableBytes { scratch in
                    read(at: span.lowerBound * stride, into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<(span.count * stride)]))
                    for run in reads[first...last] {
                        let from = (run.lowerBound - span.lowerBound) * stride
                        (buffer.baseAddress! + written * stride).copyMemory(
                            from: scratch.baseAddress! + from, byteCount: run.count * stride)
                        written += run.count
                    }
                }
            }
            first = last + 1
        }
        precondition(written * stride == buffer.count)
    }
}
