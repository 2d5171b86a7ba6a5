import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct ScanReportTests {
    /// A share short of all never reads 100.0%, nor one above none 0.0% ("<0.1%"): a
    /// document with a novel paragraph must not read as its fully recycled twin.
    @Test func percentagesShowWhetherAShareIsWhole() {
        #expect(0.9995.percent == "99.9%" && 1.0.percent == "100.0%" && 0.3125.percent == "31.3%")
        #expect(0.0004.percent == "<0.1%" && 0.0.percent == "0.0%" && 0.0006.percent == "0.1%")
        // JSON and CSV: four decimals, the same rule.
        #expect(String(format4: 0.99996) == "0.9999" && String(format4: 0.00001) == "0.0001")
        #expect(String(format4: 1) == "1" && String(format4: 0) == "0" && String(format4: 0.31) == "0.31")
    }

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
