import AssayAudits
import AssayCore
import AssayRegister
@testable import AssayReports
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import Testing

/// `report evidence`: which answers are evidence (grade 3 or 4, with evidence, from
/// submitted audits of drawn cases), and how they are grouped: team, then domain in
/// template order, inadequate first.
@Suite struct EvidenceReportTests {
    static let november = Month("2026-11")!

    /// `n` days after today (UTC): actions may not fall due before the day they are raised,
    /// so their due dates, and the day the team page judges overdue at, count from today.
    static func inDays(_ n: Int) -> CalendarDate { CalendarDate(dayNumber: ActionDueDate.day().dayNumber + n)! }

    static func item(_ team: String, _ domain: String, section: Int, question: Int = 0, _ grade: Grade, audit: Int64,
                     month: Month = november) -> GradeEvidence {
        GradeEvidence(auditID: audit, caseID: "C\(audit)", month: month, team: team, locality: "North", domain: domain,
                      domainTitle: domain.capitalized, questionID: "\(domain)-\(question)", prompt: "?", grade: grade,
                      evidence: "Evidence \(audit)", sectionPosition: section, questionPosition: question)
    }

    @Test func groupedByTeamThenDomainInTemplateOrderInadequateFirst() {
        let items = [
            Self.item("beta", "plan", section: 1, .requiresImprovement, audit: 3),
            Self.item("Alpha", "plan", section: 1, .requiresImprovement, audit: 1),
            Self.item("Alpha", "voice", section: 0, question: 1, .requiresImprovement, audit: 1),
            Self.item("Alpha", "voice", section: 0, question: 0, .requiresImprovement, audit: 1),
            Self.item("Alpha", "voice", section: 0, .inadequate, audit: 2),
            Self.item("Alpha", "voice", section: 0, .inadequate, audit: 5, month: Self.november.adding(months: -1)),
        ]
        let report = EvidenceReport(evidence: items, period: ReportPeriod(month: Self.november))
        #expect(report.teams.map(\.team) == ["Alpha", "beta"])
        #expect(report.teams[0].domains.map(\.id) == ["voice", "plan"])
        let voice = report.teams[0].domains[0].items
        #expect(voice.map(\.auditID) == [2, 1, 1])  // inadequate first; the October one is outside the period
        #expect(voice.map(\.questionPosition) == [0, 0, 1])
        #expect(report.teams[0].count == 4)
        #expect(report.items.count == 5)

        let planOnly = EvidenceReport(evidence: items, period: ReportPeriod(month: Self.november), domain: "PLAN")
        #expect(planOnly.teams.map { $0.domains.map(\.id) } == [["plan"], ["plan"]])
        let range = EvidenceReport(evidence: items, period: try! ReportPeriod(from: Self.november.adding(months: -1), to: Self.november))
        #expect(range.teams[0].domains[0].items.map(\.auditID) == [5, 2, 1, 1])
        #expect(EvidenceReport(evidence: [], period: ReportPeriod(month: Self.november)).teams.isEmpty)
    }

    static let template = """
        id: mini
        version: 1
        title: Mini audit
        applies_to: [front-door]
        lookback_months: 3
        sections:
          - id: safety
            title: Safety
            questions:
              - id: risk
                prompt: Was risk understood?
                kind: grade
                descriptors: {1: a, 2: b, 3: c, 4: d}
              - id: seen
                prompt: Was the child seen alone?
                kind: yes_no
          - id: plan
            title: Planning
            questions:
              - id: plan-quality
                prompt: Is the plan good?
                kind: grade
                descriptors: {1: a, 2: b, 3: c, 4: d}
        """

