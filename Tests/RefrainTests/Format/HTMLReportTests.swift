import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Issue 21: the HTML report shows what the scan found, links it together, escapes every
/// byte from the documents, and stays small for a large corpus.
@Suite struct HTMLReportTests {
    /// A shared paragraph that itself carries markup and script, so that it is recycled:
    /// it is marked in every document and is a family's representative.
    static let sharedHostile =
        "The conflict between the two countries began in 1988 <script>document.title='pwned'</script> when the claims "
        + "were made <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> and the war followed in the region."

    /// Ids, sources and dates that would be markup, script or links if written raw.
    static let hostileIDs = [
        "</title><script>document.title='pwned'</script>",
        "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
        "javascript:document.title='pwned'",
        "x' onmouseover='document.title=1",
    ]

    /// A folder with JSON Lines records whose every field is hostile, and text files with
    /// hostile names, control characters and invalid UTF-8; all share `sharedHostile`.
    static func hostileCorpus() throws -> URL {
        let folder = try makeTemporaryFolder()
        var lines: [UInt8] = []
        for (offset, id) in hostileIDs.enumerated() {
            let record: [String: String] = [
                "id": id, "source": "<b onclick=alert(1)>Outlet \(offset % 2)</b>",
                "date": "2020-10-0\(offset + 1)",
                "text": "Fresh report number \(offset) <iframe src=javascript:alert(1)></iframe> on the port.\n\n\(sharedHostile)\n\n"
                    + "Closing words \u{1B}[2J with a bell \u{07} and an override \u{202E}reversed.",
            ]
            lines += Array(try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) + [0x0A]
        }
        try Data(lines).write(to: folder.appendingPathComponent("feed.jsonl"))
        let invalid: [UInt8] = [0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE2, 0x82]
        var text = Array("Broken bytes ".utf8) + invalid + Array(" and <svg onload=alert(1)> in a note.\n\n".utf8)
        text += Array(sharedHostile.utf8) + [0x0A]
        try Data(text).write(to: folder.appendingPathComponent("\"><img src=x onerror=alert(1)>.txt"))
        try Data(text).write(to: folder.appendingPathComponent("bad-\u{1B}[31m.txt"))
        return folder
    }

