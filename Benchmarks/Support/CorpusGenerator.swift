import Foundation
@_spi(Stages) import Refrain

/// SplitMix64: a small, fast, deterministic generator, so every run sees the same text.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates news-like text in-process, the Swift counterpart of `generate_corpus.py`.
///
/// Sentences draw from a vocabulary of pseudo-words (English function words on top) with
/// Zipf-like frequencies, so unrelated paragraphs do not collide on 5-word shingles.
/// `newsCorpus` plants template paragraphs (background paragraphs with Zipf-like
/// popularity, agency tags, footers) with small edits; `oneTemplateCorpus` gives N documents
/// sharing one template paragraph. The same seed always gives the same bytes.
public struct CorpusGenerator {
    static let functionWords = """
        the of and to in a that is was for on with as by at said it from his be have has are \
        an not this but were which he their had its after will been they also who more would \
        over than about two new one year into last government there some during when first \
        officials could while other president minister people may all country percent police
        """.split(separator: " ").map(String.init)
    static let onsets = ["", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p",
                         "pr", "r", "s", "sh", "sk", "st", "t", "tr", "v", "w", "z", "zh"]
    static let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ia", "ea", "y"]
    static let codas = ["", "", "", "n", "r", "s", "l", "m", "k", "t", "nd", "st", "rk", "x"]
    static let months = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

    public var rng: SplitMix64
    let words: [String]
    let cumulative: [Double]
    let names: [String]

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - seed: The seed; the same seed gives the same text.
    ///   - vocabularySize: Distinct words, function words included.
    public init(seed: UInt64 = 1, vocabularySize: Int = 40_000) {
        var rng = SplitMix64(seed: seed)
        var seen = Set(Self.functionWords)
        var generated: [String] = []
        func pseudoWord(_ syllables: Int) -> String {
            var word = ""
            for _ in 0..<syllables {
                word += Self.onsets.randomElement(using: &rng)! + Self.vowels.randomElement(using: &rng)!
                    + Self.codas.randomElement(using: &rng)!
            }
            return word
        }
        while generated.count + Self.functionWords.count < vocabularySize {
            let word = pseudoWord([1, 2, 2, 2, 3, 3, 3, 4].randomElement(using: &rng)!)
            if word.utf8.count >= 2, seen.insert(word).inserted { generated.append(word) }
        }
        generated.sort { $0.utf8.count < $1.utf8.count }  // short words are the frequent ones
        words = Self.functionWords + generated
        var total = 0.0
        cumulative = (0..<words.count).map { rank in
            total += 1 / pow105(Double(rank + 2))
            return total
        }
        var nameList: [String] = []
        while nameList.count < 4_000 {
            let word = pseudoWord([2, 2, 3].randomElement(using: &rng)!)
            if seen.insert(word).inserted { nameList.append(word.prefix(1).uppercased() + word.dropFirst()) }
        }
        names = nameList
        self.rng = rng
    }

    mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    /// A word drawn with Zipf-like frequency.
    public mutating func word() -> String {
        let target = uniform() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return words[low]
    }

    /// A name, drawn with a skew toward the first ones.
    public mutating func name() -> String {
        names[Int(Double(names.count) * uniform() * uniform())]
    }

    /// One sentence of 9-28 words with names, numbers and abbreviations.
    public mutating func sentence() -> String {
        let count = int(9...28)
        var parts: [String] = []
        parts.reserveCapacity(count + 2)
        for _ in 0..<count { parts.append(uniform() < 0.08 ? name() : word()) }
        let roll = uniform()
        if roll < 0.15 {
            parts.insert("\(int(2...99)).\(int(0...9)) percent", at: int(0...(count - 1)))
        } else if roll < 0.27 {
            parts.insert("\(Self.months.randomElement(using: &rng)!) \(int(1...28))", at: int(0...(count - 1)))
        } else if roll < 0.35 {
            parts.insert("Mr. \(name())", at: int(0...(count - 1)))
        }
        if count > 12, uniform() < 0.5 { parts[int(3...(count - 4))] += "," }
        var text = parts.joined(separator: " ")
        text = text.prefix(1).uppercased() + text.dropFirst()
        return text + (uniform() < 0.93 ? "." : "?")
    }

    /// A paragraph of `sentences` sentences (1-5 when nil).
    public mutating func paragraph(sentences: Int? = nil) -> String {
        let count = sentences ?? [1, 2, 2, 3, 3, 3, 4, 4, 5].randomElement(using: &rng)!
        return (0..<count).map { _ in sentence() }.joined(separator: " ")
    }

