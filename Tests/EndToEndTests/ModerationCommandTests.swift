import Foundation
import Testing

/// `moderate sample` and `moderate AUDIT_ID --answers FILE` through the built binary, and the
/// blind rule as `audits` and `audits show` apply it (docs/moderation.md).
@Suite struct ModerationCommandTests {
    let work = Workspace()
    static let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("answers.yaml", AuditCommandTests.goodAnswers)
        for caseID in AuditWorkspace.drawn {
            let result = try AuditWorkspace.run(work, as: "Ana", ["audit", caseID, "--template", "mini", "--answers", "answers.yaml"])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let added = try AuditWorkspace.run(work, as: Self.lead, ["people", "add", "Mo", "--role", "moderator"])
        try #require(added.status == 0, "\(added.stderr)")
    }

    static let moderation = """
        answers:
          risk:
            value: r
            evidence: The father's history is listed, not analysed.
          seen: yes
          plan-quality: r
        overall: r
        agreed:
          risk: g
        agreed_reason: The auditor pointed to the manager's analysis of 5 October.
        """

    @Test func aSampledAuditIsBlindToTheModeratorUntilModeratedThenAgreedGradesShow() throws {
        let sample = try AuditWorkspace.json(work, ["moderate", "sample", "2026-11", "--seed", "m"]) as? [[String: Any]] ?? []
        #expect(sample.count == 1)  // ceil(10% × 2) = 1, and Ana, the only auditor, has one
        let row = try #require(sample.first)
        #expect(row["auditor"] as? String == "Ana")
        #expect(AuditWorkspace.drawn.contains(row["case_id"] as? String ?? ""))
        let id = try #require(row["audit_id"] as? Int)

        // Taken again: refused without --replace --reason.
        let again = try AuditWorkspace.run(work, as: Self.lead, ["moderate", "sample", "2026-11", "--seed", "n"])
        #expect(again.status != 0 && again.stderr.contains("--replace --reason"))
        // Shown to anyone, the same.
        let shown = try AuditWorkspace.json(work, as: "Mo", ["moderate", "sample", "2026-11", "--show"]) as? [[String: Any]] ?? []
        #expect(shown.compactMap { $0["audit_id"] as? Int } == [id])

        // Blind: Mo sees no grades, answers or evidence; Ana sees her own.
        let hidden = try AuditWorkspace.json(work, as: "Mo", ["audits", "show", String(id)]) as? [String: Any] ?? [:]
        #expect(hidden["hidden"] as? Bool == true)
        #expect(hidden["overall"] is NSNull)
        #expect((hidden["answers"] as? [Any])?.isEmpty == true)
        let text = try AuditWorkspace.run(work, as: "Mo", ["audits", "show", String(id)])
        #expect(text.stdout.contains("hidden") && !text.stdout.contains("father"))
        let listed = try AuditWorkspace.json(work, as: "Mo", ["audits"]) as? [[String: Any]] ?? []
        let listedRow = try #require(listed.first { $0["audit_id"] as? Int == id })
        #expect(listedRow["overall"] is NSNull && listedRow["moderation"] as? String == "pending")
        #expect(listed.contains { $0["audit_id"] as? Int != id && $0["overall"] as? Int == 3 })
        let own = try AuditWorkspace.json(work, as: "Ana", ["audits", "show", String(id)]) as? [String: Any] ?? [:]
        #expect(own["overall"] as? Int == 3 && own["hidden"] as? Bool == false)

        // Refusals: no --answers; the auditor herself; a plain auditor.
        work.write("mod.yaml", Self.moderation)
        let guided = try AuditWorkspace.run(work, as: "Mo", ["moderate", String(id)])
        #expect(guided.status != 0 && guided.stderr.contains("--answers FILE"))
        let ownModeration = try AuditWorkspace.run(work, as: "Ana", ["moderate", String(id), "--answers", "mod.yaml"])
        #expect(ownModeration.status != 0)

        let moderated = try AuditWorkspace.run(work, as: "Mo", ["moderate", String(id), "--answers", "mod.yaml"])
        #expect(moderated.status == 0, "\(moderated.stderr)")
        #expect(moderated.stdout.contains("Moderated audit \(id)"))

        // Now Mo sees the first auditor's grades beside the moderation.
        let record = try AuditWorkspace.json(work, as: "Mo", ["audits", "show", String(id)]) as? [String: Any] ?? [:]
        #expect(record["hidden"] as? Bool == false)
        #expect(record["overall"] as? Int == 3)
        #expect(AuditWorkspace.answers(record)["risk"]?["grade"] as? Int == 2)
        let moderation = try #require(record["moderation"] as? [String: Any])
        #expect(moderation["state"] as? String == "moderated" && moderation["moderator"] as? String == "Mo")
        #expect(moderation["blind_overall"] as? Int == 3 && moderation["agreed_overall"] as? Int == 3)
        let sections = moderation["section_grades"] as? [String: [String: Any]] ?? [:]
        #expect(sections["safety"]?["first"] as? Int == 2 && sections["safety"]?["blind"] as? Int == 3 && sections["safety"]?["agreed"] as? Int == 2)
        // Once moderation has begun the sample cannot be replaced.
        let replace = try AuditWorkspace.run(work, as: Self.lead, ["moderate", "sample", "2026-11", "--replace", "--reason", "x"])
        #expect(replace.status != 0 && replace.stderr.contains("moderated"))
        let moderatedText = try AuditWorkspace.run(work, as: "Mo", ["audits", "show", String(id)])
        #expect(moderatedText.stdout.contains("Moderated") && moderatedText.stdout.contains("agreed"))
    }

