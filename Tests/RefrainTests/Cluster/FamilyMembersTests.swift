import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// A family's members are copies its documents' reports mark: a family that named a
/// document whose report shows no recycled text there contradicted that report (review 109).
@Suite struct FamilyMembersTests {
    /// The members of a report's families that hold no recycled byte of their document.
    static func unmarkedMembers(_ report: ScanReport) -> [(family: Int, member: Family.Member)] {
        report.families.flatMap { family in
            family.members.filter { member in
                !report.documents[member.document].recycled.contains { $0.start < member.span.end && member.span.start < $0.end }
            }.map { (family.id, $0) }
        }
    }

    /// Whether each family's member documents number what it reports.
    static func documentCountsMatchMembers(_ report: ScanReport) -> Bool {
        report.families.allSatisfy { Set($0.members.map(\.document)).count == $0.documents }
    }

    /// cp(1)'s sentence, mv(1)'s edited copy of it, and install(1)'s longer sentence that
    /// holds cp's word for word, each after a paragraph of its own.
    static let containedSentence = [
        Document(
            id: "cp.txt",
            text: "Report one about river levels in the northern valley this spring season.\n\n"
                + "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n"),
        Document(
            id: "mv.txt",
            text: "A separate note on the town orchestra rehearsing a new symphony for autumn.\n\n"
                + "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n"),
        Document(
            id: "install.txt",
            text: "Notes from the harbour about the ferry timetable changing next month.\n\n"
                + "In the first three forms, copy SOURCE to DEST or multiple SOURCE(s) to the existing DIRECTORY, while "
                + "setting permission modes and owner/group. In the 4th form, create all components of the given "
                + "DIRECTORY(ies).\n"),
    ]

    /// coreutils' install(1) holds cp(1)'s sentence word for word inside a longer one of its
    /// own: the pair verifies by shingle containment, but the runs they share are too short
    /// to mark, and install's paragraph is novel. The family is cp's and mv's alone.
    @Test func aContainedSentenceWhoseDocumentMarksNothingIsNoMember() {
        let documents = Self.containedSentence
        let report = Pipeline().scan(documents)
        #expect(report.documents[2].recycled.isEmpty, "install.txt: \(report.documents[2].recycled)")
        // Nor does install's paragraph name the family, as a paragraph with nothing marked names none.
        #expect(report.documents[2].paragraphs.allSatisfy { $0.family == nil && $0.label == .novel })
        #expect(report.families.count == 1)
        let family = report.families.first
        #expect(family.map { $0.members.map { report.documents[$0.document].id } } == ["cp.txt", "mv.txt"])
        #expect(family?.documents == 2)
        #expect(Self.unmarkedMembers(report).isEmpty)
    }

    /// On the samples and on a generated corpus with every phenomenon of issue 19 planted,
    /// every member is marked, every family's documents are its members' documents, and a
    /// paragraph names a family only when it has recycled text and the family lists it.
    @Test func everyMemberIsMarkedOnTheSamplesAndAGeneratedCorpus() {
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: GeneratedCorpus.Phenomenon.allCases)
        for (name, report) in [("samples", sampleReport), ("generated", Pipeline().scan(corpus.documents))] {
            let unmarked = Self.unmarkedMembers(report)
            #expect(unmarked.isEmpty, "\(name): \(unmarked.prefix(3))")
            #expect(Self.documentCountsMatchMembers(report), "\(name)")
            for (index, document) in report.documents.enumerated() {
                for paragraph in document.paragraphs where paragraph.family != nil {
                    #expect(paragraph.recycledWeight > 0, "\(name): \(document.id) \(paragraph.span)")
                    let listed = report.families.first { $0.id == paragraph.family }?.members.contains { $0.document == index }
                    #expect(listed == true, "\(name): \(document.id) \(paragraph.span)")
                }
            }
        }
    }

    /// Two documents share a 13-word clause inside longer sentences of their own: at
    /// threshold 0.4 the pair verifies, but neither report marks a byte of it, so no family
    /// is reported (review 114's f4: one was, "in 2 documents").
    @Test func aFamilyNoDocumentMarksIsNotReported() {
        let clause = "the regional water authority confirmed that reservoir levels remained well below seasonal averages"
        var configuration = Configuration()
        configuration.threshold = 0.4
        let report = Pipeline(configuration: configuration).scan([
            Document(
                id: "a.txt",
                text: "Morning notes on the weather.\n\nOn Tuesday our correspondent in the valley wrote that \(clause) "
                    + "according to figures seen by local farmers last week.\n"),
            Document(
                id: "b.txt",
                text: "Evening notes on the traffic.\n\nA spokesman speaking from the capital city said \(clause) "
                    + "and asked residents to conserve supplies now.\n"),
        ])
        #expect(report.documents.allSatisfy { $0.recycled.isEmpty })
        #expect(report.families.isEmpty, "\(report.families.map(\.documents))")
    }

    /// Families come largest first after unmarked copies leave them: cp's family, numbered
    /// first in 3 documents, is in 2 once install's copy leaves, after a sentence in 3.
    @Test func familiesStayLargestFirst() {
        var documents = Self.containedSentence
        for (index, opening) in ["Farmers met in the square.", "The library reopened today.", "A bridge was closed."].enumerated() {
            documents.append(
                Document(
                    id: "other\(index).txt",
                    text: "\(opening) \(ShortEvidenceTests.novel(UInt64(60 + index), words: 20))\n\n"
                        + "The committee will publish its full findings on the reservoir and the dam next spring, officials said.\n"))
        }
        let report = Pipeline().scan(documents)
        let counts = report.families.map(\.documents)
        #expect(counts == [3, 2], "\(counts)")
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: GeneratedCorpus.Phenomenon.allCases)
        let generated = Pipeline().scan(corpus.documents).families.map(\.documents)
        #expect(generated == generated.sorted(by: >))
    }
}
