import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// HTML character references read as the characters they stand for.
@Suite struct CharacterReferenceTests {
    func decoded(_ text: String) -> (value: UInt32, length: Int)? {
        Array(text.utf8).withUnsafeBufferPointer { CharacterReference.decode($0, at: 0, end: $0.count) }
    }

    @Test func namedAndNumericReferencesDecode() {
        #expect(decoded("&amp;")! == (0x26, 5))
        #expect(decoded("&nbsp; and more")! == (0xA0, 6))
        #expect(decoded("&Eacute;")! == (0xC9, 8))
        #expect(decoded("&#8217;")! == (0x2019, 7))
        #expect(decoded("&#x2019;")! == (0x2019, 8))
        #expect(decoded("&#X1F600;")! == (0x1F600, 9))
        // Browsers read 128-159 as Windows-1252: `&#146;` is a curly apostrophe.
        #expect(decoded("&#146;")! == (0x2019, 6))
        // Not closed, unknown, empty, out of range, a surrogate or NUL: no reference.
        for text in ["&amp", "&amp ", "&bogus;", "&#;", "&#x;", "&#1114112;", "&#xD800;", "&#0;", "&", "&a;", "&AMP;"] {
            #expect(decoded(text) == nil, "\(text)")
        }
    }

    /// The samples as a web page's text spells them (every `&`, quote and non-ASCII
    /// character a reference; in every other document each sentence followed by `&nbsp;`)
    /// give the same families, with the same copies, and about the same shares. Before
    /// references were read, one document's share fell from 28.8% to 19.3% and a family was lost.
    @Test func samplesSpelledAsHTMLScanLikeTheSamples() {
        let plain = sampleReport
        let documents = sampleCorpus.documents.enumerated().map { number, document in
            var text = ""
            for scalar in document.text(of: ByteRange(0, document.bytes.count)).unicodeScalars {
                switch scalar {
                case "&": text += "&amp;"
                case "\"": text += "&quot;"
                case "'": text += "&#39;"
                case "\u{2019}": text += "&rsquo;"
                case "\u{2014}": text += "&mdash;"
                case _ where scalar.value >= 0x80: text += "&#\(scalar.value);"
                default: text.unicodeScalars.append(scalar)
                }
            }
            if number % 2 == 0 { text = text.replacing(/\. (?=[A-Z])/, with: ".&nbsp;") }
            return Document(id: document.id, text: text)
        }
        #expect(documents.map(\.bytes) != sampleCorpus.documents.map(\.bytes))
        let spelled = Pipeline().scan(documents)
        // A family's stable id comes from its representative's words: the same words, the same id.
        #expect(Set(spelled.families.map(\.id)) == Set(plain.families.map(\.id)))
        let copies = { (report: ScanReport) in
            Set(report.families.map { Set($0.members.map { "\($0.document) \($0.paragraph) \($0.isParagraph)" }) })
        }
        #expect(copies(spelled) == copies(plain))
        for (a, b) in zip(spelled.documents, plain.documents) {
            // The references' own bytes make the shares differ a little.
            #expect(abs(a.recycledShare - b.recycledShare) <= 0.01, "\(a.id)")
        }
    }
}
