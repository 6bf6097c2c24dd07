import AssayCore

/// Days since 1970-01-01 for a calendar date, and back: the arithmetic behind "opened so many
/// days before the as-of date".
///
/// Written out (Howard Hinnant's civil-calendar algorithms, proleptic Gregorian) rather than
/// taken from Foundation's `Calendar`, whose answers depend on the machine's time zone and
/// locale; sample data must not.
enum DayNumber {
    static func of(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (date.month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(_ number: Int) -> CalendarDate {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            fatalError("day number \(number) is outside the years 1–9999")
        }
        return date
    }

    /// The earliest day a `CalendarDate` can hold, so "years back" never runs off the calendar.
    static let first = of(CalendarDate(year: 1, month: 1, day: 1)!)
}
