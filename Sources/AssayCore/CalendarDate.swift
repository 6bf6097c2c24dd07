import Foundation

/// A date without a time of day, as registers and audits record them.
///
/// Registers come from spreadsheets in two spellings: ISO 8601 (`2026-11-03`, optionally
/// with a time, which is dropped) and the UK's `03/11/2026`. American month-first dates are
/// never guessed: `11/25/2026` is an error, not the 25th of November, because a silently
/// swapped day and month would misplace a case in time.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in the machine's time zone.
    public static func today(calendar: Calendar = .current) -> CalendarDate {
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Parses ISO 8601 (`YYYY-MM-DD`, optionally followed by `T` or a space and a time) or
    /// UK `DD/MM/YYYY` (one- or two-digit day and month). Returns nil otherwise.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let parsed = CalendarDate.parseISO(text) ?? CalendarDate.parseUK(text) {
            self = parsed
        } else {
            return nil
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ s: Substring, count: ClosedRange<Int>) -> Int? {
        guard count.contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    private static func parseISO(_ text: String) -> CalendarDate? {
        // The date is the first ten characters; anything after must be a time.
        let datePart = text.prefix(10)
        let rest = text.dropFirst(10)
        if !rest.isEmpty {
            guard let first = rest.first, first == "T" || first == " ",
                  isTime(rest.dropFirst()) else { return nil }
        }
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let y = digits(parts[0], count: 4...4),
              let m = digits(parts[1], count: 2...2),
              let d = digits(parts[2], count: 2...2) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// `HH:MM`, `HH:MM:SS`, optional fraction, optional `Z` or `±HH:MM`.
    private static func isTime(_ s: Substring) -> Bool {
        var t = s
        if t.hasSuffix("Z") { t = t.dropLast() }
        if let sign = t.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = t[t.index(after: sign)...]
            guard zone.count == 5 || zone.count == 4 || zone.count == 2 else { return false }
            t = t[..<sign]
        }
        if let dot = t.firstIndex(of: ".") {
            guard t[t.index(after: dot)...].allSatisfy(\.isNumber), t.index(after: dot) < t.endIndex
            else { return false }
            t = t[..<dot]
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              let h = digits(parts[0], count: 2...2), h < 24,
              let m = digits(parts[1], count: 2...2), m < 60 else { return false }
        if parts.count == 3 {
            guard let sec = digits(parts[2], count: 2...2), sec < 61 else { return false }
        }
        return true
    }

    private static func parseUK(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let d = digits(parts[0], count: 1...2),
              let m = digits(parts[1], count: 1...2),
              let y = digits(parts[2], count: 4...4) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}
