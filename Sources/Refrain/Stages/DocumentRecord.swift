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
        func malformed(_ reason: String) -> StageRecordError {
            .malformed(stage: stage, line: String(decoding: line, as: UTF8.self), number: number, reason: reason)
        }
        guard fields.count == 5 else {
            throw malformed("\(fields.count) tab-separated fields, where a document record has 5: number, id, source, date, text")
        }
        guard let index = fields[0].integer, StageRecords.documents.contains(index) else {
            throw malformed("its document number is not a whole number from 0 to \(StageRecords.documents.upperBound - 1)")
        }
        guard let id = fields[1].base64Bytes else { throw malformed("its id is not base64") }
        guard let source = fields[2].optionalBase64Text else { throw malformed("its source is neither base64 nor -") }
        guard let date = fields[3].optionalBase64Text else { throw malformed("its date is neither base64 nor -") }
        guard let bytes = fields[4].base64Bytes else { throw malformed("its text is not base64") }
        guard bytes.count <= Int(UInt32.max) else { throw malformed("its text is over 4 GiB") }
        let name = String(decoding: id, as: UTF8.self)
        self.init(index: index, document: Document(id: name, bytes: bytes, source: source, date: date))
    }
}
