@testable import AssayAudits
import AssayCore
@testable import AssayReports
import GRDB
import Testing

/// `report actions` on actions built by hand, every figure worked out below.
@Suite struct ActionsReportTests {
    static func action(_ id: Int64, team: String, due: String, raised: String, status: AuditAction.Status = .open, closed: String? = nil,
                       caseID: String = "C1") -> AuditAction {
        let values: [String: (any DatabaseValueConvertible)?] = [
            "id": id, "audit_id": id * 10, "case_id": caseID, "team": team, "what": "Action \(id)", "owner": "Owen",
            "due": due, "raised_at": raised + "T09:00:00Z", "raised_by": "Lena", "status": status.rawValue,
            "closed_at": closed.map { $0 + "T16:30:00Z" }, "closed_by": closed == nil ? nil : "Owen", "closing_note": closed == nil ? nil : "Done",
        ]
        return AuditAction(row: Row(values))
    }

    /// Alder: 1 done on its due date (on time, 10 days), 2 done a day late (late, 15 days),
    /// 3 done early (on time, 4 days), 4 open due 2026-11-20 (overdue at 2026-11-30),
    /// 5 open due 2026-11-30 (not overdue: due that day), 6 cancelled.
    /// Birch: 7 open due 2026-10-01 (overdue, 60 days), 8 done late (29 days).
    static let actions: [AuditAction] = [
        action(1, team: "Alder", due: "2026-11-10", raised: "2026-10-31", status: .done, closed: "2026-11-10"),
        action(2, team: "Alder", due: "2026-11-10", raised: "2026-10-27", status: .done, closed: "2026-11-11"),
        action(3, team: "Alder", due: "2026-11-30", raised: "2026-11-01", status: .done, closed: "2026-11-05"),
        action(4, team: "Alder", due: "2026-11-20", raised: "2026-11-01", caseID: "C4"),
        action(5, team: "Alder", due: "2026-11-30", raised: "2026-11-01"),
        action(6, team: "Alder", due: "2026-11-15", raised: "2026-11-01", status: .cancelled, closed: "2026-11-03"),
        action(7, team: "Birch", due: "2026-10-01", raised: "2026-09-01", caseID: "C7"),
        action(8, team: "Birch", due: "2026-10-01", raised: "2026-09-02", status: .done, closed: "2026-10-01"),
    ]

    static let asOf = CalendarDate(parsing: "2026-11-30")!

    @Test func countsOnTimeLateOpenOverdueAndTheMedianByTeam() throws {
        let report = ActionsReport(actions: Self.actions, asOf: Self.asOf)
        #expect(report.teams.map(\.team) == ["Alder", "Birch"])
        let alder = report.teams[0]
        #expect([alder.raised, alder.onTime, alder.late, alder.cancelled, alder.open, alder.overdue] == [6, 2, 1, 1, 2, 1])
        // Days to completion 10, 15, 4 → median 10.
        #expect(alder.medianDaysToCompletion == 10)
        let birch = report.teams[1]
        // 8 closed on its due date: on time; 29 days.
        #expect([birch.raised, birch.onTime, birch.late, birch.cancelled, birch.open, birch.overdue] == [2, 1, 0, 0, 1, 1])
        #expect(birch.medianDaysToCompletion == 29)
        let total = try #require(report.total)
        #expect([total.raised, total.onTime, total.late, total.open, total.overdue] == [8, 3, 1, 3, 2])
        // 4, 10, 15, 29 → (10 + 15) / 2.
        #expect(total.medianDaysToCompletion == 12.5)
    }

    @Test func theOldestOverdueComeFirstAndOverdueIsJudgedAtTheAsOfDate() {
        let report = ActionsReport(actions: Self.actions, asOf: Self.asOf)
        #expect(report.oldestOverdue.map(\.action.id) == [7, 4])
        #expect(report.oldestOverdue.map(\.daysOverdue) == [60, 10])
        #expect(ActionsReport(actions: Self.actions, asOf: Self.asOf, limit: 1).oldestOverdue.map(\.action.id) == [7])
        #expect(ActionsReport(actions: Self.actions, asOf: Self.asOf, limit: 1).overdueCount == 2)
        // On 2026-11-20 action 4 is due that day, so not yet overdue.
        #expect(ActionsReport(actions: Self.actions, asOf: CalendarDate(parsing: "2026-11-20")!).oldestOverdue.map(\.action.id) == [7])
        // On 2026-12-01 action 5, due 2026-11-30, is overdue too.
        #expect(ActionsReport(actions: Self.actions, asOf: CalendarDate(parsing: "2026-12-01")!).oldestOverdue.map(\.action.id) == [7, 4, 5])
    }

    @Test func mediansDaysAndOpenAtADate() {
        #expect(ActionsReport.median([]) == nil)
        #expect(ActionsReport.median([3]) == 3)
        #expect(ActionsReport.median([9, 1, 4, 2]) == 3)
        #expect(CalendarDate(parsing: "2026-12-31")!.days(to: CalendarDate(parsing: "2027-03-01")!) == 60)
        #expect(CalendarDate(parsing: "2024-02-28")!.days(to: CalendarDate(parsing: "2024-03-01")!) == 2)
        let cancelled = Self.actions[5]  // raised 11-01, cancelled 11-03
        #expect(!ActionsReport.wasOpen(cancelled, on: CalendarDate(parsing: "2026-10-31")!))
        #expect(ActionsReport.wasOpen(cancelled, on: CalendarDate(parsing: "2026-11-02")!))
        #expect(!ActionsReport.wasOpen(cancelled, on: CalendarDate(parsing: "2026-11-03")!))
    }

    @Test func noActionsNoRows() {
        let report = ActionsReport(actions: [], asOf: Self.asOf)
        #expect(report.teams.isEmpty)
        #expect(report.total == nil)
        #expect(report.oldestOverdue.isEmpty)
    }
}
