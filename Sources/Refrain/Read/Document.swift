/// One article of a corpus: an id, its text as UTF-8 bytes, and optional metadata.
public struct Document: Sendable, Hashable {
    /// The document's id: a relative path, a file name, or a JSON Lines record's `id`.
    public var id: String
    /// The document's original bytes; every span indexes into these.
    public var bytes: [UInt8]
    /// The outlet or feed, when the input carries it.
    public var source: String?
    /// The publication date as given (ISO 8601 `YYYY-MM-DD…` is understood), when the input carries it.
    public var date: String?
    /// Where the document came from, for messages: a path, or `path:line` for JSON Lines.
    public var origin: String
    /// Where the document was read from, when the read stage made it.
    public var location: DocumentLocation?
    /// The JSON Lines record the document came from, as its line's bytes (no line feed),
    /// when the corpus was read with `keepRecords`: `clean` rewrites only its `text`.
    public var record: [UInt8]?
    /// Where the text is read again when the read stage let it go (a corpus read with a
    /// text budget it exceeds): `bytes` is then empty. `nil` when `bytes` holds the text.
    @_spi(Stages) public var deferredText: DeferredText?

    /// Creates a document.
    public init(
        id: String, bytes: [UInt8], source: String? = nil, date: String? = nil, origin: String? = nil,
        location: DocumentLocation? = nil, record: [UInt8]? = nil
    ) {
        self.id = id
        self.bytes = bytes
        self.source = source
        self.date = date
        self.origin = origin ?? id
        self.location = location
        self.record = record
    }

    /// An empty document that allocates nothing: a stand-in for one moved out.
    static let placeholder = Document(id: "", bytes: [], origin: "")

    /// The calendar day of a date, `YYYY-MM-DD`, when it is an ISO 8601 date or an RFC 3339
    /// timestamp (`2024-01-05`, `2024-01-05T10:00:00Z`, `2024-01-05 10:00:00.5+01:00`).
    ///
    /// The day is the one written: a timestamp's offset does not move it to another day.
    /// - Parameter date: The date as the input gives it.
    /// - Returns: The day, or `nil` when the date is not a real one (`2024-13-45`, `Jan 5, 2024`).
    /// - Complexity: O(*n*) in the date's length.
    public static func calendarDay(_ date: String) -> String? {
        let bytes = Array(date.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func consume(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
            index += 1
            return true
        }
        guard let year = number(4), consume("-"), let month = number(2), consume("-"), let day = number(2),
            (1...12).contains(month)
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        let calendarDay = String(decoding: bytes[0..<10], as: UTF8.self)
        guard index < bytes.count else { return calendarDay }
        // A time: `T`, `t` or a space, `HH:MM`, optional `:SS` and fraction, optional offset.
        guard consume("T") || consume("t") || consume(" "), let hour = number(2), hour < 24, consume(":"),
            let minute = number(2), minute < 60
        else { return nil }
        if consume(":") {
            guard let second = number(2), second <= 60 else { return nil }
            if consume(".") || consume(",") {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                guard index > start else { return nil }
            }
        }
        if consume("Z") || consume("z") { return index == bytes.count ? calendarDay : nil }
        if consume("+") || consume("-") {
            guard let offsetHours = number(2), offsetHours < 24 else { return nil }
            if consume(":") || (index < bytes.count) {
                guard let offsetMinutes = number(2), offsetMinutes < 60 else { return nil }
            }
        }
        return index == bytes.count ? calendarDay : nil
    }

    /// Creates a document from a string.
    public init(id: String, text: String, source: String? = nil, date: String? = nil) {
        self.init(id: id, bytes: Array(text.utf8), source: source, date: date)
    }

    /// The document's text (read again when deferred); invalid UTF-8 is replaced by U+FFFD.
    public var text: String { String(decoding: loadedBytes(), as: UTF8.self) }

    /// The text of a span, with invalid UTF-8 replaced by U+FFFD.
    public func text(of span: ByteRange) -> String {
        String(decoding: loadedBytes()[span.range], as: UTF8.self)
    }
}
