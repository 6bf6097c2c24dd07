@testable import AssayAudits
import AssayCore
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Challenges to submitted grades: only of submitted audits, on a question of the audit's
/// template or the overall grade, with a comment; resolved once, by a moderator or lead.
@Suite struct ChallengeTests {
    let fx: AuditFixture
    let submitted: Int64
    let inProgress: Int64

    init() throws {
        fx = try AuditFixture()
        let ana = try fx.store(as: "Ana")
        let answers = [Answer(questionID: "seen-alone", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "wishes", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "visit-on-time", value: "yes", grade: nil, skipped: false, evidence: nil, reason: nil),
                       Answer(questionID: "assessment", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil)]
        let frontDoor = try fx.lead.auditedCase(fx.drawnCase(team: "Front Door"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        submitted = try ana.submitInOneStep(frontDoor, template: fx.mini, unsampled: false, answers: answers, overall: .good, reason: nil, actions: [])
        let cp = try fx.lead.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        inProgress = try fx.lead.openAudit(of: cp, template: fx.mini, unsampled: false).audit.id
    }

    @Test func aSubmittedGradeIsChallengedWithItsChallengerAndStartsOpen() throws {
        let ana = try fx.store(as: "Ana")
        let id = try ana.raiseChallenge(auditID: submitted, question: "Assessment", comment: "The assessment missed the school's concerns.",
                                        challenger: "Wyn Worker")
        let challenge = try ana.challenge(id: id)
        #expect(challenge.questionID == "assessment")
        #expect(challenge.challenger == "Wyn Worker")
        #expect(challenge.raisedBy == "Ana")
        #expect(challenge.team == "Front Door")
        #expect(challenge.status == .open)
        #expect(try fx.logged().last.map { [$0.table, $0.operation] } == ["challenge", "insert"])

        let overall = try ana.raiseChallenge(auditID: submitted, question: "overall", comment: "Good is too generous.")
        #expect(try ana.challenge(id: overall).questionID == nil)
        #expect(try ana.challenge(id: overall).questionLabel == "overall")
        #expect(try ana.challenge(id: overall).challenger == "Ana")
        #expect(try ana.challenges(ChallengeFilter(openOnly: true, team: "front door")).map(\.id) == [id, overall])
        #expect(try ana.challenges(ChallengeFilter(team: "CP North")).isEmpty)
    }

    @Test func onlySubmittedAuditsQuestionsOfTheTemplateAndAComment() throws {
        let before = try fx.count("challenge")
        let notSubmitted = #expect(throws: AuditError.self) {
            try fx.lead.raiseChallenge(auditID: inProgress, question: "overall", comment: "Too harsh")
        }
        #expect(notSubmitted?.description.contains("not submitted") == true)
        let noQuestion = #expect(throws: AuditError.self) {
            try fx.lead.raiseChallenge(auditID: submitted, question: "risk", comment: "Too harsh")
        }
        #expect(noQuestion?.description.contains("No question \"risk\"") == true)
        #expect(throws: AuditError.commentMissing) { try fx.lead.raiseChallenge(auditID: submitted, question: "overall", comment: "   ") }
        #expect(throws: AuditError.self) { try fx.lead.raiseChallenge(auditID: 9999, question: "overall", comment: "x") }
        #expect(try fx.count("challenge") == before)
    }

    @Test func aModeratorResolvesOnceAndAnAuditorMayNot() throws {
        let id = try fx.lead.raiseChallenge(auditID: submitted, question: "wishes", comment: "The child's wishes are recorded in the CP plan.")
        let ana = try fx.store(as: "Ana")
        let refused = #expect(throws: StoreError.self) { try ana.resolveChallenge(id: id, outcome: .accepted, reason: "Agreed") }
        #expect(refused?.description.contains("Only a lead or moderator may resolve challenges") == true)
        let mo = try fx.store(as: "Mo Moderator", role: .moderator)
        #expect(throws: AuditError.reasonMissing(.resolveChallenge)) { try mo.resolveChallenge(id: id, outcome: .partlyAccepted, reason: " ") }
        try mo.resolveChallenge(id: id, outcome: .partlyAccepted, reason: "Recorded, but not acted on.")
        let again = #expect(throws: AuditError.self) { try fx.lead.resolveChallenge(id: id, outcome: .rejected, reason: "No") }
        #expect(again?.description.contains("already partly-accepted") == true)
        let challenge = try fx.lead.challenge(id: id)
        #expect(challenge.status == .partlyAccepted)
        #expect(challenge.resolvedBy == "Mo Moderator")
        #expect(challenge.resolutionReason == "Recorded, but not acted on.")
        #expect(challenge.resolvedAt != nil)
        #expect(try fx.lead.challenges(ChallengeFilter(openOnly: true)).isEmpty)
    }

    @Test func outcomesAreSpelledWithHyphens() {
        #expect(Challenge.Status(spelling: "partly-accepted") == .partlyAccepted)
        #expect(Challenge.Status(spelling: "Rejected") == .rejected)
        #expect(Challenge.Status.partlyAccepted.spelling == "partly-accepted")
        #expect(Challenge.Status(spelling: "maybe") == nil)
    }
}
