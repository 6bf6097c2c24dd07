extension Month {
    /// The month's first day.
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }

    /// The month's last day: where an assignment's default due date is counted from.
    public var lastDay: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
    }
}

extension CalendarDate {
    /// The date `count` days later (earlier when negative); nil outside the years 1–9999.
    public func adding(days count: Int) -> CalendarDate? { CalendarDate(dayNumber: dayNumber + count) }
}
