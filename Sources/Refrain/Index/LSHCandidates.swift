import CRefrainKernels

/// For every entry of an `LSHIndex`, its candidates: the distinct first occupants of its keys.
@_spi(Stages) public struct LSHCandidates: Sendable {
    /// `occupants[offsets[entry]..<offsets[entry + 1]]` are an entry's candidates, in band order.
    @usableFromInline var offsets: [UInt32]
    @usableFromInline var occupants: [UInt32]
    /// The number of distinct keys over all bands, each filed under its first entry.
    public let distinctKeys: Int

    /// The number of entries.
    public var count: Int { offsets.count - 1 }

    /// An entry's candidates: earlier entries, each once, in the order of the first band that
    /// names it.
    @inlinable
    public subscript(entry: Int) -> ArraySlice<UInt32> {
        occupants[Int(offsets[entry])..<Int(offsets[entry + 1])]
    }
}
