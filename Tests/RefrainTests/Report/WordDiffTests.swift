import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct WordDiffTests {
    func diff(_ copy: String, _ representative: String, trim: Bool = false) -> WordDiff {
        WordDiff(copy: Array(copy.utf8)[...], representative: Array(representative.utf8)[...], trimEnds: trim)
    }

    @Test func missingWordIsMarkedRemovedAfterItsPunctuation() {
        let result = diff("the ensuing war, Armenian Armed Forces", "the ensuing war, the Armenian Armed Forces")
        #expect(result.markedText == "the ensuing war, [-the-] Armenian Armed Forces")
        #expect(result.changedWords == (0, 1))
    }

    /// Chinese writes no spaces between words: removed characters are marked in place, not set
    /// apart by spaces that split a word (review 60: "开幕，国 [-务院…-]").
    @Test func removedCharactersOfAScriptWithoutSpacesGetNoSpaces() {
        let result = diff("会议今天开幕，国家主席出席会议。", "会议今天开幕，国务院总理作报告。")
        #expect(!result.markedText.contains(" "), "\(result.markedText)")
        #expect(result.markedText.contains("[-"))
        #expect(WordDiff.spaces(aroundRemoved: "the", after: "r", before: "a") == (" ", " "))
        #expect(WordDiff.spaces(aroundRemoved: "务院", after: "国", before: "家") == ("", ""))
        // By the text around: Chinese words removed from English, a figure from Chinese (review 64).
        #expect(WordDiff.spaces(aroundRemoved: "李强", after: "r", before: "a") == (" ", " "))
        #expect(WordDiff.spaces(aroundRemoved: "2024", after: "在", before: "年") == ("", ""))
        #expect(WordDiff.spaces(aroundRemoved: "Bangkok Post", after: "า", before: "ร") == (" ", " "))
        #expect(
            diff("Premier arrived in Geneva on Monday.", "Premier 李强 arrived in Geneva on Monday.").markedText
                == "Premier [-李强-] arrived in Geneva on Monday.")
    }

    @Test func extraAndChangedWords() {
        let result = diff("91 civilians were killed today", "91 civilians were injured")
        #expect(result.markedText == "91 civilians were [-injured-] {+killed today+}")
        #expect(result.changedWords == (2, 1))
    }

    /// A figure changed in part is shown changed whole, with its signs: it read
    /// "$ [-$3-] {+4+}.2bn" and "4. [-.1%-] {+7+}%".
    @Test func figuresChangeWhole() {
        let result = diff(
            "shares rose 4.7% and revenue reached $4.2bn, with 1,239 units.",
            "shares rose 4.1% and revenue reached $3.2bn, with 1,120 units.")
        #expect(
            result.markedText
                == "shares rose [-4.1%-] {+4.7%+} and revenue reached [-$3.2bn-] {+$4.2bn+}, with [-1,120-] {+1,239+} units.",
            "\(result.markedText)")
        // A word with no sign is marked as before.
        #expect(
            diff("91 civilians were killed today", "91 civilians were injured").markedText
                == "91 civilians were [-injured-] {+killed today+}")
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

    /// Removed words keep their punctuation: "50%" and "7:30pm" are shown as written (issue 16, item 7).
    @Test func removedWordsKeepTheirPunctuation() {
        let percent = diff("Turnout rose to a record among voters", "Turnout rose to 50% of all voters")
        #expect(percent.markedText.contains("[-50% of all-]"), "\(percent.markedText)")
        let time = diff("The meeting starts tonight.", "The meeting starts at 7:30pm tonight.")
        #expect(time.markedText == "The meeting starts [-at 7:30pm-] tonight.")
        let added = diff("The meeting starts at 7:30pm tonight.", "The meeting starts tonight.")
        #expect(added.markedText == "The meeting starts {+at 7:30pm+} tonight.")
    }

    /// Long paragraphs diff in near-linear time: identical 8 MB texts, and a near-copy with a
    /// word changed every few hundred words (issue 17, item 10).
    @Test func longParagraphsDiffQuickly() {
        var generator = SeededGenerator(seed: 5)
        let vocabulary = (0..<5000).map { "w\($0)" }
        var words: [String] = []
        while words.count < 1_100_000 { words.append(vocabulary.randomElement(using: &generator)!) }
        let text = Array(words.joined(separator: " ").utf8)
        var changed = words
        for index in stride(from: 100, to: changed.count, by: 300) { changed[index] = "changed" }
        let copy = Array(changed.joined(separator: " ").utf8)
        let clock = ContinuousClock()
        var same: WordDiff?
        let identicalTime = clock.measure { same = WordDiff(copy: text[...], representative: text[...]) }
        #expect(same?.isIdentical == true)
        var near: WordDiff?
        let nearTime = clock.measure { near = WordDiff(copy: copy[...], representative: text[...]) }
        #expect(near?.changedWords.added == (changed.count - 100 + 299) / 300)
        #expect(near?.wholeParts == 0)
        #expect(identicalTime < .seconds(20) && nearTime < .seconds(30), "\(identicalTime), \(nearTime)")
    }

    /// Texts with nothing in common beyond a size are shown whole, and counted.
    @Test func tooDifferentPartsAreShownWhole() {
        let representative = (0..<3000).map { "alpha\($0 % 7)" }.joined(separator: " ")
        let copy = (0..<3000).map { "beta\($0 % 5)" }.joined(separator: " ")
        let result = diff(copy, representative)
        #expect(result.wholeParts == 1)
        #expect(result.pieces.count == 2)
    }
}
