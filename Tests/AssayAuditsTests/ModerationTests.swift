@testable import AssayAudits
import AssayCore
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Moderation (docs/moderation.md): the sample is reproducible and reaches every auditor;
/// who may moderate what; the blind rule; agreed grades.
@Suite struct ModerationTests {
    let fixture: AuditFixture

    init() throws { fixture = try AuditFixture() }

    /// Every answer of the mini template, grades as given (seen-alone, wishes, assessment).
    static func answers(_ seen: Grade = .good, _ wishes: Grade = .good, _ assessment: Grade = .good, evidence: String? = "Seen twice.") -> [Answer] {
        [Answer(questionID: "seen-alone", value: String(seen.rawValue), grade: seen, skipped: false, evidence: evidence, reason: nil),
         Answer(questionID: "wishes", value: String(wishes.rawValue), grade: wishes, skipped: false, evidence: nil, reason: nil),
         Answer(questionID: "visit-on-time", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
         Answer(questionID: "assessment", value: String(assessment.rawValue), grade: assessment, skipped: false, evidence: nil, reason: nil)]
    }

    /// Submits an audit of `caseID` (drawn or ad hoc) as `store`'s user with the mini template.
    @discardableResult
    func submit(_ caseID: String, by store: Store, _ answers: [Answer] = answers(), overall: Grade = .good) throws -> Int64 {
        let drawn = fixture.drawnCaseIDs.contains(caseID)
        let theCase = try store.auditedCase(caseID, month: fixture.november, unsampled: !drawn, fallbackMonth: fixture.november)
        return try store.submitInOneStep(theCase, template: fixture.mini, unsampled: !drawn, answers: answers, overall: overall,
                                         reason: "Set by the test.", actions: [])
    }

    /// Twelve submitted audits: Ana 6, Ben 4, Cy 2 (drawn cases go to Ana and Ben first).
    func submitMonth() throws -> (ana: Store, ben: Store, cy: Store) {
        let ana = try fixture.store(as: "Ana"), ben = try fixture.store(as: "Ben"), cy = try fixture.store(as: "Cy")
        let order = fixture.drawnCaseIDs + fixture.undrawnCaseIDs
        for (n, caseID) in order.enumerated() {
            try submit(caseID, by: n < 6 ? ana : (n < 10 ? ben : cy))
        }
        return (ana, ben, cy)
    }

    func write(_ name: String, _ text: String) -> String { fixture.dir.write(name, text) }

    static let moderatorSheet = """
        answers:
          seen-alone:
            value: r
            evidence: Not seen alone since August.
          wishes: g
          visit-on-time: yes
          assessment: g
        overall: r
        agreed:
          seen-alone: i
        agreed_overall: i
        agreed_reason: Agreed with the auditor after reading the August visit notes.
        """

    @Test func theSampleIsReproducibleAndReachesEveryAuditor() throws {
        _ = try submitMonth()
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        #expect(sample.population == 12 && sample.auditors == 3)
        #expect(sample.total == 3)  // ceil(10% × 12) = 2, but every auditor gets one
        #expect(Set(sample.rows.map(\.auditor)) == ["Ana", "Ben", "Cy"])
        #expect(sample.rows.allSatisfy { $0.chosenAs == "auditor" })
        #expect(sample.seed == "mod-seed" && sample.seedGiven && sample.algorithm == "assay-moderation-1")
        // Recomputed from the rule alone: the same audits, the same tickets.
        let audits = try fixture.lead.audits(AuditFilter(month: fixture.november, status: .submitted))
        let again = ModerationSelection.select(audits.map { ModerationCandidate(auditID: $0.id, caseID: $0.caseID, auditor: $0.auditor) },
                                               share: 0.1, seed: "mod-seed")
        #expect(again.map(\.candidate.auditID) == sample.rows.map(\.auditID))
        #expect(again.map(\.ticket) == sample.rows.map(\.ticket))
        // The ticket is the draws' ticket of the seed and the audit id.
        #expect(sample.rows[0].ticket == Ticket.of(caseID: String(sample.rows[0].auditID), seed: "mod-seed").hexString)
        // A second database filled the same way draws the same sample.
        let other = ModerationTests(fixture: try AuditFixture())
        _ = try other.submitMonth()
        let twin = try other.fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        #expect(twin.rows.map(\.auditID) == sample.rows.map(\.auditID))
    }

    init(fixture: AuditFixture) { self.fixture = fixture }

    @Test func aLargerShareTakesTheLowestRemainingTickets() throws {
        _ = try submitMonth()
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.5, seed: "x", replaceReason: nil)
        #expect(sample.total == 6)
        #expect(sample.rows.filter { $0.chosenAs == "auditor" }.count == 3)
        let shareTickets = sample.rows.filter { $0.chosenAs == "share" }.map(\.ticket)
        let all = try fixture.lead.audits(AuditFilter(month: fixture.november)).map { ModerationSelection.ticket(auditID: $0.id, seed: "x") }
        let unchosen = Set(all).subtracting(sample.rows.map(\.ticket))
        #expect(shareTickets.allSatisfy { t in unchosen.allSatisfy { t < $0 } })
        #expect(ModerationSelection.parseShare("10%") == 0.1 && ModerationSelection.parseShare("0.25") == 0.25)
        #expect(ModerationSelection.parseShare("0") == nil && ModerationSelection.parseShare("150%") == nil)
        #expect(ModerationSelection.target(population: 30, share: 0.1) == 3)
    }

