@testable import AssayAudits
import AssayCore
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Actions chased to completion: raised on any audit with the case's team, listed by team,
/// owner, status and overdue, closed once (done with a note, cancelled with a reason).
@Suite struct ActionTests {
    let fx: AuditFixture
    let audit: Audit

    init() throws {
        fx = try AuditFixture()
        let theCase = try fx.lead.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        audit = try fx.lead.openAudit(of: theCase, template: fx.mini, unsampled: false).audit
    }

    /// The day `n` days from today (UTC): an action may not fall due before the day it is
    /// raised (ActionDueDate), so the tests' due dates are counted from today.
    func inDays(_ n: Int) -> CalendarDate { CalendarDate(dayNumber: ActionDueDate.day().dayNumber + n)! }

    @Test func anActionCarriesItsCaseAndTeamAndStartsOpen() throws {
        let id = try fx.lead.raiseAction(auditID: audit.id, what: "Update the chronology", owner: "Tam Manager", due: inDays(1))
        let action = try fx.lead.action(id: id)
        #expect(action.caseID == audit.caseID)
        #expect(action.team == "CP North")
        #expect(action.status == .open)
        #expect(action.closedAt == nil)
        #expect(action.raisedBy == AuditFixture.leadName)
        #expect(try fx.logged().last.map { [$0.table, $0.operation] } == ["audit_action", "insert"])
    }

    @Test func overdueMeansOpenAndPastItsDueDate() throws {
        let late = try fx.lead.raiseAction(auditID: audit.id, what: "A", owner: "Tam", due: inDays(10))
        let closed = try fx.lead.raiseAction(auditID: audit.id, what: "B", owner: "Tam", due: inDays(5))
        _ = try fx.lead.raiseAction(auditID: audit.id, what: "C", owner: "Uma", due: inDays(40))
        try fx.lead.closeAction(id: closed, as: .done, note: "Chronology updated.")
        #expect(try fx.lead.actions(ActionFilter(overdueAsOf: inDays(30))).map(\.id) == [late])
        #expect(try fx.lead.actions(ActionFilter(overdueAsOf: inDays(10))).isEmpty)  // due that day is not yet late
        #expect(try fx.lead.actions(ActionFilter(owner: "uma")).map(\.what) == ["C"])
        #expect(try fx.lead.actions(ActionFilter(status: .done)).map(\.id) == [closed])
        #expect(try fx.lead.actions(ActionFilter(team: "Front Door")).isEmpty)
    }

    @Test func anActionClosesOnceWithANote() throws {
        let id = try fx.lead.raiseAction(auditID: audit.id, what: "A", owner: "Tam", due: inDays(1))
        #expect(throws: AuditError.noteMissing) { try fx.lead.closeAction(id: id, as: .done, note: "  ") }
        try fx.lead.closeAction(id: id, as: .cancelled, note: "Case closed on 2026-11-25.")
        let error = #expect(throws: AuditError.self) { try fx.lead.closeAction(id: id, as: .done, note: "Done anyway") }
        #expect(error?.description.contains("already cancelled") == true)
        let action = try fx.lead.action(id: id)
        #expect(action.status == .cancelled)
        #expect(action.closingNote == "Case closed on 2026-11-25.")
        #expect(action.closedBy == AuditFixture.leadName)
    }

    @Test func actionsMayBeRaisedOnSubmittedAuditsButNotOnMissingOnes() throws {
        let ana = try fx.store(as: "Ana")
        let answers = [Answer(questionID: "seen-alone", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "wishes", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "visit-on-time", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "assessment", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil)]
        let other = try fx.lead.auditedCase(fx.drawnCase(team: "Front Door"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        let submitted = try ana.submitInOneStep(other, template: fx.mini, unsampled: false, answers: answers, overall: .good, reason: nil, actions: [])
        let id = try ana.raiseAction(auditID: submitted, what: "Share the plan with school", owner: "Wyn Worker", due: inDays(14))
        #expect(try ana.action(id: id).team == "Front Door")
        #expect(throws: AuditError.self) { try ana.raiseAction(auditID: 9999, what: "X", owner: "Y", due: inDays(14)) }
    }
}
