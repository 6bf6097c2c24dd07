import Foundation
import Testing

/// Roles are enforced on the declared user, whatever the command; refusals change nothing.
/// Every file Assay creates is private.
@Suite struct RolesAndPrivacyTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", AuditCommandTests.goodAnswers)
        try #require(try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
        work.write("history.csv", "month,case_id,team,locality,overall\n2025-11,H1,Alpha Team,Northmoor,3\n")
        work.write("moderation.yaml", "agreed_overall: 3\n")
        try #require(try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["backup", "b.db"]).status == 0)
    }

    /// (command, what the refusal says may be done only by whom)
    static let leadOnly: [([String], String)] = [
        (["import", "cases", "cases.csv", "--as-of", "2026-11-02"], "Only a lead may import a case register"),
        (["import", "audits", "history.csv"], "Only a lead may import past audits"),
        (["draw", "--month", "2026-12", "--size", "1", "--seed", "x"], "Only a lead may draw a sample"),
        (["draw", "--month", "2026-11", "--size", "1", "--seed", "x", "--replace", "--reason", "r"], "Only a lead may draw a sample"),
        (["template", "register", "mini.yaml"], "Only a lead may register templates"),
        (["people", "add", "Bob", "--role", "lead"], "Only a lead may add people"),
        (["assign", "2026-11", "--auditors", "Ana"], "Only a lead may assign audits"),
        (["audit", "amend", "1", "--reason", "r"], "Only a lead may reopen submitted audits"),
        (["redact", "1", "--question", "risk", "--reason", "r"], "Only a lead may redact evidence"),
        (["report", "evidence", "--month", "2026-11", "--reveal"], "Only a lead may reveal case ids"),
        (["export", "evidence-pack", "2026-11", "--out", "pack"], "Only a lead may export evidence packs"),
        (["backup", "b2.db"], "Only a lead may back up the database"),
        (["restore", "b.db", "--force"], "Only a lead may restore the database (checked in the live database)"),
        (["moderate", "sample", "2026-11"], "Only a lead may take a moderation sample"),
        (["moderate", "1", "--answers", "moderation.yaml"], "Only a lead or moderator may moderate audits"),
    ]

    @Test func anAuditorIsRefusedEveryLeadCommandAndNothingChanges() throws {
        let before = try sqlite3(work, "SELECT count(*), max(chain_sha256) FROM audit_log")
        for (command, refusal) in Self.leadOnly {
            let result = try AuditWorkspace.run(work, as: "Ana", command)
            #expect(result.status == 3, "refused by role: \(command)")
            #expect(result.stderr.contains(refusal), "\(command): \(result.stderr)")
        }
        #expect(try sqlite3(work, "SELECT count(*), max(chain_sha256) FROM audit_log") == before)
        #expect(!FileManager.default.fileExists(atPath: work.file("pack")))
        #expect(!FileManager.default.fileExists(atPath: work.file("b2.db")))
        // Someone not in the database at all is refused the same way, named.
        let stranger = try AuditWorkspace.run(work, as: "Mallory", ["people", "add", "Mallory", "--role", "lead"])
        #expect(stranger.stderr.contains("Mallory is not one of this database's people"))
    }

    @Test func everyFileAssayCreatesIsPrivate() throws {
        for result in [
            try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["report", "html", "--month", "2026-11", "--out", "r.html"]),
            try AuditWorkspace.run(work, as: AuditWorkspace.lead, ["export", "evidence-pack", "2026-11", "--out", "pack"]),
        ] { #expect(result.status == 0, "\(result.stderr)") }
        var files = ["qa.db", "b.db", "r.html"]
        files += try FileManager.default.contentsOfDirectory(atPath: work.file("pack")).map { "pack/" + $0 }
        // While a session is open the WAL and shared-memory files exist: private too.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: AssayBinary.path)
        holder.arguments = ["--db", "qa.db", "--as", AuditWorkspace.lead]
        holder.currentDirectoryURL = URL(fileURLWithPath: work.path)
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = Pipe()
        try holder.run()
        input.fileHandleForWriting.write(Data("status\n".utf8))
        // Waits for the session to open the database (a busy machine may take seconds), not
        // a fixed moment: the files are looked at once both exist, or after 60 s.
        let opened = Date()
        while Date().timeIntervalSince(opened) < 60,
              !["qa.db-wal", "qa.db-shm"].allSatisfy({ FileManager.default.fileExists(atPath: work.file($0)) }) {
            usleep(50_000)
        }
        var sessionFiles = 0
        for name in ["qa.db-wal", "qa.db-shm"] {
            guard let mode = try? FileManager.default.attributesOfItem(atPath: work.file(name))[.posixPermissions] as? Int else { continue }
            #expect(mode == 0o600, "\(name): \(String(mode, radix: 8))")
            sessionFiles += 1
        }
        #expect(sessionFiles == 2, "an open session has its WAL and shared-memory files")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: work.file(file))[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file): \(String(mode ?? -1, radix: 8))")
        }
        let packMode = try FileManager.default.attributesOfItem(atPath: work.file("pack"))[.posixPermissions] as? Int
        #expect(packMode == 0o700)
    }
}
