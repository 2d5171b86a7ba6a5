extension DocumentDiff {
    /// The diff as terminal text: a margin with each paragraph's number and label, template
    /// text set apart (dimmed, or marked `=` in partial paragraphs), new reporting marked
    /// `+` in partial paragraphs, word changes from the family's representative (or, in the
    /// document that holds it, from the copy named), and under recycled text its family and
    /// how many documents share it, then the other documents that carry it, earliest first.
    ///
    /// - Parameters:
    ///   - width: Line width; text wraps at white space.
    ///   - styler: Colours, or plain markers.
    ///   - maxCarriers: Other documents named per family, the rest counted ("and 3 more");
    ///     `nil` names them all.
    public func render(width: Int = 100, styler: TextStyler = PlainStyler(), maxCarriers: Int? = 5) -> String {
        var text = ""
        render(width: width, styler: styler, maxCarriers: maxCarriers) { text += $0 }
        return String(text.dropLast())
    }

    /// The diff as terminal text (`render(width:styler:maxCarriers:)`), each line ended by a
    /// line feed, handed to `write` a few paragraphs at a time: the diff of a document of
    /// hundreds of megabytes is never held whole as text.
    ///
    /// - Parameter write: Receives the text in order.
    /// - Complexity: O(text written), with at most about 64 KB of it held at once.
    public func render(
        width: Int = 100, styler: TextStyler = PlainStyler(), maxCarriers: Int? = 5, into write: (String) throws -> Void
    ) rethrows {
        // The number's column fits the last paragraph's number (3 digits at least).
        let digits = max(3, String(paragraphs.count).count)
        let margin = digits + 11
        let textWidth = max(20, width - margin)
        var out: [String] = []
        // The bytes of `out`, about: the text goes to `write` once they pass 64 KB.
        var pending = 0
        let recycledParagraphs = paragraphs.filter { $0.label == .template || $0.label == .partial }.count
        let facts =
            " · \(paragraphs.count.counted("paragraph", "paragraphs")) · "
            + "\(recycledParagraphs.grouped) with recycled text · \(document.recycledShare.percent) recycled · "
            + "against \(corpusDocuments.counted("document", "documents"))"
        out += Wrapper.wrap(Wrapper.words([(document.id.terminalSafeName, .header), (facts, .plain)]), width: width, styler: styler)
        out.append("")
        for paragraph in paragraphs {
            let number = String(paragraph.index + 1).leftPadded(digits)
            let head = "\(number) " + styler.apply(.label(paragraph.label), to: paragraph.label.rawValue.padded(9)) + " "
            let blank = String(repeating: " ", count: margin)
            var lines: [String] = []
            // A template paragraph with new text in it is shown piece by piece too: without
            // colour, nothing else tells its new sentence from the template's.
            // So is one whose recycled pieces stand for different families (or none): its notes
            // would otherwise all seem to be about the whole paragraph.
            let mixed = paragraph.pieces.contains { $0.isRecycled } && paragraph.pieces.contains { !$0.isRecycled }
            let families = Set(paragraph.pieces.filter(\.isRecycled).map { $0.family ?? -1 })
            if paragraph.label == .partial || mixed || families.count > 1 {
                for piece in paragraph.pieces {
                    let marker = piece.isRecycled ? "= " : "+ "
                    let body = Wrapper.wrap(Wrapper.words(runs(of: piece, styler: styler)), width: textWidth - 2, styler: styler)
                    for (offset, line) in body.enumerated() {
                        lines.append((offset == 0 ? styler.apply(piece.isRecycled ? .recycled : .novel, to: marker) : "  ") + line)
                    }
                    if piece.isRecycled, let note = note(for: piece) {
                        lines += Wrapper.wrap(Wrapper.words([(note, .note)]), width: textWidth - 2, styler: styler).map { "  " + $0 }
                        if let carried = carrierNote(for: piece, limit: maxCarriers) {
                            lines += Wrapper.wrap(Wrapper.words([(carried, .note)]), width: textWidth - 2, styler: styler).map {
                                "  " + $0
                            }
                        }
                    }
                }
            } else {
                for piece in paragraph.pieces {
                    lines += Wrapper.wrap(Wrapper.words(runs(of: piece, styler: styler)), width: textWidth, styler: styler)
                }
                var seen = Set<Int>()
                for piece in paragraph.pieces where piece.isRecycled {
                    guard let family = piece.family, seen.insert(family).inserted, let note = note(for: piece) else { continue }
                    lines += Wrapper.wrap(Wrapper.words([(note, .note)]), width: textWidth, styler: styler)
                    if let carried = carrierNote(for: piece, limit: maxCarriers) {
                        lines += Wrapper.wrap(Wrapper.words([(carried, .note)]), width: textWidth, styler: styler)
                    }
                }
            }
            if lines.isEmpty { lines = [""] }
            for (offset, line) in lines.enumerated() {
                out.append((offset == 0 ? head : blank) + line)
                pending += margin + line.utf8.count + 1
            }
            out.append("")
            if pending > 1 << 16 {
                try write(out.joined(separator: "\n") + "\n")
                out.removeAll(keepingCapacity: true)
                pending = 0
            }
        }
        if !out.isEmpty { try write(out.joined(separator: "\n") + "\n") }
    }

    func runs(of piece: Piece, styler: TextStyler) -> [(text: String, style: TextStyle)] {
        piece.diff.styledRuns(same: piece.isRecycled ? .recycled : .novel, markers: styler.usesMarkers)
    }

    func note(for piece: Piece) -> String? {
        guard let family = piece.family, let documents = piece.documents else {
            // Recycled by runs of words shared with other documents, outside any family copy here.
            return piece.isRecycled ? "↳ recycled: its words recur in other documents, and no reported family holds this copy" : nil
        }
        let changes = piece.diff.changedWords
        // A document holding the representative is compared with another copy: name it.
        let base =
            piece.comparedWith.map { "the copy in \($0.terminalSafeName.shortened(to: Self.listedIDColumns))" } ?? "the representative"
        let difference: String
        if changes.added == 0 && changes.removed == 0 {
            difference = "same words as \(base)"
        } else {
            var parts: [String] = []
            if changes.removed > 0 { parts.append(changes.removed.counted("word", "words") + " fewer") }
            if changes.added > 0 { parts.append(changes.added.counted("word", "words") + " more") }
            difference = parts.joined(separator: ", ") + " than \(base)"
        }
        let whole = piece.diff.wholeParts > 0 ? "; parts too different to compare word by word, shown whole" : ""
        return "↳ family #\(family), in \(documents.counted("document", "documents")); \(difference)\(whole)"
    }

    /// The columns an id (or its source and date) takes where other documents are listed;
    /// the article's own id, in the header, is shown whole.
    static let listedIDColumns = 80

    /// "also in A (Source, 2020-10-30) · B · and 3 more": the other documents that carry the
    /// piece's family, earliest first, or `nil` when it has none. Names are set apart by
    /// " · " rather than commas, so a name that fills a line is not pushed past it by one.
    ///
    /// - Parameters:
    ///   - piece: A recycled piece.
    ///   - limit: Documents named; the rest are counted. `nil` names them all.
    func carrierNote(for piece: Piece, limit: Int?) -> String? {
        guard !piece.carriers.isEmpty else { return nil }
        let shown = piece.carriers.prefix(limit ?? piece.carriers.count)
        var names = shown.map { carrier in
            let facts = [carrier.source, carrier.date].compactMap { $0?.terminalSafeName }.filter { !$0.isEmpty }
            // Shortened as scan shortens ids: a 5,000-character id would fill a screen per mention.
            return carrier.id.terminalSafeName.shortened(to: Self.listedIDColumns)
                + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ").shortened(to: Self.listedIDColumns)))")
        }
        let rest = piece.carriers.count - shown.count
        if rest > 0 { names.append("and \(rest.grouped) more (--all lists them)") }
        return "also in " + names.joined(separator: " · ")
    }
}
