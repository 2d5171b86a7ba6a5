import CRefrainKernels

/// The fields of a JSON Lines record that the read stage uses.
struct JSONRecord: Sendable {
    /// The `id` string, or `nil` when the record has none (or `null`).
    var id: String?
    /// The `text` string as UTF-8 bytes.
    var text: [UInt8]
    /// The `source` string, if any.
    var source: String?
    /// The `date` string, if any.
    var date: String?
    /// The decoded length of a `text` longer than the reader's limit, whose bytes were not
    /// kept (`text` is then empty).
    var textLengthOverLimit: Int? = nil

    /// The decoded length of `text`, kept or not.
    var textLength: Int { textLengthOverLimit ?? text.count }
}
