@testable import AssayAudits
import AssayCore
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import GRDB
import Testing

/// Due dates on assignments, an auditor's open work across months, and the QA lead's
/// progress tally: overdue is open past the due date, stale is in progress and untouched
/// for `stale-days` days.
@Suite struct ChasingTests {
    let fixture: AuditFixture
    let december = Month("2026-12")!
    /// The day the tests take as today when they assign: before November's default due date.
    let early = CalendarDate(year: 2026, month: 11, day: 20)!
    /// What audits opened now record as their last touch.
    let realToday = Today.date(environment: [:])

    init() throws {
        fixture = try AuditFixture()
        try fixture.lead.addPerson(name: "Ana", role: .auditor, team: nil)
        try fixture.lead.addPerson(name: "Ben", role: .auditor, team: nil)
    }

    func dues() throws -> [String: String] {
        try fixture.lead.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT case_id, due FROM assignment")
                .map { ($0["case_id"] as String, $0["due"] as String) })
        }
    }

    func drawDecember() throws {
        var request = DrawRequest(month: december, size: .total(4))
        request.seed = "december"
        request.byFields = ["team"]
        try fixture.lead.saveDraw(DrawMaker(store: fixture.lead).make(request), replaceReason: nil)
    }

    /// Opens (and leaves in progress) `caseID`'s audit as `auditor`.
    func start(_ caseID: String, as auditor: String, month: Month? = nil) throws -> Audit {
        let theirs = try fixture.store(as: auditor)
        let theCase = try theirs.auditedCase(caseID, month: month, unsampled: false, fallbackMonth: fixture.november)
        return try theirs.openAudit(of: theCase, template: fixture.mini, unsampled: false).audit
    }

    @Test func anAssignmentIsDueAWeekAfterItsMonthUnlessTheLeadSaysOtherwise() throws {
        try fixture.lead.assign(month: fixture.november, auditors: ["Ana", "Ben"], today: early)
        #expect(Set(try dues().values) == ["2026-12-07"])
        #expect(try Store.defaultDue(Month("2028-02")!, dueDays: 7).description == "2028-03-07")  // a leap February ends on the 29th

        try fixture.lead.set(.dueDays, to: 10)
        try fixture.lead.assign(month: fixture.november, auditors: ["Ben", "Ana"], today: early)
        #expect(Set(try dues().values) == ["2026-12-07"], "a re-run without --due keeps each case's date, hand-overs included")

        let summary = try fixture.lead.assign(month: fixture.november, auditors: ["Ana", "Ben"], due: CalendarDate(year: 2026, month: 12, day: 14)!, today: early)
        #expect(Set(try dues().values) == ["2026-12-14"])
        #expect(summary.map(\.due) == [[CalendarDate(year: 2026, month: 12, day: 14)!], [CalendarDate(year: 2026, month: 12, day: 14)!]])
        let changed = try fixture.lead.read { db in
            try String.fetchAll(db, sql: "SELECT changed_columns FROM audit_log WHERE table_name = 'assignment' AND operation = 'update'")
        }
        #expect(changed.contains { $0.split(separator: ",").contains("due") }, "each change of a due date is logged: \(changed)")
    }

    @Test func theDefaultDueDateFollowsTheDueDaysSettingForNewAssignments() throws {
        try fixture.lead.set(.dueDays, to: 10)
        try fixture.lead.assign(month: fixture.november, auditors: ["Ana"], today: early)
        #expect(Set(try dues().values) == ["2026-12-10"])
    }

    @Test func aDueDateBeforeTheMonthOrAlreadyPastIsRefusedAndNothingIsStored() throws {
        let before = try fixture.lastLogSeq()
        let tooEarly = #expect(throws: AuditError.self) {
            try fixture.lead.assign(month: fixture.november, auditors: ["Ana"], due: CalendarDate(year: 2026, month: 10, day: 31)!, today: early)
        }
        #expect(tooEarly == .dueBeforeMonth(due: CalendarDate(year: 2026, month: 10, day: 31)!, month: fixture.november))
        #expect(tooEarly?.description.contains("before 2026-11 begins") == true)
        let past = #expect(throws: AuditError.self) {
            try fixture.lead.assign(month: fixture.november, auditors: ["Ana"], due: CalendarDate(year: 2026, month: 11, day: 19)!, today: early)
        }
        #expect(past?.description.contains("The due date 2026-11-19 has already passed (today is 2026-11-20)") == true)
        #expect(past?.place == .argument("due"))
        #expect(try fixture.count("assignment") == 0)
        #expect(try fixture.lastLogSeq() == before)
    }

    @Test func openWorkSpansMonthsAndIncludesAuditsOutsideTheDraw() throws {
        try fixture.lead.assign(month: fixture.november, auditors: ["Ana", "Ben"], today: early)
        try drawDecember()
        try fixture.lead.assign(month: december, auditors: ["Ana", "Ben"], today: early)
        let anas = try fixture.lead.drawnCasesToAudit(auditor: "Ana")
        #expect(Set(anas.map(\.month)) == [fixture.november, december])

        // Ana starts one November case, and an ad-hoc audit of a case nobody drew.
        let novemberCases = anas.filter { $0.month == fixture.november }.map(\.caseID)
        _ = try start(novemberCases[0], as: "Ana", month: fixture.november)
        let adHoc = try fixture.store(as: "Ana").openAudit(
            of: try fixture.store(as: "Ana").auditedCase(fixture.undrawnCaseIDs[0], month: fixture.november, unsampled: true, fallbackMonth: fixture.november),
            template: fixture.mini, unsampled: true).audit

        let work = try fixture.lead.openWork(auditor: "ana")
        #expect(work.filter { $0.origin == .drawn }.count == anas.count)
        #expect(work.first?.month == fixture.november)
        let started = try #require(work.first { $0.caseID == novemberCases[0] })
        #expect(started.status == .inProgress)
        #expect(started.lastTouched == realToday)
        // The ad-hoc audit comes after November's drawn cases and before December's.
        #expect(work.map(\.month) == work.map(\.month).sorted())
        let outside = try #require(work.first { $0.origin != .drawn })
        #expect(outside.caseID == adHoc.caseID)
        #expect(outside.origin == .adHoc)
        #expect(outside.due == nil)
        #expect(work.firstIndex(of: outside) == work.filter { $0.month == fixture.november && $0.origin == .drawn }.count)
        #expect(try fixture.lead.openWork(auditor: "Nobody").isEmpty)
    }

    @Test func progressCountsOverdueAndStaleWorkPerAuditor() throws {
        try fixture.lead.assign(month: fixture.november, auditors: ["Ana", "Ben"], today: early)
        let cases = try fixture.lead.drawnCasesToAudit(month: fixture.november)
        let anas = cases.filter { $0.auditor == "Ana" }.map(\.caseID)
        _ = try start(anas[0], as: "Ana")
        let due = CalendarDate(year: 2026, month: 12, day: 7)!

        // On the due date nothing is overdue yet; the audit opened today is not stale.
        var rows = AuditorProgress.tally(try fixture.lead.drawnCasesToAudit(month: fixture.november), on: max(due, realToday), staleDays: 7)
        #expect(rows.map(\.auditor) == ["Ana", "Ben"])
        let ana = try #require(rows.first)
        #expect((ana.assigned, ana.notStarted, ana.inProgress, ana.submitted) == (2, 1, 1, 0))
        #expect(ana.stale == 0)
        #expect(ana.nextDue == due)
        if realToday <= due { #expect(ana.overdue == 0) }

        // Seven days untouched makes it stale; a day past the due date makes everything open overdue.
        let later = max(due, realToday).adding(days: 7)!
        rows = AuditorProgress.tally(try fixture.lead.drawnCasesToAudit(month: fixture.november), on: later, staleDays: 7)
        #expect(rows.map(\.overdue) == [2, 2])
        #expect(rows.map(\.stale) == [1, 0])
        rows = AuditorProgress.tally(try fixture.lead.drawnCasesToAudit(month: fixture.november), on: later, staleDays: 30)
        #expect(rows.map(\.stale) == [0, 0])
    }

    @Test func casesNobodyHasBeenGivenAreTalliedApartAndTakeTheMonthsDefaultDate() throws {
        let cases = try fixture.lead.drawnCasesToAudit(month: fixture.november)
        #expect(cases.count == 4)
        #expect(cases.allSatisfy { $0.auditor == nil && $0.due == CalendarDate(year: 2026, month: 12, day: 7)! })
        let rows = AuditorProgress.tally(cases, on: early, staleDays: 7)
        #expect(rows.count == 1)
        #expect(rows[0].auditor == nil)
        #expect(rows[0].assigned == 4)
    }

    @Test func aCaseDueTodayIsNotYetOverdue() {
        let due = CalendarDate(year: 2026, month: 12, day: 7)!
        let open = CaseToAudit(month: fixture.november, caseID: "C1", team: "T", locality: "L", service: nil, origin: .drawn,
                               auditor: "Ana", auditID: 1, status: .inProgress, due: due,
                               lastTouched: CalendarDate(year: 2026, month: 11, day: 30)!)
        #expect(open.daysOverdue(on: due) == nil)
        #expect(open.daysOverdue(on: due.adding(days: 3)!) == 3)
        #expect(open.daysUntouched(on: due) == 7)
        #expect(open.isStale(on: due, staleDays: 7))
        #expect(!open.isStale(on: due, staleDays: 8))
        let done = CaseToAudit(month: fixture.november, caseID: "C1", team: "T", locality: "L", service: nil, origin: .drawn,
                               auditor: "Ana", auditID: 1, status: .submitted, due: due, lastTouched: due)
        #expect(done.daysOverdue(on: due.adding(days: 3)!) == nil)
        #expect(done.daysUntouched(on: due.adding(days: 30)!) == nil)
    }
}
