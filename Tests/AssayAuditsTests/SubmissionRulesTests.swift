@testable import AssayAudits
import AssayCore
import AssayTemplates
import Testing

/// `SubmissionRules.problems`: what stops an audit being submitted, by the guided shell and
/// `--answers FILE` alike. Against the mini template (AuditFixture): required questions are
/// seen-alone (grade, weight 2, limits the overall), wishes (grade), visit-on-time (yes/no)
/// and assessment (grade).
@Suite struct SubmissionRulesTests {
    let template: AuditTemplate

    init() throws { template = try AuditFixture.miniTemplate() }

    static func answer(_ id: String, _ value: String?, _ grade: Grade? = nil, skipped: Bool = false, evidence: String? = nil, reason: String? = nil) -> Answer {
        Answer(questionID: id, value: value, grade: grade, skipped: skipped, evidence: evidence, reason: reason)
    }

    /// Every required question answered. Suggested overall, by hand: (2×2 + 1 + 3) / 4 = 2, good.
    static let complete: [String: Answer] = [
        "seen-alone": answer("seen-alone", "2", .good),
        "wishes": answer("wishes", "1", .outstanding),
        "visit-on-time": answer("visit-on-time", "yes"),
        "assessment": answer("assessment", "3", .requiresImprovement),
    ]

    func problems(_ answers: [String: Answer] = complete, overall: Grade? = .good, reason: String? = nil, escalations: [Int64] = []) -> [SubmissionRules.Problem] {
        SubmissionRules.problems(template: template, answers: answers, overall: overall, reason: reason, openEscalations: escalations)
    }

    @Test func aCompleteAuditWithTheSuggestedOverallHasNoProblems() {
        #expect(problems().isEmpty)
    }

    @Test func everyMissingRequiredAnswerIsListedInTemplateOrder() {
        var answers = Self.complete
        answers["assessment"] = nil
        answers["seen-alone"] = nil
        let found = problems(answers, overall: .outstanding)
        #expect(found.map(\.questionID) == ["seen-alone", "assessment"])
        #expect(found.map(\.field) == ["seen-alone", "assessment"])
        #expect(found.first?.message == "question seen-alone (Was the child seen alone?) is required and has no answer")
    }

    @Test func aSkippedRequiredQuestionIsStillMissing() {
        var answers = Self.complete
        answers["wishes"] = Self.answer("wishes", nil, skipped: true)
        #expect(problems(answers).map(\.questionID) == ["wishes"])
    }

    @Test func evidenceWithoutAnAnswerDoesNotAnswerARequiredQuestion() {
        var answers = Self.complete
        answers["visit-on-time"] = Self.answer("visit-on-time", nil, evidence: "Visits log checked.")
        #expect(problems(answers).map(\.questionID) == ["visit-on-time"])
    }

    @Test func optionalQuestionsMayBeSkippedOrLeftOut() {
        var answers = Self.complete
        answers["plan-type"] = Self.answer("plan-type", nil, skipped: true)
        answers["visits"] = Self.answer("visits", nil, skipped: true)
        #expect(problems(answers).isEmpty)
    }

    @Test func naNeedsAReason() {
        var answers = Self.complete
        answers["visit-on-time"] = Self.answer("visit-on-time", "na")
        #expect(problems(answers).map(\.questionID) == ["visit-on-time"])
        #expect(problems(answers).first?.message == "question visit-on-time is answered na without a reason")
        answers["visit-on-time"] = Self.answer("visit-on-time", "na", reason: "  ")
        #expect(problems(answers).map(\.questionID) == ["visit-on-time"])
        answers["visit-on-time"] = Self.answer("visit-on-time", "na", reason: "The child was in hospital throughout.")
        #expect(problems(answers).isEmpty)
    }

    @Test func anOverallThatDiffersFromTheSuggestionNeedsAReason() {
        let found = problems(overall: .requiresImprovement)
        #expect(found.map(\.field) == ["reason"])
        #expect(found.first?.questionID == nil)
        #expect(found.first?.message == "the overall grade 3 (requires improvement) differs from the suggested 2 (good) and needs a reason")
        #expect(problems(overall: .requiresImprovement, reason: " ").map(\.field) == ["reason"])
        #expect(problems(overall: .requiresImprovement, reason: "Plan drift the grades do not show.").isEmpty)
    }

    @Test func aLimitingQuestionMovesTheSuggestionThatTheOverallIsComparedWith() {
        var answers = Self.complete
        // Mean (2×4 + 1 + 3) / 4 = 3, requires improvement; seen-alone is inadequate and limits it to inadequate.
        answers["seen-alone"] = Self.answer("seen-alone", "4", .inadequate)
        #expect(problems(answers, overall: .inadequate).isEmpty)
        #expect(problems(answers, overall: .requiresImprovement).map(\.field) == ["reason"])
    }

    @Test func anOverallGradeMustBeSet() {
        let found = problems(overall: nil)
        #expect(found.map(\.field) == ["overall"])
        #expect(found.first?.message == "no overall grade has been set")
    }

    @Test func anOpenEscalationBlocksSubmission() {
        let found = problems(escalations: [7])
        #expect(found.map(\.field) == ["escalation"])
        #expect(found.first?.message == "escalation 7 has no response yet")
        #expect(found.first?.remedy == .respondToEscalation(7), "what to do is data, worded by the shell")
    }

    @Test func everythingIsListedAtOnceInOrder() {
        var answers = Self.complete
        answers["wishes"] = nil
        answers["visit-on-time"] = Self.answer("visit-on-time", "na")
        let found = problems(answers, overall: nil, escalations: [3, 4])
        #expect(found.map(\.field) == ["wishes", "visit-on-time", "overall", "escalation", "escalation"])
    }
}
