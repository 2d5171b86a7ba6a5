import Foundation

extension Corpus {
    /// Appends the records of a JSON Lines file: `{"id": …, "text": …, "source"?: …, "date"?: …}` per line.
    ///
    /// Each bad line is a problem with its line number; the good records are still read.
    /// A missing `id` becomes the line number; a number becomes its decimal text.
    ///
    /// - Complexity: O(*n*) in the file's bytes.
    mutating func appendJSONLines(_ bytes: [UInt8], path: String, seenIDs: inout Set<String>) {
        var lineNumber = 0
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count || (start == bytes.count && lineNumber == 0 && !bytes.isEmpty) {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy(ByteClass.isSpace) {
                if start <= bytes.count {
                    problems.append(InputProblem(path: path, line: lineNumber, message: "blank line; ignored.", severity: .warning))
                }
                continue
            }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(line), options: [])
            } catch {
                problems.append(
                    InputProblem(
                        path: path, line: lineNumber,
                        message: "not valid JSON (\(Corpus.jsonReason(error))); each line must be one JSON object."))
                continue
            }
            guard let record = object as? [String: Any] else {
                problems.append(
                    InputProblem(path: path, line: lineNumber, message: "not a JSON object; each line must be {\"id\": …, \"text\": …}."))
                continue
            }
            guard let text = record["text"] as? String else {
                let what = record["text"] == nil ? "has no \"text\" field" : "has a \"text\" that is not a string"
                problems.append(
                    InputProblem(path: path, line: lineNumber, message: "record \(what); give each record its article as \"text\"."))
                continue
            }
            var id: String
            switch record["id"] {
            case nil, is NSNull:
                id = String(lineNumber)
            case let value as String:
                id = value
            case let value as NSNumber where !"\(type(of: value))".contains("Boolean"):
                id = value.stringValue
                problems.append(
                    InputProblem(
                        path: path, line: lineNumber, message: "\"id\" is a number; read as \"\(id)\". Use strings for ids.",
                        severity: .warning))
            default:
                id = String(lineNumber)
                problems.append(
                    InputProblem(
                        path: path, line: lineNumber,
                        message: "\"id\" is neither a string nor a number; the line number \(id) is used instead.", severity: .warning))
            }
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
                Document(
                    id: id, bytes: Array(text.utf8), source: record["source"] as? String, date: record["date"] as? String,
                    origin: "\(path):\(lineNumber)"))
        }
    }

    static func jsonReason(_ error: Error) -> String {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return description ?? "malformed"
    }
}
