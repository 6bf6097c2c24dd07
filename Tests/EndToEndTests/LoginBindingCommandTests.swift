import AssayCore
import Foundation
import Testing

/// Logins bound to people, through the binary (docs/integrity.md, "What is authenticated";
/// docs/deployment.md). The suite cannot change its own uid, so it binds the login it runs as
/// (root in CI): bound, that login is the lead; `--as` and `$ASSAY_AUDITOR` naming anyone
/// else are refused with exit status 3 and nothing changed. Other accounts are exercised for
/// real by `Scripts/test-shared-server`.
@Suite struct LoginBindingCommandTests {
    let work = Workspace()
    let me = Identity.osLoginName()
    let lead = AuditWorkspace.lead

    init() throws {
        try AuditWorkspace.prepare(work)
        work.write("c1.yaml", AuditCommandTests.goodAnswers)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> AssayBinary.Result {
        var assay = work.assay
        for (name, value) in environment { assay.environment[name] = value }
        return try assay.run(["--db", "qa.db"] + arguments)
    }

    func logHead() throws -> String { try sqlite3(work, "SELECT count(*), max(chain_sha256) FROM audit_log") }

    @Test func withNoLoginBoundTheDeclaredNameIsTheUserAsBefore() throws {
        let status = try run(["--as", "Ana", "status", "--format", "json"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"user\": \"Ana\""), "\(status.stdout)")
        #expect(try run(["--as", "Ana", "audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
    }

    @Test func theBoundLoginIsTheUserAndCannotActAsAnyoneElse() throws {
        // Before any binding Ana may be declared by anyone: her audit of C1 comes from this login.
        #expect(try run(["--as", "Ana", "audit", "C1", "--template", "mini", "--answers", "c1.yaml"]).status == 0)
        #expect(try run(["--as", lead, "people", "login", lead, me]).status == 0)
        #expect(try run(["people", "login", "Ana", "ana-elsewhere"]).status == 0, "no --as: the login is Lena Lead now")
        let listing = try run(["people", "--format", "csv"])
        #expect(listing.stdout.contains("Ana,auditor,,") && listing.stdout.contains(",ana-elsewhere"), "\(listing.stdout)")

        let before = try logHead()
        let asAna = try run(["--as", "Ana", "audit", "C1", "--template", "mini", "--answers", "c1.yaml"])
        #expect(asAna.status == 3, "refused: \(asAna.stderr)")
        #expect(asAna.stderr.contains("Your login \(me) is \(lead)"))
        #expect(asAna.stderr.contains("cannot act as \"Ana\""))
        let byEnvironment = try run(["audit", "C1", "--template", "mini", "--answers", "c1.yaml"], environment: ["ASSAY_AUDITOR": "Ana"])
        #expect(byEnvironment.status == 3, "\(byEnvironment.stderr)")
        let readOnly = try run(["--as", "Ana", "verify"])
        #expect(readOnly.status == 3, "reading is refused too: \(readOnly.stderr)")
        #expect(try logHead() == before, "refusals change nothing")

        // $USER and $LOGNAME are not the login: setting them changes nobody.
        let pretending = try run(["status", "--format", "csv"], environment: ["USER": "ana-elsewhere", "LOGNAME": "ana-elsewhere"])
        #expect(pretending.stdout.contains(",\(lead),\(me),lead,"), "\(pretending.stdout)")

        // history flags a login that differs from the name only when it is not the one bound
        // to that person: Lena Lead's changes from this login are hers.
        let history = try run(["history", "C1", "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        let byLead = entries.filter { $0["user"] as? String == lead && $0["os_login"] as? String == me }
        #expect(!byLead.isEmpty && byLead.allSatisfy { $0["login_differs"] as? Bool == false }, "\(history.stdout)")
        let byAna = entries.filter { $0["user"] as? String == "Ana" }
        #expect(!byAna.isEmpty && byAna.allSatisfy { $0["login_differs"] as? Bool == true },
                "Ana's audit, submitted from \(me) before logins were bound, is still flagged: her login is ana-elsewhere")

        #expect(try run(["people", "add", "Bob", "--role", "auditor"]).status == 0)
        #expect(try sqlite3(work, "SELECT user_name || '|' || os_login FROM audit_log ORDER BY seq DESC LIMIT 1") == "\(lead)|\(me)")
        #expect(try run(["--as", lead, "status"]).status == 0, "declaring one's own name is fine")
        #expect(try run(["verify"]).status == 0)
    }

    @Test func aLeadMustBindTheirOwnLoginFirst() throws {
        let before = try logHead()
        let result = try run(["--as", lead, "people", "add", "Bob", "--role", "auditor", "--login", "bob-elsewhere"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Bind your own first: people login \"\(lead)\" \(me)"), "\(result.stderr)")
        #expect(try logHead() == before)
        let usage = try run(["--as", lead, "people", "login", "Ana"])
        #expect(usage.status == 2, "a login or --none: \(usage.stderr)")
    }

    /// `init --group`: the folder group GROUP, 2770; the files 0660 and the group's; the
    /// creator's login bound; a folder or file opened to others later is refused with the fix.
    @Test func aSharedDatabaseIsTheGroupsAndNeverOthers() throws {
        let group = try #require(getgrgid(getgid()).map { String(cString: $0.pointee.gr_name) })
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        let created = try assay.run(["--db", "shared/qa.db", "--as", lead, "init", "--group", group])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("yours (\(me)) is bound to you"))
        func mode(_ name: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: work.file(name))[.posixPermissions] as? Int)
        }
        var folder = stat()
        stat(work.file("shared"), &folder)
        #expect(folder.st_mode & 0o7777 == 0o2770)
        #expect(folder.st_gid == getgid())
        #expect(try mode("shared/qa.db") == 0o660)
        let backup = try assay.run(["--db", "shared/qa.db", "backup", "shared/b.db"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try mode("shared/b.db") == 0o440, "a backup in a shared folder is read-only: nobody writes into it through Assay (root aside; Scripts/test-shared-server shows the service account refused)")
        #expect(try assay.run(["--db", "shared/qa.db", "people", "--out", "shared/people.txt"]).status == 0)
        #expect(try mode("shared/people.txt") == 0o660)

        chmod(work.file("shared/qa.db"), 0o664)
        let open = try assay.run(["--db", "shared/qa.db", "people"])
        #expect(open.status == 1)
        #expect(open.stderr.contains("shared/qa.db is open to others (mode 0664)"), "\(open.stderr)")
        #expect(open.stderr.contains("chmod 660 shared/qa.db"))
        chmod(work.file("shared/qa.db"), 0o660)
        chmod(work.file("shared"), 0o2775)
        let folderOpen = try assay.run(["--db", "shared/qa.db", "verify"])
        #expect(folderOpen.status == 1)
        #expect(folderOpen.stderr.contains("its folder shared is open to others (mode 02775)"), "\(folderOpen.stderr)")
        chmod(work.file("shared"), 0o0770)  // set-group-id cleared: files made there would lose the group
        let notSetgid = try assay.run(["--db", "shared/qa.db", "verify"])
        #expect(notSetgid.stderr.contains("is not set-group-id"), "\(notSetgid.stderr)")
        chmod(work.file("shared"), 0o2770)
        #expect(try assay.run(["--db", "shared/qa.db", "verify"]).status == 0)

        let missing = try assay.run(["--db", "other/qa.db", "--as", lead, "init", "--group", "no-such-group-\(getpid())"])
        #expect(missing.status == 4)
        #expect(missing.stderr.contains("there is no group no-such-group-"))
        #expect(!FileManager.default.fileExists(atPath: work.file("other")))
    }
}
