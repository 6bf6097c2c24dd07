import Foundation
import Testing

/// Runs the `sqlite3` CLI on a workspace file: how someone changes records behind Assay's back.
func sqlite3(_ work: Workspace, _ sql: String, file: String = "qa.db") throws -> String {
    let result = try AssayBinary.runTool(["sqlite3", work.file(file), sql], in: work.path)
    try #require(result.status == 0, "sqlite3 \(sql) failed: \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// `verify`, the chain head on reports, `redact` and `history` through the built binary
/// (docs/integrity.md).
@Suite struct IntegrityCommandTests {
    let work = Workspace()
    let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", AuditCommandTests.goodAnswers)
        let result = try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        try #require(result.status == 0, "\(result.stderr)")
    }

    func verify(_ extra: [String] = []) throws -> AssayBinary.Result {
        try AuditWorkspace.run(work, as: lead, ["verify"] + extra)
    }

    @Test func aDatabaseWrittenThroughAssayVerifies() throws {
        let result = try verify()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Intact: "))
        #expect(result.stdout.contains("Chain head: "))
    }

    @Test(arguments: [
        ("UPDATE audit_answer SET grade = 1, value = '1' WHERE question_id = 'risk'", "audit_answer row 1 no longer matches its last logged values"),
        ("DELETE FROM audit_action", "audit_action row 1 is gone"),
        ("INSERT INTO people (name, role, added_at, added_by) VALUES ('Mallory', 'lead', 't', 'x')", "people row 3 is not in the audit log"),
        ("UPDATE audit SET overall = 1", "audit row 1 no longer matches"),
    ])
    func aChangeInTheSQLiteCLIIsNamedAndFailsVerify(sql: String, named: String) throws {
        _ = try sqlite3(work, "PRAGMA foreign_keys = OFF; " + sql)
        let result = try verify()
        #expect(result.status == 1)
        #expect(result.stderr.contains("NOT INTACT: 1 problem found. The first: " + named), "\(result.stderr)")
    }

    @Test func aRewrittenLogEntryIsNamed() throws {
        _ = try sqlite3(work, "DROP TRIGGER audit_log_is_append_only_update; UPDATE audit_log SET user_name = 'Mallory' WHERE seq = 3")
        let result = try verify()
        #expect(result.status == 1)
        #expect(result.stderr.contains("audit_log entry 3: its hash does not follow from its content"), "\(result.stderr)")
    }

    /// `verify --since` from the head a full verify printed checks what changed after it:
    /// intact after Assay's own writes, named after an edit in the sqlite3 CLI since.
    @Test func anIncrementalVerifyChecksTheChangesSinceAVerifiedHead() throws {
        let full = try verify()
        let headLine = try #require(full.stdout.split(separator: "\n").first { $0.hasPrefix("Chain head: ") })
        let head = String(headLine.dropFirst("Chain head: ".count))
        let added = try AuditWorkspace.run(work, as: lead, ["people", "add", "Sam Second", "--role", "auditor"])
        #expect(added.status == 0, "\(added.stderr)")
        let since = try verify(["--since", head])
        #expect(since.status == 0, "\(since.stderr)")
        #expect(since.stdout.hasPrefix("Intact since \(head.split(separator: ":")[0]): "))
        _ = try sqlite3(work, "UPDATE people SET role = 'lead' WHERE name = 'Sam Second'")
        let edited = try verify(["--since", head])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("people row"), "\(edited.stderr)")
        #expect(try verify(["--since", "12:nothex"]).stderr.contains("--since 12:nothex: write it as SEQ:HASH"))
    }

    /// The head at the foot of a report checks out later, and stops checking out once the
    /// log it came from is replaced by a shorter one (entries removed and the chain rebuilt).
    @Test func theHeadAtTheFootOfAReportIsCheckedByVerifyHead() throws {
        let report = try AuditWorkspace.run(work, as: lead, ["report", "rates", "--month", "2026-11"])
        #expect(report.status == 0, "\(report.stderr)")
        let footer = try #require(report.stdout.split(separator: "\n").last.map(String.init))
        #expect(footer.hasPrefix("Audit log head "))
        let head = String(try #require(footer.split(separator: " ").dropFirst(3).first))
        #expect(try verify(["--head", head]).status == 0)

        let json = try AuditWorkspace.run(work, as: lead, ["report", "rates", "--month", "2026-11", "--format", "json"])
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [Any], "JSON stays parseable")
        #expect(json.stderr.contains("Audit log head \(head)"))

        let seq = try #require(Int(head.split(separator: ":")[0]))
        _ = try sqlite3(work, "DROP TRIGGER audit_log_is_append_only_delete; DELETE FROM audit_log WHERE seq = \(seq)")
        let after = try verify(["--head", head])
        #expect(after.status == 1)
        #expect(after.stderr.contains("is beyond this log's last entry"), "\(after.stderr)")
        #expect(try verify(["--head", "12:nothex"]).stderr.contains("--head 12:nothex: write it as SEQ:HASH"))
    }

    @Test func aLeadRedactsEvidenceAndVerifyReportsARedactionNotTampering() throws {
        let refused = try AuditWorkspace.run(work, as: "Ana", ["redact", "1", "--question", "risk", "--reason", "names the father"])
        #expect(refused.status == 3, "refused by role")
        #expect(refused.stderr.contains("Only a lead may redact evidence"))

        let done = try AuditWorkspace.run(work, as: lead, ["redact", "1", "--question", "risk", "--reason", "names the father"])
        #expect(done.status == 0, "\(done.stderr)")
        let answers = AuditWorkspace.answers(try AuditWorkspace.show(work, 1))
        #expect(answers["risk"]?["evidence"] is NSNull)
        #expect(answers["risk"]?["grade"] as? Int == 2, "the grade stays")
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_answer WHERE evidence LIKE '%father%'") == "0")

        let verified = try verify()
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Redactions (logged; not tampering): 1"))
        #expect(verified.stdout.contains("audit 1, question risk: by Lena Lead at "))
        #expect(verified.stdout.contains(": names the father"))

        let history = try AuditWorkspace.json(work, ["history", "--audit", "1"]) as? [[String: Any]] ?? []
        let redaction = try #require(history.first { $0["operation"] as? String == "redact" })
        #expect(redaction["what"] as? String == "answer risk of audit 1")
        #expect(redaction["changed"] as? String == "evidence")
        #expect(redaction["user"] as? String == "Lena Lead")
    }

    @Test func historyShowsWhoWhenAndWhatWithTheLoginFlaggedWhereItDiffers() throws {
        let history = try AuditWorkspace.json(work, ["history", "C1"]) as? [[String: Any]] ?? []
        let whats = history.compactMap { $0["what"] as? String }
        #expect(whats.contains { $0.hasPrefix("on the register frame 1 (Alpha Team, Northmoor)") })
        #expect(whats.contains("drawn in draw 1"))
        #expect(whats.contains("answer risk of audit 1"))
        #expect(whats.contains("audit 1 (2026-11, Ana, submitted)"))
        let login = ProcessInfo.processInfo.environment["USER"] ?? ""
        let byAna = try #require(history.first { $0["user"] as? String == "Ana" })
        #expect(byAna["login_differs"] as? Bool == (login.lowercased() != "ana"))
        #expect((byAna["os_login"] as? String)?.isEmpty == false)
        let seqs = history.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted())
        // A one-step audit is inserted as submitted: one entry for its row, no update after.
        let audit = history.filter { $0["table"] as? String == "audit" }
        #expect(audit.compactMap { $0["operation"] as? String } == ["insert"])
        #expect(audit.first?["changed"] == nil || audit.first?["changed"] is NSNull)

        let table = try AuditWorkspace.run(work, as: lead, ["history", "C1"])
        #expect(table.stdout.contains("≠") == (login.lowercased() != "ana"))
        #expect(try AuditWorkspace.run(work, as: lead, ["history", "NOPE"]).stderr.contains("nothing about case NOPE"))
    }
}

