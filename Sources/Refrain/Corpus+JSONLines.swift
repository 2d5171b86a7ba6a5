import Foundation

extension Corpus {
    /// Appends the records of a JSON Lines file: `{"id": …, "text": …, "source"?: …, "date"?: …}` per line.
    ///
    /// Each bad line is a problem with its line number; the good records are still read.
    /// A missing `id` becomes the line number; a number becomes its decimal text.
    ///
    /// - Complexity: O(*n*) in the file's bytes.
    mutating func appendJSONLines(_ bytes: UnsafeBufferPointer<UInt8>, path: String, seenIDs: inout Set<String>, jobs: Int = 1) {
        guard !bytes.isEmpty else { return }
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Pieces of about 1 MiB, each finding its own lines and parsing them, on all jobs:
        // a line belongs to the piece its first byte is in. (One thread finding every line
        // first was most of reading's time: it touched each page of the mapping first.)
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
                // The line that crosses into this piece belongs to the one before.
                guard let found = memchr(base + from, 0x0A, count - from) else { return [] }
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
                lines.append(
                    ParsedLine(
                        range: start..<end, terminated: terminated,
                        record: JSONRecordParser.parse(UnsafeBufferPointer(rebasing: buffer[start..<end]))))
                start = end + 1
            }
            return lines
        }
        var lines = Array(pieces.joined())
        if lines.isEmpty, first == bytes.count {
            lines = [ParsedLine(range: first..<first, terminated: false, record: nil)]
        }

        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 1
            let record: JSONRecord
            if let fast = line.record {
                record = fast
            } else if bytes[line.range].allSatisfy(ByteClass.isSpace) {
                if line.terminated {
                    problems.append(InputProblem(path: path, line: lineNumber, message: "blank line; ignored.", severity: .warning))
                }
                continue
            } else if let slow = slowRecord(bytes[line.range], path: path, lineNumber: lineNumber) {
                record = slow
            } else {
                continue
            }
            var id = record.id ?? String(lineNumber)
            if !seenIDs.insert(id).inserted {
                let renamed = "\(id)#\(lineNumber)"
                problems.append(
                    InputProblem(
                        path: path, line: lineNumber, message: "duplicate id \"\(id)\"; this record is listed as \"\(renamed)\".",
                        severity: .warning))
                id = renamed
                seenIDs.insert(id)
            }
            documents.append(
                Document(id: id, bytes: record.text, source: record.source, date: record.date, origin: "\(path):\(lineNumber)"))
        }
    }

    /// A line of a JSON Lines file: its bytes (without the line feed), whether a line feed
    /// ends it (a blank last line without one is no line), and its record when the fast
    /// parser could read it.
    struct ParsedLine {
        var range: Range<Int>
        var terminated: Bool
        var record: JSONRecord?
    }

    /// Reads a line with `JSONSerialization`: the full parser, for its error messages and
    /// for what the fast parser leaves to it. Appends a problem when the line is no record.
    mutating func slowRecord(_ line: Slice<UnsafeBufferPointer<UInt8>>, path: String, lineNumber: Int) -> JSONRecord? {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            problems.append(
                InputProblem(
                    path: path, line: lineNumber,
                    message: "not valid JSON (\(Corpus.jsonReason(error))); each line must be one JSON object."))
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
        return JSONRecord(id: id, text: Array(text.utf8), source: record["source"] as? String, date: record["date"] as? String)
    }

    static func jsonReason(_ error: Error) -> String {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        // Foundation's descriptions end with a period; the message goes on after it.
        var reason = description ?? "malformed"
        while reason.hasSuffix(".") { reason.removeLast() }
        return reason
    }
}
