import Foundation

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The phenomena of real text that issue 19 found Refrain getting wrong, planted in a
/// generated corpus with their truth.
extension GeneratedCorpus {
    enum Phenomenon: CaseIterable {
        /// A 12-20-word template sentence, planted once as it is and then with two or three
        /// words inserted, replaced or deleted (never below 80% of the longer copy's words
        /// aligned), on its own or after a novel sentence. Truth: the whole sentence.
        case sentenceEdits
        /// A license-like clause in many documents, and variants naming another company,
        /// each in two or three documents with a word changed elsewhere. Truth: the clause.
        case variantClauses
        /// A template paragraph planted as it is, and hard-wrapped at 60-100 columns.
        /// Truth: the paragraph.
        case wrapped
        /// Short lines ("For example:", "-s, --quiet, --silent"), each in exactly two
        /// unrelated documents: coincidences, never recycled (`decoys`).
        case shortLines
        /// A paragraph of accented and Hangul words planted in NFC, in NFD, with soft
        /// hyphens inside long words, and in NFD with bidi marks after words: what a reader
        /// sees as the same text. Truth: the paragraph.
        case unicodeForms
    }

    /// The base corpus with `phenomena` planted in paragraphs appended to its documents:
    /// the base's truth is unchanged, the planted truth is in `phenomenonTruth`, and the
    /// short lines are in `decoys`.
    init(documents count: Int, templates: Int, seed: UInt64, phenomena: [Phenomenon]) {
        self.init(documents: count, templates: templates, seed: seed)
        var random = SeededGenerator(seed: seed ^ 0x1519_0019)
        var texts = documents.map { String(decoding: $0.bytes, as: UTF8.self) }
        phenomenonTruth = Array(repeating: [], count: count)
        decoys = Array(repeating: [], count: count)
        func word() -> String {
            let common = ["the", "of", "and", "to", "in", "a", "said", "on", "that", "was", "for", "with", "by", "as"]
            if Double.random(in: 0..<1, using: &random) < 0.3 { return common.randomElement(using: &random)! }
            let syllables = ["ma", "ke", "lo", "pu", "ran", "tis", "gor", "el", "sa", "nu", "fi", "bro", "dal", "quen"]
            return (0..<Int.random(in: 2...4, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined()
        }
        func sentence(_ words: [String]) -> String {
            let text = words.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
        /// Appends a paragraph to a document; `planted` is the part that is truth (or a decoy).
        func append(_ document: Int, prefix: String = "", planted: String, as phenomenon: Phenomenon) {
            texts[document] += "\n\n" + prefix
            let start = texts[document].utf8.count
            texts[document] += planted
            let span = ByteRange(start, texts[document].utf8.count)
            if phenomenon == .shortLines {
                decoys[document].append(span)
            } else {
                phenomenonTruth[document].append((span, phenomenon))
            }
        }
        for phenomenon in phenomena {
            switch phenomenon {
            case .sentenceEdits:
                let templates = (0..<8).map { _ in (0..<Int.random(in: 12...20, using: &random)).map { _ in word() } }
                var planted = [Bool](repeating: false, count: templates.count)
                for document in 0..<count where Int.random(in: 0..<10, using: &random) < 3 {
                    let which = Int.random(in: 0..<templates.count, using: &random)
                    var words = templates[which]
                    if planted[which] {
                        // Two or three edits, as many as keep 80% of the longer copy aligned.
                        let edit = Int.random(in: 0..<3, using: &random)
                        let most = edit == 1 ? words.count / 4 : words.count / 5
                        for _ in 0..<min(Int.random(in: 2...3, using: &random), most) {
                            let at = Int.random(in: 1..<(words.count - 1), using: &random)
                            switch edit {
                            case 0: words[at] = word()
                            case 1: words.insert(word(), at: at)
                            default: words.remove(at: at)
                            }
                        }
                    }
                    planted[which] = true
                    let prefix = Bool.random(using: &random) ? sentence((0..<14).map { _ in word() } + ["n\(document)"]) + " " : ""
                    append(document, prefix: prefix, planted: sentence(words), as: .sentenceEdits)
                }
            case .variantClauses:
                let clause = [
                    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software to deal in the",
                    "software without restriction, subject to the following conditions. In no event shall the authors or copyright",
                    "holders be liable for any claim, damages or other liability, whether in an action of contract or otherwise.",
                ].joined(separator: " ")
                for document in stride(from: 3, to: count, by: 9) { append(document, planted: clause, as: .variantClauses) }
                let names = ["Acme Widget Works", "Globex Harbour Systems", "Initech Ferry Lines", "Umbrella Tide Labs"]
                for (offset, name) in names.enumerated() {
                    let variant = clause.replacingOccurrences(of: "the authors or copyright holders", with: name + " or its suppliers")
                    for copy in 0..<(2 + offset % 2) {
                        let document = (offset * 37 + copy * 11 + 5) % count
                        let changed = ["charge", "restriction", "contract"][copy]
                        append(document, planted: variant.replacingOccurrences(of: changed, with: word()), as: .variantClauses)
                    }
                }
            case .wrapped:
                let paragraph = (0..<4).map { _ in sentence((0..<Int.random(in: 12...22, using: &random)).map { _ in word() }) }
                    .joined(separator: " ")
                for (index, document) in stride(from: 7, to: count, by: 13).enumerated() {
                    guard index % 2 == 1 else {
                        append(document, planted: paragraph, as: .wrapped)
                        continue
                    }
                    let width = [60, 72, 80, 100][(index / 2) % 4]
                    var lines: [String] = []
                    var line = ""
                    for word in paragraph.split(separator: " ") {
                        if !line.isEmpty, line.count + 1 + word.count > width {
                            lines.append(line)
                            line = ""
                        }
                        line += (line.isEmpty ? "" : " ") + word
                    }
                    lines.append(line)
                    append(document, planted: lines.joined(separator: "\n"), as: .wrapped)
                }
            case .unicodeForms:
                let syllables = ["mé", "lò", "pü", "ràn", "tís", "gör", "êl", "sã", "nư", "fị", "brọ", "dàl", "quén", "외", "교", "변"]
                let paragraph = (0..<3).map { _ in
                    sentence(
                        (0..<Int.random(in: 14...20, using: &random)).map { _ in
                            (0..<Int.random(in: 2...3, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined()
                        })
                }.joined(separator: " ")
                // Each copy changes its own words, so that copies meet only once normalised.
                for (index, document) in stride(from: 4, to: count, by: 17).enumerated() {
                    let words = paragraph.split(separator: " ").map(String.init)
                    let planted = words.enumerated().map { position, word in
                        guard (position + index) % 3 != 0 else { return word }
                        switch index % 4 {
                        case 1: return word.decomposedStringWithCanonicalMapping
                        case 2: return word.count > 4 ? String(word.prefix(3)) + "\u{AD}" + String(word.dropFirst(3)) : word
                        case 3: return word.decomposedStringWithCanonicalMapping + "\u{200E}"
                        default: return word
                        }
                    }
                    append(document, planted: planted.joined(separator: " "), as: .unicodeForms)
                }
            case .shortLines:
                let lines = ["For example:", "-s, --quiet, --silent", "See also:", "Options:", "-v, --verbose", "Note:"]
                for (offset, line) in lines.enumerated() {
                    for document in [(offset * 29 + 2) % count, (offset * 29 + 2 + count / 2) % count] {
                        append(document, planted: line, as: .shortLines)
                    }
                }
            }
        }
        documents = zip(documents, texts).map { Document(id: $0.id, text: $1) }
    }

    /// Non-space bytes: truth marked, and truth, over the planted spans of `phenomenon`
    /// (for `.shortLines`, over the decoys: marked is what should not be).
    func weights(of phenomenon: Phenomenon, in report: ScanReport) -> (marked: Int, planted: Int) {
        var marked = 0
        var planted = 0
        for (index, document) in report.documents.enumerated() {
            let spans =
                phenomenon == .shortLines ? decoys[index] : phenomenonTruth[index].filter { $0.phenomenon == phenomenon }.map(\.span)
            let weights = overlapWeights(predicted: document.recycled, truth: spans, in: documents[index].bytes)
            marked += weights.both
            planted += weights.truth
        }
        return (marked, planted)
    }

    /// Byte-level precision and recall of the report against all planted truth, the base
    /// corpus's and the phenomena's (marked decoys count against precision).
    func precisionAndRecall(of report: ScanReport) -> (precision: Double, recall: Double) {
        var both = 0
        var predicted = 0
        var truthBytes = 0
        for (index, document) in report.documents.enumerated() {
            let spans = truth[index] + (phenomenonTruth.isEmpty ? [] : phenomenonTruth[index].map(\.span))
            let weights = overlapWeights(predicted: document.recycled, truth: spans, in: documents[index].bytes)
            both += weights.both
            predicted += weights.predicted
            truthBytes += weights.truth
        }
        return (Double(both) / Double(max(predicted, 1)), Double(both) / Double(max(truthBytes, 1)))
    }
}
