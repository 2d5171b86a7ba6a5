import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// A short exact segment (fewer words than a shingle) is recycled only with evidence: a
/// whole line in three or more documents, or in two that share a verified longer match,
/// or next to a verified longer match in its paragraph; copies in one document count once.
@Suite struct ShortEvidenceTests {
    /// A paragraph of made-up words no other call makes (a different seed each).
    static func novel(_ seed: UInt64, words: Int = 40) -> String {
        var generator = SeededGenerator(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let text = (0..<words).map { _ in
            String((0..<Int.random(in: 3...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
        }
        return text.joined(separator: " ").capitalizedFirst + "."
    }

    /// The recycled text of a document, as strings.
    func recycled(_ report: ScanReport, _ documents: [Document], _ index: Int) -> [String] {
        report.documents[index].recycled.map { documents[index].text(of: $0) }
    }

    @Test func aLineRepeatedInOneDocumentAndOnceInAnotherIsNotRecycled() {
        let stanzas = (0..<1517).map { "Files: src/file\($0).cpp\nCopyright: \(1990 + $0 % 30) Someone \($0)\nLicense: BSL-1.0" }
        let documents = [
            Document(id: "a", text: stanzas.joined(separator: "\n\n") + "\n\n" + Self.novel(1)),
            Document(id: "b", text: Self.novel(2) + "\n\nLicense: BSL-1.0\n\n" + Self.novel(3)),
        ]
        let report = Pipeline().scan(documents)
        #expect(!recycled(report, documents, 0).contains("License: BSL-1.0"))
        #expect(recycled(report, documents, 1).isEmpty)
        #expect(!report.families.contains { $0.text == "License: BSL-1.0" })
    }

    @Test func aCoincidentalShortLineInTwoUnrelatedDocumentsIsNotRecycled() {
        let documents = [
            Document(id: "a", text: Self.novel(10) + "\n\nFor example:\n\n" + Self.novel(11)),
            Document(id: "b", text: Self.novel(12) + "\n\nFor example:\n" + Self.novel(13)),
        ]
        let report = Pipeline().scan(documents)
        #expect(report.documents.allSatisfy { $0.recycled.isEmpty })
        #expect(report.families.isEmpty)
    }

    @Test func aShortLineInThreeDocumentsIsRecycled() throws {
        let documents = (0..<3).map { index in
            Document(id: "\(index)", text: "WASHINGTON (AP)\n\n" + Self.novel(UInt64(20 + index)))
        }
        let report = Pipeline().scan(documents)
        for index in documents.indices { #expect(recycled(report, documents, index) == ["WASHINGTON (AP)"]) }
        let family = try #require(report.families.first { $0.text == "WASHINGTON (AP)" })
        #expect(family.documents == 3)
        // In two of them only, with nothing else shared, it is not.
        let two = Pipeline().scan(Array(documents.prefix(2)))
        #expect(two.documents.allSatisfy { $0.recycled.isEmpty })
    }

    @Test func aShortLineInTwoDocumentsThatShareAVerifiedMatchIsRecycled() {
        let template =
            "The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims against Azerbaijan."
        let documents = (0..<2).map { index in
            Document(id: "\(index)", text: "Trend:\n\n" + Self.novel(UInt64(30 + index)) + "\n\n" + template)
        }
        let report = Pipeline().scan(documents)
        for index in documents.indices { #expect(recycled(report, documents, index) == ["Trend:", template]) }
    }

    /// A short line at the head of a paragraph is a whole line whether the scan keeps each
    /// document's segmentation or, spilling, only which sentences are whole lines.
    @Test(arguments: [false, true])
    func aWholeLineInsideAParagraphIsKnownWithoutTheSegmentation(spilling: Bool) {
        let template =
            "The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims against Azerbaijan."
        var pipeline = Pipeline()
        if spilling { pipeline.spillAbove = 0 }
        let lines = (0..<2).map { index in
            Document(id: "\(index)", text: "Trend:\n" + Self.novel(UInt64(80 + index)) + "\n\n" + template)
        }
        let report = pipeline.scan(lines)
        for index in lines.indices { #expect(recycled(report, lines, index) == ["Trend:", template]) }
        // Not a line of its own: no evidence.
        let inline = (0..<2).map { index in
            Document(id: "\(index)", text: "Trend: " + Self.novel(UInt64(90 + index)) + "\n\n" + template)
        }
        let inlineReport = pipeline.scan(inline)
        for index in inline.indices { #expect(recycled(inlineReport, inline, index) == [template]) }
    }

    @Test func aShortSentenceGluedToAVerifiedSentenceIsRecycled() {
        let template =
            "Armenian Armed Forces launched a large-scale military attack on positions of the Azerbaijani army on the front line."
        let documents = (0..<2).map { index in
            Document(
                id: "\(index)",
                text: Self.novel(UInt64(40 + index)) + "\n\n" + template + " Read more here. " + Self.novel(UInt64(50 + index), words: 20))
        }
        let report = Pipeline().scan(documents)
        for index in documents.indices {
            #expect(recycled(report, documents, index) == [template + " Read more here."])
        }
        // Alone in its paragraph, in two unrelated documents, the same sentence is not.
        let alone = (0..<2).map { index in
            Document(id: "\(index)", text: Self.novel(UInt64(60 + index)) + " Read more here. " + Self.novel(UInt64(70 + index)))
        }
        #expect(Pipeline().scan(alone).documents.allSatisfy { $0.recycled.isEmpty })
    }

    /// Two short sentences side by side in three documents, together as long as a shingle,
    /// are recycled, before new text (review 85, case 06); apart beside new text, or side by
    /// side in two unrelated documents only ("I do not know. Maybe not.", review 87, case
    /// 03), they are not.
    @Test func twoShortSentencesSideBySideInThreeDocumentsAreRecycled() {
        let footer = "Copyright 2024 Reuters. All rights reserved."
        let documents = (0..<3).map { index in
            Document(
                id: "\(index)", text: Self.novel(UInt64(80 + index)) + "\n\n" + footer + " " + Self.novel(UInt64(90 + index), words: 20))
        }
        let report = Pipeline().scan(documents)
        for index in documents.indices { #expect(recycled(report, documents, index) == [footer]) }
        #expect(report.families.count == 2)
        var apart = documents
        apart[2] = Document(
            id: "2",
            text: Self.novel(82) + "\n\nCopyright 2024 Reuters. " + Self.novel(95, words: 12) + " All rights reserved. " + Self.novel(96))
        #expect(Pipeline().scan(apart).documents.allSatisfy { $0.recycled.isEmpty })
        let dialogue = (0..<2).map { index in
            Document(
                id: "\(index)", text: Self.novel(UInt64(100 + index)) + " \"I do not know. Maybe not.\" " + Self.novel(UInt64(110 + index)))
        }
        #expect(Pipeline().scan(dialogue).documents.allSatisfy { $0.recycled.isEmpty })
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
