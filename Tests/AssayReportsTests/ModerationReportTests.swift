import AssayAudits
import AssayCore
@testable import AssayReports
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// Moderation in reports (docs/moderation.md): a moderated audit counts with its agreed
/// grades; `report evidence` leaves out audits awaiting a blind moderation for all but
/// their own auditor.
@Suite struct ModerationReportTests {
    static let november = EvidenceReportTests.november

    @Test func agreedGradesAreOfficialAndEvidenceStaysBlindUntilModerated() throws {
        let dir = TemporaryDirectory()
        let (lead, drawn, _) = try EvidenceReportTests.fixture(dir)
        try lead.addPerson(name: "Mo", role: .moderator, team: nil)
        let mo = try Store(path: dir.file("a.db"), identity: Identity(name: "Mo", osLogin: "mo"))
        let sample = try lead.takeModerationSample(month: Self.november, share: 1, seed: "all", replaceReason: nil)
        #expect(sample.total == 4)  // three drawn, one ad hoc; the audit in progress is not submitted

        // Blind: the lead audited these, so sees its own evidence; the moderator sees none.
        #expect(try lead.gradeEvidence(from: Self.november, through: Self.november).count == 2)
        #expect(try mo.gradeEvidence(from: Self.november, through: Self.november).isEmpty)

        let before = try lead.reportedAudits(from: Self.november, through: Self.november, domainGrades: true)
        let auditID = try #require(try lead.audit(caseID: drawn[0], month: Self.november)?.id)
        try Self.agreeGood(auditID, by: mo, in: dir)

        let after = try lead.reportedAudits(from: Self.november, through: Self.november, domainGrades: true)
        #expect(before.count == after.count && after.count == 3)
        #expect(before.filter(\.inadequate).count == 2)
        #expect(after.filter(\.inadequate).count == 1)  // drawn[0] was 4 (inadequate); agreed 2 (good)
        let moderated = try #require(after.first { $0.overall == .good && $0.domainGrades["safety"] == .good })
        #expect(moderated.domainGrades == ["safety": .good, "plan": .good])
        // The first auditor's grades stay stored.
        #expect(try lead.audit(id: auditID).overall == .inadequate)
        #expect(try lead.sectionGrades(auditID: auditID)["safety"] == .inadequate)
        // Evidence: the moderated audit is visible to the moderator now; the others are not.
        let seen = try mo.gradeEvidence(from: Self.november, through: Self.november)
        #expect(seen.map(\.caseID) == [drawn[0]])
    }

    /// The moderator agrees the audit good overall and on `risk`, against the auditor's grades.
    static func agreeGood(_ auditID: Int64, by mo: Store, in dir: TemporaryDirectory) throws {
        let (_, template) = try mo.moderationTarget(auditID: auditID)
        let file = dir.write("m.yaml", """
            answers:
              risk: {value: r, evidence: The history is summarised but not analysed.}
              seen: no
              plan-quality: g
            overall: r
            agreed: {risk: g}
            agreed_overall: g
            agreed_reason: The auditor showed the analysis in the strategy minutes.
            """)
        try mo.moderate(auditID: auditID, template: template, sheet: ModerationSheet.read(path: file, template: template))
    }
}