/// `export evidence-pack`: private files an inspector checks with the independent scripts,
/// without Assay.
@Suite struct EvidencePackTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", AuditCommandTests.goodAnswers)
        try #require(try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
    }

    func script(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
        let result = try AssayBinary.runTool(["python3", AssayBinary.packageRoot + "/Scripts/" + name] + arguments, in: work.path)
        return (result.status, result.stdout + result.stderr)
    }

    @Test func aLeadExportsAPrivatePackThatTheIndependentScriptsCheck() throws {
        #expect(try AuditWorkspace.run(work, as: "Ana", ["export", "evidence-pack", "2026-11", "--out", "pack"]).stderr
            .contains("Only a lead may export evidence packs"))
        #expect(!FileManager.default.fileExists(atPath: work.file("pack")))

        let result = try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["export", "evidence-pack", "2026-11", "--out", "pack"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: work.file("pack")).sorted()
        #expect(files == ["README.txt", "answers.csv", "audit-log.jsonl", "audits.csv", "chain-head.txt", "draw-1.json",
                          "draw-verification.txt", "frame-1.csv", "log-segment.json", "pack.json", "records.db", "verification.txt"])
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: work.file("pack/" + file))[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let audits = try String(contentsOfFile: work.file("pack/audits.csv"), encoding: .utf8)
        #expect(audits.contains("\r\n1,C1,2026-11,Alpha Team,Northmoor,front-door,1,0,0,mini,1,Ana,submitted,3,3,,3,"), "real case ids: \(audits)")
        let draw = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("pack/draw-1.json")))) as? [String: Any]
        #expect(draw?["seed"] as? String == "s")
        #expect((draw?["cases"] as? [[String: Any]])?.compactMap { $0["case_id"] as? String }.sorted() == AuditWorkspace.drawn)
        let head = try String(contentsOfFile: work.file("pack/chain-head.txt"), encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["verify", "--head", head]).status == 0)

        let reproduced = try script("reproduce-draw", [work.file("pack/records.db"), "2026-11"])
        #expect(reproduced.0 == 0, "\(reproduced.1)")
        #expect(reproduced.1.contains("identical: 2 cases in 2 strata"))
        let fromFiles = try script("reproduce-draw", [work.file("pack")])
        #expect(fromFiles.0 == 0, "\(fromFiles.1)")
        #expect(fromFiles.1.contains("identical: 2 cases in 2 strata") && fromFiles.1.contains("all 1 draw of the pack identical"), "\(fromFiles.1)")
        let checked = try script("verify-log", [work.file("pack"), "--head", head])
        #expect(checked.0 == 0, "\(checked.1)")
        #expect(checked.1.contains("intact: the chain recomputes"))

        // The pack's records cannot be edited without the log noticing.
        _ = try sqlite3(work, "UPDATE audit_answer SET grade = 1 WHERE question_id = 'risk'", file: "pack/records.db")
        let tampered = try script("verify-log", [work.file("pack")])
        #expect(tampered.0 == 1)
        #expect(tampered.1.contains("records.db audit_answer row 1: differs from its last logged values"))
        #expect(try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["export", "evidence-pack", "2026-11", "--out", "pack"]).stderr
            .contains("is not empty"))
    }
}
