@testable import AssayAudits
import AssayCore
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// The audit store: opening (and resuming) an audit of a drawn or ad-hoc case, saving each
/// answer as its own logged write, submitting only what meets the rules, escalations that
/// block submission, the one-step `--answers FILE` path that stores all or nothing, a lead's
/// amendment, and who may change whose audit. Against `AuditFixture` and its mini template:
/// required seen-alone (grade, weight 2, limits the overall), wishes (grade), visit-on-time
/// (yes/no) and assessment (grade); sections voice = [seen-alone, wishes] and
/// timeliness = [visit-on-time, assessment, and four optional questions].
@Suite struct AuditStoreTests {
    let fx: AuditFixture
    var november: Month { fx.november }
    let december = Month("2026-12")!

    init() throws { fx = try AuditFixture() }

    // MARK: Helpers

    /// The drawn case of `team` in November, as `store` finds it.
    func drawnCase(_ store: Store, team: String = "Front Door") throws -> AuditedCase {
        try store.auditedCase(fx.drawnCase(team: team), month: november, unsampled: false, fallbackMonth: november)
    }

    /// Opens a new audit of the drawn case of `team` against the mini template as `store`'s user.
    func openAudit(_ store: Store, team: String = "Front Door") throws -> Audit {
        let opened = try store.openAudit(of: try drawnCase(store, team: team), template: fx.mini, unsampled: false)
        #expect(opened.created)
        return opened.audit
    }

    /// `text` read as the answer to the mini template's question `questionID`, as the shell reads it.
    func typed(_ text: String, _ questionID: String) throws -> TypedAnswer {
        let question = try #require(fx.mini.questions.first { $0.id == questionID })
        return try TypedAnswer.read(text, for: question).get()
    }

    /// Answers the four required questions: seen-alone outstanding (weight 2), wishes
    /// inadequate, visit-on-time yes, assessment good. By hand: voice (2×1 + 4) / 3 = 2, good
    /// (unweighted it would be 2.5, requires improvement); timeliness = assessment = good;
    /// overall (2×1 + 4 + 2) / 4 = 2, good.
    func answerRequired(_ store: Store, auditID: Int64) throws {
        try store.saveAnswer(auditID: auditID, questionID: "seen-alone", typed: typed("o", "seen-alone"))
        try store.saveAnswer(auditID: auditID, questionID: "wishes", typed: typed("i", "wishes"))
        try store.saveAnswer(auditID: auditID, questionID: "visit-on-time", typed: typed("yes", "visit-on-time"))
        try store.saveAnswer(auditID: auditID, questionID: "assessment", typed: typed("g", "assessment"))
    }

    /// Opens, completes and submits an audit of the Front Door case as `store`'s user.
    func submittedAudit(_ store: Store) throws -> Audit {
        let audit = try openAudit(store)
        try answerRequired(store, auditID: audit.id)
        try store.setOverall(auditID: audit.id, grade: .good, reason: nil)
        try store.submit(auditID: audit.id)
        return try store.audit(id: audit.id)
    }

