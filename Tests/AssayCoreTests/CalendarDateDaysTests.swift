import AssayCore
import Testing

@Suite struct CalendarDateDaysTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func daysCountAcrossMonthsYearsAndLeapDays() {
        #expect(date("1970-01-01").dayNumber == 0)
        #expect(date("2026-11-30").days(to: date("2026-12-02")) == 2)
        #expect(date("2024-02-28").days(to: date("2024-03-01")) == 2)  // 2024 is a leap year
        #expect(date("2100-02-28").days(to: date("2100-03-01")) == 1)  // 2100 is not
        #expect(date("2026-12-02").days(to: date("2026-11-30")) == -2)
        #expect(date("2025-01-01").days(to: date("2026-01-01")) == 365)
    }
}

extension CalendarDateDaysTests {
    @Test func dayNumbersRoundTrip() {
        for text in ["0001-01-01", "1969-12-31", "2024-02-29", "2026-12-02", "9999-12-31"] {
            #expect(CalendarDate(dayNumber: date(text).dayNumber) == date(text))
        }
        #expect(CalendarDate(dayNumber: date("9999-12-31").dayNumber + 1) == nil)
    }
}
