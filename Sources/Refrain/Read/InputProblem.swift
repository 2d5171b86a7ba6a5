/// Something wrong with one input file or record: reported, skipped, and the rest goes on.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the input was skipped (the run ends with status 65) or only noted.
    public enum Severity: Sendable, Hashable { case skipped, warning }

    /// The file, `-` for standard input.
    public var path: String
    /// The line, for JSON Lines.
    public var line: Int?
    /// What is wrong and what to do.
    public var message: String
    /// Skipped or noted.
    public var severity: Severity

    public init(path: String, line: Int? = nil, message: String, severity: Severity = .skipped) {
        self.path = path
        self.line = line
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return "\(place): \(severity == .skipped ? "skipped: " : "warning: ")\(message)"
    }
}