    /// The rows of every table an audit writes to (and the log), for "nothing was stored".
    func counts() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for table in ["audit", "audit_answer", "audit_action", "audit_section_grade", "audit_amendment", "escalation", "audit_log"] {
            result[table] = try fx.count(table)
        }
        return result
    }

    /// A complete one-step answer set (as an answers file gives it): same grades as `answerRequired`.
    static let completeAnswers: [Answer] = [
        Answer(questionID: "seen-alone", value: "1", grade: .outstanding, skipped: false, evidence: "Seen alone at every visit.", reason: nil),
        Answer(questionID: "wishes", value: "4", grade: .inadequate, skipped: false, evidence: nil, reason: nil),
        Answer(questionID: "visit-on-time", value: "na", grade: nil, skipped: false, evidence: nil, reason: "The child was in hospital throughout."),
        Answer(questionID: "assessment", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil),
        Answer(questionID: "plan-type", value: nil, grade: nil, skipped: true, evidence: nil, reason: nil),
    ]

    static let action = (what: "Review the plan with the family", owner: "Wyn Worker", due: CalendarDate(year: 2099, month: 12, day: 15)!)

    // MARK: 1. Opening and resuming

    @Test func openingADrawnCaseCopiesTheCaseAndTheTemplateAndRecordsTheAuditor() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = fx.drawnCase(team: "CP North")
        let theCase = try ana.auditedCase(caseID, month: november, unsampled: false, fallbackMonth: november)
        #expect(theCase.drawID == fx.drawID)

        let (audit, created) = try ana.openAudit(of: theCase, template: fx.mini, unsampled: false)
        #expect(created)
        #expect(audit.caseID == caseID)
        #expect(audit.month == november)
        #expect(audit.drawID == fx.drawID)
        #expect(!audit.unsampled)
        #expect(audit.team == "CP North")
        #expect(audit.locality == "North")
        #expect(audit.service == .childProtection)
        #expect(audit.worker == "Wyn Worker")
        #expect(audit.templateID == "mini")
        #expect(audit.templateVersion == 1)
        #expect(audit.auditor == "Ana")
        #expect(audit.status == .inProgress)
        #expect(audit.submittedAt == nil)
        #expect(audit.overall == nil)
        // The sha256 is the one the registered mini template is stored with, not another template's.
        let registered = try fx.lead.read { db in
            try String.fetchOne(db, sql: "SELECT content_sha256 FROM template WHERE template_id = 'mini' AND version = 1")
        }
        #expect(audit.templateSHA256 == registered)
        #expect(audit.templateSHA256.count == 64)
        #expect(try ana.template(of: audit).questions.map(\.id) == fx.mini.questions.map(\.id))
        // The opening was logged as Ana's insert of the audit row.
        let who = try fx.lead.read { db in
            try String.fetchOne(db, sql: "SELECT user_name FROM audit_log WHERE table_name = 'audit' AND row_id = ? AND operation = 'insert'", arguments: [audit.id])
        }
        #expect(who == "Ana")
    }

    @Test func openingAgainResumesTheSameAuditWithItsAnswers() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try ana.saveAnswer(auditID: audit.id, questionID: "seen-alone", typed: typed("r", "seen-alone"), evidence: .some("Two of six visits alone."))
        try ana.setOverall(auditID: audit.id, grade: .requiresImprovement, reason: nil)

        // A new session (a new Store on the same file), as after a closed terminal.
        let later = try Store(path: fx.dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "login"))
        let resumed = try later.openAudit(of: try drawnCase(later), template: fx.mini, unsampled: false)
        #expect(!resumed.created)
        #expect(resumed.audit.id == audit.id)
        #expect(resumed.audit.overall == .requiresImprovement)
        #expect(try fx.count("audit") == 1)
        let answers = try later.answers(auditID: audit.id)
        #expect(answers.count == 1)
        #expect(answers["seen-alone"]?.grade == .requiresImprovement)
        #expect(answers["seen-alone"]?.value == "3")
        #expect(answers["seen-alone"]?.evidence == "Two of six visits alone.")
    }

    // MARK: 2. Which cases can be audited

    @Test func anUndrawnCaseNeedsUnsampled() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = try #require(fx.undrawnCaseIDs.first)
        let error = #expect(throws: AuditError.self) {
            try ana.auditedCase(caseID, month: november, unsampled: false, fallbackMonth: november)
        }
        #expect(error == .caseNotDrawn(caseID, month: november))
        #expect(error?.description.contains(caseID) == true)
        #expect(try fx.count("audit") == 0)
    }

    @Test func anUnsampledAuditHasNoDrawAndIsFlagged() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = try #require(fx.undrawnCaseIDs.first { $0.hasPrefix("FD-") })
        // No month given: the ad-hoc audit falls in the fallback month.
        let theCase = try ana.auditedCase(caseID, month: nil, unsampled: true, fallbackMonth: december)
        #expect(theCase.drawID == nil)
        #expect(theCase.month == december)
        #expect(theCase.team == "Front Door")
        #expect(theCase.service == .frontDoor)

        let audit = try ana.openAudit(of: theCase, template: fx.mini, unsampled: true).audit
        #expect(audit.unsampled)
        #expect(audit.drawID == nil)
        #expect(audit.month == december)
        #expect(audit.locality == "Central")
        #expect(audit.worker == "Wyn Worker")
    }

    @Test func aDrawnCaseIsNeverFlaggedUnsampled() throws {
        let ana = try fx.store(as: "Ana")
        // Asked for with --unsampled, a drawn case is still found in its draw (month not given).
        let theCase = try ana.auditedCase(fx.drawnCase(team: "Front Door"), month: nil, unsampled: true, fallbackMonth: december)
        #expect(theCase.drawID == fx.drawID)
        #expect(theCase.month == november)
        let audit = try ana.openAudit(of: theCase, template: fx.mini, unsampled: true).audit
        #expect(!audit.unsampled)
        #expect(audit.drawID == fx.drawID)
    }

    @Test func aDrawnCaseInAMonthItWasNotDrawnNeedsUnsampled() throws {
        let ana = try fx.store(as: "Ana")
        let caseID = fx.drawnCase(team: "Front Door")
        let error = #expect(throws: AuditError.self) {
            try ana.auditedCase(caseID, month: december, unsampled: false, fallbackMonth: december)
        }
        #expect(error == .caseNotDrawn(caseID, month: december))
    }

    @Test func anUnknownCaseIsRefusedEvenWithUnsampled() throws {
        let ana = try fx.store(as: "Ana")
        for unsampled in [false, true] {
            let error = #expect(throws: AuditError.self) {
                try ana.auditedCase("ZZ-99", month: november, unsampled: unsampled, fallbackMonth: november)
            }
            #expect(error == .caseNotInRegister("ZZ-99"), "not found, whether or not an ad-hoc audit was asked for")
            #expect(error?.kind == .notFound)
        }
    }

    // MARK: 3. Each answer is its own write

    @Test func eachSaveIsStoredAndLoggedAtOnce() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        let questions = ["seen-alone": "g", "wishes": "2", "visit-on-time": "y", "assessment": "requires improvement", "visits": "4", "last-visit": "2026-10-28"]
        for (questionID, text) in questions.sorted(by: { $0.key < $1.key }) {
            let before = try fx.lastLogSeq()
            try ana.saveAnswer(auditID: audit.id, questionID: questionID, typed: typed(text, questionID))
            // Read back through a different connection: it is committed, not pending.
            let stored = try fx.lead.answers(auditID: audit.id)[questionID]
            let expected = try typed(text, questionID).value
            #expect(stored?.value == expected, "\(questionID)")
            #expect(stored?.answeredBy == "Ana")
            let rowID = try fx.lead.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM audit_answer WHERE audit_id = ? AND question_id = ?", arguments: [audit.id, questionID])
            }
            let logged = try fx.logged(after: before)
            #expect(logged.count == 1, "\(questionID): \(logged)")
            #expect(logged.first?.table == "audit_answer")
            #expect(logged.first?.operation == "insert")
            #expect(logged.first?.rowID == rowID)
        }
        #expect(try fx.count("audit_answer") == questions.count)
        #expect(try ana.answers(auditID: audit.id)["assessment"]?.grade == .requiresImprovement)
        #expect(try ana.answers(auditID: audit.id)["last-visit"]?.value == "2026-10-28")
    }

    @Test func evidenceBeforeAValueDoesNotAnswerTheQuestionAndIsKeptWhenTheValueComes() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try ana.saveAnswer(auditID: audit.id, questionID: "seen-alone", typed: typed("o", "seen-alone"))
        try ana.saveAnswer(auditID: audit.id, questionID: "wishes", typed: typed("i", "wishes"))
        try ana.saveAnswer(auditID: audit.id, questionID: "assessment", typed: typed("g", "assessment"))
        try ana.setOverall(auditID: audit.id, grade: .good, reason: nil)

        let before = try fx.lastLogSeq()
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: nil, evidence: .some("Visits log checked: two late."))
        var answer = try #require(try ana.answers(auditID: audit.id)["visit-on-time"])
        #expect(answer.value == nil)
        #expect(answer.grade == nil)
        #expect(!answer.skipped)
        #expect(answer.evidence == "Visits log checked: two late.")
        let logged = try fx.logged(after: before)
        #expect(logged.map(\.table) == ["audit_answer"])
        #expect(logged.map(\.operation) == ["insert"])

        // Evidence alone does not answer the required question: it is the one thing missing.
        let problems = SubmissionRules.problems(template: fx.mini, answers: try ana.answers(auditID: audit.id),
                                                overall: .good, reason: nil, openEscalations: [])
        #expect(problems.map(\.questionID) == ["visit-on-time"])
        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        #expect(error?.description.contains("question visit-on-time") == true)
        #expect(try ana.audit(id: audit.id).status == .inProgress)

        // The value arrives later: the evidence stays, and the same row is updated (and logged).
        let beforeValue = try fx.lastLogSeq()
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: typed("no", "visit-on-time"))
        answer = try #require(try ana.answers(auditID: audit.id)["visit-on-time"])
        #expect(answer.value == "no")
        #expect(answer.evidence == "Visits log checked: two late.")
        let update = try fx.logged(after: beforeValue)
        #expect(update.map(\.table) == ["audit_answer"])
        #expect(update.map(\.operation) == ["update"])
        #expect(update.first?.rowID == logged.first?.rowID)
        #expect(try fx.count("audit_answer") == 4)  // no second row for visit-on-time
        try ana.submit(auditID: audit.id)
        #expect(try ana.audit(id: audit.id).status == .submitted)
    }

    @Test func aReasonCanBeGivenAndCleared() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)
        try ana.setOverall(auditID: audit.id, grade: .good, reason: nil)
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: typed("n/a", "visit-on-time"),
                           evidence: .some("No visits were due."), reason: .some("The child was in hospital throughout."))
        var answer = try #require(try ana.answers(auditID: audit.id)["visit-on-time"])
        #expect(answer.value == "na")
        #expect(answer.reason == "The child was in hospital throughout.")

        // Saving evidence alone (reason .none) leaves the reason as it is.
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: nil, evidence: .some("Ward notes seen."))
        answer = try #require(try ana.answers(auditID: audit.id)["visit-on-time"])
        #expect(answer.reason == "The child was in hospital throughout.")
        #expect(answer.value == "na")
        #expect(answer.evidence == "Ward notes seen.")

        // reason: .some(nil) clears it, and the na then needs a reason again.
        let before = try fx.lastLogSeq()
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: nil, reason: .some(nil))
        answer = try #require(try ana.answers(auditID: audit.id)["visit-on-time"])
        #expect(answer.reason == nil)
        #expect(answer.value == "na")
        #expect(answer.evidence == "Ward notes seen.")
        #expect(try fx.logged(after: before).map(\.operation) == ["update"])
        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        #expect(error?.description.contains("question visit-on-time is answered na without a reason") == true)
    }

    // MARK: 4. Submitting

    @Test func submitListsEverythingMissingAndLeavesTheAuditInProgress() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try ana.saveAnswer(auditID: audit.id, questionID: "seen-alone", typed: typed("o", "seen-alone"))
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: typed("na", "visit-on-time"))
        let before = try fx.lastLogSeq()

        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("Audit \(audit.id) cannot be submitted yet:"))
        #expect(message.contains("question wishes (Are the child's wishes and feelings recorded?) is required and has no answer"))
        #expect(message.contains("question assessment (Quality of the assessment?) is required and has no answer"))
        #expect(message.contains("question visit-on-time is answered na without a reason"))
        #expect(message.contains("no overall grade has been set"))
        #expect(!message.contains("question seen-alone"))
        #expect(!message.contains("plan-type"))  // optional
        let stored = try ana.audit(id: audit.id)
        #expect(stored.status == .inProgress)
        #expect(stored.submittedAt == nil)
        #expect(stored.suggestedOverall == nil)
        #expect(try ana.sectionGrades(auditID: audit.id).isEmpty)
        #expect(try fx.logged(after: before).isEmpty)
    }

    @Test func anOverallThatDiffersFromTheSuggestionNeedsAReasonToSubmit() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)  // suggested good
        try ana.setOverall(auditID: audit.id, grade: .requiresImprovement, reason: "  ")
        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        #expect(error?.description.contains("the overall grade 3 (requires improvement) differs from the suggested 2 (good) and needs a reason") == true)
        #expect(error?.description.contains("question") == false)  // that is the only problem
        #expect(try ana.audit(id: audit.id).status == .inProgress)

        try ana.setOverall(auditID: audit.id, grade: .requiresImprovement, reason: "Plan drift the grades do not show.")
        try ana.submit(auditID: audit.id)
        let stored = try ana.audit(id: audit.id)
        #expect(stored.status == .submitted)
        #expect(stored.overall == .requiresImprovement)
        #expect(stored.overallReason == "Plan drift the grades do not show.")
        #expect(stored.suggestedOverall == .good)
    }

    @Test func aCompleteAuditSubmitsWithItsSectionGradesAndSuggestedOverall() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)
        try ana.setOverall(auditID: audit.id, grade: .good, reason: nil)
        try ana.submit(auditID: audit.id)

        let stored = try ana.audit(id: audit.id)
        #expect(stored.status == .submitted)
        #expect(stored.submittedAt != nil)
        #expect(stored.overall == .good)
        // By hand: overall (2×1 + 4 + 2) / 4 = 2, good; seen-alone (outstanding) limits nothing.
        #expect(stored.suggestedOverall == .good)
        // voice: seen-alone outstanding at weight 2, wishes inadequate: (2×1 + 4) / 3 = 2, good.
        // (Ignoring the weight, (1 + 4) / 2 = 2.5 would round to requires improvement.)
        // timeliness: only assessment is a grade question: good.
        #expect(try ana.sectionGrades(auditID: audit.id) == ["voice": .good, "timeliness": .good])
        #expect(try fx.count("audit_section_grade") == 2)
    }

    @Test func aLimitingQuestionSetsTheStoredSuggestion() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try ana.saveAnswer(auditID: audit.id, questionID: "seen-alone", typed: typed("4", "seen-alone"))
        try ana.saveAnswer(auditID: audit.id, questionID: "wishes", typed: typed("o", "wishes"))
        try ana.saveAnswer(auditID: audit.id, questionID: "visit-on-time", typed: typed("no", "visit-on-time"))
        try ana.saveAnswer(auditID: audit.id, questionID: "assessment", typed: typed("o", "assessment"))
        // Mean (2×4 + 1 + 1) / 4 = 2.5, requires improvement; seen-alone inadequate limits it to inadequate.
        try ana.setOverall(auditID: audit.id, grade: .requiresImprovement, reason: nil)
        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        #expect(error?.description.contains("differs from the suggested 4 (inadequate)") == true)
        try ana.setOverall(auditID: audit.id, grade: .inadequate, reason: nil)
        try ana.submit(auditID: audit.id)
        #expect(try ana.audit(id: audit.id).suggestedOverall == .inadequate)
        // voice (2×4 + 1) / 3 = 3, requires improvement; timeliness: outstanding.
        #expect(try ana.sectionGrades(auditID: audit.id) == ["voice": .requiresImprovement, "timeliness": .outstanding])
    }

    @Test func aSubmittedAuditIsReadOnly() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try submittedAudit(ana)
        let before = try fx.lastLogSeq()
        let refusals: [(String, () throws -> Void)] = [
            ("saveAnswer", { try ana.saveAnswer(auditID: audit.id, questionID: "wishes", typed: self.typed("o", "wishes")) }),
            ("evidence", { try ana.saveAnswer(auditID: audit.id, questionID: "wishes", typed: nil, evidence: .some("more")) }),
            ("setOverall", { try ana.setOverall(auditID: audit.id, grade: .outstanding, reason: "Better than it looks.") }),
            ("addAction", { try ana.addAction(auditID: audit.id, what: Self.action.what, owner: Self.action.owner, due: Self.action.due) }),
            ("submit", { try ana.submit(auditID: audit.id) }),
            ("open", { _ = try ana.openAudit(of: try self.drawnCase(ana), template: self.fx.mini, unsampled: false) }),
        ]
        for (what, attempt) in refusals {
            let error = #expect(throws: AuditError.self, "\(what)") { try attempt() }
            #expect(error?.description.contains("read-only") == true, "\(what)")
            guard case .auditSubmitted(audit.id, _, november, _)? = error else { Issue.record("\(what): \(String(describing: error))"); continue }
        }
        // Not even the lead may change it without amending it first.
        let error = #expect(throws: AuditError.self) { try fx.lead.setOverall(auditID: audit.id, grade: .inadequate, reason: "x") }
        #expect(error?.description.contains("read-only") == true)

        #expect(try fx.logged(after: before).isEmpty)
        #expect(try ana.answers(auditID: audit.id)["wishes"]?.grade == .inadequate)
        #expect(try ana.actions(auditID: audit.id).isEmpty)
        #expect(try ana.audit(id: audit.id).overall == .good)
    }

    @Test func actionsAreStoredWithTheirAuditBeforeSubmission() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        let before = try fx.lastLogSeq()
        try ana.addAction(auditID: audit.id, what: Self.action.what, owner: Self.action.owner, due: Self.action.due)
        let actions = try ana.actions(auditID: audit.id)
        #expect(actions.map(\.what) == [Self.action.what])
        #expect(actions.first?.owner == "Wyn Worker")
        #expect(actions.first?.due == Self.action.due)
        #expect(actions.first?.raisedBy == "Ana")
        #expect(try fx.logged(after: before).map(\.table) == ["audit_action"])
    }

    // MARK: 5. Escalations

    @Test func anOpenEscalationBlocksSubmissionUntilItHasAResponse() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)
        try ana.setOverall(auditID: audit.id, grade: .good, reason: nil)
        let escalationID = try ana.raiseEscalation(auditID: audit.id, concern: "Bruising not followed up.", escalatedTo: "Team manager")

        let error = #expect(throws: AuditError.self) { try ana.submit(auditID: audit.id) }
        guard case .notSubmittable(let auditID, let problems)? = error else { Issue.record("not notSubmittable: \(String(describing: error))"); return }
        #expect(auditID == audit.id)
        #expect(problems.map(\.message) == ["escalation \(escalationID) has no response yet"])
        #expect(problems.map(\.remedy) == [.respondToEscalation(escalationID)])
        #expect(try ana.audit(id: audit.id).status == .inProgress)

        // An empty response is refused and records nothing.
        let empty = #expect(throws: AuditError.self) { try fx.lead.respondToEscalation(id: escalationID, response: "  \n ") }
        #expect(empty == .responseMissing)
        #expect(try ana.escalations(openOnly: true, auditID: audit.id).map(\.id) == [escalationID])

        try fx.lead.respondToEscalation(id: escalationID, response: "  Child seen today; safety plan in place. ")
        let escalation = try #require(try ana.escalations(auditID: audit.id).first)
        #expect(escalation.id == escalationID)
        #expect(escalation.response == "Child seen today; safety plan in place.")
        #expect(escalation.respondedBy == AuditFixture.leadName)
        #expect(escalation.respondedAt?.isEmpty == false)
        #expect(escalation.raisedBy == "Ana")
        #expect(!escalation.isOpen)
        #expect(try ana.escalations(openOnly: true).isEmpty)

        // A second response is refused and the first one stands.
        let twice = #expect(throws: AuditError.self) { try ana.respondToEscalation(id: escalationID, response: "Something else.") }
        #expect(twice?.description.contains("already has a response") == true)
        #expect(twice?.kind == .conflict)
        let after = try #require(try ana.escalations(auditID: audit.id).first)
        #expect(after.response == "Child seen today; safety plan in place.")
        #expect(after.respondedBy == AuditFixture.leadName)

        try ana.submit(auditID: audit.id)
        #expect(try ana.audit(id: audit.id).status == .submitted)
    }

    @Test func respondingToAnUnknownEscalationIsRefused() throws {
        let error = #expect(throws: AuditError.self) { try fx.lead.respondToEscalation(id: 42, response: "Done.") }
        #expect(error == .noEscalation(42))
        #expect(error?.description == "No escalation 42.")
        #expect(try fx.count("escalation") == 0)
    }

    // MARK: 6. One step (--answers FILE)

    @Test func aOneStepAuditWithProblemsStoresNothing() throws {
        let ana = try fx.store(as: "Ana")
        let theCase = try drawnCase(ana)
        let before = try counts()
        var answers = Self.completeAnswers.filter { $0.questionID != "assessment" }
        answers[answers.firstIndex { $0.questionID == "visit-on-time" }!] =
            Answer(questionID: "visit-on-time", value: "na", grade: nil, skipped: false, evidence: nil, reason: nil)
        // Suggested without assessment: (2×1 + 4) / 3 = 2, good; inadequate differs, with no reason.
        let error = #expect(throws: AuditError.self) {
            try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: answers,
                                    overall: .inadequate, reason: nil, actions: [Self.action])
        }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("The audit of \(theCase.caseID) was not stored:"))
        #expect(message.contains("question assessment"))
        #expect(message.contains("question visit-on-time is answered na without a reason"))
        #expect(message.contains("differs from the suggested 2 (good)"))
        #expect(try counts() == before)
        #expect(try ana.audit(caseID: theCase.caseID, month: november) == nil)
    }

    @Test func aGoodOneStepAuditStoresEverythingSubmitted() throws {
        let ana = try fx.store(as: "Ana")
        let theCase = try drawnCase(ana, team: "CP North")
        let before = try counts()
        let seq = try fx.lastLogSeq()
        let id = try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: Self.completeAnswers,
                                         overall: .requiresImprovement, reason: "Plan drift.", actions: [Self.action])
        let audit = try ana.audit(id: id)
        #expect(audit.status == .submitted)
        #expect(audit.submittedAt != nil)
        #expect(audit.caseID == theCase.caseID)
        #expect(audit.drawID == fx.drawID)
        #expect(audit.team == "CP North")
        #expect(audit.templateSHA256 == fx.mini.contentSHA256)
        #expect(audit.auditor == "Ana")
        #expect(audit.overall == .requiresImprovement)
        #expect(audit.overallReason == "Plan drift.")
        #expect(audit.suggestedOverall == .good)
        #expect(try ana.sectionGrades(auditID: id) == ["voice": .good, "timeliness": .good])
        let answers = try ana.answers(auditID: id)
        #expect(answers.count == 5)
        #expect(answers["seen-alone"]?.evidence == "Seen alone at every visit.")
        #expect(answers["visit-on-time"]?.reason == "The child was in hospital throughout.")
        #expect(answers["plan-type"]?.skipped == true)
        #expect(try ana.actions(auditID: id).map(\.what) == [Self.action.what])

        let after = try counts()
        #expect(after["audit"] == before["audit"]! + 1)
        #expect(after["audit_answer"] == before["audit_answer"]! + 5)
        #expect(after["audit_action"] == before["audit_action"]! + 1)
        #expect(after["audit_section_grade"] == before["audit_section_grade"]! + 2)
        // Every row logged: the audit inserted as submitted (no update after), 5 answers, 1 action, 2 section grades.
        let logged = try fx.logged(after: seq)
        #expect(logged.map(\.table) == ["audit"] + Array(repeating: "audit_answer", count: 5) + ["audit_action"]
                + Array(repeating: "audit_section_grade", count: 2))
        #expect(logged.allSatisfy { $0.operation == "insert" })
        #expect(Set(logged.map(\.table)) == ["audit", "audit_answer", "audit_action", "audit_section_grade"])
        // The submitted audit is read-only like any other.
        #expect(throws: AuditError.self) { try ana.setOverall(auditID: id, grade: .good, reason: nil) }
    }

    /// The bulk path (docs/performance.md) writes exactly the rows and log entries one-step
    /// submissions do, keeps the same rules, and stores nothing when any audit breaks one.
    @Test func theBulkPathStoresWhatOneStepSubmissionsStoreAllOrNothing() throws {
        let ana = try fx.store(as: "Ana")
        let first = try drawnCase(ana), second = try drawnCase(ana, team: "CP North")
        let bulk = [first, second].map { Store.BulkAudit(theCase: $0, answers: Self.completeAnswers, overall: .good, reason: nil) }
        #expect(throws: StoreError.self) { try ana.submitInBulk(bulk, template: fx.mini) }  // lead only
        var broken = bulk
        broken[1] = Store.BulkAudit(theCase: second, answers: Self.completeAnswers, overall: .inadequate, reason: nil)
        let before = try counts()
        let refused = #expect(throws: AuditError.self) { try fx.lead.submitInBulk(broken, template: fx.mini) }
        #expect(refused?.description.contains("The audit of \(second.caseID) was not stored") == true)
        #expect(try counts() == before, "one audit breaking a rule stores none")

        let ids = try fx.lead.submitInBulk(bulk, template: fx.mini)
        #expect(ids.count == 2)
        let after = try counts()
        #expect(after["audit"] == before["audit"]! + 2)
        #expect(after["audit_answer"] == before["audit_answer"]! + 2 * Self.completeAnswers.count)
        for id in ids {
            let audit = try fx.lead.audit(id: id)
            #expect(audit.status == .submitted)
            #expect(audit.overall == .good)
        }
        #expect(try fx.lead.verify().isIntact, "every row is in the hash-chained log")
    }

    @Test func aSecondOneStepAuditOfTheSameCaseAndMonthIsRefused() throws {
        let ana = try fx.store(as: "Ana")
        let theCase = try drawnCase(ana)
        let id = try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: Self.completeAnswers,
                                         overall: .good, reason: nil, actions: [])
        let before = try counts()
        let error = #expect(throws: AuditError.self) {
            try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: Self.completeAnswers,
                                    overall: .good, reason: nil, actions: [Self.action])
        }
        #expect(error == .alreadyAudited(caseID: theCase.caseID, month: theCase.month, audit: id, auditor: "Ana", submitted: true))
        #expect(error?.description.contains("already has audit \(id)") == true)
        #expect(error?.description.contains("nothing was stored") == true)
        #expect(try counts() == before)

        // An audit left in progress in the shell is completed from the file, in one step.
        let other = try openAudit(ana, team: "CP North")
        try ana.saveAnswer(auditID: other.id, questionID: "summary", typed: TypedAnswer(value: "begun in the shell", grade: nil))
        let completed = try ana.submitInOneStep(try drawnCase(ana, team: "CP North"), template: fx.mini, unsampled: false,
                                                answers: Self.completeAnswers, overall: .good, reason: nil, actions: [])
        #expect(completed == other.id)
        #expect(try ana.audit(id: other.id).status == .submitted)
        #expect(try ana.answers(auditID: other.id).keys.sorted() == Self.completeAnswers.map(\.questionID).sorted(),
                "the file is the whole audit: the summary it leaves out is cleared")
    }

    // MARK: 7. Amending

    @Test func onlyALeadWithAReasonCanReopenASubmittedAudit() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try submittedAudit(ana)
        let before = try counts()

        let notLead = #expect(throws: StoreError.self) { try ana.amend(auditID: audit.id, reason: "I graded wishes wrongly.") }
        #expect(notLead?.description.contains("Only a lead may reopen submitted audits") == true)
        #expect(notLead?.kind == .refused)
        let noReason = #expect(throws: AuditError.self) { try fx.lead.amend(auditID: audit.id, reason: "   ") }
        #expect(noReason == .reasonMissing(.reopen))
        #expect(noReason?.place == .argument("reason"))
        #expect(try counts() == before)
        #expect(try ana.audit(id: audit.id).status == .submitted)
        #expect(try ana.amendments(auditID: audit.id).isEmpty)
    }

    @Test func anAmendedAuditGoesBackToItsAuditorToChangeAndResubmit() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try submittedAudit(ana)
        #expect(try ana.sectionGrades(auditID: audit.id)["voice"] == .good)

        try fx.lead.amend(auditID: audit.id, reason: "Wishes are quoted verbatim; regrade.")
        let reopened = try ana.audit(id: audit.id)
        #expect(reopened.status == .inProgress)
        #expect(reopened.submittedAt == nil)
        #expect(reopened.auditor == "Ana")
        // The grades worked out at submission go with it (kept in the amendment) until it is resubmitted.
        #expect(reopened.suggestedOverall == nil)
        #expect(try ana.sectionGrades(auditID: audit.id).isEmpty)
        let amendments = try ana.amendments(auditID: audit.id)
        #expect(amendments.map(\.reason) == ["Wishes are quoted verbatim; regrade."])
        #expect(amendments.first?.amendedBy == AuditFixture.leadName)
        #expect(try fx.count("audit_amendment") == 1)

        // Ana changes wishes to outstanding: voice (2×1 + 1) / 3 = 1, outstanding;
        // overall (2×1 + 1 + 2) / 4 = 1.25, outstanding.
        try ana.saveAnswer(auditID: audit.id, questionID: "wishes", typed: typed("o", "wishes"))
        try ana.setOverall(auditID: audit.id, grade: .outstanding, reason: nil)
        try ana.submit(auditID: audit.id)
        let resubmitted = try ana.audit(id: audit.id)
        #expect(resubmitted.status == .submitted)
        #expect(resubmitted.submittedAt != nil)
        #expect(resubmitted.suggestedOverall == .outstanding)
        #expect(resubmitted.overall == .outstanding)
        #expect(try ana.sectionGrades(auditID: audit.id) == ["voice": .outstanding, "timeliness": .good])
        #expect(try fx.count("audit_section_grade") == 2)  // the old grades were replaced, not added to
        #expect(try fx.count("audit") == 1)

        // The amendment still holds the judgement as first submitted (docs/audits.md).
        let json = try #require(try ana.amendments(auditID: audit.id).first?.submittedJSON)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(first["audit_id"] as? Int64 == audit.id || first["audit_id"] as? Int == Int(audit.id))
        #expect(first["overall"] as? Int == 2)
        #expect(first["suggested_overall"] as? Int == 2)
        #expect(first["submitted_at"] as? String == audit.submittedAt)
        #expect((first["section_grades"] as? [String: Int]) == ["voice": 2, "timeliness": 2])
        let answers = try #require(first["answers"] as? [String: [String: Any]])
        #expect(answers.count == 4)
        #expect(answers["wishes"]?["grade"] as? Int == 4)
        #expect(answers["wishes"]?["value"] as? String == "4")
    }

    @Test func anAuditInProgressCannotBeAmended() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        let error = #expect(throws: AuditError.self) { try fx.lead.amend(auditID: audit.id, reason: "Why not.") }
        #expect(error == .notSubmitted(audit: audit.id, status: "in_progress"))
        #expect(try fx.count("audit_amendment") == 0)
    }

    // MARK: 8. Whose audit

    @Test func anotherAuditorCannotChangeAnAuditThatIsNotTheirs() throws {
        let ana = try fx.store(as: "Ana")
        let ben = try fx.store(as: "Ben")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)
        try ana.setOverall(auditID: audit.id, grade: .good, reason: nil)
        let before = try counts()

        let attempts: [(String, () throws -> Void)] = [
            ("saveAnswer", { try ben.saveAnswer(auditID: audit.id, questionID: "wishes", typed: self.typed("o", "wishes")) }),
            ("setOverall", { try ben.setOverall(auditID: audit.id, grade: .inadequate, reason: "x") }),
            ("addAction", { try ben.addAction(auditID: audit.id, what: Self.action.what, owner: Self.action.owner, due: Self.action.due) }),
            ("submit", { try ben.submit(auditID: audit.id) }),
            ("open", { _ = try ben.openAudit(of: try self.drawnCase(ben), template: self.fx.mini, unsampled: false) }),
        ]
        for (what, attempt) in attempts {
            let error = #expect(throws: AuditError.self, "\(what)") { try attempt() }
            #expect(error?.description.contains("is Ana's; only they or a lead may change it") == true, "\(what)")
            #expect(error?.kind == .refused, "\(what)")
        }
        #expect(try counts() == before)
        #expect(try ana.answers(auditID: audit.id)["wishes"]?.grade == .inadequate)
        #expect(try ana.audit(id: audit.id).status == .inProgress)
    }

    @Test func theAuditorsNameMatchesRegardlessOfCase() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        let shouting = try Store(path: fx.dir.file("a.db"), identity: Identity(name: "ANA", osLogin: "ana"))
        try shouting.saveAnswer(auditID: audit.id, questionID: "wishes", typed: typed("g", "wishes"))
        #expect(try ana.answers(auditID: audit.id)["wishes"]?.grade == .good)
    }

    @Test func aLeadCanStepIntoSomeoneElsesAudit() throws {
        let ana = try fx.store(as: "Ana")
        let audit = try openAudit(ana)
        try answerRequired(ana, auditID: audit.id)

        let before = try fx.lastLogSeq()
        try fx.lead.saveAnswer(auditID: audit.id, questionID: "wishes", typed: typed("g", "wishes"))
        let wishes = try ana.answers(auditID: audit.id)["wishes"]
        #expect(wishes?.grade == .good)
        #expect(wishes?.answeredBy == AuditFixture.leadName)
        #expect(try fx.logged(after: before).map(\.table) == ["audit_answer"])

        // Resuming through the lead returns Ana's audit, still Ana's.
        let resumed = try fx.lead.openAudit(of: try drawnCase(fx.lead), template: fx.mini, unsampled: false)
        #expect(!resumed.created)
        #expect(resumed.audit.id == audit.id)
        #expect(resumed.audit.auditor == "Ana")

        // voice now (2×1 + 2) / 3 = 1.33, outstanding; overall (2×1 + 2 + 2) / 4 = 1.5, good (halves go worse).
        try fx.lead.setOverall(auditID: audit.id, grade: .good, reason: nil)
        try fx.lead.submit(auditID: audit.id)
        let submitted = try ana.audit(id: audit.id)
        #expect(submitted.status == .submitted)
        #expect(submitted.auditor == "Ana")
        #expect(submitted.suggestedOverall == .good)
        #expect(try ana.sectionGrades(auditID: audit.id)["voice"] == .outstanding)
    }
}

extension AuditStoreTests {
    @Test func aDrawWithAuditsBegunCannotBeReplaced() throws {
        let fx = try AuditFixture()
        let caseID = fx.drawnCase(team: "CP North")
        let theCase = try fx.lead.auditedCase(caseID, month: fx.november, unsampled: false, fallbackMonth: fx.november)
        _ = try fx.lead.openAudit(of: theCase, template: fx.mini, unsampled: false)
        var request = DrawRequest(month: fx.november, size: .total(4))
        request.seed = "again"
        request.byFields = ["team"]
        let draw = try DrawMaker(store: fx.lead).make(request)
        let before = try fx.lastLogSeq()
        let error = #expect(throws: SamplingError.self) { try fx.lead.saveDraw(draw, replaceReason: "Wrong register") }
        #expect(error?.description == "2026-11's draw (\(fx.drawID)) already has 1 audit begun on its cases; it can no longer be replaced.")
        #expect(try fx.lastLogSeq() == before)
    }
}
