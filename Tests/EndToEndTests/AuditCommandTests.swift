import Foundation
import Testing

/// A workspace ready for auditing, shared by the audit end-to-end tests: four front-door
/// cases in two teams, the 2026-11 draw (seed "s", one per team: C1 and C4; C2 and C3 are not
/// drawn), a small `mini` template of four questions, and Ana the auditor. The shipped
/// templates are kept out so `mini` is the only one.
enum AuditWorkspace {
    static let lead = "Lena Lead"
    static let drawn = ["C1", "C4"]

    /// Two domains. Suggested grades: safety = risk; plan = plan-quality; overall the mean of
    /// risk × 1 and plan-quality × 2, halves to the worse grade (g, r → 8/3 → 3).
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
                guidance: |
                  Read the assessment.
                  Look for analysis, not description.
                kind: grade
                descriptors: {1: Excellent, 2: Sound, 3: Patchy, 4: Absent}
              - id: seen
                prompt: Was the child seen alone?
                kind: yes_no
          - id: plan
            title: Planning
            questions:
              - id: plan-quality
                prompt: Is the plan good?
                kind: grade
                weight: 2
                descriptors: {1: Excellent, 2: Sound, 3: Patchy, 4: Absent}
              - id: note
                prompt: Anything else?
                kind: text
                required: false

        """

    static func prepare(_ work: Workspace) throws {
        work.write("cases.csv", """
            case_id,team,locality,service
            C1,Alpha Team,Northmoor,front-door
            C2,Alpha Team,Northmoor,front-door
            C3,Beta Team,Northmoor,front-door
            C4,Beta Team,Northmoor,front-door

            """)
        work.write("mini.yaml", template)
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "1", "--by", "team", "--seed", "s"],
            ["template", "register", "mini.yaml"],
            ["people", "add", "Ana", "--role", "auditor"],
        ] {
            let result = try assay.run(["--db", "qa.db", "--as", lead] + command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let sample = try assay.run(["--db", "qa.db", "sample", "2026-11", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(sample.stdout.utf8)) as? [[String: Any]] ?? []
        try #require(rows.compactMap { $0["case_id"] as? String }.sorted() == drawn, "the seeded draw changed: \(sample.stdout)")
    }

    /// `assay --db qa.db --as USER ARGS`.
    @discardableResult
    static func run(_ work: Workspace, as user: String, _ arguments: [String]) throws -> AssayBinary.Result {
        try work.assay.run(["--db", "qa.db", "--as", user] + arguments)
    }

    /// `assay --db qa.db --as USER ARGS` with the clock at `instant` (UTC): on a past day.
    @discardableResult
    static func run(_ work: Workspace, as user: String, at instant: String, _ arguments: [String]) throws -> AssayBinary.Result {
        try work.assay.run(at: instant, ["--db", "qa.db", "--as", user] + arguments)
    }

    /// The parsed stdout of a `--format json` command that must succeed.
    static func json(_ work: Workspace, as user: String = lead, _ arguments: [String]) throws -> Any {
        let result = try run(work, as: user, arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    static func audits(_ work: Workspace) throws -> [[String: Any]] {
        try json(work, ["audits"]) as? [[String: Any]] ?? []
    }

    static func show(_ work: Workspace, _ id: Int) throws -> [String: Any] {
        try json(work, ["audits", "show", String(id)]) as? [String: Any] ?? [:]
    }

    /// `audits show ID`'s answers by question id.
    static func answers(_ record: [String: Any]) -> [String: [String: Any]] {
        let list = record["answers"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["question"] as? String ?? "?", $0) })
    }

    /// Row counts of the audit log and every audit table, read with the sqlite3 CLI.
    static func counts(_ work: Workspace) throws -> [String: Int] {
        let tables = ["audit_log", "audit", "audit_answer", "audit_section_grade", "audit_action", "audit_amendment", "escalation"]
        let query = "SELECT " + tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", ")
        let printed = try sqlite3(work, query)
        let values = printed.split(separator: "|").compactMap { Int($0) }
        try #require(values.count == tables.count, "sqlite3 printed \(printed)")
        return Dictionary(uniqueKeysWithValues: zip(tables, values))
    }
}

/// `audit CASE --answers FILE` and friends through the built binary: what a script or pipe
/// does, and everything refused stores nothing.
@Suite struct AuditCommandTests {
    let work = Workspace()
    static let ana = "Ana"

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    /// risk good with two lines of evidence; seen not applicable with its reason; plan
    /// requires improvement; the optional note left out. Suggested overall: 3.
    static let goodAnswers = """
        template: mini
        answers:
          risk:
            value: g
            evidence: |
              Assessment of 3 October analyses the risk from the father.
              Manager's oversight note of 5 October agrees.
          seen:
            value: na
            reason: The child is three months old.
          plan-quality: r
        overall: 3
        actions:
          - what: Review the child-in-need plan
            owner: Team manager, Alpha Team
            due: 2099-12-15

