import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ScanReportTests {
    /// A document's weights are its paragraphs' sums: as the scan made them, and after a
    /// paragraph is changed.
    @Test func documentWeightsFollowTheirParagraphs() throws {
        var report = sampleReport
        for document in report.documents {
            #expect(document.weight == document.paragraphs.reduce(0) { $0 + $1.weight })
            #expect(document.recycledWeight == document.paragraphs.reduce(0) { $0 + $1.recycledWeight })
        }
        let index = try #require(report.documents.firstIndex { $0.paragraphs.contains { $0.recycledWeight > 0 } })
        let paragraph = try #require(report.documents[index].paragraphs.firstIndex { $0.recycledWeight > 0 })
        let before = report.documents[index].recycledWeight
        let removed = report.documents[index].paragraphs[paragraph].recycledWeight
        report.documents[index].paragraphs[paragraph].recycledWeight = 0
        #expect(report.documents[index].recycledWeight == before - removed)
        #expect(report.recycledShare < sampleReport.recycledShare)
    }
}
