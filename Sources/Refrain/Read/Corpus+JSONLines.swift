import Foundation

extension Corpus {
    /// How many renamed records of a file are named one by one in warnings; the rest in one.
    static let namedRenames = 3

    /// Appends the records of a JSON Lines file: `{"id": …, "text": …, "source"?: …, "date"?: …}` per line.
    ///
    /// Each bad line is a problem with its line number; the good records are still read.
    /// A missing `id` becomes the line number; a number becomes its decimal text.
    ///
    /// - Complexity: O(*n*) in the file's bytes.
    ///
    /// - Parameters:
    ///   - location: The file's location; each record's gets its line.
    ///   - keepRecords: Keep each record's line in `Document.record`.
    ///   - deferringTo: The file's path when `bytes` is its whole mapping and the texts are
    ///     to be let go: each record the fast parser reads is read again from there when
    ///     needed, and each piece's pages are let go once parsed.
    mutating func appendJSONLines(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, location: DocumentLocation, seenIDs: inout Set<ByteKey>, jobs: Int = 1,
        keepRecords: Bool = false, deferringTo file: [UInt8]? = nil, documentLimit: Int = maximumDocumentBytes
    ) {
        guard !bytes.isEmpty else { return }
        if let reason = Self.wideUnicodeReason(bytes) {
            problems.append(InputProblem(path: path, message: "\(reason). \(Self.skippedFileAdvice)"))
            return
        }
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Pieces of about 1 MiB, each finding its own lines and parsing them, on all jobs:
        // a line belongs to the piece its first byte is in. One thread finding every line
        // first would fault in every page of the mapping alone, on the critical path.
        // Most lines take the fast parser; the rest go through JSONSerialization below.
        let pieceCount = max(1, (bytes.count - first) >> 20)
        nonisolated(unsafe) let buffer = bytes
        let pieces: [[ParsedLine]] = parallelMap(pieceCount, jobs: jobs) { piece in
            let base = buffer.baseAddress!
            let count = buffer.count
            let from = first + (count - first) * piece / pieceCount
            let to = first + (count - first) * (piece + 1) / pieceCount
            var start = from
            if piece > 0, buffer[from - 1] != 0x0A {
                // The line that crosses into this piece belongs to the one before; searched
                // for within this piece only, or every piece inside one huge line would search
                // to its end.
                guard let found = memchr(base + from, 0x0A, to - from) else { return [] }
                start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            var lines: [ParsedLine] = []
            while start < to {
                let end: Int
                let terminated: Bool
                if let found = memchr(base + start, 0x0A, count - start) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    terminated = true
                } else {
                    end = count
                    terminated = false
                }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                // A text is never longer than its line: a line past the limit is measured
                // first, and decoded only if its text turns out to fit.
                var record = JSONRecordParser.parse(line, textLimit: line.count > documentLimit ? 0 : .max)
                if let measured = record, measured.textLengthOverLimit != nil, measured.textLength <= documentLimit {
                    record = JSONRecordParser.parse(line)
                }
                let textLength = record?.textLength ?? 0
                // A deferred text is let go at once: every piece's texts held until all are
                // parsed would be the whole file's text again.
                if file != nil { record?.text = [] }
                lines.append(ParsedLine(range: start..<end, terminated: terminated, record: record, textLength: textLength))
                start = end + 1
            }
            if file != nil {
                // Parsed: the mapping's pages of this piece are let go (clean file pages, read
                // again from the page cache if touched), so the whole file is never resident.
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                let low = (from / page) * page
                let high = min(count, start)
                if high > low { madvise(UnsafeMutableRawPointer(mutating: base + low), high - low, MADV_DONTNEED) }
            }
            return lines
        }
        // Each piece's records become documents on all jobs too, numbered from the lines
        // of the pieces before it, since making every document, its id and origin, on one
        // thread is serial time; then duplicate ids are renamed in order, on one thread.
        var linesBefore = 0
        let firstLine = pieces.map { piece in
            defer { linesBefore += piece.count }
            return linesBefore + 1
        }
        // One descriptor for the file's deferred records, opened when first read back.
        let openFile = file.map { OpenFile(path: $0) }
        var read: [ReadPiece] = parallelMap(pieces.count, jobs: jobs) { piece in
            var read = ReadPiece()
            for (offset, line) in pieces[piece].enumerated() {
                let lineNumber = firstLine[piece] + offset
                let record: JSONRecord
                if let fast = line.record {
                    record = fast
                } else if buffer[line.range].allSatisfy(ByteClass.isSpace) {
                    if line.terminated {
                        read.problems.append(
                            InputProblem(path: path, line: lineNumber, message: "blank line; ignored.", severity: .warning))
                    }
                    continue
                } else if line.range.count > documentLimit {
                    // The full parser would hold the line's values several times over.
                    read.problems.append(
                        InputProblem(
                            path: path, line: lineNumber,
                            message:
                                "a line of \(line.range.count.grouped) bytes that only the full JSON reader takes (a numeric id, a field given twice, or bad JSON); a line longer than the \(documentLimit.grouped) bytes one document can hold is read only as a plain {\"id\": \"…\", \"text\": \"…\"} record. Split its text over several records, or leave it out."
                        ))
                    continue
                } else if let slow = Corpus.slowRecord(buffer[line.range], path: path, lineNumber: lineNumber, problems: &read.problems) {
                    record = slow
                } else {
                    continue
                }
                // A deferred text was let go: its length was kept.
                let length = line.record != nil ? line.textLength : record.textLength
                guard length <= documentLimit else {
                    read.problems.append(
                        Corpus.tooLargeProblem(
                            length, limit: documentLimit, display: path, line: lineNumber,
                            advice: "Split its text over several records, or leave it out."))
                    continue
                }
                if let date = record.date, Document.calendarDay(date) == nil { read.unreadDates.append((lineNumber, date)) }
                var recordLocation = location
                recordLocation.line = lineNumber
                // Only what the fast parser read is deferred: reading it again takes the same path.
                let deferred = file != nil && line.record != nil
                var document = Document(
                    id: record.id ?? String(lineNumber), bytes: deferred ? [] : record.text, source: record.source,
                    date: record.date, origin: "\(path):\(lineNumber)", location: recordLocation,
                    record: keepRecords && !deferred ? Array(buffer[line.range]) : nil)
                if deferred, let file {
                    document.deferredText = DeferredText(
                        path: file, kind: .jsonRecord(start: line.range.lowerBound, end: line.range.upperBound),
                        length: line.textLength,
                        recordChecksum: buffer[line.range].withUnsafeBytes { XXH3.hash($0) })
                    document.deferredText!.openFile = openFile
                }
                read.documents.append(document)
                read.lines.append(lineNumber)
                read.literal.append(record.id != nil)
            }
            return read
        }
        discard(consume pieces, jobs: jobs)

        // This part runs on one thread: room made once, and documents moved, not copied (a
        // copy would retain five fields of each, and freeing the pieces release them again).
        let count = read.reduce(0) { $0 + $1.documents.count }
        seenIDs.reserveCapacity(seenIDs.count + count)
        documents.reserveCapacity(documents.count + count)
        // Literal ids are reserved first, so that a generated id (a line number) or a repeat
        // takes the suffix and a record keeps the id its file gives it.
        var keptLiteral = read.map { [Bool](repeating: false, count: $0.documents.count) }
        for piece in read.indices {
            for index in read[piece].documents.indices where read[piece].literal[index] {
                keptLiteral[piece][index] = seenIDs.insert(ByteKey(read[piece].documents[index].id)).inserted
            }
        }
        // A repeated id becomes `ID@FILE:LINE`: where the record is, readable and unique
        // (a suffix on a suffix, "2#2#2", said neither). The first few are named one by one.
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        var renamed = 0
        var firstUnnamed: (line: Int, index: Int)?
        for piece in read.indices {
            var waiting = read[piece].problems[...]  // in line order, as the documents
            for index in read[piece].documents.indices {
                let lineNumber = read[piece].lines[index]
                while let problem = waiting.first, problem.line! < lineNumber {
                    problems.append(problem)
                    waiting.removeFirst()
                }
                let id = read[piece].documents[index].id
                if !keptLiteral[piece][index], !seenIDs.insert(ByteKey(id)).inserted {
                    // Byte-wise, as file names are: NFC and NFD spellings are two ids.
                    let newID = Corpus.uniqueID("\(id)@\(fileName):\(lineNumber)", seenIDs: &seenIDs)
                    renamed += 1
                    if renamed <= Self.namedRenames {
                        let why =
                            read[piece].literal[index]
                            ? "its id \"\(id)\" is taken by an earlier document"
                            : "it has no id, and its line number \"\(id)\" is another document's id"
                        problems.append(
                            InputProblem(
                                path: path, line: lineNumber, message: "\(why); this record is listed as \"\(newID)\".",
                                severity: .warning))
                    } else if firstUnnamed == nil {
                        // The summary goes where this warning would have: problems stay in line order.
                        firstUnnamed = (lineNumber, problems.count)
                    }
                    read[piece].documents[index].id = newID
                }
            }
            problems += waiting
            for index in read[piece].documents.indices {
                documents.append(Document.placeholder)
                swap(&documents[documents.count - 1], &read[piece].documents[index])
            }
        }
        if let firstUnnamed {
            let more = renamed - Self.namedRenames
            problems.insert(
                InputProblem(
                    path: path, line: firstUnnamed.line,
                    message:
                        "and \(more.counted("more record", "more records")) whose id is taken, each listed as ID@\(fileName):LINE (\(renamed.grouped) in all); give every record an id of its own to keep them.",
                    severity: .warning), at: firstUnnamed.index)
        }
        // One warning per file for the dates, after the records' own problems.
        let unreadDates = read.flatMap(\.unreadDates)
        if !unreadDates.isEmpty {
            let shown = unreadDates.prefix(3).map { "line \($0.line): \"\($0.date)\"" }.joined(separator: ", ")
            let count = unreadDates.count
            problems.append(
                InputProblem(
                    path: path, line: unreadDates[0].line,
                    message:
                        "\(count) record\(count == 1 ? " has" : "s have") a date that is no ISO 8601 date or RFC 3339 timestamp (\(shown)\(count > 3 ? ", …" : "")); \(count == 1 ? "it counts" : "they count") as undated (listed under (no date) by --group-by day and month, never first to publish a family). Write dates as 2024-01-05 or 2024-01-05T10:00:00Z.",
                    severity: .warning))
        }
    }

