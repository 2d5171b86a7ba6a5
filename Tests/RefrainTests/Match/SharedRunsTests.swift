import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// Runs of words shared with any other document, inside verified segments.
@Suite struct SharedRunsTests {
    static let generic =
        "IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, "
        + "WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE "
        + "SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."
    /// The clause naming a company, in two documents that differ in a word far from the name.
    static let variants = [
        generic.replacingOccurrences(of: "THE AUTHORS", with: "ACME WIDGETS"),
        generic.replacingOccurrences(of: "THE AUTHORS", with: "ACME WIDGETS")
            .replacingOccurrences(of: "TORT", with: "NEGLIGENCE"),
    ]

    /// Five generic copies, then the two variants, filed; each variant's only LSH candidate
    /// is the generic copy, as when the generic copy is the first occupant of every bucket.
    static func matched() -> (table: SegmentTable, matches: Matches) {
        let configuration = Configuration()
        var sketcher = Sketcher(
            shingle: configuration.shingle, minHash: MinHash(permutations: configuration.permutations),
            parameters: configuration.lshParameters)
        let texts = Array(repeating: generic, count: 5) + variants
        var table = SegmentTable(shingle: configuration.shingle)
        var index = LSHIndex(parameters: configuration.lshParameters)
        var filer = SegmentFiler(configuration: configuration)
        for (document, text) in texts.enumerated() {
            filer.file(sketcher.sketch(Array(text.utf8)), document: document, table: &table, index: &index)
        }
        #expect(filer.entrySegment == [0, 5, 6])  // the generic copy and the two variants
        let candidates = LSHCandidates(offsets: [0, 0, 1, 2], occupants: [0, 0], distinctKeys: 0)
        var indexed = IndexedCorpus(table: table, segmentations: SegmentationStore(), index: index, entrySegment: filer.entrySegment)
        var statistics = ScanStatistics()
        let matches = Matcher.matchAll(
            indexed: &indexed, candidates: candidates, configuration: configuration, statistics: &statistics)
        return (indexed.table, matches)
    }

    /// Each variant's company name is covered, with a partner other than its own document:
    /// the generic copy alone, the only one verified against, does not have those words.
    @Test func variantWordsSharedWithTheTwinAreCovered() {
        let (table, matches) = Self.matched()
        #expect(table.similarity[5] > 0 && table.similarity[6] > 0)
        for segment in [5, 6] {
            let runs = matches.coverage.filter { Int($0.segment) == segment }
            // "ACME WIDGETS" are the segment's fifth and sixth words.
            let name = runs.filter { $0.start <= 4 && $0.end >= 6 && Int($0.partnerDocument) != segment }
            #expect(!name.isEmpty, "segment \(segment): \(runs)")
        }
    }

    /// A word only one variant has ("NEGLIGENCE") is covered by no run of eight shared words.
    @Test func wordsOfOneDocumentOnlyAreNotCovered() {
        let (_, matches) = Self.matched()
        let words = Self.variants[1].split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let negligence = words.firstIndex(of: "NEGLIGENCE")!
        let shared = Matcher.sharedRuns(table: Self.matched().table, similarity: [Float](repeating: 1, count: 7))
        #expect(!shared.contains { Int($0.segment) == 6 && Int($0.start) <= negligence && Int($0.end) > negligence })
        #expect(!matches.coverage.isEmpty)
    }

    /// The runs' table is split among threads by key: the coverage is that of one thread.
    @Test func theAnswerDoesNotDependOnTheThreads() {
        let table = Self.matched().table
        let similarity = [Float](repeating: 1, count: table.count)
        let one = Matcher.sharedRuns(table: table, similarity: similarity)
        #expect(!one.isEmpty)
        for jobs in [2, 3, 5] {
            #expect(Matcher.sharedRuns(table: table, similarity: similarity, jobs: jobs) == one, "jobs \(jobs)")
        }
    }

    /// A table filled past its room grows and keeps every key, its first document and
    /// whether another document filed it.
    @Test func aFullRunTableGrowsAndKeepsWhatItHolds() {
        var table = SharedRunTable(capacity: 0)
        let keys = (0..<5_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for key in keys { table.insert(key, document: 7) }
        for key in keys.prefix(1_000) { table.insert(key, document: 9) }
        #expect(keys.prefix(1_000).allSatisfy { table.otherDocument($0, than: 9) == 7 })
        #expect(keys.prefix(1_000).allSatisfy { table.otherDocument($0, than: 7) == Clusters.otherDocuments })
        #expect(keys.dropFirst(1_000).allSatisfy { table.otherDocument($0, than: 7) == nil })
        #expect(table.otherDocument(12_345, than: 7) == nil)
    }
}
