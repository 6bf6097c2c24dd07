import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// Logins bound to people (docs/integrity.md, "What is authenticated"): a database that binds
/// none trusts the declared name as before; once one is bound, the process's login is the
/// user, a declared name that is someone else's is refused, and so is a login bound to nobody.
/// Logins are faked here (`Identity(name:osLogin:)`); `Scripts/test-shared-server` uses real
/// accounts.
@Suite struct LoginBindingTests {
    let dir = TemporaryDirectory()
    let lena = Identity(name: "lena", osLogin: "lena")  // logged in as lena, no --as

    /// Lena Lead bound to lena, Sam Patel (auditor) to sam, Mo (moderator) unbound.
    func boundDatabase() throws -> Store {
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.bindLogin("lena", to: "Lena Lead")
        try store.addPerson(name: "Sam Patel", role: .auditor, team: nil, login: "sam")
        try store.addPerson(name: "Mo", role: .moderator, team: nil)
        return store
    }

    /// What a refused call threw: a `StoreError`'s kind and words, or an older
    /// `AssayFailure`'s exit status and message.
    struct Refusal {
        let error: any Error
        let kind: ErrorKind?
        let exitStatus: AssayCore.ExitStatus?
        let message: String
    }

    func refusal(_ body: () throws -> Any) -> Refusal? {
        do { _ = try body() } catch let error as StoreError {
            return Refusal(error: error, kind: error.kind, exitStatus: nil, message: error.description)
        } catch let failure as AssayFailure {
            return Refusal(error: failure, kind: nil, exitStatus: failure.exitStatus, message: failure.message)
        } catch { return nil }
        return nil
    }

    @Test func aDatabaseThatBindsNoLoginTrustsTheDeclaredName() throws {
        let store = try Store(path: dir.file("a.db"), identity: lead)
        try store.addPerson(name: "Sam Patel", role: .auditor, team: nil)
        let sam = try Store(existing: dir.file("a.db"), identity: Identity(name: "Sam Patel", osLogin: "someone"))
        #expect(sam.identity.name == "Sam Patel")
        #expect(try store.people().allSatisfy { $0.login == nil })
    }

    @Test func theBoundLoginIsTheUserWhateverTheyDeclare() throws {
        _ = try boundDatabase()
        let sam = try Store(existing: dir.file("a.db"), identity: Identity(name: "sam", osLogin: "sam"))
        #expect(sam.identity == Identity(name: "Sam Patel", osLogin: "sam"))
        // Declaring their own name (any case) is allowed and comes out as the stored name.
        let declared = try Store(existing: dir.file("a.db"), identity: Identity(name: "sam patel", osLogin: "sam"))
        #expect(declared.identity.name == "Sam Patel")
        // Their writes are logged under the person and the login.
        let lenaStore = try Store(existing: dir.file("a.db"), identity: lena)
        try lenaStore.addPerson(name: "Ann", role: .auditor, team: nil)
        let entry = try lenaStore.read {
            try Row.fetchOne($0, sql: "SELECT user_name, os_login FROM audit_log ORDER BY seq DESC LIMIT 1")
        }
        #expect(entry?["user_name"] as String? == "Lena Lead")
        #expect(entry?["os_login"] as String? == "lena")
    }

