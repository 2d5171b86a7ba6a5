import Foundation

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// A small multi-outlet corpus with dates whose recycled text is known: each outlet's own
/// footer, and background paragraphs that one outlet publishes first and others carry later.
///
/// | # | source | date       | recycled text            |
/// |---|--------|------------|--------------------------|
/// | 0 | Alpha  | 2024-01-03 | background 1, Alpha footer |
/// | 1 | Beta   | 2024-01-01 | background 1, Beta footer  |
/// | 2 | Gamma  | 2024-01-05 | background 1, Gamma footer |
/// | 3 | Alpha  | 2024-01-04 | Alpha footer               |
/// | 4 | Beta   | 2024-01-02 | Beta footer                |
/// | 5 | Gamma  | 2024-01-06 | Gamma footer, background 2 |
/// | 6 | Alpha  | 2024-01-07 | background 2               |
///
/// Input order differs from date order (document 1 is the earliest), so a test that
/// orders by input instead of date fails.
enum OutletCorpus {
    static let sources = ["Alpha Wire", "Beta Times", "Gamma Post", "Alpha Wire", "Beta Times", "Gamma Post", "Alpha Wire"]
    static let dates = ["2024-01-03", "2024-01-01", "2024-01-05", "2024-01-04", "2024-01-02", "2024-01-06", "2024-01-07"]

    /// Each outlet's footer: texts far apart, so no two outlets' footers make one family.
    static func footer(_ source: String) -> String {
        switch source {
        case "Alpha Wire": "Follow Alpha Wire on every social network for the latest stories, pictures and videos from our reporters."
        case "Beta Times": "Subscribers to Beta Times receive the morning newsletter with weather, traffic and market prices before dawn."
        default: "Gamma Post is an independent cooperative owned by its readers; send tips and corrections to the night desk."
        }
    }
    static let background1 =
        "The regional council approved the new water plan after two years of debate, and construction of the reservoir north of the city is expected to start next spring."
    static let background2 =
        "Officials said the bridge closure would last until the end of the month while engineers inspect cracks found in the supporting pillars during a routine check."

    /// Novel text: sentences of pseudo-words drawn from a seeded generator, unique to each call.
    static func novel(_ random: inout SeededGenerator, sentences: Int = 3) -> String {
        let syllables = ["ka", "lo", "mir", "tes", "va", "dun", "pri", "sol", "xe", "qua", "bre", "nop", "fy", "gal", "hur", "jin"]
        return (0..<sentences).map { _ in
            let words = (0..<14).map { _ in (0..<3).map { _ in syllables.randomElement(using: &random)! }.joined() }
            return words.joined(separator: " ").capitalized + "."
        }.joined(separator: " ")
    }

    /// The documents, in input order.
    static func documents(seed: UInt64 = 21) -> [Document] {
        var random = SeededGenerator(seed: seed)
        var result: [Document] = []
        for index in 0..<sources.count {
            var paragraphs = [novel(&random), novel(&random)]
            if [0, 1, 2].contains(index) { paragraphs.append(background1) }
            paragraphs.append(novel(&random))
            if index == 5 || index == 6 { paragraphs.append(background2) }
            if index != 6 { paragraphs.append(footer(sources[index])) }
            result.append(
                Document(
                    id: "story-\(index)", text: paragraphs.joined(separator: "\n\n") + "\n", source: sources[index], date: dates[index]))
        }
        return result
    }

    /// The documents as JSON Lines.
    static func jsonLines(_ documents: [Document]) -> String {
        documents.map { document in
            var writer = JSONWriter()
            writer.raw("{\"id\": ")
            writer.string(document.id)
            writer.raw(", \"text\": ")
            writer.string(document.text)
            if let source = document.source {
                writer.raw(", \"source\": ")
                writer.string(source)
            }
            if let date = document.date {
                writer.raw(", \"date\": ")
                writer.string(date)
            }
            writer.raw("}\n")
            return writer.output
        }.joined()
    }

    /// Writes the corpus to a new temporary `.jsonl` file.
    static func write(_ documents: [Document] = documents()) throws -> URL {
        let folder = try makeTemporaryFolder()
        let file = folder.appendingPathComponent("outlets.jsonl")
        try Data(jsonLines(documents).utf8).write(to: file)
        return file
    }
}
