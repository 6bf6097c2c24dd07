import AssayTestSupport
import Foundation
import Testing

/// `backup`, `restore` and the command that creates a database, each SIGKILLed at a few seeded
/// moments: a short version of `Scripts/crash-test` (docs/integrity.md, "Crash test"). After
/// every kill nothing acknowledged is lost, nothing half-made is left where a user would take it
/// for whole, the database verifies, and once the next command has run no staging or journal
/// file is left beside the database or the backup. (Imports, draws and audits are killed in
/// ConcurrencyAndCrashTests.)
@Suite(.serialized) struct KillPointTests {
    let work = Workspace()
    static let lead = "Quinn Lead"
    static let creator = "Cora Creator"
    static let lateComer = "Late Comer"
    static let headSQL = "SELECT seq || ':' || chain_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1"

    /// The environment of every run: the shipped templates, so a new database registers them.
    var assay: AssayBinary {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = AssayBinary.packageRoot + "/AuditTemplates"
        return assay
    }

    struct Run {
        let status: Int32
        let killed: Bool
        let seconds: Double
        let stdout: String
        let stderr: String
    }

    /// Runs `assay ARGS`, SIGKILLing it `delay` seconds after it starts (nil: lets it finish),
    /// or, with `watching`, `delay` seconds after a file first appears in that folder that was
    /// not there before (the command's output, or its staging file, being written).
    func run(_ arguments: [String], killAfter delay: Double? = nil, watching folder: String? = nil) throws -> Run {
        let before = try folder.map { try files(in: $0) } ?? []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AssayBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        process.environment = assay.environment
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        var from = start
        if let folder {
            while process.isRunning, try files(in: folder).subtracting(before).isEmpty { usleep(200) }
            from = Date()
        }
        if let delay {
            let left = delay - Date().timeIntervalSince(from)
            if left > 0 { usleep(UInt32(left * 1_000_000)) }
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        return Run(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                   seconds: seconds, stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                   stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Reads a database as the kill left it, from a private copy of the file with its `-wal` and
    /// `-journal` (so the check leaves nothing beside it): the `sqlite3` CLI's answer, or nil when
    /// the copy is not a database that holds what `sql` asks for.
    func read(_ name: String, _ sql: String) throws -> String? {
        let folder = work.file("read-copy")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-journal"] where FileManager.default.fileExists(atPath: work.file(name + suffix)) {
            try FileManager.default.copyItem(atPath: work.file(name + suffix), toPath: folder + "/db" + suffix)
        }
        let result = try AssayBinary.runTool(["sqlite3", folder + "/db", sql], in: work.path)
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: work.file(name)) }

    func files(in folder: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: work.file(folder)))
    }

    func verify(_ database: String, as who: String = lead) throws -> Run {
        try run(["--db", database, "--as", who, "verify"])
    }

    /// `assay … ARGS --format json`, parsed (empty when it fails, which the caller's check shows).
    func listing(_ database: String, as who: String, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(["--db", database, "--as", who] + arguments + ["--format", "json"])
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] ?? []
    }

    /// A seeded kill moment in [0, 1.2 × the uninterrupted time], in thousandths.
    static func moment(_ random: inout SeededRandom, of seconds: Double) -> Double {
        seconds * 1.2 * Double(random.below(1000)) / 1000
    }

    /// Whether this build creates a database only with `init` (newer) or with the first command
    /// that writes (older): the creating command is whichever it has.
    static let hasInit: Bool = {
        let help = try? AssayBinary.runTool([AssayBinary.path, "help"], in: NSTemporaryDirectory())
        return help?.stdout.range(of: #"(?m)^\s+init\s"#, options: .regularExpression) != nil
    }()

    /// The first command on a new path, adding `who` where that is how a database is made.
    func creating(adding who: String) -> [String] {
        Self.hasInit ? ["init"] : ["people", "add", who, "--role", "auditor"]
    }

    /// `db/qa.db`: a 3,000-case register (a database of a few megabytes, so a kill can land
    /// while it is copied) and an auditor.
    func prepareSource() throws {
        work.write("cases.csv", "case_id,team,locality,service\n"
                   + (1...3000).map { "C\($0),Team \($0 % 12),Locality \($0 % 5),front-door\n" }.joined())
        try FileManager.default.createDirectory(atPath: work.file("db"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work.file("backups"), withIntermediateDirectories: true)
        for command in (Self.hasInit ? [["init"]] : []) + [["people", "add", "Ash Auditor", "--role", "auditor"],
                                                          ["import", "cases", "cases.csv", "--as-of", "2026-11-01"]] {
            let result = try run(["--db", "db/qa.db", "--as", Self.lead] + command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    /// After a killed `backup FILE`, FILE does not exist or is a complete backup that verifies;
    /// the source still verifies; and once the next backup into the same folder has run, the
    /// folder holds the backups and nothing else.
    @Test func aKilledBackupLeavesNoTargetOrACompleteOne() throws {
        try prepareSource()
        let sourceHead = try #require(try read("db/qa.db", Self.headSQL))
        let first = try run(["--db", "db/qa.db", "--as", Self.lead, "backup", "backups/first.db"])
        try #require(first.status == 0, "\(first.stderr)")
        var kept: Set<String> = ["first.db"]   // acknowledged backups
        #expect(try files(in: "backups") == kept, "an uninterrupted backup leaves only the backup")
        var random = SeededRandom(seed: 20_261_204)
        for kill in 0..<6 {
            // Even kills at a moment of the whole command; odd ones within 20 ms of the first new
            // file in the folder, where a backup written in place would be half there.
            let whenWritten = kill % 2 == 1
            let delay = whenWritten ? Double(random.below(20)) / 1000 : Self.moment(&random, of: first.seconds)
            let target = "backups/b\(kill).db"
            let killed = try run(["--db", "db/qa.db", "--as", Self.lead, "backup", target], killAfter: delay,
                                 watching: whenWritten ? "backups" : nil)
            let context = "kill \(kill) of backup \(String(format: "%.3f", delay)) s after "
                + (whenWritten ? "a file appeared in backups/" : "it started (an uninterrupted one takes \(String(format: "%.3f", first.seconds)) s)")
            #expect(killed.killed || killed.status == 0, "\(context): \(killed.stderr)")
            let acknowledged = killed.status == 0 && !killed.killed || killed.stdout.contains("The copy verifies: intact")
            if exists(target) {
                let head = try read(target, Self.headSQL)
                #expect(head == sourceHead, "\(context): \(target) exists but is not a complete backup: its log ends at \(head ?? "(no readable log)"), the source's at \(sourceHead)")
                if head == sourceHead {
                    let verified = try verify(target)
                    #expect(verified.status == 0, "\(context): the backup does not verify: \(verified.stdout)")
                }
            } else {
                #expect(!acknowledged, "\(context): the backup was reported made but \(target) does not exist")
            }
            // The next commands: the source verifies, and another backup into the same folder works.
            let source = try verify("db/qa.db")
            #expect(source.status == 0, "\(context): the source does not verify: \(source.stdout)")
            let next = try run(["--db", "db/qa.db", "--as", Self.lead, "backup", "backups/n\(kill).db"])
            #expect(next.status == 0, "\(context): the next backup failed: \(next.stderr)")
            if next.status == 0 { kept.insert("n\(kill).db") }
            let expected = kept.union(exists(target) ? ["b\(kill).db"] : [])
            let stray = try files(in: "backups").subtracting(expected)
            #expect(stray.isEmpty, "\(context): stray files beside the backup after the next backup: \(stray.sorted())")
            #expect(try files(in: "db") == ["qa.db"], "\(context): stray files beside the database: \((try? files(in: "db"))?.sorted() ?? [])")
            for name in kept {
                #expect(try read("backups/" + name, Self.headSQL) == sourceHead, "\(context): the acknowledged backup \(name) changed")
            }
            // Each kill is judged on its own: the killed target and anything left beside it go.
            for name in try files(in: "backups").subtracting(kept) { try FileManager.default.removeItem(atPath: work.file("backups/" + name)) }
        }
    }

    /// After a killed `restore FILE --force`, the live database is wholly the old one or wholly
    /// the backup, and verifies; the backup files are unchanged; and once the next command has
    /// run, no staging or journal file is left beside the database or the backups.
    @Test func aKilledRestoreLeavesTheOldDatabaseOrTheRestoredOneWhole() throws {
        try prepareSource()
        var result = try run(["--db", "db/qa.db", "--as", Self.lead, "backup", "backups/a.db"])
        try #require(result.status == 0, "\(result.stderr)")
        result = try run(["--db", "db/qa.db", "--as", Self.lead, "people", "add", "Extra Person", "--role", "auditor"])
        try #require(result.status == 0, "\(result.stderr)")
        result = try run(["--db", "db/qa.db", "--as", Self.lead, "backup", "backups/b.db"])
        try #require(result.status == 0, "\(result.stderr)")
        var heads: [String: String] = [:], bytes: [String: Data] = [:]
        for name in ["a.db", "b.db"] {
            let head = try #require(try read("backups/" + name, Self.headSQL))
            heads[name] = head
            bytes[name] = try Data(contentsOf: URL(fileURLWithPath: work.file("backups/" + name)))
        }
        try #require(heads["a.db"] != heads["b.db"])
        var live = "b.db"   // the backup the live database's content equals

        /// The checks after a restore of `source`, killed or not; returns which backup is live.
        func check(_ restore: Run, source: String, context: String) throws -> String {
            #expect(restore.killed || restore.status == 0, "\(context): \(restore.stderr)")
            let acknowledged = restore.status == 0 && !restore.killed || restore.stdout.hasPrefix("Restored ")
            let head = exists("db/qa.db") ? try read("db/qa.db", Self.headSQL) : nil
            var now = live
            if head == heads[source] {
                now = source
            } else {
                #expect(head == heads[live], "\(context): the live database is neither the old one nor \(source): its log ends at \(head ?? "(no database)")")
                #expect(!acknowledged, "\(context): the restore was reported done but the old database is there")
            }
            let verified = try verify("db/qa.db")
            #expect(verified.status == 0, "\(context): the live database does not verify: \(verified.stdout)\(verified.stderr)")
            let people = try listing("db/qa.db", as: Self.lead, ["people"]).compactMap { $0["name"] as? String }
            #expect(people.contains("Extra Person") == (now == "b.db"), "\(context): the people \(people) are not those of \(now)")
            for name in ["a.db", "b.db"] {
                #expect(try Data(contentsOf: URL(fileURLWithPath: work.file("backups/" + name))) == bytes[name],
                        "\(context): restore changed the backup \(name)")
            }
            #expect(try files(in: "db") == ["qa.db"], "\(context): stray files beside the database after the next command: \((try? files(in: "db"))?.sorted() ?? [])")
            #expect(try files(in: "backups") == ["a.db", "b.db"], "\(context): stray files beside the backups after the next command: \((try? files(in: "backups"))?.sorted() ?? [])")
            return now
        }

        let uninterrupted = try run(["--db", "db/qa.db", "--as", Self.lead, "restore", "backups/a.db", "--force"])
        live = try check(uninterrupted, source: "a.db", context: "an uninterrupted restore")
        #expect(live == "a.db")
        var random = SeededRandom(seed: 20_261_205)
        for kill in 0..<6 {
            // Clear what an earlier check reported, so each kill is judged on its own.
            for name in try files(in: "db").subtracting(["qa.db"]) { try FileManager.default.removeItem(atPath: work.file("db/" + name)) }
            for name in try files(in: "backups").subtracting(["a.db", "b.db"]) { try FileManager.default.removeItem(atPath: work.file("backups/" + name)) }
            let source = live == "a.db" ? "b.db" : "a.db"
            let delay = Self.moment(&random, of: uninterrupted.seconds)
            let restore = try run(["--db", "db/qa.db", "--as", Self.lead, "restore", "backups/" + source, "--force"], killAfter: delay)
            live = try check(restore, source: source, context: "kill \(kill) of restore from \(source) after \(String(format: "%.3f", delay)) s of \(String(format: "%.3f", uninterrupted.seconds)) s")
        }
    }

    /// After the first command on a new path is killed, there is no database there or a
    /// complete one (every migration, the shipped templates, exactly one lead: its creator); the
    /// next user to arrive does not become lead of what was left; nothing else is left beside it.
    @Test func aKilledCreationLeavesNoDatabaseOrACompleteOne() throws {
        let create = creating(adding: "Ash Auditor"), success = Self.hasInit ? "Created " : "Added Ash Auditor"
        try FileManager.default.createDirectory(atPath: work.file("first"), withIntermediateDirectories: true)
        let first = try run(["--db", "first/qa.db", "--as", Self.creator] + create)
        try #require(first.status == 0, "\(first.stderr)")
        let migrations = try #require(try read("first/qa.db", "SELECT count(*) FROM grdb_migrations"))
        let templates = try #require(try read("first/qa.db", "SELECT group_concat(template_id) FROM (SELECT template_id FROM template ORDER BY template_id)"))
        try #require(templates.split(separator: ",").count == 4, "the shipped templates: \(templates)")
        #expect(try files(in: "first") == ["qa.db"])

        var random = SeededRandom(seed: 20_261_206)
        for kill in 0..<12 {
            let folder = "new\(kill)", database = "new\(kill)/qa.db"
            try FileManager.default.createDirectory(atPath: work.file(folder), withIntermediateDirectories: true)
            let delay = Self.moment(&random, of: first.seconds)
            let killed = try run(["--db", database, "--as", Self.creator] + create, killAfter: delay)
            let context = "kill \(kill) of the creating command after \(String(format: "%.3f", delay)) s of \(String(format: "%.3f", first.seconds)) s"
            #expect(killed.killed || killed.status == 0, "\(context): \(killed.stderr)")
            let acknowledged = killed.status == 0 && !killed.killed || killed.stdout.hasPrefix(success)
            let existed = exists(database)
            if existed {
                let size = (try? FileManager.default.attributesOfItem(atPath: work.file(database))[.size] as? Int) ?? nil
                #expect(try read(database, "SELECT count(*) FROM grdb_migrations") == migrations,
                        "\(context): half-made database (\(size ?? 0) bytes): not every migration ran")
                #expect(try read(database, "SELECT group_concat(name) FROM people WHERE role = 'lead'") == Self.creator,
                        "\(context): half-made database: its leads are not exactly its creator")
                #expect(try read(database, "SELECT group_concat(template_id) FROM (SELECT template_id FROM template ORDER BY template_id)") == templates,
                        "\(context): half-made database: the shipped templates are not all registered")
            } else {
                #expect(!acknowledged, "\(context): the command succeeded but there is no database")
            }
            // The next user arrives first; then verify, then the listings.
            let late = try run(["--db", database, "--as", Self.lateComer] + creating(adding: "Lee Late"))
            if existed {
                let verified = try verify(database, as: Self.creator)
                #expect(verified.status == 0, "\(context): the database does not verify: \(verified.stdout)\(verified.stderr)")
                let leads = try listing(database, as: Self.creator, ["people"]).filter { $0["role"] as? String == "lead" }.compactMap { $0["name"] as? String }
                #expect(leads == [Self.creator], "\(context): after the next user (\(Self.lateComer)) arrived the leads are \(leads)")
                let registered = try listing(database, as: Self.creator, ["templates"]).compactMap { $0["id"] as? String }.sorted()
                #expect(registered.joined(separator: ",") == templates, "\(context): after the next command the templates are \(registered)")
            } else {
                #expect(late.status == 0, "\(context): the next user could not create the database: \(late.stderr)")
                let verified = try verify(database, as: Self.lateComer)
                #expect(verified.status == 0, "\(context): the next user's new database does not verify: \(verified.stdout)")
                let leads = try listing(database, as: Self.lateComer, ["people"]).filter { $0["role"] as? String == "lead" }.compactMap { $0["name"] as? String }
                #expect(leads == [Self.lateComer], "\(context): the next user's new database has the leads \(leads)")
            }
            #expect(try files(in: folder) == ["qa.db"], "\(context): stray files beside the database after the next command: \((try? files(in: folder))?.sorted() ?? [])")
        }
    }
}