    @Test func declaringSomeoneElseIsRefused() throws {
        _ = try boundDatabase()
        for readOnly in [false, true] {
            let failure = refusal { try Store(existing: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "sam"), readOnly: readOnly) }
            #expect(failure?.kind == .refused)
            #expect(failure?.message.contains("Your login sam is Sam Patel") == true, "\(failure?.message ?? "")")
            #expect(failure?.message.contains("cannot act as \"Lena Lead\"") == true)
        }
    }

    @Test func aLoginBoundToNobodyIsRefusedNamingTheLeadsAndTheCommand() throws {
        _ = try boundDatabase()
        for readOnly in [false, true] {
            let failure = refusal { try Store(existing: dir.file("a.db"), identity: Identity(name: "Mo", osLogin: "mo"), readOnly: readOnly) }
            #expect(failure?.kind == .refused)
            let message = failure?.message ?? ""
            #expect(message.contains("Your login mo is not bound to anyone"), "\(message)")
            #expect(message.contains("A lead (Lena Lead) can bind it"))
            guard case .loginBoundToNobody("mo", _, ["Lena Lead"])? = failure?.error as? StoreError else {
                Issue.record("\(String(describing: failure?.error))"); continue
            }
        }
    }

    @Test func bindingIsLeadOnlyLoggedAndVerifies() throws {
        let store = try boundDatabase()
        let sam = try Store(existing: dir.file("a.db"), identity: Identity(name: "sam", osLogin: "sam"))
        #expect(refusal { try sam.bindLogin("mo", to: "Mo") }?.kind == .refused)
        try store.bindLogin("mo", to: "Mo")
        #expect(try store.person(named: "Mo")?.login == "mo")
        try store.bindLogin(nil, to: "Sam Patel")
        #expect(try store.person(named: "Sam Patel")?.login == nil)
        let logged = try store.read {
            try String.fetchAll($0, sql: "SELECT changed_columns FROM audit_log WHERE table_name = 'people' AND operation = 'update'")
        }
        #expect(logged == ["login", "login", "login"])  // Lena's own, Mo's, Sam's unbinding
        #expect(try store.verify().isIntact)
    }

    @Test func aLoginIsOnePersonsAndMustBeALoginName() throws {
        let store = try boundDatabase()
        let taken = refusal { try store.bindLogin("sam", to: "Mo") }
        #expect(taken?.error as? StoreError == .loginTaken(login: "sam", holder: "Sam Patel"))
        #expect(taken?.message == "The login sam is already bound to Sam Patel; unbind it from them first.")
        #expect(refusal { try store.addPerson(name: "Eve", role: .auditor, team: nil, login: "sam") } != nil)
        for bad in ["", "a b", "-rf", "x;y", String(repeating: "a", count: 33), "é"] {
            #expect(refusal { try store.bindLogin(bad, to: "Mo") }?.error as? StoreError == .notALoginName(bad), "\(bad)")
        }
        #expect(refusal { try store.bindLogin("x", to: "Nobody") }?.kind == .notFound)
        #expect(try store.person(named: "Mo")?.login == nil)
    }

    /// The first binding must be the lead's own login, and a lead cannot unbind themselves
    /// while others stay bound: either would lock them out with their next command.
    @Test func aLeadCannotLockThemselvesOut() throws {
        let store = try Store(path: dir.file("a.db"), identity: lead)  // declared Lena Lead, login lena
        try store.addPerson(name: "Sam Patel", role: .auditor, team: nil)
        let first = refusal { try store.bindLogin("sam", to: "Sam Patel") }
        #expect(first?.error as? StoreError == .wouldLockOut(login: "lena", name: "Lena Lead"))
        #expect(first?.message.contains("you would be locked out") == true, "\(first?.message ?? "")")
        #expect(try store.people().allSatisfy { $0.login == nil }, "refused means nothing changed")
        try store.bindLogin("lena", to: "Lena Lead")
        try store.bindLogin("sam", to: "Sam Patel")
        #expect(refusal { try store.bindLogin(nil, to: "Lena Lead") }?.kind == .refused)
        // Unbinding everyone, herself last, makes the database trust declared names again.
        try store.bindLogin(nil, to: "Sam Patel")
        try store.bindLogin(nil, to: "Lena Lead")
        #expect(try Store(existing: dir.file("a.db"), identity: Identity(name: "Sam Patel", osLogin: "x")).identity.name == "Sam Patel")
    }

    /// A service account (docs/deployment.md, "An existing database") binds itself to a lead
    /// of its own first; binding its login to an auditor would lock it out.
    @Test func aServiceAccountBindsItselfToALeadOfItsOwn() throws {
        let store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "assay"))
        #expect(refusal { try store.addPerson(name: "Bot", role: .auditor, team: nil, login: "assay") }?.kind == .refused)
        try store.addPerson(name: "Assay Service", role: .lead, team: nil, login: "assay")
        let service = try Store(existing: dir.file("a.db"), identity: Identity(name: "assay", osLogin: "assay"))
        #expect(service.identity.name == "Assay Service")
        try service.bindLogin("lena", to: "Lena Lead")
        #expect(try Store(existing: dir.file("a.db"), identity: lena).identity.name == "Lena Lead")
    }

    /// `v15-logins` adds the column to every person row, re-baselined in the log.
    @Test func theMigrationRebaselinesPeopleAndVerifies() throws {
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try Migrations.migrator.migrate(raw, upTo: "v14-due-dates")
        try raw.write { db in
            let tx = AuditedWriter(db: db, identity: lead, at: Date())
            for name in ["Lena Lead", "Ann"] {
                _ = try tx.insert(into: .people, [("name", name), ("role", name == "Ann" ? "auditor" : "lead"), ("team", nil),
                                                  ("added_at", "t"), ("added_by", "Lena Lead")])
            }
        }
        try raw.close()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(try store.people().map(\.login) == [nil, nil])
        let migrated = try store.read {
            try String.fetchAll($0, sql: "SELECT table_name FROM audit_log WHERE user_name = '(migration v15-logins)'")
        }
        #expect(migrated == ["people", "people"])
        #expect(try store.verify().isIntact)
    }
}