    /// A copy of a template paragraph with the edits real copies get.
    mutating func edited(_ template: String) -> String {
        let roll = uniform()
        if roll < 0.55 { return template }
        var words = template.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if roll < 0.75 {
            words[int(0...(words.count - 1))] = word()  // a word changed
            return words.joined(separator: " ")
        }
        if roll < 0.90 { return template + " " + sentence() }  // a sentence added
        if words.count > 12 { words.removeLast(min(8, words.count / 4)) }  // a tail cut
        return words.joined(separator: " ")
    }

    /// Text of unique paragraphs separated by blank lines, at least `bytes` UTF-8 bytes long.
    public mutating func text(bytes: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes + 4_096)
        while result.count < bytes {
            if !result.isEmpty { result.append(contentsOf: "\n\n".utf8) }
            result.append(contentsOf: paragraph().utf8)
        }
        return result
    }

    /// A news corpus of about `bytes` bytes of text: 8-20 paragraphs per article, with
    /// background paragraphs (Zipf-like popularity), agency tags, footers and recycled sentences.
    public mutating func newsCorpus(bytes: Int) -> [Document] {
        let outlets = (0..<12).map { "\(names[$0 * 5 + 2]) News" }
        let backgrounds = (0..<400).map { _ in paragraph(sentences: int(2...5)) }
        let stock = (0..<200).map { _ in sentence() }
        func zipfIndex(_ count: Int) -> Int {
            // P(rank) roughly proportional to 1 / rank.
            let u = uniform()
            return min(count - 1, Int(pow2(u * log2(Double(count + 1)))) - 1)
        }
        var documents: [Document] = []
        var total = 0
        while total < bytes {
            let outlet = outlets[zipfIndex(outlets.count)]
            var paragraphs = (0..<int(8...20)).map { _ in paragraph() }
            for _ in 0..<[0, 1, 1, 1, 2, 2, 3].randomElement(using: &rng)! {
                paragraphs.insert(edited(backgrounds[zipfIndex(backgrounds.count)]), at: int(1...paragraphs.count))
            }
            if uniform() < 0.35 {
                let index = int(0...(paragraphs.count - 1))
                paragraphs[index] = stock[zipfIndex(stock.count)] + " " + paragraphs[index]
            }
            if uniform() < 0.6 {
                paragraphs[0] = "\(name().uppercased()), \(Self.months.randomElement(using: &rng)!) \(int(1...28)) (\(outlet)) \u{2014} " + paragraphs[0]
            }
            if uniform() < 0.8 {
                paragraphs.append("Follow us on Twitter @\(outlet.replacingSpaces())")
                paragraphs.append("Copyright 2020 \(outlet). All rights reserved. This material may not be published, broadcast, rewritten or redistributed.")
            }
            let text = paragraphs.joined(separator: "\n\n")
            total += text.utf8.count
            documents.append(Document(id: "doc-\(documents.count)", text: text, source: outlet, date: "2020-10-30"))
        }
        return documents
    }

    /// `count` documents that all share one template paragraph verbatim, each with
    /// `uniqueParagraphs` paragraphs of its own.
    public mutating func oneTemplateCorpus(documents count: Int, uniqueParagraphs: Int = 2) -> [Document] {
        let template = paragraph(sentences: 4)
        return (0..<count).map { index in
            var paragraphs = (0..<uniqueParagraphs).map { _ in paragraph(sentences: 2) }
            paragraphs.insert(template, at: int(0...paragraphs.count))
            return Document(id: "doc-\(index)", text: paragraphs.joined(separator: "\n\n"), source: "Template Wire")
        }
    }
}

extension String {
    func replacingSpaces() -> String { String(filter { $0 != " " }) }
}

func pow105(_ x: Double) -> Double { pow(x, 1.05) }
func pow2(_ x: Double) -> Double { pow(2, x) }

/// The total UTF-8 bytes of documents.
public func totalBytes(_ documents: [Document]) -> Int { documents.reduce(0) { $0 + $1.bytes.count } }

/// A document's paragraphs as byte ranges, split on blank lines like the engine does.
public func paragraphRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    bytes.withUnsafeBufferPointer { buffer in
        var ranges: [Range<Int>] = []
        Segmenter.forEachParagraph(in: buffer) { ranges.append($0.range) }
        return ranges
    }
}
