import Foundation

extension Corpus {
    /// Appends the records of a JSON Lines file: `{"id": …, "text": …, "source"?: …, "date"?: …}` per line.
    ///
    /// Each bad line is a problem with its line number; the good records are still read.
    /// A missing `id` becomes the line number; a number becomes its decimal text.
    ///
    /// - Complexity: O(*n*) in the file's bytes.
    mutating func appendJSONLines(_ bytes: UnsafeBufferPointer<UInt8>, path: String, seenIDs: inout Set<String>, jobs: Int = 1) {
        // Lines, with whether a line feed ends them (a blank last line without one is no line).
        var lines: [(range: Range<Int>, terminated: Bool)] = []
        guard let base = bytes.baseAddress else { return }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append((start..<end, true))
                start = end + 1
            } else {
                lines.append((start..<bytes.count, false))
                start = bytes.count
            }
        }
        if lines.isEmpty, start == bytes.count, !bytes.isEmpty { lines.append((start..<start, false)) }

        // Most lines take the fast parser, on all jobs; the rest go through JSONSerialization below.
        let chunk = 512
        let lineRanges = lines
        nonisolated(unsafe) let buffer = bytes
        let parsed: [[JSONRecord?]] = parallelMap((lineRanges.count + chunk - 1) / chunk, jobs: jobs) { chunkIndex in
            lineRanges[(chunkIndex * chunk)..<min(lineRanges.count, (chunkIndex + 1) * chunk)].map { line in
                JSONRecordParser.parse(UnsafeBufferPointer(rebasing: buffer[line.range]))
            }
        }

        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 1
            let record: JSONRecord
            if let fast = parsed[offset / chunk][offset % chunk] {
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
