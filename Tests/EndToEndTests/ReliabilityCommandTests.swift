import Foundation
import Testing

/// `backup`, `restore`, and the failures a database file can meet — each a clear message,
/// a non-zero exit and an unchanged database.
@Suite struct ReliabilityCommandTests {
    let work = Workspace()
    let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    func mode(_ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: work.file(name))[.posixPermissions] as? Int) ?? -1
    }

    @Test func aBackupIsPrivateVerifiesAndRestoresOnlyWithForce() throws {
        let backup = try AuditWorkspace.run(work, as: lead, ["backup", "qa-backup.db"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("The copy verifies: intact."))
        #expect(try mode("qa-backup.db") == 0o600)
        #expect(try work.assay.run(["--db", "qa-backup.db", "--as", lead, "verify"]).status == 0)
        #expect(try AuditWorkspace.run(work, as: lead, ["backup", "qa-backup.db"]).stderr.contains("already exists"))

        // A change after the backup, then the restore takes it away again.
        work.write("c1.yaml", AuditCommandTests.goodAnswers)
        #expect(try AuditWorkspace.run(work, as: "Ana", ["audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
        #expect(try AuditWorkspace.audits(work).count == 1)
        let refused = try AuditWorkspace.run(work, as: lead, ["restore", "qa-backup.db"])
        #expect(refused.status == 1)
        // The audit, its 3 answers, 1 action and 2 section grades: 7 rows (4 log entries, the answers and grades as blocks).
        #expect(refused.stderr.contains("would lose 7 logged changes"), "\(refused.stderr)")
        #expect(refused.stderr.contains("audit 1 inserted") && refused.stderr.contains("by Ana"), "\(refused.stderr)")
        #expect(try AuditWorkspace.audits(work).count == 1)
        #expect(try AuditWorkspace.run(work, as: "Ana", ["restore", "qa-backup.db", "--force"]).stderr.contains("Only a lead may restore"))
        let restored = try AuditWorkspace.run(work, as: lead, ["restore", "qa-backup.db", "--force"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try AuditWorkspace.audits(work).isEmpty)
        #expect(try mode("qa.db") == 0o600)
        #expect(try AuditWorkspace.run(work, as: lead, ["verify"]).status == 0)
    }

    /// Within one session (a script, or the shell) the commands after a restore use the
    /// restored file, not the connection opened before it.
    @Test func commandsAfterARestoreInTheSameSessionUseTheRestoredDatabase() throws {
        let script = "backup b.db\npeople add Xavier --role auditor\nrestore b.db --force\npeople add Yusuf --role auditor\npeople --format csv\n"
        let result = try work.assay.run(["--db", "qa.db", "--as", lead, "--bail"], input: script)
        #expect(result.status == 0, "\(result.stderr)")
        let people = try sqlite3(work, "SELECT group_concat(name, ',') FROM (SELECT name FROM people ORDER BY name)")
        #expect(people == "Ana,Lena Lead,Yusuf", "Xavier came after the backup; Yusuf after the restore")
        #expect(try AuditWorkspace.run(work, as: lead, ["verify"]).status == 0)
    }

    @Test func aRestoreRefusesABackupThatDoesNotVerify() throws {
        #expect(try AuditWorkspace.run(work, as: lead, ["backup", "b.db"]).status == 0)
        _ = try sqlite3(work, "UPDATE frame_case SET team = 'Gamma Team' WHERE case_id = 'C2'", file: "b.db")
        let before = try sqlite3(work, "SELECT count(*) FROM audit_log")
        let result = try AuditWorkspace.run(work, as: lead, ["restore", "b.db", "--force"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.db does not verify; nothing was restored"), "\(result.stderr)")
        #expect(try sqlite3(work, "SELECT count(*) FROM audit_log") == before)
        #expect(!FileManager.default.fileExists(atPath: work.file("qa.db.restoring-\(getpid())")))
    }

    @Test func aMissingDatabaseIsNamedAndNotCreatedByACommandThatOnlyReads() throws {
        for command in [["verify"], ["report", "rates"], ["history", "C1"], ["backup", "x.db"]] {
            let result = try work.assay.run(["--db", "missing.db", "--as", lead] + command)
            #expect(result.status == 4, "not found")
            #expect(result.stderr.contains("missing.db: no such database; nothing was created"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: work.file("missing.db")))
    }

    @Test func aCorruptFileIsNamedAndLeftAlone() throws {
        let garbage = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        work.write("bad.db", garbage)
        let result = try work.assay.run(["--db", "bad.db", "--as", lead, "verify"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.db is not an SQLite database"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: work.file("bad.db"))) == Data(garbage))
    }

    /// Another process holds the write lock longer than the busy timeout.
    @Test func aDatabaseLockedTooLongGivesAClearMessageAndChangesNothing() throws {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", work.file("qa.db"), "BEGIN IMMEDIATE;", ".shell sleep 4", "COMMIT;"]
        try holder.run()
        defer { holder.waitUntilExit() }
        usleep(700_000)
        var assay = work.assay
        assay.environment["ASSAY_BUSY_TIMEOUT"] = "1"
        let result = try assay.run(["--db", "qa.db", "--as", lead, "people", "add", "Bo", "--role", "auditor"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("stayed locked by another process for longer than the busy timeout (1 s); nothing was changed"), "\(result.stderr)")
        holder.waitUntilExit()
        #expect(try sqlite3(work, "SELECT count(*) FROM people WHERE name = 'Bo'") == "0")
        #expect(try AuditWorkspace.run(work, as: lead, ["verify"]).status == 0)
    }

    /// A full disk, simulated with a file-size limit the import's writes run into.
    @Test func aFullDiskFailsTheImportWholeAndTheDatabaseStillVerifies() throws {
        let register = AssayBinary.packageRoot + "/Samples/register-2026-11.csv"
        let before = try sqlite3(work, "SELECT count(*) FROM frame_case")
        let result = try work.assay.runWithFileSizeLimit(400, ["--db", "qa.db", "--as", lead, "import", "cases", register, "--as-of", "2026-11-01"])
        let message = result.stderr
        #expect(result.status == 1, "exits with a message, not killed by SIGXFSZ")
        #expect(message.contains("qa.db: ") && message.contains("nothing of this change was written"), "\(message)")
        #expect(try sqlite3(work, "SELECT count(*) FROM frame_case") == before)
        #expect(try AuditWorkspace.run(work, as: lead, ["verify"]).status == 0)
    }

    /// A file this user may not write: reading and `verify` work; a write says why it cannot.
    @Test func aReadOnlyFileCanBeVerifiedAndRefusesWritesClearly() throws {
        var prefix: [String] = []
        if geteuid() == 0 {
            // root writes any file; run as nobody, who may read the workspace but not write it.
            chmod(work.path, 0o755)
            chmod(work.file("qa.db"), 0o644)
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else {
            chmod(work.file("qa.db"), 0o400)
            chmod(work.path, 0o500)
        }
        defer { chmod(work.path, 0o700); chmod(work.file("qa.db"), 0o600) }
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let result = try AssayBinary.runTool(prefix + [AssayBinary.path, "--db", work.file("qa.db"), "--as", lead] + arguments, in: "/")
            return (result.status, result.stdout, result.stderr)
        }
        let verified = try run(["verify"])
        #expect(verified.0 == 0, "\(verified.2)")
        #expect(verified.1.hasPrefix("Intact: "))
        let refused = try run(["people", "add", "Bo", "--role", "auditor"])
        #expect(refused.0 == 1)
        #expect(refused.2.contains("the database cannot be written: the file or its folder is read-only"), "\(refused.2)")
    }
}