        """

    func audit(as user: String = ana, _ arguments: [String]) throws -> AssayBinary.Result {
        try AuditWorkspace.run(work, as: user, arguments)
    }

    @Test func aGoodAnswersFileIsSubmittedWithItsAnswersGradesAndEvidence() throws {
        work.write("c1.yaml", Self.goodAnswers)
        let result = try audit(["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Submitted audit 1 of C1 (2026-11, mini v1): overall 3 requires improvement."))

        let listed = try AuditWorkspace.audits(work)
        #expect(listed.count == 1)
        let row = try #require(listed.first)
        #expect(row["case_id"] as? String == "C1")
        #expect(row["status"] as? String == "submitted")
        #expect(row["overall"] as? Int == 3)
        #expect(row["auditor"] as? String == "Ana")
        #expect(row["unsampled"] as? Bool == false)

        let record = try AuditWorkspace.show(work, try #require(row["audit_id"] as? Int))
        #expect(record["status"] as? String == "submitted")
        #expect(record["template"] as? String == "mini")
        #expect(record["draw_id"] as? Int == 1)
        #expect(record["suggested_overall"] as? Int == 3)
        #expect(record["overall"] as? Int == 3)
        #expect(record["section_grades"] as? [String: Int] == ["safety": 2, "plan": 3])
        let answers = AuditWorkspace.answers(record)
        #expect(answers["risk"]?["grade"] as? Int == 2)
        #expect(answers["risk"]?["evidence"] as? String
                == "Assessment of 3 October analyses the risk from the father.\nManager's oversight note of 5 October agrees.")
        #expect(answers["seen"]?["value"] as? String == "na")
        #expect(answers["seen"]?["reason"] as? String == "The child is three months old.")
        #expect(answers["plan-quality"]?["value"] as? String == "3")
        #expect(answers["note"]?["value"] is NSNull)
        #expect(answers["risk"]?["answered_by"] as? String == "Ana")
        let actions = record["actions"] as? [[String: Any]] ?? []
        #expect(actions.count == 1)
        #expect(actions.first?["due"] as? String == "2099-12-15")
    }

    @Test func aBadAnswersFileIsRefusedWithFileLineAndFieldAndNothingIsStored() throws {
        let before = try AuditWorkspace.counts(work)
        work.write("wrong-grade.yaml", """
            answers:
              risk: x
              seen: yes
              plan-quality: r
            overall: r

            """)
        work.write("missing.yaml", """
            answers:
              risk: g
              plan-quality: r
            overall: r

            """)
        work.write("no-reason.yaml", """
            answers:
              risk: g
              seen: no
              plan-quality: r
            overall: g

