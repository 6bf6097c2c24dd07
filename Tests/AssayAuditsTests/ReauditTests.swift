@testable import AssayAudits
import AssayCore
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Re-audits (`audit CASE --reaudit`, docs/audits.md "Re-audits"): a case audited before, in
/// an earlier month, audited again in a month it was not drawn — flagged, with no draw, and
/// left out of the estimates; refused for a case never audited before.
@Suite struct ReauditTests {
    let fx: AuditFixture
    let december = Month("2026-12")!

    init() throws { fx = try AuditFixture() }

    static let answers: [Answer] = [
        Answer(questionID: "seen-alone", value: "4", grade: .inadequate, skipped: false, evidence: nil, reason: nil),
        Answer(questionID: "wishes", value: "4", grade: .inadequate, skipped: false, evidence: nil, reason: nil),
        Answer(questionID: "visit-on-time", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
        Answer(questionID: "assessment", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
    ]

    @Test func aReauditIsFlaggedHasNoDrawAndTakesTheRegistersCase() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = fx.drawnCase(team: "Front Door")
        let first = try ana.auditedCase(caseID, month: fx.november, unsampled: false, fallbackMonth: fx.november)
        #expect(!first.reaudit)
        _ = try ana.submitInOneStep(first, template: fx.mini, unsampled: false, answers: Self.answers,
                                    overall: .inadequate, reason: "Set by the test.", actions: [])

        let again = try ana.auditedCase(caseID, month: nil, unsampled: false, reaudit: true, fallbackMonth: december)
        #expect(again.reaudit && again.drawID == nil && again.month == december && again.team == "Front Door")
        let id = try ana.submitInOneStep(again, template: fx.mini, unsampled: false, answers: Self.answers,
                                         overall: .inadequate, reason: "Set by the test.", actions: [])
        let audit = try ana.audit(id: id)
        #expect(audit.reaudit && !audit.unsampled && audit.drawID == nil && audit.month == december)
        let flags = try fx.lead.read { db in try Int.fetchAll(db, sql: "SELECT reaudit FROM audit ORDER BY id") }
        #expect(flags == [0, 1])
    }

    @Test func aCaseNeverAuditedBeforeCannotBeReaudited() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = try #require(fx.undrawnCaseIDs.first)
        let error = #expect(throws: AuditError.self) {
            try ana.auditedCase(caseID, month: december, unsampled: false, reaudit: true, fallbackMonth: december)
        }
        #expect(error == .nothingToReaudit(caseID, month: december))
        #expect(error?.description.contains("no submitted audit before") == true)
    }

    @Test func aCaseDrawnInTheMonthIsAnOrdinaryDrawnAudit() throws {
        let ana = try fx.store(as: "Ana")
        let theCase = try ana.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, reaudit: true,
                                          fallbackMonth: fx.november)
        #expect(!theCase.reaudit && theCase.drawID == fx.drawID)
    }

    @Test func theDrawReauditTableIsAudited() {
        #expect(AuditedTable.all.contains(.drawReaudit))
    }
}
