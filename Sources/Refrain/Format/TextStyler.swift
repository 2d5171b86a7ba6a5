/// Turns styled runs into terminal text: colour codes, or plain markers.
public protocol TextStyler {
    /// Whether changes need `[-removed-]{+added+}` markers (no colour to show them).
    var usesMarkers: Bool { get }
    /// The text of one word in a style.
    func apply(_ style: TextStyle, to text: String) -> String
}

/// Plain text: markers for word changes, nothing else.
public struct PlainStyler: TextStyler {
    public init() {}
    public var usesMarkers: Bool { true }
    public func apply(_ style: TextStyle, to text: String) -> String { text }
}
