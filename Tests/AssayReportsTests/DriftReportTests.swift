import AssayAudits
import AssayCore
@testable import AssayReports
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// `report drift`: a case audited again whose same domain is still inadequate is listed with
/// the earlier audit's actions and their status; re-audits stay out of the estimates.
/// Built on EvidenceReportTests' fixture (November: A1 safety inadequate, plan good; X1
/// ad-hoc, both inadequate, two actions).
@Suite struct DriftReportTests {
    static let november = EvidenceReportTests.november
    static let december = november.adding(months: 1)

    static func answers(risk: Grade, plan: Grade) -> [Answer] {
        [Answer(questionID: "risk", value: String(risk.rawValue), grade: risk, skipped: false, evidence: nil, reason: nil),
         Answer(questionID: "seen", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
         Answer(questionID: "plan-quality", value: String(plan.rawValue), grade: plan, skipped: false, evidence: nil, reason: nil)]
    }

    static func reaudit(_ store: Store, _ caseID: String, risk: Grade, plan: Grade) throws -> Int64 {
        let template = try store.template(id: "mini")
        let theCase = try store.auditedCase(caseID, month: december, unsampled: false, reaudit: true, fallbackMonth: december)
        #expect(theCase.reaudit && theCase.drawID == nil)
        return try store.submitInOneStep(theCase, template: template, unsampled: false, answers: answers(risk: risk, plan: plan),
                                         overall: max(risk, plan), reason: "Set by the test.", actions: [])
    }

    @Test func aStillInadequateDomainIsListedWithLastTimesActions() throws {
        let dir = TemporaryDirectory()
        let (store, drawn, _) = try EvidenceReportTests.fixture(dir)
        let a1 = try #require(try store.audit(caseID: drawn[0], month: Self.november))
        let chased = try store.raiseAction(auditID: a1.id, what: "Risk analysis", owner: "TM", due: EvidenceReportTests.inDays(14))
        try store.closeAction(id: chased, as: .done, note: "Analysis written.")

        let again = try Self.reaudit(store, drawn[0], risk: .inadequate, plan: .inadequate)
        _ = try Self.reaudit(store, "X1", risk: .inadequate, plan: .inadequate)
        _ = try Self.reaudit(store, drawn[1], risk: .good, plan: .good)  // audited again, no drift

        let report = try store.driftReport(period: ReportPeriod(month: Self.december), titles: store.registeredDomains())
        #expect(report.auditedAgain == 3)
        #expect(report.cases.map(\.caseID).sorted() == [drawn[0], "X1"].sorted())
        let first = try #require(report.cases.first { $0.caseID == drawn[0] })
        #expect(first.auditID == again && first.reaudit && first.earlierAuditID == a1.id && first.earlierMonth == Self.november)
        #expect(first.domains == [DriftDomain(id: "safety", title: "Safety")])  // plan was good last time
        #expect(first.actions.map(\.what) == ["Risk analysis"])
        #expect(first.actions.map(\.status) == [.done])
        let adHoc = try #require(report.cases.first { $0.caseID == "X1" })
        #expect(adHoc.domains.map(\.id) == ["plan", "safety"])
        #expect(adHoc.actions.map(\.what) == ["Overdue", "Not yet"])
        #expect(adHoc.actions.map(\.status) == [.open, .open])

        // November has no earlier audits: nothing drifts.
        #expect(try store.driftReport(period: ReportPeriod(month: Self.november)).cases.isEmpty)
        // Re-audits are never counted in the estimates.
        #expect(try store.reportedAudits(from: Self.december, through: Self.december, domainGrades: false).isEmpty)
        #expect(try store.reportedAudits(from: Self.november, through: Self.november, domainGrades: false).count == 3)
    }

    /// `draw --include-reaudits`: cases whose latest audit is submitted and inadequate, long
    /// enough ago; not those drawn at random, still in progress, or better than inadequate.
    @Test func reauditCandidatesAreTheLatestInadequateAuditsLongEnoughAgo() throws {
        let dir = TemporaryDirectory()
        let (store, drawn, _) = try EvidenceReportTests.fixture(dir)
        let frameID = try #require(try store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM frame") })
        let later = Month("2030-01")!
        // November: drawn[0] and drawn[2] inadequate (4), drawn[1] 3, drawn[3] in progress, X1 ad hoc 4.
        let all = try store.reauditCandidates(month: later, weeks: 4, frameID: frameID, drawn: [])
        #expect(all.map(\.caseID) == [drawn[0], drawn[2], "X1"].sorted())
        #expect(all.allSatisfy { $0.lastMonth == Self.november })
        #expect(try store.reauditCandidates(month: later, weeks: 4, frameID: frameID, drawn: [drawn[0]]).map(\.caseID)
            == [drawn[2], "X1"].sorted())
        #expect(try store.reauditCandidates(month: later, weeks: 100_000, frameID: frameID, drawn: []).isEmpty)
        // Not in a month at or before the audit's own.
        #expect(try store.reauditCandidates(month: Self.november, weeks: 0, frameID: frameID, drawn: []).isEmpty)
        // Re-audited in December and good now: no longer due.
        _ = try Self.reaudit(store, drawn[0], risk: .good, plan: .good)
        #expect(try store.reauditCandidates(month: later, weeks: 4, frameID: frameID, drawn: []).map(\.caseID) == [drawn[2], "X1"].sorted())
    }
}
