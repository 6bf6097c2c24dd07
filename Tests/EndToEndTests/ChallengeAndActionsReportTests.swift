import Foundation
import Testing

/// `challenge`, `challenge resolve`, `challenges`, `report actions` and the HTML report's
/// actions section on the built binary.
@Suite struct ChallengeAndActionsReportTests {
    let work = Workspace()
    let auditID: Int

    init() throws {
        try AuditWorkspace.prepare(work)
        // Audited on 10 November with an action due on the 20th: overdue by the month's end. An
        // action may not be raised already overdue, so the audit is submitted on that past day.
        work.write("c1.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "due: 2099-12-15", with: "due: 2026-11-20"))
        let submitted = try AuditWorkspace.run(work, as: "Ana", at: "2026-11-10 09:00:00", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(submitted.status == 0, "\(submitted.stderr)")
        auditID = try #require(try AuditWorkspace.audits(work).first?["audit_id"] as? Int)
    }

    func challenges(_ arguments: [String] = []) throws -> [[String: Any]] {
        try AuditWorkspace.json(work, ["challenges"] + arguments) as? [[String: Any]] ?? []
    }

    @Test func aSubmittedGradeIsChallengedAndOnlyAModeratorOrLeadResolvesIt() throws {
        let raised = try AuditWorkspace.run(work, as: "Ana", ["challenge", String(auditID), "--question", "plan-quality",
                                                             "--comment", "The plan was reviewed on 1 November.", "--by", "Wyn Worker"])
        try #require(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.contains("Challenge 1 on audit \(auditID) (plan-quality) by Wyn Worker, open."))
        let noComment = try AuditWorkspace.run(work, as: "Ana", ["challenge", String(auditID), "--question", "overall", "--comment", " "])
        #expect(noComment.status != 0)
        let badQuestion = try AuditWorkspace.run(work, as: "Ana", ["challenge", String(auditID), "--question", "nope", "--comment", "x"])
        #expect(badQuestion.status != 0)
        #expect(badQuestion.stderr.contains("No question \"nope\""))

        let open = try challenges(["--open", "--team", "alpha team"])
        #expect(open.count == 1)
        #expect(open.first?["challenger"] as? String == "Wyn Worker")
        #expect(open.first?["question"] as? String == "plan-quality")
        #expect(open.first?["status"] as? String == "open")
        let team = try #require(try AuditWorkspace.json(work, ["report", "team", "Alpha Team", "--month", "2026-11", "--months", "2"]) as? [String: Any])
        #expect(team["open_challenges"] as? Int == 1)
        let rates = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "rates", "--month", "2026-11"])
        #expect(rates.stdout.contains("1 open challenge to grades of audits in 2026-11"))

        let refused = try AuditWorkspace.run(work, as: "Ana", ["challenge", "resolve", "1", "--outcome", "accepted", "--reason", "Agreed"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Only a lead or moderator may resolve challenges"))
        #expect(try challenges(["--open"]).count == 1)

        try #require(try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["people", "add", "Mo", "--role", "moderator"]).status == 0)
        let badOutcome = try AuditWorkspace.run(work, as: "Mo", ["challenge", "resolve", "1", "--outcome", "maybe", "--reason", "x"])
        #expect(badOutcome.stderr.contains("--outcome maybe: write accepted, partly-accepted or rejected."))
        let accepted = try AuditWorkspace.run(work, as: "Mo", ["challenge", "resolve", "1", "--outcome", "accepted",
                                                              "--reason", "The review is on file; the plan grade should be 2."])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try challenges(["--open"]).isEmpty)
        let all = try challenges()
        #expect(all.first?["status"] as? String == "accepted")
        #expect(all.first?["resolved_by"] as? String == "Mo")
        let again = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["challenge", "resolve", "1", "--outcome", "rejected", "--reason", "No"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("Challenge 1 is already accepted"))
    }

    /// Without `--as-of`, `report actions`, `actions` and `action show` judge "overdue" by
    /// Assay's one today (`Today.date()`: the UTC day, `$ASSAY_TODAY` in tests), as `progress`
    /// and `todo` do; they used a UTC clock of their own that ignored `$ASSAY_TODAY` (issue 21).
    @Test func withoutAsOfOverdueIsJudgedByTheOneToday() throws {
        func overdue(on day: String) throws -> (report: Int?, listed: Bool?, shown: Bool?) {
            var assay = work.assay
            assay.environment["ASSAY_TODAY"] = day
            let json = { (arguments: [String]) throws -> Any in
                let result = try assay.run(["--db", "qa.db", "--as", AuditWorkspace.lead] + arguments + ["--format", "json"])
                try #require(result.status == 0, "\(arguments): \(result.stderr)")
                return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            }
            let report = try json(["report", "actions"]) as? [String: Any]
            let listed = try json(["actions"]) as? [[String: Any]]
            let shown = try json(["action", "show", "1"]) as? [String: Any]
            return ((report?["teams"] as? [[String: Any]])?.first?["overdue"] as? Int, listed?.first?["overdue"] as? Bool,
                    shown?["overdue"] as? Bool)
        }
        // The action falls due on 20 November.
        let onTheDay = try overdue(on: "2026-11-20")
        #expect(onTheDay.report == 0 && onTheDay.listed == false && onTheDay.shown == false)
        let dayAfter = try overdue(on: "2026-11-21")
        #expect(dayAfter.report == 1 && dayAfter.listed == true && dayAfter.shown == true)
    }

    @Test func anOverdueActionIsInTheReportAndTheHTMLUntilItIsDone() throws {
        let report = try #require(try AuditWorkspace.json(work, ["report", "actions", "--as-of", "2026-11-30"]) as? [String: Any])
        let teams = try #require(report["teams"] as? [[String: Any]])
        #expect(teams.count == 1)
        #expect(teams.first?["team"] as? String == "Alpha Team")
        #expect(teams.first?["raised"] as? Int == 1)
        #expect(teams.first?["open"] as? Int == 1)
        #expect(teams.first?["overdue"] as? Int == 1)
        let oldest = try #require(report["oldest_overdue"] as? [[String: Any]])
        #expect(oldest.count == 1)
        let label = try #require(oldest.first?["case"] as? String)
        #expect(label != "C1" && label.hasPrefix("P-"), "a pseudonym, not the case id: \(label)")
        #expect(oldest.first?["days_overdue"] as? Int == 10)
        let notYet = try #require(try AuditWorkspace.json(work, ["report", "actions", "--as-of", "2026-11-20"]) as? [String: Any])
        #expect((notYet["oldest_overdue"] as? [Any])?.isEmpty == true)

        let refused = try AuditWorkspace.run(work, as: "Ana", ["report", "actions", "--reveal"])
        #expect(refused.status != 0)
        let revealed = try #require(try AuditWorkspace.json(work, ["report", "actions", "--as-of", "2026-11-30", "--reveal"]) as? [String: Any])
        #expect((revealed["oldest_overdue"] as? [[String: Any]])?.first?["case"] as? String == "C1")
        let text = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "actions", "--as-of", "2026-11-30"])
        #expect(text.stdout.contains("Oldest overdue actions (1 of 1)"))

        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        let html = try assay.run(["--db", "qa.db", "--as", AuditWorkspace.lead, "report", "html", "--months", "2", "--out", "r.html"])
        try #require(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("actions (1 open, 1 overdue)"))
        let page = try String(contentsOfFile: work.file("r.html"), encoding: .utf8)
        #expect(page.contains("<section id=\"actions\">"))
        // The actions section names the team with the overdue action (its table has row headers).
        let actions = page.components(separatedBy: "<section id=\"actions\">").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
        #expect(actions.contains("<th scope=\"row\">Alpha Team</th>"), "\(actions.prefix(2000))")
        #expect(actions.contains("overdue"))
        #expect(!page.contains(">C1<"))

        let actionID = try #require(oldest.first?["action_id"] as? Int)
        let done = try AuditWorkspace.run(work, as: "Ana", ["action", "done", String(actionID), "--note", "Plan reviewed on 2026-11-28."])
        #expect(done.status == 0, "\(done.stderr)")
        let after = try #require(try AuditWorkspace.json(work, ["report", "actions", "--as-of", "2026-11-30"]) as? [String: Any])
        #expect((after["oldest_overdue"] as? [Any])?.isEmpty == true)
        let afterTeams = try #require(after["teams"] as? [[String: Any]])
        #expect(afterTeams.first?["overdue"] as? Int == 0)
        // Done today, after its due date of 2026-11-20: late.
        #expect(afterTeams.first?["late"] as? Int == 1)
    }
}
