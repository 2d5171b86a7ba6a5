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

    /// coreutils' install(1) holds cp(1)'s sentence word for word inside a longer one of its
    /// own: the pair verifies by shingle containment, but the runs they share are too short
    /// to mark, and install's paragraph is novel. The family is cp's and mv's alone.
    @Test func aContainedSentenceWhoseDocumentMarksNothingIsNoMember() {
        let documents = [
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
        let report = Pipeline().scan(documents)
        #expect(report.documents[2].recycled.isEmpty, "install.txt: \(report.documents[2].recycled)")
        #expect(report.families.count == 1)
        let family = report.families.first
        #expect(family.map { $0.members.map { report.documents[$0.document].id } } == ["cp.txt", "mv.txt"])
        #expect(family?.documents == 2)
        #expect(Self.unmarkedMembers(report).isEmpty)
    }

    /// On the samples and on a generated corpus with every phenomenon of issue 19 planted,
    /// every member is marked and every family's documents are its members' documents.
    @Test func everyMemberIsMarkedOnTheSamplesAndAGeneratedCorpus() {
        let corpus = GeneratedCorpus(documents: 300, templates: 20, seed: 2027, phenomena: GeneratedCorpus.Phenomenon.allCases)
        for (name, report) in [("samples", sampleReport), ("generated", Pipeline().scan(corpus.documents))] {
            let unmarked = Self.unmarkedMembers(report)
            #expect(unmarked.isEmpty, "\(name): \(unmarked.prefix(3))")
            #expect(Self.documentCountsMatchMembers(report), "\(name)")
        }
    }
}