    /// One piece's documents, the line of each, and its problems, in line order.
    struct ReadPiece: Sendable {
        var documents: [Document] = []
        var lines: [Int] = []
        /// Whether each document's id is the record's own (not its line number).
        var literal: [Bool] = []
        var problems: [InputProblem] = []
        /// Records whose date is no ISO 8601 date or RFC 3339 timestamp: line and date.
        var unreadDates: [(line: Int, date: String)] = []
    }

    /// A line of a JSON Lines file: its bytes (without the line feed), whether a line feed
    /// ends it (a blank last line without one is no line), and its record when the fast
    /// parser could read it.
    struct ParsedLine {
        var range: Range<Int>
        var terminated: Bool
        var record: JSONRecord?
        /// The record's text length in bytes (its text may have been let go).
        var textLength = 0
    }

    /// Reads a line with `JSONSerialization`: the full parser, for its error messages and
    /// for what the fast parser leaves to it. Appends a problem when the line is no record,
    /// and a warning when a field is read in a way the user should know.
    static func slowRecord(
        _ line: Slice<UnsafeBufferPointer<UInt8>>, path: String, lineNumber: Int, problems: inout [InputProblem]
    ) -> JSONRecord? {
        let object: Any
        do {
            // Fragments too: a line of `"str"` or `null` is valid JSON, named below as no object.
            object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            // Foundation counts characters from an offset of its own: name the byte, and the fix.
            let offset = Self.firstInvalidUTF8(in: line)
            if offset < line.count {
                problems.append(
                    InputProblem(
                        path: path, line: lineNumber,
                        message:
                            "holds bytes that are not UTF-8 (the first is 0x\(String(line[line.startIndex + offset], radix: 16, uppercase: true)) at byte \(offset + 1) of the line); JSON is UTF-8. If the file is Windows-1252 or Latin-1, convert it first (iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)."
                    ))
                return nil
            }
            // Old Mac files end lines in CR alone: the whole file reads as one line.
            let crLines = zip(line, line.dropFirst()).contains { $0 == 0x0D && $1 == UInt8(ascii: "{") }
            problems.append(
                InputProblem(
                    path: path, line: lineNumber,
                    message: "not valid JSON (\(Corpus.jsonReason(error))); each line must be one JSON object."
                        + (crLines
                            ? " Its lines end in a carriage return alone (an old Mac file): convert them first "
                                + "(tr '\\r' '\\n' < FILE > FILE.lf && mv FILE.lf FILE)." : "")))
            return nil
        }
        guard let record = object as? [String: Any] else {
            problems.append(
                InputProblem(path: path, line: lineNumber, message: "not a JSON object; each line must be {\"id\": …, \"text\": …}."))
            return nil
        }
        guard let text = record["text"] as? String else {
            let what = record["text"] == nil ? "has no \"text\" field" : "has a \"text\" that is not a string"
            problems.append(
                InputProblem(path: path, line: lineNumber, message: "record \(what); give each record its article as \"text\"."))
            return nil
        }
        var id: String?
        switch record["id"] {
        case nil, is NSNull:
            id = nil
        case let value as String:
            id = value
        case let value as NSNumber where !"\(type(of: value))".contains("Boolean"):
            id = value.stringValue
            problems.append(
                InputProblem(
                    path: path, line: lineNumber, message: "\"id\" is a number; read as \"\(value.stringValue)\". Use strings for ids.",
                    severity: .warning))
        default:
            problems.append(
                InputProblem(
                    path: path, line: lineNumber,
                    message: "\"id\" is neither a string nor a number; the line number \(lineNumber) is used instead.", severity: .warning))
        }
        // A number (`"source": 42`, `"date": 20240105`) is read as its text; a date so read is
        // then counted with the dates that cannot be read.
        func asText(_ value: Any?) -> String? {
            switch value {
            case let value as String: value
            case let value as NSNumber where !"\(type(of: value))".contains("Boolean"): value.stringValue
            default: nil
            }
        }
        // An object, array or boolean has no text to group by: said, so that the record's
        // place under "(no source)" or "(no date)" is no surprise.
        for field in ["source", "date"] {
            guard let value = record[field], !(value is NSNull), asText(value) == nil else { continue }
            problems.append(
                InputProblem(
                    path: path, line: lineNumber,
                    message:
                        "\"\(field)\" is neither a string nor a number; the record counts as having no \(field) (--group-by lists it under (no \(field))). Write the \(field) as a string.",
                    severity: .warning))
        }
        return JSONRecord(id: id, text: Array(text.utf8), source: asText(record["source"]), date: asText(record["date"]))
    }