    /// Element and attribute names the page may have: nothing that runs or loads anything.
    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "nav", "main", "footer", "section", "article", "h1", "h2", "h3",
        "p", "a", "mark", "span", "blockquote", "ul", "li", "ins", "del", "dl", "dt", "dd", "div", "table", "thead", "tbody", "tr",
        "th", "td", "figure", "figcaption", "svg", "g", "rect", "line", "text",
    ]
    static let allowedAttributes: Set<String> = [
        "lang", "charset", "name", "content", "http-equiv", "id", "class", "href", "title", "viewbox", "role", "aria-label", "x", "y",
        "x1", "y1", "x2", "y2", "width", "height", "text-anchor",
    ]

    /// Checks a page for anything but Refrain's own markup: every tag and attribute from
    /// the allowlists, links only to anchors of the page or files beside it, every anchor
    /// linked to present, and valid UTF-8 with no control character.
    static func expectOnlyOwnMarkup(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let page = String(validating: bytes, as: UTF8.self) else {
            Issue.record("the page is not valid UTF-8", sourceLocation: sourceLocation)
            return
        }
        let controls = page.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
        #expect(controls.isEmpty, "control characters in the page: \(controls.map(\.value))", sourceLocation: sourceLocation)
        #expect(!page.lowercased().contains("<script"), sourceLocation: sourceLocation)
        let tokens = htmlTokens(page)
        var ids = Set<String>()
        var links: [String] = []
        for token in tokens {
            guard case .open(let name, let attributes) = token else { continue }
            #expect(allowedElements.contains(name), "element <\(name)>", sourceLocation: sourceLocation)
            for attribute in attributes {
                #expect(
                    allowedAttributes.contains(attribute.name), "attribute \(attribute.name) on <\(name)>", sourceLocation: sourceLocation)
                if attribute.name == "id" {
                    #expect(
                        attribute.value.wholeMatch(of: /overview|families|documents|d-[0-9]+|f-[0-9]+/) != nil,
                        sourceLocation: sourceLocation)
                    ids.insert(attribute.value)
                }
                if attribute.name == "href" {
                    #expect(
                        attribute.value.wholeMatch(of: /#[a-z0-9-]+|\.\/[A-Za-z0-9._~%-]+/) != nil, "href \(attribute.value)",
                        sourceLocation: sourceLocation)
                    links.append(attribute.value)
                }
            }
        }
        for link in links where link.hasPrefix("#") {
            #expect(ids.contains(String(link.dropFirst())), "link \(link) to no anchor", sourceLocation: sourceLocation)
        }
    }

    @Test func escapingLeavesNoMarkupNoControlsAndValidUTF8() {
        let input: [UInt8] =
            Array("<a href=\"x\">'&'</a>\t\n\r".utf8) + [0x00, 0x1B, 0x7F] + [
                0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xE2, 0x82,
            ]
            + Array("é中😀\u{202E}\u{85}".utf8)
        var output: [UInt8] = []
        input.withUnsafeBufferPointer { HTMLBuffer.appendEscaped($0, to: &output) }
        let text = String(decoding: output, as: UTF8.self)
        #expect(
            text
                == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\t\n\r\u{2400}\u{241B}\u{2421}"
                + String(repeating: "\u{FFFD}", count: 11) + "é中😀\\u{202E}\\x85")
        #expect(String(validating: output, as: UTF8.self) != nil)
    }

    @Test func hostileDocumentsCannotInjectMarkupOrScript() throws {
        let folder = try Self.hostileCorpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Corpus.read([folder.path])
        #expect(corpus.documents.count == 6)
        let report = Pipeline().scan(corpus.documents)
        #expect(!report.families.isEmpty, "the shared paragraph is recycled")
        var html = HTMLReport(report: report, documents: corpus.documents)
        html.tables = ("javascript:alert(1).documents.csv", "\"><b>.families.csv")
        let bytes = Array(html.page().utf8)
        Self.expectOnlyOwnMarkup(bytes)
        let tokens = htmlTokens(String(decoding: bytes, as: UTF8.self))
        // What was hostile is shown as text, whole.
        let text = tokens.allText
        for id in Self.hostileIDs { #expect(text.contains(id), "id \(id) shown as text") }
        #expect(text.contains("<script>document.title='pwned'</script>"))
        #expect(text.contains("<b onclick=alert(1)>Outlet 0</b>"))
        #expect(text.contains("Closing words \u{241B}[2J with a bell \u{2407} and an override \\u{202E}reversed."))
        #expect(text.contains("Broken bytes \u{FFFD}"))
        #expect(tokens.title == "Refrain report: 6 documents, \(report.recycledShare.percent) recycled")
        #expect(tokens.tags("a").allSatisfy { $0.value("href") != nil })
        #expect(tokens.marks().count >= 6, "the shared paragraph is marked in each document")
    }

    /// Review 70: a tab or line feed in an id or source was laid out as white space, so
    /// `new⇥line`, `new↵line` and `new line` read the same; review 71: so were a line
    /// separator and a right-to-left mark. Names are shown as the text report shows them.
    @Test func namesShowTheirTabsLineBreaksAndInvisibleMarks() {
        let shared = "The council said on Tuesday that the new bridge would open to traffic next spring after years of delay."
        let ids = ["new\tline", "new\nline", "new line", "new\u{2028}line", "a\u{200F}b", "ab"]
        let documents = ids.enumerated().map { offset, id in
            Document(id: id, bytes: Array("\(shared)\n\nStory \(offset) in its own words.".utf8), source: "outlet\t\(offset)")
        }
        let report = Pipeline().scan(documents)
        let page = HTMLReport(report: report, documents: documents).page()
        Self.expectOnlyOwnMarkup(Array(page.utf8))
        let text = htmlTokens(page).allText
        for shown in ["new\\tline", "new\\nline", "new line", "new\\u{2028}line", "a\\u{200f}b", "outlet\\t0"] {
            #expect(text.contains(shown), "\(shown)")
        }
        #expect(!text.contains("new\tline") && !text.contains("new\nline") && !text.contains("\u{2028}") && !text.contains("\u{200F}"))
    }

    @Test func marksAreExactlyTheRecycledSpansLinkedToTheirFamilies() throws {
        let html = HTMLReport(report: sampleReport, documents: sampleCorpus.documents)
        let tokens = htmlTokens(html.page())
        Self.expectOnlyOwnMarkup(Array(html.page().utf8))
        #expect(tokens.count("article", class: "document") == 5)
        #expect(tokens.count("article", class: "family") == sampleReport.families.count)
        let marks = tokens.marks()
        let familyIDs = Set(sampleReport.families.map { "#f-\($0.id)" })
        for document in sampleReport.documents {
            let bytes = sampleCorpus.documents[document.index].bytes
            let expected = document.recycled.map { String(decoding: bytes[$0.range], as: UTF8.self) }.joined()
            let shown = marks.filter { $0.article == "d-\(document.index)" }
            #expect(shown.map(\.text).joined() == expected, "marks of \(document.id)")
            #expect(shown.count >= document.recycled.count)
            // In the samples every recycled span lies in a family copy, and every family is shown.
            #expect(shown.allSatisfy { $0.href.map(familyIDs.contains) == true }, "\(document.id): \(shown.map(\.href))")
        }
        #expect(marks.filter { $0.article?.hasPrefix("d-") == true }.count > sampleReport.documents.count)
        // Each family lists the documents that carry it, linked.
        for family in sampleReport.families {
            let carriers = Set(family.members.map { "#d-\($0.document)" })
            var inFamily = false
            var links = Set<String>()
            for token in tokens {
                switch token {
                case .open("article", let attributes): inFamily = attributes.value("id") == "f-\(family.id)"
                case .open("a", let attributes) where inFamily: links.insert(attributes.value("href") ?? "")
                default: break
                }
            }
            #expect(carriers.isSubset(of: links), "family #\(family.id)")
        }
    }

    @Test func variantsShowTheirWordDifferences() {
        let html = HTMLReport(report: sampleReport, documents: sampleCorpus.documents).page()
        // Family 1's variant drops "the" before "Armenian Armed Forces".
        let variant = sampleReport.families.first { family in family.variants.count > 1 }
        #expect(variant != nil)
        #expect(html.contains("<del>the</del>"))
        #expect(htmlTokens(html).tags("del").count + htmlTokens(html).tags("ins").count > 0)
    }

    @Test func aLargeCorpusIsCutAndSaysWhatItLeftOut() throws {
        var limits = HTMLReport.Limits()
        limits.documents = 2
        limits.families = 3
        var html = HTMLReport(report: sampleReport, documents: sampleCorpus.documents, limits: limits)
        html.tables = ("r.documents.csv", "r.families.csv")
        let page = html.page()
        let tokens = htmlTokens(page)
        #expect(tokens.count("article", class: "document") == 2)
        #expect(tokens.count("article", class: "family") == 3)
        #expect(page.contains("3 documents are left out"))
        #expect(page.contains("\(sampleReport.families.count - 3) families are left out"))
        #expect(tokens.tags("a").contains { $0.value("href") == "./r.documents.csv" })
        Self.expectOnlyOwnMarkup(Array(page.utf8))
        // The two shown are those with the most recycled bytes.
        let top = sampleReport.documents.sorted { $0.recycledBytes > $1.recycledBytes }.prefix(2).map { "d-\($0.index)" }
        #expect(tokens.count("article", class: "document") == top.count)
        #expect(Set(tokens.tags("article").compactMap { $0.value("id") }.filter { $0.hasPrefix("d-") }) == Set(top))
        // Marks of families not shown are not links.
        let marks = tokens.marks()
        #expect(marks.contains { $0.href == nil })
        let shownFamilies = sampleReport.families.prefix(3).map { "#f-\($0.id)" }
        #expect(marks.allSatisfy { $0.href == nil || shownFamilies.contains($0.href!) })

        // The text budget cuts documents too, and a long document's text.
        limits = HTMLReport.Limits()
        limits.documentsBytes = 4000
        limits.documentBytes = 1000
        let cut = HTMLReport(report: sampleReport, documents: sampleCorpus.documents, limits: limits)
        let cutPage = cut.page()
        // The documents' articles, markup included, fit the budget.
        let articles = cutPage.components(separatedBy: "<article class=\"document\"").dropFirst().map { piece in
            piece.components(separatedBy: "</article>\n")[0].utf8.count + "<article class=\"document\"</article>\n".utf8.count
        }
        #expect(articles.count == cut.shownDocuments.count)
        #expect((2..<sampleReport.documents.count).contains(articles.count))
        #expect(articles.reduce(0, +) <= 4000)
        #expect(cutPage.contains("more bytes of this document not shown"))
    }

    @Test func csvTablesListEveryDocumentAndFamily() throws {
        var limits = HTMLReport.Limits()
        limits.documents = 1
        let html = HTMLReport(report: sampleReport, documents: sampleCorpus.documents, limits: limits)
        var documents: [UInt8] = []
        try html.writeDocumentsCSV { documents += $0 }
        var families: [UInt8] = []
        try html.writeFamiliesCSV { families += $0 }
        let documentRows = String(decoding: documents, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(documentRows.count == 1 + sampleReport.documents.count)
        #expect(documentRows[0] == "id,source,date,bytes,recycledBytes,recycledShare,paragraphs,template,partial,repeat,novel,onPage")
        #expect(documentRows.filter { $0.hasSuffix(",yes") }.count == 1)
        let familyText = String(decoding: families, as: UTF8.self)
        #expect(familyText.hasPrefix("id,documents,copies,variants,firstDate,lastDate,sourceNames,text,onPage\r\n"))
        #expect(familyText.contains("\"The conflict between the two South Caucasus countries began in 1988"))

        var table = CSVTable()
        table.row(["plain", "a,b", "say \"hi\"", "two\nlines", ""])
        #expect(String(decoding: table.bytes, as: UTF8.self) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        // Ids and texts from documents cannot become spreadsheet formulas.
        var hostile = CSVTable()
        hostile.row(["=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1+1)", "+1", "-s, --quiet", "2020-10-01"])
        #expect(
            String(decoding: hostile.bytes, as: UTF8.self)
                == "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'@SUM(1+1),'+1,\"'-s, --quiet\",2020-10-01\r\n")
    }

    @Test func chartsDrawEveryBinSourceAndDay() throws {
        let folder = try Self.hostileCorpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Corpus.read([folder.path])
        let report = Pipeline().scan(corpus.documents)
        let page = HTMLReport(report: report, documents: corpus.documents).page()
        let tokens = htmlTokens(page)
        #expect(tokens.tags("svg").count == 3, "histogram, sources, days")
        #expect(page.contains("Recycled share per source"))
        #expect(page.contains("Recycled share per day"))
        #expect(page.contains("2 documents have no source"))
        // Histogram: one bar per bin; per source: track and bar per source; per day: 4 days.
        #expect(tokens.tags("rect").count == HTMLReport.histogramLabels.count + 2 * 2 + 4)
        #expect(HTMLReport.histogramBin(0) == 0)
        #expect(HTMLReport.histogramBin(0.05) == 1)
        #expect(HTMLReport.histogramBin(1) == 10)
        #expect(HTMLReport.href("a b:/é.csv") == "./a%20b%3A%2F%C3%A9.csv")
    }
}
