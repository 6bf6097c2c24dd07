@testable import AssayAudits
import AssayCore
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// An action may not fall due before the day it is raised (issue 17): an action born overdue
/// counts against its team though nobody had time to do it. Refused from an answers file
/// (with the file, line and field), by `action add` and in the guided audit, and by the
/// store itself whichever way it is raised; due the same day is allowed.
@Suite struct ActionDueDateTests {
    let fx: AuditFixture
    let audit: Audit

    init() throws {
        fx = try AuditFixture()
        let theCase = try fx.lead.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        audit = try fx.lead.openAudit(of: theCase, template: fx.mini, unsampled: false).audit
    }

    var today: CalendarDate { ActionDueDate.day() }
    func inDays(_ n: Int) -> CalendarDate { CalendarDate(dayNumber: today.dayNumber + n)! }

    @Test func theDayItIsRaisedIsTheDayInUTC() {
        // 23:30 on 30 November in UTC is already 1 December east of Greenwich, and still the 30th here.
        let instant = Date(timeIntervalSince1970: Double(CalendarDate(parsing: "2026-11-30")!.dayNumber) * 86_400 + 23.5 * 3600)
        #expect(ActionDueDate.day(of: instant) == CalendarDate(parsing: "2026-11-30"))
    }

    @Test func dueTheSameDayOrLaterIsAllowedAndEarlierIsNot() {
        let raised = CalendarDate(parsing: "2026-11-20")!
        #expect(ActionDueDate.problem(due: raised, raisedOn: raised) == nil)
        #expect(ActionDueDate.problem(due: CalendarDate(parsing: "2026-12-04")!, raisedOn: raised) == nil)
        #expect(ActionDueDate.problem(due: CalendarDate(parsing: "2026-11-19")!, raisedOn: raised)
                == "2026-11-19 is before 2026-11-20, the day the action is raised: give a due date on or after 2026-11-20")
    }

    @Test func actionAddRefusesADueDateBeforeTodayAndStoresNothing() throws {
        let before = try fx.count("audit_action")
        let error = #expect(throws: AuditError.self) {
            try fx.lead.raiseAction(auditID: audit.id, what: "Update the chronology", owner: "Tam", due: inDays(-1))
        }
        #expect(error?.description == "The action was not raised: due \(inDays(-1)) is before \(today), the day the action is raised: "
                + "give a due date on or after \(today).")
        #expect(try fx.count("audit_action") == before)
        let id = try fx.lead.raiseAction(auditID: audit.id, what: "Update the chronology", owner: "Tam", due: today)
        #expect(try fx.lead.action(id: id).due == today)
        #expect(try fx.lead.action(id: id).raisedAt.hasPrefix(today.description))
    }

    @Test func theGuidedAuditsWayIsRefusedByTheStoreToo() throws {
        #expect(throws: AuditError.self) { try fx.lead.addAction(auditID: audit.id, what: "A", owner: "Tam", due: inDays(-30)) }
        #expect(try fx.lead.actions(auditID: audit.id).isEmpty)
    }

    @Test func anAnswersFileWithAnActionDueBeforeTodayIsRejectedOnItsLine() throws {
        let dir = TemporaryDirectory()
        let past = inDays(-3)
        let text = """
            answers:
              seen-alone: g
              wishes: g
              visit-on-time: yes
              assessment: g
            overall: g
            actions:
              - what: Review the plan with the family
                owner: Wyn Worker
                due: \(inDays(7))
              - what: Write a chronology
                owner: Wyn Worker
                due: \(past)

            """
        do {
            _ = try AnswerSheet.read(path: dir.write("late.yaml", text), template: fx.mini)
            Issue.record("an action due before today was accepted")
        } catch let rejected as InputRejected {
            #expect(rejected.problems.count == 1)
            let problem = try #require(rejected.problems.first)
            #expect(problem.file == "late.yaml")
            #expect(problem.line == 13)
            #expect(problem.field == "due")
            #expect(problem.reason.contains("\(past) is before \(today), the day the action is raised"))
        }
        let fine = try AnswerSheet.read(path: dir.write("fine.yaml", text.replacingOccurrences(of: "due: \(past)", with: "due: \(today)")),
                                        template: fx.mini)
        #expect(fine.actions.map(\.due) == [inDays(7), today])
    }

    @Test func aSubmissionCarryingSuchAnActionStoresNothing() throws {
        let ana = try fx.store(as: "Ana")
        let answers = [Answer(questionID: "seen-alone", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "wishes", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "visit-on-time", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "assessment", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil)]
        let other = try fx.lead.auditedCase(fx.drawnCase(team: "Front Door"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        let audits = try fx.count("audit")
        #expect(throws: AuditError.self) {
            try ana.submitInOneStep(other, template: fx.mini, unsampled: false, answers: answers, overall: .good, reason: nil,
                                    actions: [(what: "Late", owner: "Tam", due: inDays(-1))])
        }
        #expect(try fx.count("audit") == audits)
    }
}
