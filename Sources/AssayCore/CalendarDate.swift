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

    /// Today: `Today.date()`, Assay's one rule for the day (the UTC day, as every stored
    /// instant; docs/architecture.md, "One clock").
    public static func today() -> CalendarDate { Today.date() }

    /// Parses ISO 8601 (`YYYY-MM-DD`, optionally followed by `T` or a space and a time) or
    /// UK `DD/MM/YYYY` (one- or two-digit day and month). Returns nil otherwise.
    /// Works on the UTF-8 bytes: an import parses a date on every row.
    public init?(parsing raw: String) {
        var bytes = Array(raw.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard let parsed = CalendarDate.parseISO(bytes) ?? CalendarDate.parseUK(bytes) else { return nil }
        self = parsed
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

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

    private static func digits(_ s: ArraySlice<UInt8>, count: ClosedRange<Int>) -> Int? {
        guard count.contains(s.count) else { return nil }
        var value = 0
        for b in s {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    private static func split(_ s: ArraySlice<UInt8>, _ separator: UInt8) -> [ArraySlice<UInt8>] {
        s.split(separator: separator, omittingEmptySubsequences: false)
    }

    private static func parseISO(_ text: ArraySlice<UInt8>) -> CalendarDate? {
        // The date is the first ten bytes; anything after must be a time.
        guard text.count >= 10 else { return nil }
        let datePart = text.prefix(10)
        let rest = text.dropFirst(10)
        if let first = rest.first {
            guard first == UInt8(ascii: "T") || first == 0x20, isTime(rest.dropFirst()) else { return nil }
        }
        let parts = split(datePart, UInt8(ascii: "-"))
        guard parts.count == 3,
              let y = digits(parts[0], count: 4...4),
              let m = digits(parts[1], count: 2...2),
              let d = digits(parts[2], count: 2...2) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// `HH:MM`, `HH:MM:SS`, optional fraction, optional `Z` or `±HH:MM`.
    private static func isTime(_ s: ArraySlice<UInt8>) -> Bool {
        var t = s
        if t.last == UInt8(ascii: "Z") { t = t.dropLast() }
        if let sign = t.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let zone = t[(sign + 1)...]
            guard [2, 4, 5].contains(zone.count) else { return false }
            t = t[..<sign]
        }
        if let dot = t.firstIndex(of: UInt8(ascii: ".")) {
            guard digits(t[(dot + 1)...], count: 1...9) != nil else { return false }
            t = t[..<dot]
        }
        let parts = split(t, UInt8(ascii: ":"))
        guard parts.count == 2 || parts.count == 3,
              let h = digits(parts[0], count: 2...2), h < 24,
              let m = digits(parts[1], count: 2...2), m < 60 else { return false }
        if parts.count == 3 {
            guard let sec = digits(parts[2], count: 2...2), sec < 61 else { return false }
        }
        return true
    }

    private static func parseUK(_ text: ArraySlice<UInt8>) -> CalendarDate? {
        let parts = split(text, UInt8(ascii: "/"))
        guard parts.count == 3,
              let d = digits(parts[0], count: 1...2),
              let m = digits(parts[1], count: 1...2),
              let y = digits(parts[2], count: 4...4) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}
