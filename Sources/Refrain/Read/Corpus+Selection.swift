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

        func includes(_ relative: some Collection<UInt8>) -> Bool { Selection.matches(include, Array(relative)) }

        /// The `fnmatch` patterns, with their flags, that stand for one pattern as
        /// `.gitignore` writes it: a leading `/` anchors it at the folder (`fnmatch` sees
        /// paths without one), where `*` stays within one folder unless the pattern has `**`;
        /// a leading `**/` matches at any depth, the folder's own level too (`**/*.md` reads
        /// `a.md`, which `fnmatch` alone leaves out: it wants a slash after `**`).
        static func alternatives(_ pattern: String) -> [(pattern: String, flags: Int32)] {
            var rest = Substring(pattern)
            if rest.first == "/" {
                rest = rest.drop { $0 == "/" }
                guard !rest.isEmpty else { return [(pattern, System.caseFoldMatch)] }
                // "/**/x" is "**/x": any depth, the folder's own level too.
                if rest.hasPrefix("**/") { return alternatives(String(rest)) }
                return [(String(rest), System.caseFoldMatch | (rest.contains("**") ? 0 : System.pathnameMatch))]
            }
            guard rest.hasPrefix("**/") else { return [(pattern, System.caseFoldMatch)] }
            while rest.hasPrefix("**/") { rest = rest.dropFirst(3) }
            return rest.isEmpty
                ? [(pattern, System.caseFoldMatch)] : [(String(rest), System.caseFoldMatch), ("*/" + rest, System.caseFoldMatch)]
        }

        /// Whether `pattern`, read as `alternatives(_:)` reads it, matches a C path.
        static func matches(_ pattern: String, _ path: UnsafePointer<CChar>) -> Bool {
            alternatives(pattern).contains { fnmatch($0.pattern, path, $0.flags) == 0 }
        }
        /// The first exclude pattern that leaves out `relative`, by its index in `exclude`.
        ///
        /// A pattern ending in `/` names folders only, as in `.gitignore` (`drafts/`): it is
        /// matched without the slash, against folders alone, and, with no other slash in it,
        /// against a folder's own name at any depth (`sub/drafts` too). A leading `/` or `**/`
        /// is read as `.gitignore` reads it (`alternatives(_:)`).
        func excluding(_ relative: [UInt8], isFolder: Bool) -> Int? {
            guard !exclude.isEmpty else { return nil }
            let name = relative.lastIndex(of: UInt8(ascii: "/")).map { Array(relative[($0 + 1)...]) } ?? relative
            return exclude.indices.first { index in
                var pattern = exclude[index]
                var anyDepth = false
                if pattern.count > 1, pattern.hasSuffix("/") {
                    guard isFolder else { return false }
                    pattern.removeLast()
                    anyDepth = !pattern.contains("/")
                }
                let path = anyDepth ? name : relative
                return Corpus.withCPath(path) { path in Selection.matches(pattern, path) }
            }
        }

        /// Whether `path` ends in `.txt`, `.jsonl` or `.ndjson`, in any case: what
        /// `Corpus.defaultInclude` matches.
        static func hasDefaultExtension(_ path: [UInt8]) -> Bool {
            for suffix in Selection.defaultSuffixes where path.count >= suffix.count {
                var matched = true
                for (byte, wanted) in zip(path[(path.count - suffix.count)...], suffix) {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    if lower != wanted {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            return false
        }

        static let defaultSuffixes: [[UInt8]] = [Array(".txt".utf8), Array(".jsonl".utf8), Array(".ndjson".utf8)]

        /// Whether one of `patterns` matches `path`.
        ///
        /// - Complexity: O(1) for the default patterns (a suffix compared byte-wise, as
        ///   `fnmatch` would with `*.ext`); `fnmatch` per pattern otherwise.
        static func matches(_ patterns: [String], _ path: [UInt8]) -> Bool {
            if patterns == Corpus.defaultInclude { return hasDefaultExtension(path) }
            // Case-insensitive, so `.TXT` files are read too.
            return Corpus.withCPath(path) { path in patterns.contains { Selection.matches($0, path) } }
        }
    }
}
