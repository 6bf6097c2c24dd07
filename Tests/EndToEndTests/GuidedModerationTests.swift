import Foundation
import Testing

/// The guided `moderate AUDIT_ID` through a real pseudo-terminal, as a moderator types it:
/// the blind pass shows nothing of the first auditor's, the side-by-side pass shows both,
/// and the moderation is stored as `--answers FILE` stores it (docs/moderation.md).
@Suite(.serialized) struct GuidedModerationTests {
    let work = Workspace()
    let auditID: Int

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("answers.yaml", AuditCommandTests.goodAnswers)
        for caseID in AuditWorkspace.drawn {
            let result = try AuditWorkspace.run(work, as: "Ana", ["audit", caseID, "--template", "mini", "--answers", "answers.yaml"])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let added = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["people", "add", "Mo", "--role", "moderator"])
        try #require(added.status == 0, "\(added.stderr)")
        let sample = try AuditWorkspace.json(work, ["moderate", "sample", "2026-11", "--seed", "m"]) as? [[String: Any]] ?? []
        auditID = try #require(sample.first?["audit_id"] as? Int)
    }

    func guided() throws -> PseudoTerminal {
        var env = work.assay.environment
        env["TERM"] = "dumb"
        env["NO_COLOR"] = "1"
        env["ASSAY_HISTORY"] = work.file("history")
        return try PseudoTerminal(arguments: ["--db", work.file("qa.db"), "--as", "Mo", "moderate", String(auditID)], environment: env)
    }

    @discardableResult
    func enter(_ pty: PseudoTerminal, _ line: String, then prompt: String) throws -> String {
        let mark = pty.mark
        pty.type(line + "\n")
        return try pty.waitFor(prompt, from: mark)
    }

    @Test func theModeratorGradesBlindThenAgreesGradesSideBySide() throws {
        let pty = try guided()
        let opening = try pty.waitFor("1> ")
        #expect(opening.contains("Question 1 of 4 · domain 1 of 2: Safety"))
        try enter(pty, "e", then: "a line holding a single . to end.\r\n  ")
        try enter(pty, "The father's history is listed, not analysed.", then: "analysed.\r\n  ")
        try enter(pty, ".", then: "1> ")
        try enter(pty, "r", then: "2> ")
        try enter(pty, "yes", then: "3> ")
        try enter(pty, "r", then: "4> ")
        try enter(pty, "s", then: "summary> ")
        try enter(pty, "r", then: "summary> ")
        let early = try enter(pty, "b", then: "4> ")
        #expect(early.contains("Question 4 of 4"))
        try enter(pty, "v", then: "summary> ")

        // Blind: nothing of Ana's grades, evidence or reasons has been shown.
        let blind = pty.transcript
        #expect(blind.contains("Your overall grade: 3 requires improvement"))
        for secret in ["Assessment of 3 October", "oversight", "three months old", "First auditor", "2 good ·", "Ana)"] {
            #expect(!blind.contains(secret), "shown before the blind grades were confirmed: \(secret)")
        }

        let sideBySide = try enter(pty, "x", then: "agree 1> ")
        #expect(sideBySide.contains("Your blind grades are final."))
        #expect(sideBySide.contains("First auditor (Ana): 2 good · evidence: 2 lines"))
        #expect(sideBySide.contains("Evidence: Assessment of 3 October analyses the risk from the father."))
        #expect(sideBySide.contains("Moderator (you): 3 requires improvement · evidence: The father's history is listed, not analysed."))
        let asked = try enter(pty, "g", then: "Reason: ")
        #expect(asked.contains("differs from yours (3 requires improvement)"))
        let third = try enter(pty, "The auditor pointed to the manager's analysis of 5 October.", then: "agree 3> ")
        #expect(third.contains("First auditor (Ana): 3 requires improvement"))
        let overall = try enter(pty, "", then: "agreed overall> ")
        #expect(overall.contains("First auditor (Ana): 3 requires improvement"))
        #expect(overall.contains("Moderator (you): 3 requires improvement"))
        let stored = try enter(pty, "", then: "agreed 3 requires improvement.")
        #expect(stored.contains("Moderated audit \(auditID) of"))
        #expect(try pty.waitForExit() == 0)

        let record = try AuditWorkspace.json(work, as: "Mo", ["audits", "show", String(auditID)]) as? [String: Any] ?? [:]
        let moderation = try #require(record["moderation"] as? [String: Any])
        #expect(moderation["moderator"] as? String == "Mo")
        #expect(moderation["first_overall"] as? Int == 3)
        #expect(moderation["blind_overall"] as? Int == 3 && moderation["agreed_overall"] as? Int == 3)
        #expect(moderation["agreed_reason"] as? String == "risk: The auditor pointed to the manager's analysis of 5 October.")
        let answers = AuditWorkspace.answers(moderation)
        #expect(answers["risk"]?["grade"] as? Int == 3 && answers["risk"]?["agreed_grade"] as? Int == 2)
        #expect(answers["risk"]?["evidence"] as? String == "The father's history is listed, not analysed.")
        #expect(answers["seen"]?["value"] as? String == "yes")
        #expect(answers["plan-quality"]?["grade"] as? Int == 3 && answers["plan-quality"]?["agreed_grade"] as? Int == 3)
        let sections = moderation["section_grades"] as? [String: [String: Any]] ?? [:]
        #expect(sections["safety"]?["first"] as? Int == 2 && sections["safety"]?["blind"] as? Int == 3 && sections["safety"]?["agreed"] as? Int == 2)
        // Evidence never reaches the shell's history file.
        let history = (try? String(contentsOfFile: work.file("history"), encoding: .utf8)) ?? ""
        #expect(!history.contains("father"))
    }

    @Test func leavingBeforeTheAgreedGradesStoresNothing() throws {
        let pty = try guided()
        try pty.waitFor("1> ")
        try enter(pty, "r", then: "2> ")
        let left = try enter(pty, "w", then: "starts again.")
        #expect(left.contains("Nothing was stored"))
        #expect(try pty.waitForExit() == 0)
        let record = try AuditWorkspace.json(work, as: "Mo", ["audits", "show", String(auditID)]) as? [String: Any] ?? [:]
        #expect(record["hidden"] as? Bool == true)
        #expect((record["moderation"] as? [String: Any])?["state"] as? String == "pending")
    }

    @Test func theGuidedFormIsRefusedFromAPipe() throws {
        let result = try AuditWorkspace.run(work, as: "Mo", ["moderate", String(auditID)])
        #expect(result.status != 0)
        #expect(result.stderr.contains("needs a person at a terminal") && result.stderr.contains("--answers FILE"))
    }
}
