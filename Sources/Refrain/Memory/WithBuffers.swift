/// Calls `body` with a buffer over each array's elements, so an inner loop indexes memory,
/// not an array of arrays (whose element reads retain and release each inner array).
///
/// - Parameters:
///   - arrays: The arrays; none changes while `body` runs.
///   - body: Given one buffer per array, in order; the buffers are valid only inside it.
/// - Returns: What `body` returns.
/// - Complexity: O(*arrays*) besides `body`.
func withBuffers<Element, Result>(
    of arrays: [[Element]], _ body: ([UnsafeBufferPointer<Element>]) -> Result
) -> Result {
    var buffers: [UnsafeBufferPointer<Element>] = []
    buffers.reserveCapacity(arrays.count)
    func nest(_ index: Int) -> Result {
        guard index < arrays.count else { return body(buffers) }
        return arrays[index].withUnsafeBufferPointer { buffer in
            buffers.append(buffer)
            return nest(index + 1)
        }
    }
    return nest(0)
}
