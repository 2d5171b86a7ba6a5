/// The instant a document's `date` names, for ordering documents by publication.
///
/// Dates are compared as instants, not as text: `2020-01-01T23:00:00-05:00` is after
/// `2020-01-02T01:00:00Z`, though it sorts first as text; a date alone stands for the start of
/// its day in UTC. A date that is not an ISO 8601 date or RFC 3339 timestamp has none, and
/// orders as a document without a date: text such as "!not a date" would sort before every
/// year.
public struct PublicationDate: Comparable, Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int
    /// Nanoseconds past `seconds` (the first nine digits of a fraction); a leap second
    /// (`23:59:60`) is second 59 plus 10⁹ and more, after `:59` and before the next minute.
    public var nanoseconds: Int

    public static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }

    /// Reads a date as the input gives it.
    ///
    /// - Returns: The instant, or `nil` when the date is not a real one (`2024-13-45`,
    ///   `Jan 5, 2024`).
    /// - Complexity: O(*n*) in the date's length.
    public init?(_ date: String) {
        guard let parsed = Self.parse(date) else { return nil }
        self = parsed.instant
    }

    init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T`, `t` or a space, `HH:MM`, optional
    /// `:SS` and fraction, and an optional `Z` or `±HH[:MM]` offset.
    ///
    /// - Returns: The day as written (a timestamp's offset does not move it to another day)
    ///   and the instant; `nil` when the text is not such a date.
    static func parse(_ date: String) -> (calendarDay: String, instant: PublicationDate)? {
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
        var seconds = Self.daysSinceEpoch(year: year, month: month, day: day) * 86_400
        guard index < bytes.count else { return (calendarDay, PublicationDate(seconds: seconds, nanoseconds: 0)) }
        guard consume("T") || consume("t") || consume(" "), let hour = number(2), hour < 24, consume(":"),
            let minute = number(2), minute < 60
        else { return nil }
        seconds += hour * 3600 + minute * 60
        var nanoseconds = 0
        var isLeapSecond = false
        if consume(":") {
            guard let second = number(2), second <= 60 else { return nil }
            isLeapSecond = second == 60
            seconds += min(second, 59)
            if consume(".") || consume(",") {
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    if index - start < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    index += 1
                }
                guard index > start else { return nil }
                for _ in min(9, index - start)..<9 { nanoseconds *= 10 }
            }
        }
        if isLeapSecond { nanoseconds += 1_000_000_000 }
        if consume("Z") || consume("z") {
            return index == bytes.count ? (calendarDay, PublicationDate(seconds: seconds, nanoseconds: nanoseconds)) : nil
        }
        let sign = consume("+") ? 1 : consume("-") ? -1 : 0
        if sign != 0 {
            guard let offsetHours = number(2), offsetHours < 24 else { return nil }
            var offset = offsetHours * 3600
            if consume(":") || (index < bytes.count) {
                guard let offsetMinutes = number(2), offsetMinutes < 60 else { return nil }
                offset += offsetMinutes * 60
            }
            // Local time minus its offset is UTC.
            seconds -= sign * offset
        }
        return index == bytes.count ? (calendarDay, PublicationDate(seconds: seconds, nanoseconds: nanoseconds)) : nil
    }

    /// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (Hinnant's
    /// `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