    /// The offset of the first byte of a line that does not begin or continue a UTF-8
    /// character, or the line's length when there is none.
    static func firstInvalidUTF8(in line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var index = line.startIndex
        while index < line.endIndex {
            guard let (_, width) = ByteClass.decodeScalar(line.base, at: index, end: line.endIndex) else {
                return index - line.startIndex
            }
            index += width
        }
        return line.count
    }

    /// Why JSON Lines in UTF-16 or UTF-32 (as Windows tools save "Unicode" text) is not
    /// read, or `nil`: JSONSerialization would read each of its lines, and the NUL bytes
    /// after the line breaks would be malformed records that never name the encoding.
    ///
    /// - Complexity: O(1): the first 4 KB are read.
    static func wideUnicodeReason(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = Array(bytes.prefix(4096 & ~1))
        if let marked = byteOrderMarkReason(head) { return marked }
        // UTF-32 without a mark: a record's "{" and the 15 characters after it each as one byte
        // and three 0s (a corrupt line of NUL bytes in UTF-8 has no "{" before them).
        if head.count >= 64 {
            let units = stride(from: 0, to: 64, by: 4).map { Array(head[$0..<($0 + 4)]) }
            let little = units[0] == [0x7B, 0, 0, 0] && units.allSatisfy { $0[1] == 0 && $0[2] == 0 && $0[3] == 0 && $0[0] != 0 }
            let big = units[0] == [0, 0, 0, 0x7B] && units.allSatisfy { $0[0] == 0 && $0[1] == 0 && $0[2] == 0 && $0[3] != 0 }
            if little || big {
                let encoding = little ? "UTF-32LE" : "UTF-32BE"
                return "UTF-32 text (\(little ? "little" : "big")-endian, no byte-order mark), not UTF-8: "
                    + "convert it first (iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8 && mv FILE.utf8 FILE)"
            }
        }
        guard head.prefix(64).contains(0), let bigEndian = utf16ByteOrder(head) else { return nil }
        return unmarkedUTF16Reason(bigEndian: bigEndian)
    }

    static func jsonReason(_ error: Error) -> String {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        // Foundation's descriptions end with a period; the message goes on after it.
        var reason = description ?? "malformed"
        // Foundation calls a lone surrogate escape an end of file or a hex escape it cannot convert.
        if reason.contains("surrogate") || reason.contains("no high character") {
            return "a \\u escape of half a UTF-16 surrogate pair, which is no character; write the character, or \\ufffd in its place"
        }
        while reason.hasSuffix(".") { reason.removeLast() }
        // Foundation quotes the value it stopped at, which may be a million digits.
        if reason.count > 160 { reason = String(reason.prefix(150)) + "… (\(reason.utf8.count.grouped) bytes in all)" }
        return reason
    }
}
