import AssayAudits
import AssayCore
@testable import AssayShell
import Testing

/// The shell's opening, without a terminal or a database: which month it opens on for each
/// role, and how each month's open work is worded.
@Suite struct StartingPointTests {
    let november = Month("2026-11")!
    let december = Month("2026-12")!
    let today = CalendarDate(year: 2026, month: 12, day: 10)!

    func open(_ month: Month, _ caseID: String, status: Audit.Status? = nil, due: String? = "2026-12-07",
              origin: CaseToAudit.Origin = .drawn, auditor: String? = "Ana") -> CaseToAudit {
        CaseToAudit(month: month, caseID: caseID, team: "Beta Team", locality: "Northmoor", service: nil, origin: origin,
                    auditor: auditor, auditID: status == nil ? nil : 1, status: status, due: due.flatMap(CalendarDate.init(parsing:)),
                    lastTouched: status == nil ? nil : today)
    }

    @Test func anAuditorOpensOnTheirOldestMonthOfOpenWork() {
        let start = StartingPoint.make(role: .auditor, isPerson: true,
                                       myWork: [open(november, "B1", status: .inProgress), open(november, "G3"),
                                                open(december, "B4", due: "2027-01-07")],
                                       latestDrawn: december, lead: nil, today: today)
        #expect(start.month == november)
        #expect(start.lines == [
            "2 cases to audit in 2026-11 (1 in progress, due 2026-12-07): OVERDUE by 3 days.",
            "1 case to audit in 2026-12 (due 2027-01-07).",
            "Working in 2026-11, the month of your oldest open work. `todo` lists your cases, soonest due first.",
        ])
    }

    @Test func differentDueDatesInAMonthAreARangeAndOnlySomeOverdueAreCounted() {
        let start = StartingPoint.make(role: .moderator, isPerson: true,
                                       myWork: [open(november, "B1"), open(november, "G3", due: "2026-12-20")],
                                       latestDrawn: december, lead: nil, today: today)
        #expect(start.lines.first == "2 cases to audit in 2026-11 (due 2026-12-07 to 2026-12-20): 1 OVERDUE.")
    }

    @Test func auditsOutsideTheDrawAreMentionedAndCountAsWork() {
        let start = StartingPoint.make(role: .auditor, isPerson: true,
                                       myWork: [open(Month("2026-10")!, "X9", status: .inProgress, due: nil, origin: .adHoc)],
                                       latestDrawn: december, lead: nil, today: today)
        #expect(start.month == Month("2026-10")!)
        #expect(start.lines.first == "1 audit in progress outside the draw: X9 (2026-10, ad-hoc).")
    }

    @Test func withNothingOpenAnAuditorOpensOnTheLatestDrawnMonthElseThisMonth() {
        let drawn = StartingPoint.make(role: .auditor, isPerson: true, myWork: [], latestDrawn: november, lead: nil, today: today)
        #expect(drawn.month == november)
        #expect(drawn.lines == ["Nothing to audit: no open cases are yours.", "Working in 2026-11, the latest drawn month."])
        let none = StartingPoint.make(role: .auditor, isPerson: true, myWork: [], latestDrawn: nil, lead: nil, today: today)
        #expect(none.month == december)
        #expect(none.lines.last == "Working in 2026-12; no month has been drawn yet.")
    }

    @Test func aLeadOpensOnTheLatestDrawnMonthWhateverTheirOwnWork() {
        let view = StartingPoint.LeadView(
            monthCases: [open(december, "B4", due: "2027-01-07"), open(december, "A1", due: "2027-01-07", auditor: nil)],
            openCases: [open(november, "B1", status: .inProgress), open(november, "G3")], staleDays: 0)
        let start = StartingPoint.make(role: .lead, isPerson: true, myWork: [open(november, "G3")], latestDrawn: december,
                                       lead: view, today: today)
        #expect(start.month == december)
        #expect(start.lines == [
            "1 case to audit in 2026-11 (due 2026-12-07): OVERDUE by 3 days.",
            "Working in 2026-12, the latest drawn month: 2 cases, 1 assigned, 0 submitted.",
            "Across all months 2 cases are overdue and 1 stale: `progress --chase` lists them.",
        ])
        #expect(!start.text.contains("draw --month"))
    }
}