    /// Four cases drawn (two teams), one left undrawn; audits submitted with evidence on
    /// every grade, one ad-hoc audit (with an overdue action), one left in progress.
    static func fixture(_ dir: TemporaryDirectory) throws -> (store: Store, drawn: [String], inProgress: Int64) {
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        var rows = ["case_id,team,locality,service"]
        rows += ["A1", "A2"].map { "\($0),Alpha,North,front-door" } + ["B1", "B2"].map { "\($0),Beta,North,front-door" }
        rows.append("X1,Alpha,North,front-door")
        _ = try RegisterImporter(store: store).importFile(dir.write("register.csv", rows.joined(separator: "\n") + "\n"),
                                                          options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 11, day: 1)!))
        var request = DrawRequest(month: Self.november, size: .perStratum(2))
        request.seed = "evidence"
        request.byFields = ["team"]
        let draw = try DrawMaker(store: store).make(request)
        _ = try store.saveDraw(draw, replaceReason: nil)
        let drawn = draw.cases.map(\.caseID).sorted()
        try #require(drawn.count == 4 && !drawn.contains("X1"))
        let template = try TemplateLoader.load(text: Self.template, file: "mini.yaml")
        try store.register(template)

        func answers(risk: Grade, plan: Grade, riskEvidence: String?) -> [Answer] {
            [Answer(questionID: "risk", value: String(risk.rawValue), grade: risk, skipped: false, evidence: riskEvidence, reason: nil),
             Answer(questionID: "seen", value: "no", grade: nil, skipped: false, evidence: "Not seen alone.", reason: nil),
             Answer(questionID: "plan-quality", value: String(plan.rawValue), grade: plan, skipped: false, evidence: "Plan evidence.", reason: nil)]
        }
        func submit(_ id: String, unsampled: Bool = false, _ answers: [Answer],
                    actions: [(what: String, owner: String, due: CalendarDate)] = []) throws {
            let theCase = try store.auditedCase(id, month: Self.november, unsampled: unsampled, fallbackMonth: Self.november)
            let suggested = answers.compactMap(\.grade).max()!
            try store.submitInOneStep(theCase, template: template, unsampled: unsampled, answers: answers, overall: suggested,
                                      reason: "Set by the test.", actions: actions)
        }
        // A1: risk inadequate with evidence, plan good (evidence, but graded 2: not shown).
        try submit(drawn[0], answers(risk: .inadequate, plan: .good, riskEvidence: "  No analysis of the father's history.\n"))
        // A2: risk requires improvement but no evidence; plan requires improvement with evidence.
        try submit(drawn[1], answers(risk: .requiresImprovement, plan: .requiresImprovement, riskEvidence: nil))
        // B1: blank evidence does not count.
        try submit(drawn[2], answers(risk: .inadequate, plan: .good, riskEvidence: "   "))
        // X1: an ad-hoc audit, left out.
        try submit("X1", unsampled: true, answers(risk: .inadequate, plan: .inadequate, riskEvidence: "Ad hoc."),
                   actions: [("Overdue", "TM", Self.inDays(1)), ("Not yet", "TM", Self.inDays(400))])
        // B2: opened but not submitted, left out.
        let b2 = try store.auditedCase(drawn[3], month: Self.november, unsampled: false, fallbackMonth: Self.november)
        let opened = try store.openAudit(of: b2, template: template, unsampled: false)
        let typed = try TypedAnswer.read("i", for: template.questions[0]).get()
        try store.saveAnswer(auditID: opened.audit.id, questionID: "risk", typed: typed, evidence: "In progress.")
        return (store, drawn, opened.audit.id)
    }

    @Test func theReaderTakesOnlyPoorGradesWithEvidenceFromSubmittedDrawnAudits() throws {
        let dir = TemporaryDirectory()
        let (store, drawn, _) = try Self.fixture(dir)
        let evidence = try store.gradeEvidence(from: Self.november, through: Self.november)
        #expect(evidence.map { "\($0.caseID) \($0.questionID) \($0.grade.rawValue)" }.sorted()
            == ["\(drawn[0]) risk 4", "\(drawn[1]) plan-quality 3"])
        let risk = try #require(evidence.first { $0.questionID == "risk" })
        #expect(risk.domain == "safety" && risk.domainTitle == "Safety" && risk.prompt == "Was risk understood?")
        #expect(risk.evidence == "No analysis of the father's history.")
        #expect(risk.team == "Alpha" && risk.month == Self.november)
        #expect(try store.gradeEvidence(from: Self.november, through: Self.november, team: "beta").isEmpty)
        #expect(try store.gradeEvidence(from: Self.november, through: Self.november, team: "ALPHA").count == 2)
        #expect(try store.gradeEvidence(from: Self.november.adding(months: 1), through: Self.november.adding(months: 1)).isEmpty)
        #expect(try store.registeredDomains() == ["safety": "Safety", "plan": "Planning"])

        let report = EvidenceReport(evidence: evidence, period: ReportPeriod(month: Self.november))
        #expect(report.teams.map(\.team) == ["Alpha"])
        #expect(report.teams[0].domains.map(\.id) == ["safety", "plan"])
    }

    @Test func theTeamPageCountsItsOwnOpenEscalationsAndOverdueActions() throws {
        let dir = TemporaryDirectory()
        let (store, _, inProgress) = try Self.fixture(dir)
        _ = try store.raiseEscalation(auditID: inProgress, concern: "Unsafe now.", escalatedTo: "Duty manager")
        // 331 days after "Overdue" fell due; "Not yet" is due later still.
        let today = Self.inDays(1 + 331)
        let alpha = try store.teamReport(team: "Alpha", month: Self.november, months: 3, today: today)
        let beta = try store.teamReport(team: "Beta", month: Self.november, months: 3, today: today)
        #expect(alpha.openEscalations.isEmpty && beta.openEscalations.count == 1)
        #expect(alpha.openActions == 2 && beta.openActions == 0)
        #expect(alpha.overdueActions.map(\.what) == ["Overdue"])
        #expect(alpha.overdueActions.first?.daysOverdue == 331)
        #expect(alpha.overdueActions.first?.caseID == "X1")
        // The rate and trend are the team's rows of the all-teams reports.
        #expect(alpha.rate?.estimate.audited == 2 && beta.rate?.estimate.audited == 1)
        #expect(alpha.authority?.estimate.audited == 3)
        #expect(alpha.trend?.months.map(\.month) == [Self.november])
        // Month by month over the window (the page's table and its CSV): every month, the
        // report month's figures those of the rates above.
        #expect(alpha.teamMonths.map(\.month) == alpha.window.months && alpha.authorityMonths.map(\.month) == alpha.window.months)
        #expect(alpha.teamMonths.map(\.audited) == [0, 0, 2] && alpha.teamMonths.first?.estimate == nil)
        #expect(alpha.teamMonths.last?.estimate?.rate == alpha.rate?.estimate.rate)
        #expect(alpha.authorityMonths.last?.audited == 3 && alpha.authorityMonths.last?.estimate?.rate == alpha.authority?.estimate.rate)
        #expect(alpha.window.from == Self.november.adding(months: -2))
        #expect(alpha.domains.map(\.domain).sorted() == ["plan", "safety"])
        #expect(alpha.domains.first { $0.domain == "safety" }?.title == "Safety")
        #expect(throws: ReportError.tooFewMonths(1)) { try store.teamReport(team: "Alpha", month: Self.november, months: 1) }
    }

    /// What every team's page shares is remembered between pages (`TeamPageCommon`), and
    /// forgotten by the next change: a page after an audit is reopened no longer counts it.
    @Test func theNextPageAfterAChangeCountsIt() throws {
        let dir = TemporaryDirectory()
        let (store, drawn, _) = try Self.fixture(dir)
        let before = try store.teamReport(team: "Alpha", month: Self.november, months: 3)
        #expect(before.authority?.estimate.audited == 3)
        #expect(try store.teamReport(team: "Beta", month: Self.november, months: 3).authority?.estimate.audited == 3)
        let id = try #require(try store.read { try Int64.fetchOne($0, sql: "SELECT id FROM audit WHERE case_id = ?", arguments: [drawn[0]]) })
        try store.amend(auditID: id, reason: "Reopened to check the plan.")
        let after = try store.teamReport(team: "Alpha", month: Self.november, months: 3)
        #expect(after.authority?.estimate.audited == 2)
        #expect(after.authorityMonths.last?.audited == 2)
    }

    @Test func teamsAreResolvedIgnoringCaseAndUnknownOnesListTheKnown() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        _ = try RegisterImporter(store: store).importFile(
            dir.write("register.csv", "case_id,team,locality\nA1,CP North,North\nB1,\"Care, Permanence\",South\n"),
            options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 11, day: 1)!))
        #expect(try store.reportTeams() == ["Care, Permanence", "CP North"])
        #expect(try store.resolveTeam("cp north") == "CP North")
        do {
            _ = try store.resolveTeam("Nowhere")
            Issue.record("an unknown team was accepted")
        } catch let failure as ReportError {
            #expect(failure == .noTeam("Nowhere", known: ["Care, Permanence", "CP North"]))
            #expect(failure.description.contains("Known teams: Care, Permanence; CP North"))
        }
    }

    @Test func daysOverdueCountWholeCalendarDays() {
        func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
        #expect(date("2026-11-29").days(to: date("2026-12-02")) == 3)
        #expect(date("2024-02-28").days(to: date("2024-03-01")) == 2)
        #expect(date("2025-12-31").days(to: date("2026-12-31")) == 365)
    }
}
