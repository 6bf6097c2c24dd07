import AssayCore
import Testing

@Suite struct CalendarDateTests {
    @Test func readsISODatesWithAndWithoutTime() {
        #expect(CalendarDate(parsing: "2026-11-03")?.description == "2026-11-03")
        #expect(CalendarDate(parsing: "2026-11-03T10:20:30Z")?.description == "2026-11-03")
        #expect(CalendarDate(parsing: "2026-11-03 10:20")?.description == "2026-11-03")
        #expect(CalendarDate(parsing: "2026-11-03T10:20:30.250+01:00")?.description == "2026-11-03")
    }

    @Test func readsUKDatesDayFirst() {
        #expect(CalendarDate(parsing: "03/11/2026")?.description == "2026-11-03")
        #expect(CalendarDate(parsing: "3/1/2026")?.description == "2026-01-03")
    }

    @Test func neverReadsAmericanMonthFirstDates() {
        #expect(CalendarDate(parsing: "11/25/2026") == nil)
    }

    @Test(arguments: ["31/02/2025", "29/02/2025", "2025-13-01", "2025-00-10", "2025-1-1", "tomorrow", "", "2026-11-03T25:00", "2026-11-03x"])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func knowsLeapYears() {
        #expect(CalendarDate(parsing: "29/02/2024") != nil)
        #expect(CalendarDate(parsing: "29/02/1900") == nil)
        #expect(CalendarDate(parsing: "29/02/2000") != nil)
    }

    @Test func ordersChronologically() {
        #expect(CalendarDate(parsing: "2025-12-31")! < CalendarDate(parsing: "01/01/2026")!)
    }
}

@Suite struct MonthTests {
    @Test func parsesOnlyYYYYMM() {
        #expect(Month("2026-11")?.description == "2026-11")
        #expect(Month("2026-13") == nil)
        #expect(Month("2026-1") == nil)
        #expect(Month("11/2026") == nil)
    }

    @Test func addsMonthsAcrossYears() {
        #expect(Month("2026-11")!.adding(months: 3).description == "2027-02")
        #expect(Month("2026-01")!.adding(months: -1).description == "2025-12")
        #expect(Month("2026-01")!.adding(months: -25).description == "2023-12")
    }
}
