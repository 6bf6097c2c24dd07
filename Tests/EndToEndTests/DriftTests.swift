import Foundation
import Testing

/// Re-audits and `report drift` on the built binary: C1 is judged inadequate in November with
/// an action, re-audited in December (`--reaudit`, not drawn then) and still inadequate; the
/// re-audit stays out of `report rates`, and drift lists both domains with the action's status.
@Suite struct DriftTests {
    let work = Workspace()

    static let inadequate = """
        template: mini
        answers:
          risk: i
          seen:
            value: na
            reason: The child is three months old.
          plan-quality: i
        overall: 4
        actions:
          - what: Review the child-in-need plan
            owner: Team manager, Alpha Team
            due: 2099-12-15

        """

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", Self.inadequate)
        let first = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(first.status == 0, "\(first.stderr)")
    }

    @Test func aReauditIsFlaggedLeftOutOfRatesAndDriftListsTheStillInadequateDomains() throws {
        let actionID = try #require((try AuditWorkspace.json(work, ["actions"]) as? [[String: Any]])?.first?["id"] as? Int)
        let done = try AuditWorkspace.run(work, as: "Ana", ["action", "done", String(actionID), "--note", "Plan reviewed."])
        try #require(done.status == 0, "\(done.stderr)")

        // Not drawn in December: refused without --reaudit (or --unsampled).
        let refused = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--month", "2026-12", "--template", "mini", "--answers", "c1.yaml"])
        #expect(refused.status != 0)
        // A case never audited cannot be re-audited.
        let never = try AuditWorkspace.run(work, as: "Ana", ["audit", "C2", "--reaudit", "--month", "2026-12", "--template", "mini", "--answers", "c1.yaml"])
        #expect(never.status != 0)
        #expect(never.stderr.contains("no submitted audit before 2026-12"), "\(never.stderr)")

        work.write("c1-again.yaml", Self.inadequate.replacingOccurrences(of: "actions:\n  - what: Review the child-in-need plan\n    owner: Team manager, Alpha Team\n    due: 2099-12-15\n", with: ""))
        let again = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--reaudit", "--month", "2026-12", "--template", "mini", "--answers", "c1-again.yaml"])
        try #require(again.status == 0, "\(again.stderr)")
        let audits = try AuditWorkspace.audits(work)
        #expect(audits.count == 2)
        let reaudit = try #require(audits.first { $0["month"] as? String == "2026-12" })
        #expect(reaudit["reaudit"] as? Bool == true && reaudit["unsampled"] as? Bool == false)
        let record = try AuditWorkspace.show(work, try #require(reaudit["audit_id"] as? Int))
        #expect(record["draw_id"] is NSNull && record["reaudit"] as? Bool == true)

        // Rates over November and December count only the drawn November audit.
        let rates = try #require(try AuditWorkspace.json(work, ["report", "rates", "--from", "2026-11", "--to", "2026-12"]) as? [[String: Any]])
        #expect(rates.compactMap { $0["audited"] as? Int }.max() == 1, "\(rates)")

        let drift = try #require(try AuditWorkspace.json(work, ["report", "drift", "--month", "2026-12"]) as? [[String: Any]])
        #expect(drift.map { $0["domain"] as? String ?? "?" }.sorted() == ["plan", "safety"])
        #expect(drift.allSatisfy { $0["action_status"] as? String == "done" && $0["action"] as? String == "Review the child-in-need plan" })
        #expect(drift.allSatisfy { ($0["case"] as? String)?.hasPrefix("P-") == true && $0["reaudit"] as? Bool == true })
        #expect(drift.allSatisfy { $0["earlier_month"] as? String == "2026-11" })

        let text = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "drift", "--month", "2026-12", "--reveal"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("C1 · Alpha Team"), "\(text.stdout)")
        #expect(text.stdout.contains("Still inadequate: Planning [plan], Safety [safety]"), "\(text.stdout)")
        #expect(text.stdout.contains("done · due 2099-12-15"), "\(text.stdout)")
        // November has nothing earlier: no drift.
        let november = try #require(try AuditWorkspace.json(work, ["report", "drift", "--month", "2026-11"]) as? [[String: Any]])
        #expect(november.isEmpty)
    }

    /// `draw --include-reaudits WEEKS`: C1, judged inadequate (submitted now, well before
    /// 2030), is added to 2030-01's draw outside its random sample (seed "t" draws C2 and C3),
    /// shown by `draw show` and `sample`, audited as a re-audit without --reaudit, not
    /// counted by --exclude-recent, and the random draw still verifies.
    @Test func aDrawAddsCasesJudgedInadequateLongAgoOutsideTheRandomSample() throws {
        let lead = AuditWorkspace.lead
        let tooRecent = try #require(try AuditWorkspace.json(work, ["draw", "--month", "2030-01", "--per-stratum", "1", "--by", "team",
                                                                    "--seed", "t", "--include-reaudits", "100000", "--dry-run"]) as? [String: Any])
        #expect((tooRecent["reaudits"] as? [Any])?.isEmpty == true)

        let draw = try #require(try AuditWorkspace.json(work, ["draw", "--month", "2030-01", "--per-stratum", "1", "--by", "team",
                                                               "--seed", "t", "--include-reaudits", "4"]) as? [String: Any])
        let cases = (draw["cases"] as? [[String: Any]] ?? []).compactMap { $0["case_id"] as? String }.sorted()
        try #require(cases == ["C2", "C3"], "the seeded draw changed: \(cases)")
        #expect(draw["total"] as? Int == 2)
        let added = draw["reaudits"] as? [[String: Any]] ?? []
        #expect(added.map { $0["case_id"] as? String } == ["C1"])
        #expect(added.first?["last_month"] as? String == "2026-11")

        let shown = try #require(try AuditWorkspace.json(work, ["draw", "show", "2030-01"]) as? [String: Any])
        #expect((shown["reaudits"] as? [[String: Any]])?.map { $0["case_id"] as? String } == ["C1"])
        let verified = try AuditWorkspace.run(work, as: lead, ["draw", "verify", "2030-01"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("identical"))
        let script = AssayBinary.packageRoot + "/Scripts/reproduce-draw"
        let reproduced = try ProcessRunner.run("/usr/bin/env", ["python3", script, work.file("qa.db"), "2030-01"])
        #expect(reproduced.status == 0 && reproduced.stdout.contains("identical"), "\(reproduced.stdout) \(reproduced.stderr)")

        let sample = try #require(try AuditWorkspace.json(work, ["sample", "2030-01"]) as? [[String: Any]])
        #expect(sample.map { "\($0["case_id"] as? String ?? "?") \($0["reaudit"] as? Bool ?? false)" } == ["C2 false", "C3 false", "C1 true"])

        let audited = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--month", "2030-01", "--template", "mini", "--answers", "c1.yaml"])
        try #require(audited.status == 0, "\(audited.stderr)")
        let audit = try #require(try AuditWorkspace.audits(work).first { $0["month"] as? String == "2030-01" })
        #expect(audit["reaudit"] as? Bool == true)
        let record = try AuditWorkspace.show(work, try #require(audit["audit_id"] as? Int))
        #expect(record["draw_id"] is NSNull)
        let drift = try #require(try AuditWorkspace.json(work, ["report", "drift", "--month", "2030-01"]) as? [[String: Any]])
        #expect(drift.map { $0["domain"] as? String ?? "?" }.sorted() == ["plan", "safety"])

        // The next month's --exclude-recent counts the random sample only.
        let next = try #require(try AuditWorkspace.json(work, ["draw", "--month", "2030-02", "--per-stratum", "1", "--by", "team",
                                                              "--seed", "t", "--exclude-recent", "1", "--dry-run"]) as? [String: Any])
        let excluded = (next["excluded"] as? [[String: Any]] ?? []).compactMap { $0["case_id"] as? String }.sorted()
        #expect(excluded == ["C2", "C3"])
    }
}
