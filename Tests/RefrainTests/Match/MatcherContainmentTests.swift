import Testing

@testable import Refrain

/// A paragraph of several sentences that holds a template sentence is a copy of that
/// sentence, not a bridge between the templates it holds (review 80, case 4).
@Suite struct MatcherContainmentTests {
    static let templates = [
        "Officials said the investigation was continuing and that more details would be released in the coming days.",
        "The ministry said the measures would take effect at the start of next month after parliament approves them.",
        "Analysts had expected the central bank to keep its benchmark rate unchanged at the meeting this week.",
    ]
    static let words =
        "council mayor river budget school police harbor farmers market court judge union strike station bridge hospital nurse storm flood airport tariff senator village museum library factory wages rent transit ferry clinic"
        .split(separator: " ").map(String.init)

    /// 200 articles of paragraphs of one to four sentences, each a template with chance
    /// 0.15, else new; and which documents hold each template.
    static func corpus() -> (documents: [Document], holders: [Set<Int>]) {
        var random = SplitMix64(seed: 7)
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        var holders = [Set<Int>](repeating: [], count: templates.count)
        let documents = (0..<200).map { number in
            let paragraphs = (0..<(3 + Int(random.next() % 5))).map { _ in
                (0..<(1 + Int(random.next() % 4))).map { _ -> String in
                    if random.next() % 100 < 15 {
                        let template = Int(random.next() % UInt64(templates.count))
                        holders[template].insert(number)
                        return templates[template]
                    }
                    let body = (0..<(9 + Int(random.next() % 12))).map { _ in pick(words) }.joined(separator: " ")
                    return "\(pick(words).capitalized) reviewed the \(body) on \(random.next() % 9999) \(pick(words))."
                }.joined(separator: " ")
            }
            return Document(id: "d\(number)", text: paragraphs.joined(separator: "\n\n"))
        }
        return (documents, holders)
    }

    @Test func templatesInsideParagraphsAreFamiliesOfTheirOwn() {
        let (documents, holders) = Self.corpus()
        let report = Pipeline().scan(documents)
        func copies(_ family: Family, of template: String) -> Int {
            family.members.filter { documents[$0.document].text(of: $0.span) == template }.count
        }
        for (template, holding) in zip(Self.templates, holders) {
            // The family of the template's copies: in exactly the documents that hold it.
            let family = report.families.max { copies($0, of: template) < copies($1, of: template) }
            #expect(family?.documents == holding.count, "\(template.prefix(30)): \(String(describing: family?.documents))")
            #expect(Set(family?.members.map(\.document) ?? []) == holding)
            // No other template's copies in it.
            for other in Self.templates where other != template {
                #expect(family.map { copies($0, of: other) } == 0)
            }
        }
        // Members are copies of a template: a member that starts in new reporting is rare
        // (a paragraph that holds two templates, copied as a pair in others).
        let members = report.families.flatMap(\.members)
        let startingInNewText = members.filter { member in
            let text = documents[member.document].text(of: member.span)
            return !Self.templates.contains { text.hasPrefix($0) }
        }
        #expect(startingInNewText.count * 100 <= members.count, "\(startingInNewText.count) of \(members.count)")
    }
}