    @Test func agreementIsReportedOnTheBlindPairs() throws {
        let sample = try AuditWorkspace.json(work, ["moderate", "sample", "2026-11", "--share", "100%", "--seed", "m"]) as? [[String: Any]] ?? []
        try #require(sample.count == 2)
        work.write("mod.yaml", Self.moderation)
        for row in sample {
            let id = try #require(row["audit_id"] as? Int)
            let moderated = try AuditWorkspace.run(work, as: "Mo", ["moderate", String(id), "--answers", "mod.yaml"])
            try #require(moderated.status == 0, "\(moderated.stderr)")
        }
        let rows = try #require(try AuditWorkspace.json(work, ["report", "agreement", "--month", "2026-11", "--by", "auditor"]) as? [[String: Any]])
        let overall = try #require(rows.first { $0["grade"] as? String == "overall" && $0["auditor"] is NSNull })
        // Both first auditors said 3 overall and the moderator 3: exact agreement, but one grade
        // only, so kappa is undefined and says why.
        #expect(overall["pairs"] as? Int == 2)
        #expect(overall["exact_agreement"] as? Double == 1)
        #expect(overall["kappa"] is NSNull)
        #expect(overall["undefined_reason"] as? String == "one-grade-only")
        // Safety: first 2 (good), moderator 3 — the moderator graded worse every time.
        let safety = try #require(rows.first { $0["grade"] as? String == "safety" && $0["auditor"] is NSNull })
        #expect(safety["exact_agreement"] as? Double == 0)
        #expect(safety["moved_worse"] as? Double == 1)
        #expect(rows.contains { $0["auditor"] as? String == "Ana" })
        // People read the domains by title; JSON keeps the section id (issue 17, item 4).
        let table = try AuditWorkspace.run(work, as: Self.lead, ["report", "agreement", "--month", "2026-11"])
        #expect(table.stdout.contains("Safety") && table.stdout.contains("Planning"), "\(table.stdout)")
        #expect(!table.stdout.contains("safety") && !table.stdout.contains(" plan "))
        let wrong = try AuditWorkspace.run(work, as: Self.lead, ["report", "agreement", "--by", "team"])
        #expect(wrong.status != 0 && wrong.stderr.contains("groups only by auditor"))
    }
}
