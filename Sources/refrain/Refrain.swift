import ArgumentParser

@main
struct RefrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refrain",
        abstract: "Find the template text that news articles share, and separate it from new reporting.",
        discussion: """
            Refrain reads a corpus (a folder of .txt files, .jsonl files with {"id", "text", \
            "source", "date"} per line, or - for standard input), finds paragraphs and sentences \
            that recur near-exactly in two or more documents (word shingles, MinHash, LSH, exact \
            verification), and labels every paragraph template, partial, repeat or novel.

            Examples:
              refrain scan samples
              refrain scan corpus.jsonl --format json --output report.json
              refrain diff samples/000_96c4b650bc7dc9e5.txt
              refrain families samples
              refrain clean samples --output cleaned
            """,
        subcommands: [Scan.self, Diff.self, Families.self, Clean.self],
        defaultSubcommand: nil
    )
}
