import Foundation
import Testing

/// Issue 16's defects, each tried as the careless user or attacker who found it: a wrong
/// restore, a wrong path, a killed backup, a device given as output, a damaged schema record.
/// Every refusal leaves the database as it was.
@Suite struct DataSafetyTests {
    let work = Workspace()
    let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    /// The people and the log head: what a wrongful restore or adoption would change.
    func state(_ file: String = "qa.db") throws -> String {
        try sqlite3(work, "SELECT (SELECT group_concat(name || ':' || role, ',') FROM people), (SELECT max(seq) || ':' || max(chain_sha256) FROM audit_log)", file: file)
    }

    func run(_ arguments: [String], as user: String? = nil) throws -> AssayBinary.Result {
        try work.assay.run(["--db", "qa.db", "--as", user ?? lead] + arguments)
    }

    // 1. `restore` of an empty file, or of a half-written copy, wiped the database.
    @Test func anEmptyOrTruncatedBackupIsRefusedEvenWithForce() throws {
        let before = try state()
        work.write("empty.db", [UInt8]())
        for user in ["Nobody Here", lead] {
            let result = try run(["restore", "empty.db", "--force"], as: user)
            #expect(result.status == 1)
            #expect(result.stderr.contains("empty.db is an empty file (0 bytes), not an Assay database"), "\(result.stderr)")
        }
        #expect(try run(["backup", "good.db"]).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: work.file("good.db")))
        work.write("half.db", [UInt8](good.prefix(good.count / 2)))
        let half = try run(["restore", "half.db", "--force"])
        #expect(half.status == 1)
        #expect(half.stderr.contains("half.db is damaged or incomplete") && half.stderr.contains("Nothing was restored"), "\(half.stderr)")
        #expect(try state() == before)
        #expect(try run(["verify"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(".restoring-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    // 2. The role was checked in the backup, where anyone can be made lead.
    @Test func theRoleIsCheckedInTheLiveDatabase() throws {
        // A backup of another database in which Ana is the lead.
        var other = work.assay
        other.environment["ASSAY_TEMPLATES"] = work.file("none")
        #expect(try other.run(["--db", "other.db", "--as", "Ana", "init"]).status == 0)
        #expect(try other.run(["--db", "other.db", "--as", "Ana", "backup", "ana-lead.db"]).status == 0)
        let before = try state()
        for user in ["Ana", "Nobody Here"] {
            let result = try run(["restore", "ana-lead.db", "--force", "--unrelated"], as: user)
            #expect(result.status == 3)
            #expect(result.stderr.contains("may restore the database (checked in the live database)"), "\(user): \(result.stderr)")
        }
        #expect(try state() == before)
    }

    /// A backup from another database replaces the whole record: refused unless asked for
    /// twice; an older backup of this one says what would be lost.
    @Test func aRestoreSaysWhatItWouldLoseAndAnotherDatabasesBackupNeedsUnrelated() throws {
        var other = work.assay
        other.environment["ASSAY_TEMPLATES"] = work.file("none")
        #expect(try other.run(["--db", "other.db", "--as", lead, "init"]).status == 0)
        #expect(try other.run(["--db", "other.db", "--as", lead, "backup", "foreign.db"]).status == 0)
        let before = try state()
        let refused = try run(["restore", "foreign.db", "--force"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not a backup of this database"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force --unrelated"), "\(refused.stderr)")
        #expect(try state() == before)
        let replaced = try run(["restore", "foreign.db", "--force", "--unrelated"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("Discarded from the database as it was"), "\(replaced.stdout)")
        #expect(try sqlite3(work, "SELECT count(*) FROM frame_case") == "0")
        #expect(try run(["verify"]).status == 0)
    }

    /// Nothing lost needs no --force: a backup that holds the live log as it stands.
    @Test func aRestoreThatLosesNothingNeedsNoForce() throws {
        #expect(try run(["backup", "now.db"]).status == 0)
        let result = try run(["restore", "now.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Discarded"))
    }

    // 3. A killed backup left a half-written file at the target name; verify "created" a
    // database out of any 0-byte file.
    @Test func verifyNeverCreatesOrChangesAFile() throws {
        work.write("zero.db", [UInt8]())
        let zero = try work.assay.run(["--db", "zero.db", "--as", lead, "verify"])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("zero.db is an empty file (0 bytes), not an Assay database"), "\(zero.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: work.file("zero.db"))[.size] as? Int == 0)
        #expect(try work.assay.run(["--db", "zero.db", "--as", lead, "people"]).status == 1, "no command adopts it")
        #expect(try FileManager.default.attributesOfItem(atPath: work.file("zero.db"))[.size] as? Int == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(!names.contains { $0.hasPrefix("zero.db-") }, "\(names)")
    }

    @Test func aKilledBackupLeavesNoFileAtTheTargetAndItsLeftoversAreSwept() throws {
        // What a backup killed half-way leaves now: a staging file of a dead process.
        work.write(".b.db.partial-999999", [UInt8](repeating: 1, count: 4096))
        work.write(".qa.db.restoring-999998", [UInt8](repeating: 1, count: 4096))
        work.write(".qa.db.creating-999997-journal", [UInt8](repeating: 1, count: 10))
        #expect(!FileManager.default.fileExists(atPath: work.file("b.db")))
        #expect(try run(["people"]).status == 0)
        #expect(try run(["backup", "b.db"]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(!names.contains { $0.contains(".partial-") || $0.contains(".restoring-") || $0.contains(".creating-") }, "\(names)")
        #expect(try sqlite3(work, "PRAGMA journal_mode", file: "b.db") == "delete", "a backup is one self-contained file")
    }

    /// A backup that fails for lack of space leaves nothing behind and says so plainly.
    @Test func aBackupOnAFullDiskLeavesNothingAndExplains() throws {
        let result = try work.assay.runWithFileSizeLimit(64, ["--db", "qa.db", "--as", lead, "backup", "full.db"])
        let message = result.stderr
        #expect(result.status == 1, "exits with a message, not killed by SIGXFSZ")
        #expect(message.contains("backup to full.db"), "\(message)")
        #expect(!message.contains("not an error"), "\(message)")
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(!names.contains { $0.hasPrefix("full.db") || $0.contains("full.db.partial") }, "\(names)")
    }

    /// Only `init` makes a database: a mistyped path is an error naming the near match, and
    /// nothing is created (issue 18's guard rail, the same careless typist).
    @Test func aMistypedPathCreatesNothingAndNamesTheNearMatch() throws {
        for command in [["people", "add", "Bo", "--role", "auditor"], ["people"], ["verify"], ["-c", "people"]] {
            let result = try work.assay.run(["--db", "qa.bd", "--as", lead] + command)
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.contains("qa.bd: no such database; nothing was created."), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("Did you mean qa.db?"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: work.file("qa.bd")))
    }

    // 4. An unfinished database (creation interrupted by an older Assay) was adopted, and
    // the next user to arrive became its lead.
    @Test func anUnfinishedDatabaseIsRefusedAndNobodyBecomesItsLead() throws {
        _ = try sqlite3(work, "DELETE FROM people")
        let result = try work.assay.run(["--db", "qa.db", "--as", "Someone Arriving", "people"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is an unfinished database"), "\(result.stderr)")
        #expect(try sqlite3(work, "SELECT count(*) FROM people") == "0")
    }

    /// A new database appears whole: templates and lead are there from the first moment.
    @Test func aNewDatabaseAppearsWithItsLeadAndTemplates() throws {
        let result = try work.assay.run(["--db", "new.db", "--as", lead, "init"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try work.assay.run(["--db", "new.db", "--as", lead, "init"]).stderr.contains("new.db already exists; nothing was changed"))
        #expect(try sqlite3(work, "SELECT count(*) FROM template", file: "new.db") != "0")
        #expect(try sqlite3(work, "SELECT name || ':' || role FROM people", file: "new.db") == "\(lead):lead")
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(!names.contains { $0.contains(".creating-") }, "\(names)")
    }

    // 5. `--out` onto a device node or FIFO replaced the node.
    @Test func outputGoesOnlyToRegularFiles() throws {
        #expect(mkfifo(work.file("pipe"), 0o600) == 0)
        for (target, words) in [("/dev/null", "is a device"), (work.file("pipe"), "is a named pipe"), (work.path, "is a folder")] {
            let result = try run(["report", "html", "--out", target])
            #expect(result.status == 1)
            #expect(result.stderr.contains(words), "\(target): \(result.stderr)")
        }
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        #expect(lstat(work.file("pipe"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    // 7. Terminal control characters in names and arguments.
    @Test func controlCharactersInArgumentsAreRefusedAndNothingIsStored() throws {
        let before = try state()
        let evil = try run(["people", "add", "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J", "--role", "auditor"])
        #expect(evil.status == 2)
        #expect(evil.stderr.contains("holds an escape character (ESC), U+001B, at character 5"), "\(evil.stderr)")
        #expect(!evil.stderr.utf8.contains(0x1B), "the refusal itself does not replay it")
        let declared = try run(["people"], as: "Lena\u{07}Lead")
        #expect(declared.status == 2)
        #expect(declared.stderr.contains("holds a bell (BEL)"), "\(declared.stderr)")
        let script = try work.assay.run(["--db", "qa.db", "--as", lead], input: "people add \"Bad\u{1B}[31mName\" --role auditor\n")
        #expect(script.status == 2)
        #expect(script.stderr.contains("ESC"), "\(script.stderr)")
        #expect(try state() == before)
    }

    // 9. A non-Assay or newer file was switched to WAL while the message said nothing changed.
    @Test func aForeignOrNewerFileIsLeftExactlyAsItWas() throws {
        _ = try sqlite3(work, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello');", file: "notes.db")
        let foreign = try work.assay.run(["--db", "notes.db", "--as", lead, "people"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("not an Assay database; nothing was changed"), "\(foreign.stderr)")
        #expect(try sqlite3(work, "PRAGMA journal_mode", file: "notes.db") == "delete")

        #expect(try run(["backup", "newer.db"]).status == 0)
        _ = try sqlite3(work, "INSERT INTO grdb_migrations VALUES ('v99-future')", file: "newer.db")
        let newer = try work.assay.run(["--db", "newer.db", "--as", lead, "people"])
        #expect(newer.status == 1)
        #expect(newer.stderr.contains("written by a newer version of Assay"), "\(newer.stderr)")
        #expect(try sqlite3(work, "PRAGMA journal_mode", file: "newer.db") == "delete")
    }

    // 9. One deleted grdb_migrations row made every command fail with "index … already exists".
    @Test func aDamagedSchemaRecordIsNamedAndVerifyReportsIt() throws {
        _ = try sqlite3(work, "DELETE FROM grdb_migrations WHERE identifier = 'v12-personal-data'")
        let people = try run(["people"])
        #expect(people.status == 1)
        #expect(people.stderr.contains("missing v12-personal-data although later upgrades are recorded"), "\(people.stderr)")
        #expect(!people.stderr.contains("already exists"))
        let verify = try run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("NOT INTACT"), "\(verify.stderr)")
        #expect(verify.stderr.contains("schema: the schema's upgrade record (grdb_migrations) is missing v12-personal-data"), "\(verify.stderr)")
    }

    // 9. Dropped append-only triggers went unreported.
    @Test func aDroppedTriggerIsReportedByVerify() throws {
        _ = try sqlite3(work, "DROP TRIGGER audit_log_is_append_only_delete")
        let verify = try run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("trigger audit_log_is_append_only_delete is missing"), "\(verify.stderr)")
    }

    // 9. `--db file:x.db` was read as an SQLite URI.
    @Test func aPathStartingWithFileIsAPlainPath() throws {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("none")
        let result = try assay.run(["--db", "file:x.db?mode=memory", "--as", lead, "init"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.file("file:x.db?mode=memory")))
    }

    // 9. A read-only folder with a writable file: verify and reports failed ("cannot be written").
    @Test func aReadOnlyFolderStillReadsAndVerifies() throws {
        let folder = work.file("shelf")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try run(["backup", "shelf/copy.db"]).status == 0)
        var prefix: [String] = []
        if geteuid() == 0 {
            // root writes anywhere; the folder is read-only for nobody, the file writable by all.
            chmod(work.path, 0o755)
            chown(work.file("shelf/copy.db"), 65534, 65534)
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755); chmod(work.path, 0o700) }
        for command in [["verify"], ["report", "rates"], ["people"]] {
            let result = try AssayBinary.runTool(prefix + [AssayBinary.path, "--db", work.file("shelf/copy.db"), "--as", lead] + command, in: "/")
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
    }
}
