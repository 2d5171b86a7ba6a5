import Testing

@testable import Refrain

@Suite struct WordDiffTests {
    func diff(_ copy: String, _ representative: String, trim: Bool = false) -> WordDiff {
        WordDiff(copy: Array(copy.utf8)[...], representative: Array(representative.utf8)[...], trimEnds: trim)
    }

    @Test func missingWordIsMarkedRemovedAfterItsPunctuation() {
        let result = diff("the ensuing war, Armenian Armed Forces", "the ensuing war, the Armenian Armed Forces")
        #expect(result.markedText == "the ensuing war, [-the-] Armenian Armed Forces")
        #expect(result.changedWords == (0, 1))
    }

    @Test func extraAndChangedWords() {
        let result = diff("91 civilians were killed today", "91 civilians were injured")
        #expect(result.markedText == "91 civilians were [-injured-] {+killed today+}")
        #expect(result.changedWords == (2, 1))
    }

    @Test func punctuationCaseAndQuotesAreNotDifferences() {
        let result = diff("“Mortars and artillery,” he said", "\"mortars, and ARTILLERY\" he said")
        #expect(result.isIdentical)
        #expect(result.markedText == "“Mortars and artillery,” he said")
    }

    @Test func trimmedEndsHideTheRestOfALongerRepresentative() {
        let representative = "First sentence here. Second sentence there."
        #expect(diff("Second sentence there.", representative, trim: true).isIdentical)
        #expect(!diff("Second sentence there.", representative).isIdentical)
    }
}
