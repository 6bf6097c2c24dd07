import Foundation
import Testing

/// `set-aside` (docs/assignment.md, "A drawn case that cannot be audited"): on
/// ChasingWorkspace's database, where every November case is overdue on 2026-12-10, a case
/// the lead sets aside leaves its auditor's work, the chase list and the overdue count, shows
/// as "set aside" in `sample`, cannot be audited, and comes back with `--undo`; the record
/// still verifies.
@Suite(.serialized) struct SetAsideCommandTests {
    let work = Workspace()
    let lead = ChasingWorkspace.lead

    init() throws {
        try ChasingWorkspace.prepare(work)
    }

    func chaseList() throws -> [String] {
        try ChasingWorkspace.json(work, ["progress", "2026-11", "--chase"]).compactMap { $0["case_id"] as? String }.sorted()
    }

    @Test func aCaseSetAsideIsNobodysWorkAndNeverOverdueUntilPutBack() throws {
        let bens = try ChasingWorkspace.cases(work, of: "Ben", in: "2026-11")
        let chosen = try #require(bens.first)
        #expect(try chaseList().contains(chosen), "overdue before it is set aside")

        let set = try ChasingWorkspace.run(work, as: lead, ["set-aside", chosen, "--month", "2026-11", "--reason", "closed before audit"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("is set aside"))

        #expect(!(try chaseList()).contains(chosen))
        #expect(try ChasingWorkspace.cases(work, of: "Ben", in: "2026-11") == bens)  // still listed as his in sample…
        let sample = try ChasingWorkspace.json(work, ["sample", "2026-11"])
        #expect(sample.first { $0["case_id"] as? String == chosen }?["status"] as? String == "set aside")
        let open = try ChasingWorkspace.json(work, ["sample", "2026-11", "--status", "open"]).compactMap { $0["case_id"] as? String }
        #expect(!open.contains(chosen))
        let todo = try ChasingWorkspace.json(work, as: "Ben", ["todo"]).compactMap { $0["case_id"] as? String }
        #expect(!todo.contains(chosen), "…but not in his work")
        let progress = try ChasingWorkspace.run(work, as: lead, ["progress", "2026-11"])
        #expect(progress.stdout.contains("1 drawn case is set aside, not to be audited"))
        let listed = try ChasingWorkspace.json(work, ["set-aside", "--list", "--month", "2026-11"])
        #expect(listed.count == 1 && listed.first?["reason"] as? String == "closed before audit" && listed.first?["set_by"] as? String == lead)

        // It cannot be audited, and says who set it aside and how to undo that.
        work.write("a.yaml", AuditCommandTests.goodAnswers)
        let audit = try ChasingWorkspace.run(work, as: "Ben", ["audit", chosen, "--month", "2026-11", "--template", "mini", "--answers", "a.yaml"])
        #expect(audit.status == 3)
        #expect(audit.stderr.contains("was set aside by \(lead): closed before audit"))
        #expect(audit.stderr.contains("set-aside \(chosen) --month 2026-11 --undo"))

        let undo = try ChasingWorkspace.run(work, as: lead, ["set-aside", chosen, "--month", "2026-11", "--undo"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try chaseList().contains(chosen))
        let verify = try ChasingWorkspace.run(work, as: lead, ["verify"])
        #expect(verify.status == 0 && verify.stdout.contains("Intact"), "\(verify.stdout)")
    }

    @Test func onlyALeadSetsAsideAndOnlyADrawnCaseNotBegunWithAReason() throws {
        let anas = try ChasingWorkspace.cases(work, of: "Ana", in: "2026-11")
        let chosen = try #require(anas.first)
        let byAuditor = try ChasingWorkspace.run(work, as: "Ana", ["set-aside", chosen, "--month", "2026-11", "--reason", "closed"])
        #expect(byAuditor.status == 3)
        let noReason = try ChasingWorkspace.run(work, as: lead, ["set-aside", chosen, "--month", "2026-11"])
        #expect(noReason.status == 2 && noReason.stderr.contains("--reason"))
        let notDrawn = try ChasingWorkspace.run(work, as: lead, ["set-aside", "NOPE", "--month", "2026-11", "--reason", "closed"])
        #expect(notDrawn.status == 4 && notDrawn.stderr.contains("not in 2026-11's draw"))
        try ChasingWorkspace.begin(work, chosen, as: "Ana")
        let begun = try ChasingWorkspace.run(work, as: lead, ["set-aside", chosen, "--month", "2026-11", "--reason", "closed"])
        #expect(begun.status == 1 && begun.stderr.contains("has begun"), "\(begun.stderr)")
        #expect(try ChasingWorkspace.json(work, ["set-aside", "--list"]).isEmpty, "nothing was set aside")
    }

    @Test func reassigningGivesACaseSetAsideToNobodyAndMovesNoOtherCase() throws {
        let before = try ChasingWorkspace.json(work, ["sample", "2026-12"]).map { ($0["case_id"] as? String ?? "", $0["auditor"] as? String ?? "") }
        let chosen = try #require(before.first?.0)
        let set = try ChasingWorkspace.run(work, as: lead, ["set-aside", chosen, "--month", "2026-12", "--reason", "moved to another authority"])
        #expect(set.status == 0, "\(set.stderr)")
        let again = try ChasingWorkspace.json(work, ["assign", "2026-12", "--auditors", "Ana,Ben"])
        let given = again.flatMap { ($0["case_ids"] as? [String]) ?? [] }
        #expect(!given.contains(chosen))
        let after = Dictionary(try ChasingWorkspace.json(work, ["sample", "2026-12"]).map { ($0["case_id"] as? String ?? "", $0["auditor"] as? String ?? "") },
                               uniquingKeysWith: { a, _ in a })
        for (caseID, auditor) in before where caseID != chosen { #expect(after[caseID] == auditor, "\(caseID) kept its auditor") }
    }
}
