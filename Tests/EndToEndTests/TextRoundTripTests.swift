import Foundation
import Testing

/// Every SQL value is bound as a parameter: text that looks like SQL, shell metacharacters,
/// HTML and any Unicode go in through every kind of text field and come back unchanged, and
/// nothing is executed. (Control characters are refused on entry instead: DataSafetyTests
/// and the loaders' tests; docs/integrity.md, "What text is stored".)
@Suite struct TextRoundTripTests {
    let work = Workspace()
    /// SQL, shell and markup trouble in one string (no leading or trailing space: names are trimmed).
    static let nasty = "Robert'); DROP TABLE audit;-- $(touch pwned) `touch pwned2` ; | & > < * ? ~ \"q\" \\ "
        + "ü 🙂 ﷽ RTL שלום %s %n {{x}} <script>x</script> =HYPERLINK(\"x\") @SUM(1)"

    func json(_ arguments: [String], as user: String = AuditWorkspace.lead) throws -> Any {
        try AuditWorkspace.json(work, as: user, arguments)
    }

    @Test func textComesBackUnchangedThroughEveryField() throws {
        let nasty = Self.nasty
        func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        work.write("cases.csv", "case_id,team,locality,service,worker,Primary need\n"
                   + "C1,\(csvField(nasty)),\(csvField("L " + nasty)),front-door,\(csvField("W " + nasty)),\(csvField("N " + nasty))\n"
                   + "C2,Beta Team,Northmoor,front-door,,\n")
        work.write("mini.yaml", AuditWorkspace.template)
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("none")
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01", "--keep", "Primary need"],
            ["draw", "--month", "2026-11", "--per-stratum", "1", "--by", "team", "--seed", "s"],
            ["template", "register", "mini.yaml"],
            ["people", "add", "P " + nasty, "--role", "lead", "--team", "T " + nasty],
        ] {
            let result = try assay.run(["--db", "qa.db", "--as", AuditWorkspace.lead] + command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let auditor = "P " + nasty
        let people = try json(["people"]) as? [[String: Any]] ?? []
        #expect(people.contains { $0["name"] as? String == auditor && $0["team"] as? String == "T " + nasty })

        let sample = try json(["sample", "2026-11"]) as? [[String: Any]] ?? []
        let drawn = try #require(sample.first { $0["case_id"] as? String == "C1" })
        #expect(drawn["team"] as? String == nasty)
        #expect(drawn["locality"] as? String == "L " + nasty)

        // An answers file in JSON carries the text exactly.
        let answers: [String: Any] = [
            "template": "mini",
            "answers": [
                "risk": ["value": "g", "evidence": "E " + nasty],
                "seen": ["value": "na", "reason": "R " + nasty],
                "plan-quality": "r",
                "note": "N " + nasty,
            ],
            "overall": 4, "reason": "O " + nasty,
            "actions": [["what": "A " + nasty, "owner": "Ow " + nasty, "due": "2099-12-15"]],
        ]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: answers), as: UTF8.self)
        work.write("c1.json", text)
        let submitted = try AuditWorkspace.run(work, as: auditor, ["audit", "C1", "--template", "mini", "--answers", "c1.json"])
        try #require(submitted.status == 0, "\(submitted.stderr)")
        let record = try json(["audits", "show", "1"], as: auditor) as? [String: Any] ?? [:]
        let byQuestion = AuditWorkspace.answers(record)
        #expect(byQuestion["risk"]?["evidence"] as? String == "E " + nasty)
        #expect(byQuestion["seen"]?["reason"] as? String == "R " + nasty)
        #expect(byQuestion["note"]?["value"] as? String == "N " + nasty)
        #expect(byQuestion["risk"]?["answered_by"] as? String == auditor)
        #expect(record["overall_reason"] as? String == "O " + nasty)
        #expect(record["worker"] as? String == "W " + nasty)
        let action = (record["actions"] as? [[String: Any]])?.first
        #expect(action?["what"] as? String == "A " + nasty)
        #expect(action?["owner"] as? String == "Ow " + nasty)

        // The same text typed as a script line, quoted as a shell would.
        let quoted = "'" + ("S " + nasty).replacingOccurrences(of: "'", with: "'\\''") + "'"
        let piped = try work.assay.run(["--db", "qa.db", "--as", auditor], input: "challenge 1 --question plan-quality --comment \(quoted)\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        let all = try json(["challenges"]) as? [[String: Any]] ?? []
        #expect(all.contains { $0["comment"] as? String == "S " + nasty })

        // Command-line text: challenges, action notes, reopening reasons, redaction reasons.
        for command in [
            ["challenge", "1", "--question", "risk", "--comment", "C " + nasty, "--by", "B " + nasty],
            ["action", "done", "1", "--note", "D " + nasty],
            ["audit", "amend", "1", "--reason", "M " + nasty],
            ["redact", "1", "--question", "risk", "--reason", "X " + nasty],
        ] {
            let result = try AuditWorkspace.run(work, as: auditor, command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let challenge = (try json(["challenges"]) as? [[String: Any]])?.first { $0["challenger"] as? String == "B " + nasty }
        #expect(challenge?["comment"] as? String == "C " + nasty)
        #expect(challenge?["challenger"] as? String == "B " + nasty)
        let action1 = try json(["action", "show", "1"]) as? [String: Any] ?? [:]
        #expect(action1["closing_note"] as? String == "D " + nasty, "\(action1)")
        let reopened = try json(["audits", "show", "1"]) as? [String: Any] ?? [:]
        #expect((reopened["amendments"] as? [[String: Any]])?.first?["reason"] as? String == "M " + nasty)
        let verified = try AuditWorkspace.run(work, as: auditor, ["verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("X " + nasty))

        // Nothing was executed: every table is there, no file was made by the shell text.
        #expect(try sqlite3(work, "SELECT count(*) FROM audit") == "1")
        #expect(!FileManager.default.fileExists(atPath: work.file("pwned")))
        #expect(!FileManager.default.fileExists(atPath: work.file("pwned2")))
    }
}
