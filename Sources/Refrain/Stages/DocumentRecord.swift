import Foundation

/// A document as the stages pass it on: its index in corpus order and the document itself.
///
/// One line: `index ⇥ id ⇥ source ⇥ date ⇥ bytes`, the id, source, date and bytes in base64
/// (`-` for no source or date), so that any bytes and any id survive.
@_spi(Stages) public struct DocumentRecord: Sendable {
    /// The document's index in the corpus order `refrain scan` reads.
    public var index: Int
    /// The document.
    public var document: Document

    /// Creates a record.
    public init(index: Int, document: Document) {
        self.index = index
        self.document = document
    }

    /// The record's line, without a line feed.
    public var line: String {
        "\(index)\t\(Data(document.id.utf8).base64EncodedString())\t\(StageRecords.optionalBase64(document.source))\t"
            + "\(StageRecords.optionalBase64(document.date))\t\(Data(document.bytes).base64EncodedString())"
    }

    /// Reads a record's line.
    ///
    /// - Parameters:
    ///   - line: The record's line.
    ///   - stage: The stage reading it, for messages.
    ///   - number: Its line number in the stage's input, for messages.
    /// - Throws: `StageRecordError.malformed` when the line is not a document record.
    public init(line: [UInt8], stage: String, number: Int = 0) throws(StageRecordError) {
        let fields = line.fields()
        func optional(_ field: ArraySlice<UInt8>) -> String?? {
            if field.elementsEqual("-".utf8) { return .some(nil) }
            return field.base64Bytes.map { .some(String(decoding: $0, as: UTF8.self)) }
        }
        guard fields.count == 5, let index = fields[0].integer, StageRecords.documents.contains(index),
            let id = fields[1].base64Bytes, let source = optional(fields[2]), let date = optional(fields[3]),
            let bytes = fields[4].base64Bytes, bytes.count <= Int(UInt32.max)
        else { throw .malformed(stage: stage, line: String(decoding: line, as: UTF8.self), number: number) }
        let name = String(decoding: id, as: UTF8.self)
        self.init(index: index, document: Document(id: name, bytes: bytes, source: source, date: date))
    }
}
