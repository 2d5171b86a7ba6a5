import Foundation
import Testing

@_spi(Stages) @_spi(CommandLine) @testable import Refrain

@Suite struct JSONRecordParserTests {
    func fast(_ line: String) -> JSONRecord? {
        Array(line.utf8).withUnsafeBufferPointer { JSONRecordParser.parse($0) }
    }

    /// What the full parser makes of a line, in the fast parser's terms.
    func full(_ line: String) -> JSONRecord? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let text = object["text"] as? String
        else { return nil }
        return JSONRecord(
            id: object["id"] as? String, text: Array(text.utf8), source: object["source"] as? String,
            date: object["date"] as? String)
    }

    func expectSame(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let record = fast(line)
        #expect(record != nil, "fast parser declined \(line)", sourceLocation: sourceLocation)
        guard let record, let expected = full(line) else {
            Issue.record("JSONSerialization rejects \(line)", sourceLocation: sourceLocation)
            return
        }
        #expect(record.id == expected.id, sourceLocation: sourceLocation)
        #expect(record.text == expected.text, sourceLocation: sourceLocation)
        #expect(record.source == expected.source, sourceLocation: sourceLocation)
        #expect(record.date == expected.date, sourceLocation: sourceLocation)
    }

    @Test func plainRecordsDecodeAsJSONSerializationDoes() {
        expectSame(#"{"id": "a", "text": "Alpha text.", "source": "Trend", "date": "2020-10-31"}"#)
        expectSame(#"{"text":"no id"}"#)
        expectSame(#"  {"id": null, "text": "null id"}  "#)
        expectSame(#"{"id":"x","text":"Para one.\n\nPara \"two\" \\ \/ \t\r\b\f end."}"#)
        expectSame(#"{"id":"u","text":"Azerbaijan’s Bütün xəbərlər \u00e9\u2019 \ud83d\ude00 😀 \u0000"}"#)
        expectSame(#"{"id":"n","text":"t","extra":[1, -2.5e+3, 0.25, true, false, null, {"a": ["b", {}]}, []],"source": null}"#)
        expectSame(#"{"id":"e","text":""}"#)
    }

    @Test func linesNeedingTheFullParserAreDeclined() {
        for line in [
            #"{"id": 7, "text": "numeric id"}"#,  // converted with a warning by the full parser
            #"{"id": "a", "text": "x", "source": 7}"#,  // read as text by the full parser
            #"{"id": "a", "text": "x", "date": -20240105}"#,
            #"{"id": "a", "text": "x", "source": true}"#,  // warned about by the full parser
            #"{"id": "a", "text": "x", "date": {"day": 5}}"#,
            #"{"id": "a", "text": 3}"#,
            #"{"id": "a"}"#,
            #"{"id": "a", "text": "x", "text": "y"}"#,
            #"{"id": "a", "text": "lone \ud800 surrogate"}"#,
            #"{"id": "a", "text": "bad \x escape"}"#,
            #"{"id": "a", "text": "unterminated}"#,
            #"{"id": "a", "text": "x"} trailing"#,
            #"{"id": "a", "text": "x",}"#,
            #"{"id": "a", "text": "x", "n": 01}"#,
            #"{"id": "a", "text": "x", "n": 1.}"#,
            #"["not", "an object"]"#,
            "{\"id\": \"a\", \"text\": \"raw\tcontrol byte\"}",
        ] {
            #expect(fast(line) == nil, "\(line)")
        }
    }

    @Test func invalidUTF8IsDeclined() {
        let bytes = Array(#"{"id": "a", "text": "ok "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONRecordParser.parse($0) } == nil)
    }

    @Test func randomRecordsDecodeAsJSONSerializationDoes() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", " ", "\"", "\\", "\n", "\t", "é", "’", "😀", "\u{7F}", "\u{1}", "/", "ə", "中"]
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let id = String((0..<Int.random(in: 0..<6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let object: [String: Any] = ["id": id, "text": text, "source": "S", "other": [1, "x"]]
            let data = try JSONSerialization.data(withJSONObject: object)
            expectSame(String(decoding: data, as: UTF8.self))
        }
    }

    @Test func aTextPastTheLimitIsMeasuredNotKept() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", " ", "\"", "\\", "\n", "é", "’", "😀", "\u{1}", "中"]
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let data = try JSONSerialization.data(withJSONObject: ["id": "a", "text": text, "source": "S"])
            let length = text.utf8.count
            for limit in [0, length / 2, max(0, length - 1), length, length + 1] {
                let record = data.withUnsafeBytes { JSONRecordParser.parse($0.bindMemory(to: UInt8.self), textLimit: limit) }
                // The same decision as with no limit, the same length, and the bytes only within it.
                #expect(record?.textLength == length, "\(text) at \(limit)")
                #expect(record?.text == (length <= limit ? Array(text.utf8) : []), "\(text) at \(limit)")
                #expect((record?.textLengthOverLimit != nil) == (length > limit))
                #expect(record?.id == "a" && record?.source == "S")
            }
        }
    }
}
