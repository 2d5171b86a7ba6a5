import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct SegmentFilerTests {
    /// Numbers and punctuation alone are never recycled: "7.", "(2006)." and "2009." in many
    /// documents make no family, and cleaning keeps "ch. 7." whole (issue 16, item 8).
    @Test func segmentsWithoutALetterAreNeverRecycled() {
        let documents = (0..<6).map { index in
            Document(
                id: "d\(index)",
                text: """
                    Story number \(index) tells of harbour \(index * 7 + 3) and its ferry timetable for week \(index).

                    Officials in district \(index) read out the rules of ch. 7.

                    (2006).

                    2009.

                    7.
                    """)
        }
        let report = Pipeline().scan(documents)
        for family in report.families {
            #expect(family.text.utf8.contains { ByteClass.isASCIIWordByte($0) && !(0x30...0x39).contains($0) }, "\(family.text)")
        }
        for document in report.documents {
            let bytes = documents[document.index].bytes
            for paragraph in document.paragraphs {
                for span in paragraph.recycled {
                    let text = String(decoding: bytes[span.range], as: UTF8.self)
                    #expect(text.contains { $0.isLetter }, "\(document.id): \(text)")
                }
            }
        }
        let cleaned = Cleaner.clean(report, documents: documents)
        for document in cleaned {
            #expect(String(decoding: document.text, as: UTF8.self).contains("ch. 7."))
        }
    }
}
