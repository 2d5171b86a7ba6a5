import ArgumentParser
import Foundation
@_spi(CommandLine) import Refrain

/// Terminal colours as ANSI SGR codes: template text dimmed, changes in red and green.
///
/// The codes are written here rather than through Rainbow, which decides by itself whether
/// standard output is a terminal and so would drop them under `--color always`.
struct ColorStyler: TextStyler {
    var usesMarkers: Bool { false }

    func apply(_ style: TextStyle, to text: String) -> String {
        let codes: String
        switch style {
        case .plain, .novel: return text
        case .header: codes = "1"
        case .note: codes = "2;3"
        case .recycled: codes = "2"
        case .added: codes = "32;4"
        case .removed: codes = "31;9"
        case .label(let label):
            switch label {
            case .template: codes = "33"
            case .partial: codes = "36"
            case .novel: codes = "32"
            case .repeat: codes = "35"
            }
        }
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// Options of the commands that print for people.
struct DisplayOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Colour: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always (also through a pipe, e.g. to less -R) or never.",
            discussion: "FORCE_COLOR or CLICOLOR_FORCE set to anything but 0 turns auto into always, even with NO_COLOR."))
    var color: ColorChoice = .auto

    @Flag(help: "The same as --color never: plain text with [-removed-]{+added+} markers.")
    var noColor = false

    @OptionGroup var layout: WidthOptions

    /// Whether to colour, from the flags and then the environment.
    ///
    /// - Parameters:
    ///   - writingToFile: Whether the text goes to an `--output` file (no colour in `auto`).
    ///   - environment: The process environment.
    ///   - isTerminal: Whether standard output is a terminal.
    /// - Returns: `true` for colour codes, `false` for plain markers.
    func usesColor(writingToFile: Bool, environment: [String: String], isTerminal: Bool) -> Bool {
        func isSet(_ name: String) -> Bool { environment[name].map { !$0.isEmpty && $0 != "0" } ?? false }
        if noColor { return false }
        switch color {
        case .never: return false
        case .always: return true
        case .auto:
            // The forcing variables win: set for one command, they are more specific than a
            // NO_COLOR kept in a profile.
            if isSet("FORCE_COLOR") || isSet("CLICOLOR_FORCE") { return true }
            if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
            return !writingToFile && isTerminal && !Terminal.isDumb(environment)
        }
    }

    /// Colour codes or plain markers, as `usesColor` decides.
    func styler(writingToFile: Bool) -> TextStyler {
        let color = usesColor(
            writingToFile: writingToFile, environment: ProcessInfo.processInfo.environment,
            isTerminal: Terminal.standardOutput.isTerminal)
        return color ? ColorStyler() : PlainStyler()
    }

    var lineWidth: Int { layout.lineWidth }

    func validate() throws {
        if noColor && color == .always { throw ValidationError("--no-color and --color always contradict each other: give one.") }
    }
}

/// `--width`, shared by every command that prints for people.
struct WidthOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Line width, 40 or more: every line fits it (default: the terminal's width, else 100).")
    var width: Int?

    /// The width asked for, else the terminal's, else 100.
    var lineWidth: Int { width ?? Terminal.standardOutput.width ?? 100 }

    func validate() throws {
        if let width, width < 40 { throw ValidationError("--width must be at least 40 columns (got \(width)).") }
    }
}
