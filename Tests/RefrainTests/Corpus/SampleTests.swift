import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// The facts a reader sees in the five samples, end to end.
@Suite struct SampleTests {
    let report = sampleReport
    let corpus = sampleCorpus

    func text(_ document: DocumentReport, _ span: ByteRange) -> String {
        corpus.documents[document.index].text(of: span)
    }

    @Test func readsTheFiveSamples() {
        #expect(report.documents.map(\.id).map { String($0.prefix(3)) } == ["000", "001", "002", "003", "004"])
        #expect(report.bytes == 13704)
    }

    @Test func partialParagraphKeepsItsNovelSentence() throws {
        let document = try #require(report.document("000_96c4b650bc7dc9e5.txt"))
        let paragraph = try #require(document.paragraph(startingWith: "Armenian Armed Forces launched", in: corpus))
        #expect(paragraph.label == .partial)
        let recycled = paragraph.recycled.map { text(document, $0) }.joined(separator: " ")
        #expect(recycled.contains("Armenian Armed Forces launched a large-scale military attack"))
        #expect(recycled.contains("Azerbaijan responded with a counter-offensive along the entire front."))
        #expect(!recycled.contains("Currently"))
        #expect(!recycled.contains("liberation"))
        // Recurs in 001 and 004, which have "the Azerbaijani army".
        let familyID = try #require(paragraph.family)
        let family = try #require(report.family(familyID))
        #expect(family.documents == 3)
        #expect(Set(family.members.map { report.documents[$0.document].id.prefix(3) }) == ["000", "001", "004"])
    }

    @Test func ceasefireParagraphIsOneFamilyInThreeDocuments() throws {
        let families = report.families.filter { $0.text.hasPrefix("The 1994 ceasefire agreement") }
        #expect(families.count == 1)
        let family = try #require(families.first)
        #expect(family.documents == 3)
        #expect(family.members.count == 3)
        for member in family.members {
            let paragraph = report.documents[member.document].paragraphs[member.paragraph]
            #expect(paragraph.label == .template)
            #expect(paragraph.family == family.id)
        }
    }

    @Test func oneWordVariantJoinsItsFamily() throws {
        // 000 lacks "the" before "Armenian Armed Forces occupied"; 001 and 004 have it.
        let family = try #require(report.families.first { $0.text.hasPrefix("The conflict between the two South Caucasus") })
        #expect(family.documents == 3)
        #expect(family.text.contains("the Armenian Armed Forces occupied"))
        let document = try #require(report.document("000_96c4b650bc7dc9e5.txt"))
        let paragraph = try #require(document.paragraph(startingWith: "The conflict between", in: corpus))
        #expect(paragraph.label == .template)
        #expect(paragraph.family == family.id)
        let similarity = try #require(paragraph.similarity)
        // Verified by containment: one word more costs Jaccard more than 0.2 on a paragraph this short.
        #expect(similarity > 0.7 && similarity < 1)
    }

    @Test func shortAgencyTagsAndFootersAreFound() throws {
        let trend = try #require(report.families.first { $0.text == "Trend:" })
        #expect(trend.documents == 2)
        let footer = try #require(report.families.first { $0.text == "Follow us on Twitter @AzerNewsAz" })
        #expect(footer.documents == 2)
    }

    @Test func repeatedHeadlineIsARepeatNotRecycled() throws {
        let document = try #require(report.document("002_5fffdb631f7317c3.txt"))
        let headline = try #require(document.paragraph(startingWith: "Azerbaijan fights in its own territory", in: corpus))
        #expect(headline.label == .repeat)
        #expect(headline.recycled.isEmpty)
        #expect(headline.family == nil)
        #expect(!report.families.contains { $0.text.hasPrefix("Azerbaijan fights in its own territory") })
    }

    @Test func novelReportingStaysNovel() throws {
        let document = try #require(report.document("002_5fffdb631f7317c3.txt"))
        let paragraph = try #require(document.paragraph(startingWith: "Hajiyev noted that by calling itself", in: corpus))
        #expect(paragraph.label == .novel)
        #expect(paragraph.recycled.isEmpty)
    }

    @Test func containmentFindsATemplateInsideALongerParagraph() throws {
        // 003 glues a new sentence after the "Armenian armed forces launched a large-scale operation" template of 002.
        let document = try #require(report.document("003_a461edf47a01b770.txt"))
        let paragraph = try #require(document.paragraph(startingWith: "Armenian armed forces launched a large-scale operation", in: corpus))
        #expect(paragraph.label == .partial)
        let recycled = paragraph.recycled.map { text(document, $0) }
        #expect(
            recycled == [
                "Armenian armed forces launched a large-scale operation in the front-line zone on September 27 at 6 am, shelling the positions of the Azerbaijani army from large-calibre weapons, mortars, and artillery installations of various calibres."
            ])
    }

    @Test func spansAreInsideSortedAndDisjoint() {
        for document in report.documents {
            var previousEnd = 0
            for span in document.recycled {
                #expect(span.start >= previousEnd && span.start < span.end && span.end <= document.bytes)
                previousEnd = span.end + 1
            }
            for paragraph in document.paragraphs {
                for span in paragraph.recycled { #expect(span.start >= paragraph.span.start && span.end <= paragraph.span.end) }
            }
        }
    }

    @Test func reportDoesNotDependOnJobs() {
        var configuration = Configuration()
        configuration.jobs = 1
        let single = Pipeline(configuration: configuration).scan(corpus.documents)
        configuration.jobs = 4
        let four = Pipeline(configuration: configuration).scan(corpus.documents)
        #expect(single.json() == four.json())
    }
}