    @Test func takingItAgainNeedsAReasonAndStopsOnceModerationBegins() throws {
        let (ana, _, _) = try submitMonth()
        let first = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: nil, replaceReason: nil)
        #expect(!first.seedGiven && first.seed.count == 64)
        #expect(throws: AuditError.self) { try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "b", replaceReason: nil) }
        #expect(throws: StoreError.self) { try ana.takeModerationSample(month: Month("2026-10")!, share: 0.1, seed: "b", replaceReason: nil) }
        let second = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "b", replaceReason: "Wrong share.")
        #expect(second.replacesSampleID == first.id)
        #expect(try fixture.lead.moderationSample(month: fixture.november)?.id == second.id)
        let target = try #require(second.rows.first { $0.auditor != AuditFixture.leadName })
        let (_, template) = try fixture.lead.moderationTarget(auditID: target.auditID)
        try fixture.lead.moderate(auditID: target.auditID, template: template,
                                  sheet: ModerationSheet.read(path: write("m.yaml", Self.moderatorSheet), template: template))
        #expect(throws: AuditError.self) { try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "c", replaceReason: "Again.") }
        #expect(try fixture.count("moderation_sample") == 2)
    }

    @Test func aModerationMayRaiseActionsForTheCase() throws {
        let (_, _, _) = try submitMonth()
        let mo = try fixture.store(as: "Mo", role: .moderator)
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        let row = try #require(sample.rows.first { $0.auditor == "Ana" })
        let before = try fixture.lead.actions(auditID: row.auditID).count
        let (_, template) = try mo.moderationTarget(auditID: row.auditID)
        let sheet = try ModerationSheet.read(path: write("acts.yaml", Self.moderatorSheet + """

            actions:
              - {what: Hold a strategy discussion, owner: Team manager, due: 2099-12-10}
            """), template: template)
        try mo.moderate(auditID: row.auditID, template: template, sheet: sheet)
        let actions = try fixture.lead.actions(auditID: row.auditID)
        #expect(actions.count == before + 1)
        #expect(actions.last?.what == "Hold a strategy discussion")
        #expect(actions.last?.raisedBy == "Mo")
        #expect(actions.last?.status == .open)
    }

    @Test func whoMayModerateWhat() throws {
        let (ana, ben, _) = try submitMonth()
        let mo = try fixture.store(as: "Mo", role: .moderator)
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        let anas = try #require(sample.rows.first { $0.auditor == "Ana" })
        // An auditor may not moderate; nobody moderates their own audit.
        #expect(throws: StoreError.self) { try ben.moderationTarget(auditID: anas.auditID) }
        #expect(throws: StoreError.self) { try ana.moderationTarget(auditID: anas.auditID) }
        // An audit outside the sample is refused.
        let sampled = Set(sample.rows.map(\.auditID))
        let outside = try #require(try fixture.lead.audits(AuditFilter(month: fixture.november)).first { !sampled.contains($0.id) })
        #expect(throws: AuditError.notInModerationSample(audit: outside.id, caseID: outside.caseID, month: fixture.november)) {
            try mo.moderationTarget(auditID: outside.id)
        }
        // The moderator may, once.
        let (_, template) = try mo.moderationTarget(auditID: anas.auditID)
        let sheet = try ModerationSheet.read(path: write("m.yaml", Self.moderatorSheet), template: template)
        try mo.moderate(auditID: anas.auditID, template: template, sheet: sheet)
        #expect(throws: AuditError.self) { try mo.moderate(auditID: anas.auditID, template: template, sheet: sheet) }
        // The audit stays read-only.
        #expect(throws: AuditError.self) { try ana.setOverall(auditID: anas.auditID, grade: .outstanding, reason: "x") }
        #expect(try fixture.logged().contains { $0.table == "moderation" && $0.operation == "insert" })
    }

    @Test func anAgreedGradeThatDiffersNeedsAReason() throws {
        let template = fixture.mini
        let noReason = write("a.yaml", """
            answers: {seen-alone: g, wishes: g, visit-on-time: yes, assessment: g}
            overall: g
            agreed: {seen-alone: r, visit-on-time: r}
            """)
        do {
            _ = try ModerationSheet.read(path: noReason, template: template)
            Issue.record("accepted")
        } catch let rejected as InputRejected {
            let text = rejected.problems.map(\.reason).joined(separator: "\n")
            #expect(text.contains("needs a reason"))
            #expect(text.contains("only grade questions"))
        }
        let same = try ModerationSheet.read(path: write("b.yaml", """
            answers: {seen-alone: g, wishes: r, visit-on-time: yes, assessment: g}
            overall: g
            """), template: template)
        #expect(same.agreedOverall == .good && same.agreedGrades == ["seen-alone": .good, "wishes": .requiresImprovement, "assessment": .good])
    }

    @Test func gradesStayHiddenFromTheModeratorUntilTheModerationIsIn() throws {
        let (ana, _, _) = try submitMonth()
        let mo = try fixture.store(as: "Mo", role: .moderator)
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        let row = try #require(sample.rows.first { $0.auditor == "Ana" })
        let audit = try fixture.lead.audit(id: row.auditID)
        #expect(try mo.isHiddenFromMe(audit))
        #expect(try fixture.lead.isHiddenFromMe(audit))  // a lead may moderate too
        #expect(try !ana.isHiddenFromMe(audit))  // the auditor's own
        let unsampled = try #require(try fixture.lead.audits(AuditFilter(month: fixture.november)).first { a in !sample.rows.contains { $0.auditID == a.id } })
        #expect(try !mo.isHiddenFromMe(unsampled))
        // The store's readers refuse what is hidden: the answers and the worked-out domain
        // grades alike (both are the first auditor's judgement); the auditor reads both.
        #expect(throws: (any Error).self) { try mo.answers(auditID: row.auditID) }
        #expect(throws: (any Error).self) { try mo.sectionGrades(auditID: row.auditID) }
        #expect(try !ana.sectionGrades(auditID: row.auditID).isEmpty)
        let (_, template) = try mo.moderationTarget(auditID: row.auditID)
        try mo.moderate(auditID: row.auditID, template: template,
                        sheet: ModerationSheet.read(path: write("m.yaml", Self.moderatorSheet), template: template))
        #expect(try !mo.isHiddenFromMe(audit))
        #expect(try !mo.sectionGrades(auditID: row.auditID).isEmpty)
        #expect(try mo.moderationStates()[row.auditID] == .moderated)
    }

    @Test func theModerationKeepsFirstBlindAndAgreedGrades() throws {
        _ = try submitMonth()
        let mo = try fixture.store(as: "Mo", role: .moderator)
        let sample = try fixture.lead.takeModerationSample(month: fixture.november, share: 0.1, seed: "mod-seed", replaceReason: nil)
        let row = try #require(sample.rows.first)
        let (_, template) = try mo.moderationTarget(auditID: row.auditID)
        try mo.moderate(auditID: row.auditID, template: template,
                        sheet: ModerationSheet.read(path: write("m.yaml", Self.moderatorSheet), template: template))
        let m = try #require(try mo.moderation(auditID: row.auditID))
        #expect(m.moderator == "Mo" && m.firstOverall == .good && m.blindOverall == .requiresImprovement && m.agreedOverall == .inadequate)
        #expect(m.answers["seen-alone"]?.grade == .requiresImprovement && m.answers["seen-alone"]?.agreedGrade == .inadequate)
        #expect(m.answers["seen-alone"]?.evidence == "Not seen alone since August.")
        #expect(m.answers["wishes"]?.agreedGrade == .good)
        // voice: seen-alone ×2, wishes ×1 → first g; blind (3·2 + 2)/3 = 2.67 → r; agreed (4·2 + 2)/3 = 3.33 → r.
        #expect(m.sections["voice"] == Moderation.SectionRecord(sectionID: "voice", first: .good, blind: .requiresImprovement, agreed: .requiresImprovement))
        #expect(m.sections["timeliness"]?.agreed == .good)
        // The first auditor's grades are untouched.
        #expect(try mo.audit(id: row.auditID).overall == .good)
        #expect(try mo.answers(auditID: row.auditID)["seen-alone"]?.grade == .good)
    }
}
