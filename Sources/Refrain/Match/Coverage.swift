/// A run of a segment's tokens found again in a verified partner segment.
struct Coverage: Equatable {
    var segment: UInt32
    /// Token range within the segment.
    var start: UInt32, end: UInt32
    /// The partner's document.
    var partnerDocument: UInt32
    /// The segment whose family decides whether the run counts as recycled: the segment
    /// itself, or for a run found by extension, the verified sentence that led to it.
    var anchor: UInt32
}
