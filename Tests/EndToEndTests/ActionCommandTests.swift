import Foundation
import Testing

/// `actions`, `action add|done|cancel|show` on the built binary: an overdue action is listed
/// until it is closed; closing twice is refused.
@Suite struct ActionCommandTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
        // Audited on 10 November with an action due on the 20th: overdue by the month's end. An
        // action may not be raised already overdue, so the audit is submitted on that past day.
        work.write("c1.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "due: 2099-12-15", with: "due: 2026-11-20"))
        let submitted = try AuditWorkspace.run(work, as: "Ana", at: "2026-11-10 09:00:00", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(submitted.status == 0, "\(submitted.stderr)")
    }

    func actions(_ arguments: [String]) throws -> [[String: Any]] {
        try AuditWorkspace.json(work, ["actions"] + arguments) as? [[String: Any]] ?? []
    }

    @Test func anOverdueActionIsListedUntilItIsDone() throws {
        let overdue = try actions(["--overdue", "--as-of", "2026-11-30"])
        #expect(overdue.count == 1)
        let action = try #require(overdue.first)
        #expect(action["case_id"] as? String == "C1")
        #expect(action["team"] as? String == "Alpha Team")
        #expect(action["status"] as? String == "open")
        #expect(action["due"] as? String == "2026-11-20")
        #expect(try actions(["--overdue", "--as-of", "2026-11-20"]).isEmpty)
        let id = try #require(action["id"] as? Int)

        let done = try AuditWorkspace.run(work, as: "Ana", ["action", "done", String(id), "--note", "Plan reviewed at the core group on 2026-11-28."])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try actions(["--overdue", "--as-of", "2026-11-30"]).isEmpty)
        let shown = try #require(try AuditWorkspace.json(work, ["action", "show", String(id)]) as? [String: Any])
        #expect(shown["status"] as? String == "done")
        #expect(shown["closed_by"] as? String == "Ana")
        #expect(shown["closing_note"] as? String == "Plan reviewed at the core group on 2026-11-28.")

        let again = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["action", "cancel", String(id), "--reason", "No longer needed"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("Action \(id) is already done"))
    }

    @Test func anActionCanBeAddedToASubmittedAuditAndBadDatesAreRefused() throws {
        let auditID = try #require(try AuditWorkspace.audits(work).first?["audit_id"] as? Int)
        let bad = try AuditWorkspace.run(work, as: "Ana", ["action", "add", String(auditID), "--what", "Visit", "--owner", "Wyn", "--due", "2026-13-01"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--due 2026-13-01: write the date as YYYY-MM-DD (or DD/MM/YYYY)."))
        let added = try AuditWorkspace.run(work, as: "Ana", ["action", "add", String(auditID), "--what", "See the child alone", "--owner", "Wyn", "--due", "2099-12-31"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try actions(["--owner", "wyn"]).map { $0["what"] as? String } == ["See the child alone"])
        #expect(try actions([]).count == 2)
    }

    /// An action due before the day it is raised would be overdue the moment it exists: refused
    /// from the command line and from an answers file (naming the file, line and field), and
    /// nothing is stored; due the same day is allowed (issue 17).
    @Test func anActionDueBeforeTheDayItIsRaisedIsRefused() throws {
        let auditID = try #require(try AuditWorkspace.audits(work).first?["audit_id"] as? Int)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))  // UTC, as Assay judges the day
        let late = try AuditWorkspace.run(work, as: "Ana", ["action", "add", String(auditID), "--what", "Visit", "--owner", "Wyn", "--due", "2026-11-30"])
        #expect(late.status != 0)
        #expect(late.stderr.contains("The action was not raised: due 2026-11-30 is before \(today), the day the action is raised"), "\(late.stderr)")
        #expect(try actions([]).count == 1)
        let sameDay = try AuditWorkspace.run(work, as: "Ana", ["action", "add", String(auditID), "--what", "Visit", "--owner", "Wyn", "--due", today])
        #expect(sameDay.status == 0, "\(sameDay.stderr)")

        work.write("c4.yaml", AuditCommandTests.goodAnswers.replacingOccurrences(of: "due: 2099-12-15", with: "due: 2026-11-30"))
        let before = try AuditWorkspace.counts(work)
        let file = try AuditWorkspace.run(work, as: "Ana", ["audit", "C4", "--template", "mini", "--answers", "c4.yaml"])
        #expect(file.status != 0)
        let line = try #require(AuditCommandTests.goodAnswers.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("due: 2099-12-15") }) + 1
        #expect(file.stderr.contains("c4.yaml:\(line): field \"due\": 2026-11-30 is before \(today), the day the action is raised"), "\(file.stderr)")
        #expect(try AuditWorkspace.counts(work) == before)
    }
}
