import AssayCore
import Foundation
import Testing

/// One rule for "today" (issue 21, docs/architecture.md "One clock"): the UTC day, as every
/// instant Assay stores, from `Today.date()`; `CalendarDate.today()` is the same day (it was
/// the machine's local day, so the HTML report dated itself by one clock and judged its
/// actions overdue by another).
@Suite struct OneClockTests {
    @Test func todayIsTheUTCDayAndCalendarDateTodayIsTheSame() {
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "ASSAY_TODAY" }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let utc = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        let today = Today.date(environment: environment)
        // Either side of midnight UTC the two reads may straddle it: a day apart at most.
        #expect(today == utc || today.adding(days: -1) == utc)
        #expect(CalendarDate.today() == Today.date())
    }
}
