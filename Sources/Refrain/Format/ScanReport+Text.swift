extension ScanReport {
    /// A readable summary: corpus totals, recycled share per document, the largest families.
    ///
    /// - Parameters:
    ///   - width: The line width: family texts are shortened to it, and longer lines are
    ///     broken at spaces with the rest indented.
    ///   - maxDocuments: Documents listed, most recycled first; the rest are counted.
    ///   - maxFamilies: Families listed, largest first.
    ///   - grouping: Also list the recycled share per source (the `maxSources` with most
    ///     documents), day or month.
    ///   - sources: Adds a section on own boilerplate and shared text per source, and each
    ///     listed family's first publisher and copies per source.
    ///   - maxSources: Sources listed in that section and per source; `nil` lists all.
    ///   - duplicates: Adds a section naming each exact-duplicate document and its original
    ///     (up to `maxDocuments`).
    /// - Returns: Plain text, one line per item.
    public func summaryText(
        width: Int = 100, maxDocuments: Int = 20, maxFamilies: Int = 10, grouping: Grouping? = nil,
        sources: SourceAnalysis? = nil, maxSources: Int? = 10, duplicates: DuplicateDocuments? = nil
    ) -> String {
        var lines: [String] = []
        lines.append(
            "\(documents.count.counted("document", "documents")) · \(paragraphCount.counted("paragraph", "paragraphs")) · "
                + "\(bytes.counted("byte", "bytes")) · \(recycledShare.percent) recycled · \(families.count.counted("family", "families"))")
        lines.append(
            "shingle \(configuration.shingle) · threshold \(String(format4: configuration.threshold)) · "
                + "\(configuration.permutations.counted("permutation", "permutations")) "
                + "(\(parameters.bands.counted("band", "bands")) × \(parameters.rows.counted("row", "rows"))) · "
                + "min \(configuration.minDocuments.counted("document", "documents"))")
        guard !documents.isEmpty else { return fitted(lines, width: width) }

        lines.append("")
        lines.append("Recycled share per document, most recycled first")
        let ranked = documents.sorted { a, b in
            a.recycledShare != b.recycledShare ? a.recycledShare > b.recycledShare : a.index < b.index
        }
        let idWidth = min(40, ranked.prefix(maxDocuments).map(\.id.terminalSafeName.columns).max() ?? 0)
        for document in ranked.prefix(maxDocuments) {
            let counts = Dictionary(grouping: document.paragraphs, by: \.label).mapValues(\.count)
            let labels = Label.allCases.compactMap { label in counts[label].map { "\($0.grouped) \(label.rawValue)" } }
            lines.append(
                "  \(document.recycledShare.percent.leftPadded(6))  \(bar(document.recycledShare))  "
                    + "\(document.id.terminalSafeName.shortened(to: 40).padded(idWidth))  \(labels.joined(separator: " · "))")
        }
        if ranked.count > maxDocuments {
            lines.append(
                "  … and \((ranked.count - maxDocuments).counted("more document", "more documents")) (--all or --format json lists all)")
        }

        if let grouping {
            lines.append("")
            lines.append("Recycled share per \(grouping.rawValue)")
            var measures = measures(by: grouping)
            // Sources, like the sources section, are cut to the most documents; a timeline
            // of days or months is listed whole.
            let cut = grouping == .source ? max(0, measures.count - (maxSources ?? measures.count)) : 0
            if cut > 0 {
                let kept = Set(Self.mostDocumentsFirst(measures.map(\.documents)).prefix(measures.count - cut))
                measures = measures.indices.filter(kept.contains).map { measures[$0] }
            }
            let keyWidth = min(
                40, measures.map { ($0.key?.terminalSafeName ?? "(no \(grouping == .source ? "source" : "date"))").columns }.max() ?? 0)
            for measure in measures {
                let key = measure.key?.terminalSafeName ?? "(no \(grouping == .source ? "source" : "date"))"
                lines.append(
                    "  \(measure.recycledShare.percent.leftPadded(6))  \(bar(measure.recycledShare))  "
                        + "\(key.shortened(to: 40).padded(keyWidth))  \(measure.documents.counted("document", "documents")), \(measure.bytes.counted("byte", "bytes"))"
                )
            }
            if cut > 0 {
                lines.append(
                    "  … and \(cut.counted("more source", "more sources")) (--all, or --format csv --table groups, lists all)")
            }
        }

        if let sources {
            lines.append("")
            lines += sourceLines(sources, maxSources: maxSources, width: width)
        }
        if let duplicates, duplicates.count > 0 {
            lines.append("")
            lines += duplicateLines(duplicates, maxDocuments: maxDocuments)
        }

        lines.append("")
        if families.isEmpty {
            lines.append("No text recurs in \(configuration.minDocuments.grouped) or more documents.")
        } else {
            lines.append("Largest families")
            let idWidth = families.prefix(maxFamilies).map { String($0.id).count }.max() ?? 0
            for (index, family) in families.prefix(maxFamilies).enumerated() {
                let head =
                    "  #\(String(family.id).padded(idWidth)) \(family.documents.grouped.leftPadded(4)) \(family.documents == 1 ? "doc " : "docs")  "
                let text = family.text.collapsingWhiteSpace.terminalSafe.shortened(to: max(20, width - head.count))
                lines.append(head + text)
                if let spread = sources?.spreads[index] {
                    lines.append(String(repeating: " ", count: head.count) + spreadLine(spread))
                }
            }
            if families.count > maxFamilies {
                lines.append(
                    "  … and \((families.count - maxFamilies).counted("more family", "more families")) (--all or refrain families lists all)"
                )
            }
        }
        return fitted(lines, width: width)
    }

    /// Indices of `documents` (counts per source), most first, then in their order: the
    /// order in which the summary lists sources and cuts them to `--top`.
    static func mostDocumentsFirst(_ documents: [Int]) -> [Int] {
        documents.indices.sorted { a, b in documents[a] != documents[b] ? documents[a] > documents[b] : a < b }
    }

    /// The lines joined, each broken to `width` with its continuation indented past its
    /// own leading spaces.
    func fitted(_ lines: [String], width: Int) -> String {
        lines.flatMap { line in
            // Indented at most a third of the line: past a family's 29-column margin, a
            // source's name no longer fit a 40-column line.
            Wrapper.fit(line, width: width, indent: min(line.prefix { $0 == " " }.count + 4, width / 3))
        }.joined(separator: "\n") + "\n"
    }

    func bar(_ share: Double, width: Int = 10) -> String {
        let filled = Int((share * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}

extension Double {
    /// "31.2%"; a share short of all reads 99.9% at most, so that a document with a novel
    /// paragraph never reads as its fully recycled twin, and one above none but under
    /// 0.05% reads "<0.1%", neither none nor more than it is.
    @_spi(CommandLine) public var percent: String {
        var tenths = Int((self * 1000).rounded())
        if self < 1 { tenths = min(tenths, 999) }
        if self > 0, tenths == 0 { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension Int {
    /// The number with a comma between groups of three digits: "13,704".
    @_spi(CommandLine) public var grouped: String {
        let digits = String(abs(self))
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (self < 0 ? "-" : "") + result
    }

    /// The number, grouped, with the singular or plural noun: "1 document", "8,376 families".
    ///
    /// - Parameters:
    ///   - singular: The noun for exactly one.
    ///   - plural: The noun for any other count.
    /// - Returns: The count and the noun.
    @_spi(CommandLine) public func counted(_ singular: String, _ plural: String) -> String {
        "\(grouped) \(self == 1 ? singular : plural)"
    }
}

extension String {
    /// The string cut to `limit` terminal columns with an ellipsis.
    @_spi(CommandLine) public func shortened(to limit: Int) -> String {
        // No character takes more columns than its UTF-8 bytes.
        if utf8.count <= limit { return self }
        var used = 0
        var cut: Index?  // where the part that leaves room for the ellipsis ends
        for index in indices {
            used += self[index].columns
            if cut == nil, used > limit - 1 { cut = index }
            // Measured only as far as it takes to know the string is too long.
            if used > limit { return String(self[..<Self.outsideReference(cut!, in: self)]) + "…" }
        }
        return self
    }

    /// `cut`, or the start of the character reference it falls inside ("na&iuml;ve" is cut
    /// before "&", not as "na&i…"): a cut there would show neither the reference nor its character.
    static func outsideReference(_ cut: String.Index, in text: String) -> String.Index {
        guard let ampersand = text[..<cut].suffix(10).lastIndex(of: "&") else { return cut }
        let bytes = Array(text[ampersand...].utf8.prefix(12))
        let inside = text.utf8.distance(from: ampersand, to: cut)
        let reference = bytes.withUnsafeBufferPointer { CharacterReference.decode($0, at: 0, end: $0.count) }
        return reference.map { $0.length > inside } == true ? ampersand : cut
    }

    /// The string cut in its middle to `limit` columns, with "…" where it was cut: for a
    /// name in a list, whose end (a date, a number) tells it from its neighbours.
    ///
    /// - Complexity: O(*n*).
    @_spi(CommandLine) public func shortenedInMiddle(to limit: Int) -> String {
        guard utf8.count > limit, columns > limit else { return self }
        let tailRoom = (limit - 1) / 2
        var tailColumns = 0
        var tailStart = endIndex
        while tailStart > startIndex {
            let before = index(before: tailStart)
            let width = self[before].columns
            if tailColumns + width > tailRoom { break }
            tailColumns += width
            tailStart = before
        }
        let head = String(self[..<tailStart]).shortened(to: limit - tailColumns)
        return head + self[tailStart...]
    }

    /// Runs of white space (line breaks included) as single spaces, trimmed.
    @_spi(CommandLine) public var collapsingWhiteSpace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func padded(_ width: Int) -> String {
        let columns = columns
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
    func leftPadded(_ width: Int) -> String {
        let columns = columns
        return columns >= width ? self : String(repeating: " ", count: width - columns) + self
    }
}

extension ScanStatistics {
    /// What the scan did, as a few readable lines (for `REFRAIN_STATISTICS=1`): counts
    /// grouped, seconds to four decimals.
    public var readableLines: [String] {
        func seconds(_ value: Double) -> String { String(format4: value) + " s" }
        return [
            "segments: \(segments.grouped) filed, \(exactDuplicates.grouped) exact duplicates of earlier ones; "
                + "\(shingles.counted("shingle", "shingles")) kept",
            "LSH: \(indexEntries.counted("index entry", "index entries")), "
                + "\(candidates.counted("candidate pair", "candidate pairs")), \(verified.grouped) verified",
            "short segments: \(shortSegments.grouped) filed by word pairs, "
                + "\(shortCandidates.counted("candidate pair", "candidate pairs")), \(shortAligned.grouped) verified by their words, "
                + "\(wordReads.grouped) word reads",
            "time: sketch \(seconds(sketchSeconds)) (of which filing \(seconds(indexSeconds))), index \(seconds(candidateSeconds)), "
                + "verify \(seconds(matchSeconds)), cluster \(seconds(clusterSeconds)), label \(seconds(labelSeconds)), "
                + "report \(seconds(reportSeconds))",
        ] + (memory.isEmpty ? [] : ["memory: " + memory.map { Self.memoryEntry($0) }.joined(separator: ", ")])
    }

    /// "sketch 1,234 MB (peak 1,300 MB)": a stage's resident memory, in megabytes of 10⁶ bytes.
    @_spi(CommandLine) public static func memoryEntry(_ sample: MemorySample) -> String {
        "\(sample.stage) \((sample.current / 1_000_000).grouped) MB (peak \((sample.peak / 1_000_000).grouped) MB)"
    }
}
