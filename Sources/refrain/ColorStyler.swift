import ArgumentParser
import Foundation
import Rainbow
import Refrain

/// Terminal colours through Rainbow: template text dimmed, changes in red and green.
struct ColorStyler: TextStyler {
    var usesMarkers: Bool { false }

    func apply(_ style: TextStyle, to text: String) -> String {
        switch style {
        case .plain, .novel: text
        case .header: text.bold
        case .note: text.dim.italic
        case .recycled: text.dim
        case .added: text.green.underline
        case .removed: text.red.strikethrough
        case .label(let label):
            switch label {
            case .template: text.yellow
            case .partial: text.cyan
            case .novel: text.green
            case .repeat: text.magenta
            }
        }
    }
}

/// Options of the commands that print for people.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Plain text with [-removed-]{+added+} markers, even on a terminal (also: the NO_COLOR variable).")
    var noColor = false

    @Option(help: "Line width (default: the terminal's width, else 100).")
    var width: Int?

    /// Colour only on a terminal, never with --no-color or NO_COLOR, and never into a file.
    func styler(writingToFile: Bool) -> TextStyler {
        let noColorVariable = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let color = !noColor && !noColorVariable && !writingToFile && Terminal.standardOutput.isTerminal
        return color ? ColorStyler() : PlainStyler()
    }

    var lineWidth: Int { width ?? Terminal.standardOutput.width ?? 100 }

    func validate() throws {
        if let width, width < 40 { throw ValidationError("--width must be at least 40 columns (got \(width)).") }
    }
}
