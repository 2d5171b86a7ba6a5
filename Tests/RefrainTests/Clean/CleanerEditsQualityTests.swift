import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `clean --keep-edits` measured on the generated corpus's edited single sentences (issue 19's
/// phenomenon: two or three words inserted, replaced or deleted in a template sentence): the
/// words an edited copy alone has are kept, the words it shares with other documents still go.
@Suite struct CleanerEditsQualityTests {
    /// The ASCII words of a text with their byte ranges, lowercased.
    static func words(_ bytes: [UInt8], in span: ByteRange) -> [(word: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var start: Int?
        for index in span.start...span.end {
            let isWord = index < span.end && ByteClass.isASCIIWordByte(bytes[index])
            if isWord, start == nil { start = index }
            if !isWord, let first = start {
                result.append((String(decoding: bytes[first..<index], as: UTF8.self).lowercased(), first..<index))
                start = nil
            }
        }
        return result
    }

    /// Of the planted edited sentences' words: those no other document has, and those it
    /// shares, each with how many stay after cleaning.
    static func kept(keepEdits: Bool, corpus: GeneratedCorpus, report: ScanReport) -> (own: Int, ownKept: Int, shared: Int, sharedKept: Int)
    {
        var documentsOf: [String: Set<Int>] = [:]
        for (index, document) in corpus.documents.enumerated() {
            for (word, _) in words(document.bytes, in: ByteRange(0, document.bytes.count)) { documentsOf[word, default: []].insert(index) }
        }
        let cleaned = Cleaner.clean(report, documents: corpus.documents, keepEdits: keepEdits)
        var counts = (own: 0, ownKept: 0, shared: 0, sharedKept: 0)
        for (index, planted) in corpus.phenomenonTruth.enumerated() {
            let removed = cleaned[index].removed.filter { !$0.isWhitespace }.map(\.span)
            for (span, phenomenon) in planted where phenomenon == .sentenceEdits {
                for (word, range) in words(corpus.documents[index].bytes, in: span) {
                    let stays = !removed.contains { $0.start < range.upperBound && range.lowerBound < $0.end }
                    if documentsOf[word]!.count == 1 {
                        counts.own += 1
                        counts.ownKept += stays ? 1 : 0
                    } else {
                        counts.shared += 1
                        counts.sharedKept += stays ? 1 : 0
                    }
                }
            }
        }
        return counts
    }

    @Test func editedCopiesKeepTheirOwnWordsAndLoseTheShared() {
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2026, phenomena: [.sentenceEdits])
        let report = Pipeline().scan(corpus.documents)
        let plain = Self.kept(keepEdits: false, corpus: corpus, report: report)
        let edits = Self.kept(keepEdits: true, corpus: corpus, report: report)
        print(
            "keep-edits: own words kept \(plain.ownKept)/\(plain.own) without, \(edits.ownKept)/\(edits.own) with; shared words kept \(plain.sharedKept)/\(plain.shared) without, \(edits.sharedKept)/\(edits.shared) with"
        )
        #expect(edits.own >= 20)
        #expect(Double(edits.ownKept) >= 0.95 * Double(edits.own))
        // An edit's inserted or replacing word is at times a common one ("the", "said"),
        // which other documents have too: kept rightly, but counted here as shared.
        #expect(Double(edits.sharedKept) <= 0.05 * Double(edits.shared))
        #expect(plain.ownKept < edits.ownKept)
    }

    /// The manifest says why text went: a removed span that is not white space names a family,
    /// also when its words were recycled without being a family's copy themselves (an edited
    /// short sentence, from the generated news of `Benchmarks/generate_corpus.py`).
    @Test func everyRemovedSpanOfTextNamesAFamily() throws {
        let template = "Jytlast stist zul have skeark sin sor Veldrik em 90 find vur they so and to Gonai nifoustynd of?"
        let documents = [
            Document(
                id: "a",
                text: "A storm closed schools across the valley on Tuesday morning.\n\n"
                    + "That with of lymyrk ti 8,996 wyrturou the zhu fourkbixhea cyrmajyr fy. Are ban of weaxbynyx eia fesa that at to cansher. "
                    + "\(template)\n\nReaders wrote in about the weather.\n"),
            Document(
                id: "b",
                text: "Markets opened higher on Monday in the capital.\n\n"
                    + "That with of lymyrk ti 8,996 kerwum the zhu fourkbixhea cyrmajyr fy. \(template)\n\nFollow us for more news.\n"),
        ]
        let report = Pipeline().scan(documents)
        let removed = Cleaner.clean(report, documents: documents).flatMap(\.removed).filter { !$0.isWhitespace }
        let edited = try #require(removed.first { String(decoding: $0.bytes, as: UTF8.self).contains("wyrturou") })
        #expect(!edited.families.isEmpty)
        #expect(removed.allSatisfy { !$0.families.isEmpty })
    }
}
