import AssayAudits
import AssayCore
@testable import AssayReports
import AssaySampling
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Every consumer of a rule of `AuditRules` follows it (issue 21): on a database holding one
/// audit of every kind the rules tell apart — drawn and submitted, drawn and moderated to
/// another grade, ad hoc, a re-audit, in progress — each report, the Neyman history and the
/// evidence reader count exactly the audits `AuditRules.counted` selects, with the grade
/// `AuditRules.officialOverall` gives. (`AuditRulesSpellingTests` checks none of them spells
/// a rule out again.)
@Suite struct AuditRulesTests {
    static let november = EvidenceReportTests.november
    static let december = november.adding(months: 1)

    /// `EvidenceReportTests.fixture`'s November — three drawn audits (A1 inadequate, A2
    /// requires improvement, B1 inadequate), an ad-hoc one (X1 inadequate) and one in progress —
    /// with a moderator, Mo, and every submitted audit in the moderation sample.
    static func sampled(_ dir: TemporaryDirectory) throws -> (lead: Store, mo: Store, drawn: [String]) {
        let (lead, drawn, _) = try EvidenceReportTests.fixture(dir)
        try lead.addPerson(name: "Mo", role: .moderator, team: nil)
        let mo = try Store(path: dir.file("a.db"), identity: Identity(name: "Mo", osLogin: "mo"))
        _ = try lead.takeModerationSample(month: november, share: 1, seed: "all", replaceReason: nil)
        return (lead, mo, drawn)
    }

    @Test func everyConsumerCountsWhatTheRuleCountsWithTheOfficialGrade() throws {
        let dir = TemporaryDirectory()
        let (lead, mo, drawn) = try Self.sampled(dir)
        // A1 moderated: its official grade is good, its auditor's stays inadequate.
        let a1 = try #require(try lead.audit(caseID: drawn[0], month: Self.november)?.id)
        try ModerationReportTests.agreeGood(a1, by: mo, in: dir)
        // B1 audited again in December as a re-audit, inadequate again.
        let template = try lead.template(of: try lead.audit(id: try #require(try lead.audit(caseID: drawn[2], month: Self.november)?.id)))
        let again = try lead.auditedCase(drawn[2], month: Self.december, unsampled: false, reaudit: true, fallbackMonth: Self.december)
        try lead.submitInOneStep(again, template: template, unsampled: false, answers: [
            Answer(questionID: "risk", value: "4", grade: .inadequate, skipped: false, evidence: "Still none.", reason: nil),
            Answer(questionID: "seen", value: "no", grade: nil, skipped: false, evidence: "Not seen.", reason: nil),
            Answer(questionID: "plan-quality", value: "4", grade: .inadequate, skipped: false, evidence: "None.", reason: nil),
        ], overall: .inadequate, reason: "Set by the test.", actions: [])

        // What the rules say, asked of the database directly.
        let (counted, inadequate, kinds) = try lead.read { db in
            (try Int64.fetchAll(db, sql: "SELECT a.id FROM audit a WHERE \(AuditRules.counted("a")) ORDER BY a.id"),
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM audit a \(AuditRules.joinModeration(audit: "a", as: "m"))
                WHERE \(AuditRules.counted("a")) AND \(AuditRules.officialOverall(audit: "a", moderation: "m")) = 4
                """) ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? -1)
        }
        #expect(kinds == 6)  // three drawn, ad hoc, in progress, re-audit
        #expect(counted.count == 3 && counted.contains(a1))
        #expect(inadequate == 1)  // B1 only: A1's official grade is good, X1 and the re-audit do not count

        let (from, through) = (Self.november, Self.december)
        let reported = try lead.reportedAudits(from: from, through: through, domainGrades: true)
        #expect(reported.count == counted.count)
        #expect(reported.filter(\.inadequate).count == inadequate)

        let raw = try lead.rawCounts(from: from, through: through, grouping: nil)
        #expect(raw.cells.reduce(0) { $0 + $1.audited } == counted.count)
        #expect(raw.cells.reduce(0) { $0 + $1.inadequate } == inadequate)

        #expect(try lead.domainsReport(from: from, through: through, grouping: nil).audits == counted.count)
        #expect(try lead.latestReportedMonth() == Self.november)  // December's re-audit does not count

        let history = try #require(try StoredInadequacyHistory(store: lead).inadequateRates(months: from...through, byFields: ["team"], services: nil))
        #expect(history.authority == Double(inadequate) / Double(counted.count))

        // The evidence reader takes counted audits only, and the moderator (before moderating
        // the rest) sees only the one moderated.
        let evidence = try lead.gradeEvidence(from: from, through: through)
        #expect(Set(evidence.map(\.auditID)).isSubset(of: Set(counted)))
        #expect(Set(try mo.gradeEvidence(from: from, through: through).map(\.auditID)) == [a1])
    }

    /// Blind moderation is one rule: the listing's answer (`isHiddenFromMe`), the answers
    /// reader and the evidence report agree, and a moderator reads the first auditor's
    /// answers only through the moderation itself.
    @Test func blindModerationHidesTheSameAuditsEverywhere() throws {
        let dir = TemporaryDirectory()
        let (lead, mo, drawn) = try Self.sampled(dir)
        let audit = try #require(try lead.audit(caseID: drawn[0], month: Self.november))
        #expect(try mo.isHiddenFromMe(audit))
        #expect(try !lead.isHiddenFromMe(audit))  // the lead audited it
        #expect(throws: AuditError.self) { try mo.answers(auditID: audit.id) }
        #expect(try lead.answers(auditID: audit.id)["risk"]?.grade == .inadequate)
        #expect(try mo.answersUnderModeration(auditID: audit.id)["risk"]?.grade == .inadequate)
        #expect(throws: AuditError.self) { try lead.answersUnderModeration(auditID: audit.id) }  // one's own audit is not moderated

        try ModerationReportTests.agreeGood(audit.id, by: mo, in: dir)
        #expect(try !mo.isHiddenFromMe(audit))
        #expect(try mo.answers(auditID: audit.id)["risk"]?.grade == .inadequate)
    }
}
