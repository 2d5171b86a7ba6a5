extension HTMLReport {
    /// The histogram's bins: no recycled text, then tenths of recycled share.
    static let histogramLabels = ["0", "<10", "10–", "20–", "30–", "40–", "50–", "60–", "70–", "80–", "90–"]

    /// The histogram bin of a recycled share: 0 for none, else 1 + its tenth (100% in the last).
    static func histogramBin(_ share: Double) -> Int {
        share <= 0 ? 0 : 1 + min(9, Int(share * 10))
    }

    /// Groups shown in the per-source chart; the rest are counted under it.
    static let maxSources = 20
    /// Days shown one bar each; a longer span is shown by month.
    static let maxDays = 62

    /// The recycled share per document as a histogram (SVG): how many documents have none,
    /// under 10%, 10–20%, … up to 100%.
    ///
    /// - Complexity: O(*n*) in the number of documents.
    func writeHistogram(_ page: inout HTMLBuffer) {
        var counts = [Int](repeating: 0, count: Self.histogramLabels.count)
        for document in report.documents { counts[Self.histogramBin(document.recycledShare)] += 1 }
        let top = max(1, counts.max() ?? 1)
        let (width, height, left, bottom, top_) = (480, 220, 12, 40, 20)
        let plotHeight = height - bottom - top_
        let step = (width - left - 8) / counts.count
        page.raw("<figure class=\"chart\"><figcaption>Documents by recycled share</figcaption>\n")
        page.raw(
            "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Histogram of the recycled share per document\">\n")
        page.raw("<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 8)\" y2=\"\(height - bottom)\"/>\n")
        for (bin, count) in counts.enumerated() {
            let barHeight = count == 0 ? 0 : max(1, plotHeight * count / top)
            let x = left + bin * step + 3
            let range = bin == 0 ? "no recycled text" : "\(bin == 1 ? "over 0" : "\((bin - 1) * 10)")% to \(bin * 10)% recycled"
            page.raw("<g><title>\(count.counted("document", "documents")): \(range)</title>")
            page.raw(
                "<rect class=\"\(bin == 0 ? "bar novel" : "bar")\" x=\"\(x)\" y=\"\(height - bottom - barHeight)\" width=\"\(step - 6)\" height=\"\(barHeight)\"/>"
            )
            if count > 0 {
                page.raw(
                    "<text class=\"value\" x=\"\(x + (step - 6) / 2)\" y=\"\(height - bottom - barHeight - 4)\" text-anchor=\"middle\">\(count.grouped)</text>"
                )
            }
            page.raw("<text class=\"tick\" x=\"\(x + (step - 6) / 2)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">")
            page.text(Self.histogramLabels[bin])
            page.raw("</text></g>\n")
        }
        page.raw(
            "<text class=\"tick\" x=\"\(left + (width - left) / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">recycled share (%)</text>\n"
        )
        page.raw("</svg></figure>\n")
    }

    /// The recycled share per source as horizontal bars (SVG), sources with the most
    /// documents first; nothing when no document has a source.
    ///
    /// - Complexity: O(*n* log *n*) in the number of documents.
    func writeSourceChart(_ page: inout HTMLBuffer) {
        let measures = report.measures(by: .source)
        let keyed = measures.filter { $0.key != nil }.sorted { a, b in
            a.documents != b.documents ? a.documents > b.documents : a.key! < b.key!
        }
        guard !keyed.isEmpty else { return }
        let shown = Array(keyed.prefix(Self.maxSources))
        let (width, row, left, barWidth) = (480, 22, 150, 210)
        let height = row * shown.count + 8
        page.raw("<figure class=\"chart\"><figcaption>Recycled share per source</figcaption>\n")
        page.raw("<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Recycled share per source\">\n")
        for (offset, measure) in shown.enumerated() {
            let y = 4 + offset * row
            let length = Int((Double(barWidth) * measure.recycledShare).rounded())
            page.raw("<g><title>")
            page.name(measure.key!)
            page.raw(": \(measure.recycledShare.percentHTML) recycled, \(measure.documents.counted("document", "documents"))</title>")
            page.raw("<text class=\"tick\" x=\"\(left - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">")
            page.name(measure.key!.shortened(to: 18))
            page.raw("</text>")
            page.raw("<rect class=\"track\" x=\"\(left)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"\(row - 6)\"/>")
            page.raw("<rect class=\"bar\" x=\"\(left)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(row - 6)\"/>")
            page.raw(
                "<text class=\"value\" x=\"\(left + barWidth + 8)\" y=\"\(y + 15)\">\(measure.recycledShare.percentHTML) · \(measure.documents.counted("doc", "docs"))</text></g>\n"
            )
        }
        page.raw("</svg>")
        let others = keyed.count - shown.count
        let missing = measures.first { $0.key == nil }?.documents ?? 0
        if others > 0 || missing > 0 {
            var notes: [String] = []
            if others > 0 {
                notes.append("\(others.counted("smaller source", "smaller sources")) not drawn (see the documents table)")
            }
            if missing > 0 { notes.append("\(missing.counted("document has", "documents have")) no source") }
            page.raw("<p class=\"note\">\(notes.joined(separator: "; ")).</p>")
        }
        page.raw("</figure>\n")
    }

    /// The recycled share per day, or per month over more than `maxDays` days, as vertical
    /// bars (SVG); nothing when no document has a date.
    ///
    /// - Complexity: O(*n* log *n*) in the number of documents.
    func writePeriodChart(_ page: inout HTMLBuffer) {
        var measures = report.measures(by: .day)
        var unit = "day"
        if measures.filter({ $0.key != nil }).count > Self.maxDays {
            measures = report.measures(by: .month)
            unit = "month"
        }
        let keyed = measures.filter { $0.key != nil }
        guard !keyed.isEmpty else { return }
        let (width, height, left, bottom, top) = (480, 220, 40, 44, 14)
        let plotHeight = height - bottom - top
        let step = Double(width - left - 8) / Double(keyed.count)
        let labelEvery = max(1, (keyed.count + 4) / 5)
        page.raw("<figure class=\"chart\"><figcaption>Recycled share per \(unit)</figcaption>\n")
        page.raw("<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Recycled share per \(unit)\">\n")
        page.raw("<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 8)\" y2=\"\(height - bottom)\"/>\n")
        page.raw("<text class=\"tick\" x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">100%</text>\n")
        page.raw("<text class=\"tick\" x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0%</text>\n")
        for (offset, measure) in keyed.enumerated() {
            let x = Double(left) + Double(offset) * step
            let barHeight = Int((Double(plotHeight) * measure.recycledShare).rounded())
            page.raw("<g><title>")
            page.name(measure.key!)
            page.raw(": \(measure.recycledShare.percentHTML) recycled, \(measure.documents.counted("document", "documents"))</title>")
            page.raw(
                "<rect class=\"bar\" x=\"\(Self.coordinate(x + step * 0.1))\" y=\"\(height - bottom - barHeight)\" "
                    + "width=\"\(Self.coordinate(step * 0.8))\" height=\"\(barHeight)\"/>")
            if offset % labelEvery == 0 || offset == keyed.count - 1 && keyed.count <= 5 {
                page.raw(
                    "<text class=\"tick\" x=\"\(Self.coordinate(x + step / 2))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">")
                page.name(measure.key!)
                page.raw("</text>")
            }
            page.raw("</g>\n")
        }
        page.raw("</svg>")
        if let missing = measures.first(where: { $0.key == nil }) {
            page.raw("<p class=\"note\">\(missing.documents.counted("document has", "documents have")) no date.</p>")
        }
        page.raw("</figure>\n")
    }

    /// A coordinate with one decimal.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
