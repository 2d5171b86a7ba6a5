import Foundation

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// A corpus of unique generated articles with planted template paragraphs and the truth of where they are.
///
/// Templates are planted copied exactly, with one to three words changed, truncated,
/// extended by a novel sentence, reduced to some of their sentences, and with typographic
/// changes (curly quotes, en dashes, double spaces). The truth is the planted template
/// text: the whole planted paragraph, except an added novel sentence.
struct GeneratedCorpus {
    enum Edit: CaseIterable { case exact, wordsChanged, truncated, extended, reduced, typographic }

    var documents: [Document] = []
    /// Per document, the spans of planted template text.
    var truth: [[ByteRange]] = []
    /// Per document, the edit of each truth span.
    var edits: [[Edit]] = []
    /// How many plants of each edit.
    var plants: [Edit: Int] = [:]
    /// Per document, the spans planted by `Phenomenon`s (`GeneratedCorpus+Phenomena`).
    var phenomenonTruth: [[(span: ByteRange, phenomenon: Phenomenon)]] = []
    /// Per document, planted spans that are not recycled text.
    var decoys: [[ByteRange]] = []

    init(documents count: Int, templates templateCount: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        // A vocabulary of pseudo-words, drawn with a Zipf-like skew as real words are.
        let syllables = [
            "ba", "ko", "ri", "tan", "mel", "su", "de", "vor", "li", "na", "zu", "pe", "gra", "shi", "om", "et", "ul", "kra", "vi", "do",
        ]
        var vocabulary: [String] = []
        while vocabulary.count < 6000 {
            let word = (0..<Int.random(in: 1...4, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined()
            vocabulary.append(word)
        }
        let common = ["the", "of", "and", "to", "in", "a", "said", "on", "that", "was", "for", "with", "by", "as"]
        func word() -> String {
            if Double.random(in: 0..<1, using: &random) < 0.3 { return common.randomElement(using: &random)! }
            let rank = Int(pow(Double.random(in: 0..<1, using: &random), 2.0) * Double(vocabulary.count))
            return vocabulary[rank]
        }
        func sentence(_ range: ClosedRange<Int> = 10...24) -> String {
            var words = (0..<Int.random(in: range, using: &random)).map { _ in word() }
            words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
            if Int.random(in: 0..<5, using: &random) == 0 {
                let at = Int.random(in: 1..<words.count, using: &random)
                words[at] = "\"" + words[at]
                words[words.count - 1] += "\","
                words.append("officials said")
            }
            return words.joined(separator: " ") + "."
        }
        func paragraph(_ sentences: ClosedRange<Int>) -> [String] {
            (0..<Int.random(in: sentences, using: &random)).map { _ in sentence() }
        }

        let templates = (0..<templateCount).map { _ in paragraph(3...5) }
        for index in 0..<count {
            var text = ""
            var spans: [ByteRange] = []
            var spanEdits: [Edit] = []
            func append(_ paragraph: String, planted: Range<String.Index>? = nil) {
                if !text.isEmpty { text += "\n\n" }
                let base = text.utf8.count
                if let planted {
                    let start = base + paragraph.utf8.distance(from: paragraph.startIndex, to: planted.lowerBound)
                    let end = base + paragraph.utf8.distance(from: paragraph.startIndex, to: planted.upperBound)
                    spans.append(ByteRange(start, end))
                }
                text += paragraph
            }
            let novel = (0..<Int.random(in: 5...10, using: &random)).map { _ in paragraph(1...5).joined(separator: " ") }
            var plan: [(position: Int, template: Int)] = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                (Int.random(in: 0...novel.count, using: &random), Int.random(in: 0..<templateCount, using: &random))
            }
            plan.sort { $0.position < $1.position }
            var next = 0
            for (position, paragraphText) in Array(novel.enumerated().map { ($0.offset, $0.element) }) + [(novel.count, "")] {
                while next < plan.count, plan[next].position == position {
                    let edit = Edit.allCases.randomElement(using: &random)!
                    plants[edit, default: 0] += 1
                    var sentences = templates[plan[next].template]
                    var planted: String
                    var extra = ""
                    switch edit {
                    case .exact:
                        planted = sentences.joined(separator: " ")
                    case .wordsChanged:
                        var words = sentences.joined(separator: " ").split(separator: " ").map(String.init)
                        for _ in 0..<Int.random(in: 1...3, using: &random) {
                            let at = Int.random(in: 1..<(words.count - 1), using: &random)
                            words[at] = word()
                        }
                        planted = words.joined(separator: " ")
                    case .truncated:
                        let words = sentences.joined(separator: " ").split(separator: " ")
                        let keep = Int(Double(words.count) * Double.random(in: 0.6...0.9, using: &random))
                        planted = words.prefix(keep).joined(separator: " ") + "…"
                    case .extended:
                        planted = sentences.joined(separator: " ")
                        extra = " " + sentence()
                    case .reduced:
                        let drop = Int.random(in: 0..<sentences.count, using: &random)
                        sentences.remove(at: drop)
                        planted = sentences.joined(separator: " ")
                    case .typographic:
                        planted = sentences.joined(separator: "  ")
                        var opening = true
                        planted = String(
                            planted.map { character -> Character in
                                guard character == "\"" else { return character }
                                defer { opening.toggle() }
                                return opening ? "“" : "”"
                            })
                        planted = planted.replacingOccurrences(of: " said", with: "  said")
                    }
                    let whole = planted + extra
                    let range = whole.startIndex..<whole.index(whole.startIndex, offsetBy: planted.count)
                    append(whole, planted: range)
                    spanEdits.append(edit)
                    next += 1
                }
                if !paragraphText.isEmpty { append(paragraphText) }
            }
            documents.append(Document(id: String(format: "doc%04d.txt", index), text: text))
            truth.append(spans)
            edits.append(spanEdits)
        }
    }
}
