/// What a paragraph is, by how much of it recurs elsewhere.
public enum Label: String, Sendable, Codable, CaseIterable {
    /// At least 80% of its non-space bytes are recycled.
    case template
    /// Some recycled text, less than 80%.
    case partial
    /// No recycled text; repeats only text of its own document.
    case `repeat`
    /// No recycled or repeated text.
    case novel
}