            """)
        let refusals = [
            ("wrong-grade.yaml", "wrong-grade.yaml:2: field \"risk\": \"x\" is not a grade"),
            ("missing.yaml", "missing.yaml:1: field \"seen\": question seen (Was the child seen alone?) is required and has no answer"),
            ("no-reason.yaml", "no-reason.yaml:5: field \"reason\": the overall grade 2 (good) differs from the suggested 3 (requires improvement) and needs a reason"),
        ]
        for (file, message) in refusals {
            let result = try audit(["audit", "C4", "--template", "mini", "--answers", file])
            #expect(result.status != 0, "\(file) was accepted: \(result.stdout)")
            #expect(result.stderr.contains("\(file): rejected, 1 problem; nothing was stored."), "\(file): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(file): \(result.stderr)")
            #expect(!result.stdout.contains("Submitted"))
        }
        #expect(try AuditWorkspace.counts(work) == before)
        #expect(try AuditWorkspace.audits(work).isEmpty)
    }

    @Test func theGuidedFormFromAPipeIsRefusedAndPointsAtAnswersFile() throws {
        let before = try AuditWorkspace.counts(work)
        let result = try work.assay.run(["--db", "qa.db", "--as", "Ana", "audit", "C4", "--template", "mini"], input: "g\nyes\nr\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("`audit C4` needs a person at a terminal"), "\(result.stderr)")
        #expect(result.stderr.contains("audit C4 --answers FILE"), "\(result.stderr)")
        #expect(try AuditWorkspace.counts(work) == before)
        #expect(try AuditWorkspace.audits(work).isEmpty)
    }

    @Test func anUndrawnCaseNeedsUnsampledAndIsThenFlagged() throws {
        work.write("c2.yaml", Self.goodAnswers)
        let before = try AuditWorkspace.counts(work)
        let refused = try audit(["audit", "C2", "--template", "mini", "--answers", "c2.yaml"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Case C2 was not drawn"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--unsampled"), "\(refused.stderr)")
        #expect(try AuditWorkspace.counts(work) == before)

        let adHoc = try audit(["audit", "C2", "--month", "2026-11", "--unsampled", "--template", "mini", "--answers", "c2.yaml"])
        #expect(adHoc.status == 0, "\(adHoc.stderr)")
        #expect(adHoc.stdout.contains("Submitted audit 1 of C2 (2026-11, mini v1)"))
        let row = try #require(try AuditWorkspace.audits(work).first)
        #expect(row["case_id"] as? String == "C2")
        #expect(row["month"] as? String == "2026-11")
        #expect(row["status"] as? String == "submitted")
        #expect(row["unsampled"] as? Bool == true)
        let record = try AuditWorkspace.show(work, try #require(row["audit_id"] as? Int))
        #expect(record["unsampled"] as? Bool == true)
        #expect(record["draw_id"] is NSNull)
        let text = try audit(["audits", "show", "1"])
        #expect(text.stdout.contains("(ad-hoc, not drawn)"))
    }

    @Test func onlyTheLeadReopensAnAuditAndTheAuditorResubmitsItFromAFile() throws {
        work.write("c1.yaml", Self.goodAnswers)
        try #require(try audit(["audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
        let id = try #require(try AuditWorkspace.audits(work).first?["audit_id"] as? Int)
        let submitted = try AuditWorkspace.counts(work)

        let notLead = try audit(["audit", "amend", String(id), "--reason", "I graded the plan wrongly."])
        #expect(notLead.status != 0)
        #expect(notLead.stderr.contains("Only a lead may reopen submitted audits"), "\(notLead.stderr)")
        #expect(try AuditWorkspace.counts(work) == submitted)
        #expect(try AuditWorkspace.audits(work).first?["status"] as? String == "submitted")

        let reopened = try audit(as: AuditWorkspace.lead, ["audit", "amend", String(id), "--reason", "The plan grade ignores the new baby."])
        try #require(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stdout.contains("Reopened audit \(id) of case C1 (2026-11)"))
        let row = try #require(try AuditWorkspace.audits(work).first)
        #expect(row["status"] as? String == "in_progress")
        let record = try AuditWorkspace.show(work, id)
        #expect(record["submitted_at"] is NSNull)
        let amendments = record["amendments"] as? [[String: Any]] ?? []
        #expect(amendments.map { $0["reason"] as? String } == ["The plan grade ignores the new baby."])
        #expect(amendments.first?["amended_by"] as? String == AuditWorkspace.lead)
        // The judgement as first submitted is kept beside the reopening.
        let kept = try #require((amendments.first?["submitted_json"] as? String).flatMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        })
        #expect(kept["overall"] as? Int == record["overall"] as? Int)
        #expect((kept["answers"] as? [String: Any])?.keys.sorted() == (record["answers"] as? [[String: Any]])?
            .filter { !($0["value"] is NSNull) }.compactMap { $0["question"] as? String }.sorted())

        // The auditor resubmits the reopened audit from a corrected file: the same audit, submitted again.
        work.write("c1-corrected.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "plan-quality: r", with: "plan-quality: i")
            .replacingOccurrences(of: "overall: 3", with: "overall: 4\nreason: The new baby was not in the plan at all."))
        let second = try audit(["audit", "C1", "--template", "mini", "--answers", "c1-corrected.yaml"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Completed and submitted audit \(id) of C1"))
        let resubmitted = try AuditWorkspace.show(work, id)
        #expect(resubmitted["status"] as? String == "submitted")
        #expect(resubmitted["overall"] as? Int == 4)
        #expect(AuditWorkspace.answers(resubmitted)["plan-quality"]?["grade"] as? Int == 4)
        #expect((resubmitted["amendments"] as? [[String: Any]])?.count == 1, "the reopening is still on record")
        #expect(try AuditWorkspace.audits(work).count == 1)
    }
}
