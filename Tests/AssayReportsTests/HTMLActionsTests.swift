@testable import AssayAudits
import AssayCore
@testable import AssayReports
import Testing

/// The HTML report's "Actions" section and the summary's answer about actions: open, overdue
/// and done-on-time actions by team, the oldest overdue by pseudonym (never by case id), and
/// the month-end chart only when it has something to show.
@Suite struct HTMLActionsTests {
    static func report(asOf: CalendarDate = ActionsReportTests.asOf, pseudonyms: CasePseudonym? = nil,
                       actions: [AuditAction] = ActionsReportTests.actions) throws -> HTMLReport {
        try HTMLReport(audits: HTMLReportTests.audits(), month: HTMLReportTests.november, months: 3, actions: actions, asOf: asOf,
                       pseudonyms: pseudonyms)
    }

    @Test func theActionsSectionTableChartAndContents() throws {
        let report = try Self.report()
        let page = report.render()
        #expect(page.contains("<section id=\"actions\">"))
        #expect(page.contains("<li><a href=\"#actions\">Actions: are they done?</a></li>"))
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"actions-chart\""))
        #expect(report.tableIDs.contains("actions-table") && report.tableIDs.contains("oldest-overdue-table"))
        #expect(page.contains("<table id=\"actions-table\">"))
        #expect(report.contents.contains("actions (3 open, 2 overdue)"))
        #expect(!page.contains("C4") && !page.contains("C7"), "no case id")
        // Month-ends 2026-09-30, 2026-10-31, 2026-11-30 (the as-of date).
        // 09-30: 7 and 8 open (raised 09-01, 09-02), none overdue (due 10-01).
        // 10-31: 7 open and overdue (8 closed 10-01); 1 and 2 open (raised 10-31, 10-27), due 11-10.
        // 11-30: 4, 5, 7 open; 4 and 7 overdue.
        #expect(report.actionMonths.map(\.open) == [2, 3, 3])
        #expect(report.actionMonths.map(\.overdue) == [0, 1, 2])
        // Every bar's count is written on the chart, so nothing needs a tooltip.
        let chart = page.components(separatedBy: "id=\"actions-chart\"")[1].components(separatedBy: "</svg>")[0]
        #expect(HTMLReportTests.count("class=\"bar-label\"", in: chart) == 6)
        #expect(chart.contains("url(#overdue-hatch)"), "overdue bars hatched, not told apart by colour alone")
    }

    @Test func theSummarySaysWhatIsOpenOverdueAndDoneAndNamesTheOldestByPseudonym() throws {
        let pseudonyms = CasePseudonym(secret: Array(repeating: 7, count: 32))
        let report = try Self.report(pseudonyms: pseudonyms)
        let page = report.render()
        let text = try #require(PageText.answer("actions", in: page))
        // Alder: 2 open (1 overdue), 2 on time, 1 late, 1 cancelled; Birch: 1 open and overdue,
        // 1 done on its due date (on time).
        #expect(text.contains("Of 8 actions audits have raised, 3 are open, 2 of them overdue on 30 November 2026; "
                              + "3 were done by the due date and 1 late, and 1 cancelled."))
        #expect(text.contains("Most overdue: Alder (1) and Birch (1)."))
        // The oldest overdue: action 7 (Birch, case C7), due 2026-10-01, 60 days before the as-of date.
        let c7 = pseudonyms.pseudonym(for: "C7")
        #expect(text.contains("The oldest overdue action, on case \(c7) (Birch), was due on 1 October 2026: 60 days ago."))
        #expect(PageText.row(c7, ofTable: "oldest-overdue-table", in: page) == [c7, "Birch", "1 October 2026", "60"])
        #expect(!page.contains("C7") && !page.contains("C4"))
    }

    @Test func theReportsOwnDateIsABarWhenItIsAfterTheMonthsEnd() throws {
        // As of 2026-12-04: actions 4, 5 and 7 are still open, and all three now overdue.
        let report = try Self.report(asOf: CalendarDate(parsing: "2026-12-04")!)
        #expect(report.actionMonths.count == 4)
        #expect(report.actionMonths.last?.isReportDate == true)
        #expect(report.actionMonths.last.map { [$0.open, $0.overdue] } == [3, 3])
        #expect(report.render().contains("Open and overdue actions at each month-end and on 4 December 2026 (counts)"))
    }

    @Test func noChartWithoutAnythingToDrawAndNoSectionContentWithoutActions() throws {
        // One action, raised and done before the window: nothing open at any month-end.
        let early = ActionsReportTests.action(9, team: "Alder", due: "2026-05-01", raised: "2026-04-01", status: .done, closed: "2026-04-20")
        let report = try Self.report(actions: [early])
        let page = report.render()
        #expect(!page.contains("id=\"actions-chart\""))
        #expect(page.contains("No action was open at any month-end of the window or on the report&#39;s date, so there is no chart of them."))
        let none = try HTMLReportTests.report()
        #expect(none.actions == nil)
        #expect(none.render().contains("No audit has raised an action."))
        #expect(!none.tableIDs.contains("actions-table"))
    }
}
