import Foundation

extension Corpus {
    /// Which files of a folder are read.
    public struct Selection: Sendable, Hashable {
        /// `fnmatch` patterns, matched case-insensitively against the path relative to the
        /// folder (`*` also matches `/`): a file is read when one matches.
        public var include: [String]
        /// Patterns that leave a file or folder out even when an include pattern matches.
        public var exclude: [String]

        /// Creates a selection; an empty `include` means `Corpus.defaultInclude`.
        public init(include: [String] = [], exclude: [String] = []) {
            self.include = include.isEmpty ? Corpus.defaultInclude : include
            self.exclude = exclude
        }

        /// Whether hidden names are read: only when an include pattern names one
        /// (starts with `.` or holds `/.`), so `--include '*.md'` never reads `.git`.
        var readsHidden: Bool { include.contains { $0.hasPrefix(".") || $0.contains("/.") } }

        func includes(_ relative: [UInt8]) -> Bool { Selection.matches(include, relative) }
        func excludes(_ relative: [UInt8]) -> Bool { !exclude.isEmpty && Selection.matches(exclude, relative) }

        /// Whether one of `patterns` matches `path`.
        static func matches(_ patterns: [String], _ path: [UInt8]) -> Bool {
            // Case-insensitive, so `.TXT` files are read too.
            Corpus.withCPath(path) { path in patterns.contains { fnmatch($0, path, System.caseFoldMatch) == 0 } }
        }
    }
}
