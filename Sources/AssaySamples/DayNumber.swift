import AssayCore

/// Day numbers for the sample generators ("opened so many days before the as-of date"),
/// on `CalendarDate.dayNumber` from AssayCore.
enum DayNumber {
    static func of(_ date: CalendarDate) -> Int { date.dayNumber }

    static func date(_ number: Int) -> CalendarDate {
        guard let date = CalendarDate(dayNumber: number) else {
            fatalError("day number \(number) is outside the years 1–9999")
        }
        return date
    }

    /// The earliest day a `CalendarDate` can hold, so "years back" never runs off the calendar.
    static let first = CalendarDate(year: 1, month: 1, day: 1)!.dayNumber
}
