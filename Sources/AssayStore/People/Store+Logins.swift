import AssayCore
import Foundation
import GRDB

/// Logins bound to people (docs/deployment.md; docs/integrity.md, "What is authenticated").
///
/// A database that binds no login trusts the declared name, as a single-user database
/// always has. Once any person has a login, the operating system's login of the process is
/// who the user is: the process's login must be bound to a person, that person is the user,
/// and `--as` or `$ASSAY_AUDITOR` naming anyone else is refused. A name is then no longer a
/// claim anyone can make: it is proved by logging in.
extension Store {
    /// The user as this database sees them: `identity` unchanged when the database binds no
    /// login; else the person bound to `identity.osLogin`. Refused (exit status 3) when the
    /// login is bound to nobody, when the declared name is someone else's, or when running
    /// set-group-id on a database that binds nobody (a protected database must bind its
    /// users, or anyone could declare any name through the service's power).
    static func resolveLogin(_ identity: Identity, path: String, _ db: Database) throws -> Identity {
        let bound = try Self.boundPeople(db)
        guard !bound.isEmpty else {
            if ProcessPrivilege.isElevated {
                throw StoreError.noLoginsBoundWhileElevated(path: path)
            }
            return identity
        }
        guard let me = bound.first(where: { $0.login == identity.osLogin }) else {
            let leads = try String.fetchAll(db, sql: "SELECT name FROM people WHERE role = 'lead' ORDER BY name")
            throw StoreError.loginBoundToNobody(login: identity.osLogin, path: path, leads: leads)
        }
        if identity.namesSomeoneElse, identity.name.lowercased() != me.name.lowercased() {
            throw StoreError.loginIsSomeoneElse(login: identity.osLogin, path: path, person: me.name, declared: identity.name)
        }
        return Identity(name: me.name, osLogin: identity.osLogin)
    }

    /// Everyone with a login; empty for a database written before logins were bound
    /// (`verify` reads such a file without upgrading it).
    static func boundPeople(_ db: Database) throws -> [(name: String, login: String)] {
        guard try db.tableExists("people"), try db.columns(in: "people").contains(where: { $0.name == "login" }) else { return [] }
        return try Row.fetchAll(db, sql: "SELECT name, login FROM people WHERE login IS NOT NULL ORDER BY name")
            .map { (name: $0["name"], login: $0["login"]) }
    }

    /// Binds `login` to the person called `name`, or unbinds theirs when `login` is nil
    /// (lead only; logged like every change). Refused when the login is someone else's, or
    /// when the change would leave the database binding logins without binding the lead's
    /// own (they would be locked out of it by their next command).
    public func bindLogin(_ login: String?, to name: String) throws {
        try require([.lead], to: "bind logins to people")
        if let login { try LoginName.check(login) }
        try write { tx in
            let row = try tx.query { db in
                try Row.fetchOne(db, sql: "SELECT id, name, login FROM people WHERE name = ?", arguments: [name])
            }
            guard let row else {
                throw StoreError.noPerson(name, suggestion: try Self.didYouMeanPerson(name, tx))
            }
            let current: String? = row["login"]
            guard current != login else { return }
            if let login { try Self.refuseTaken(login, tx) }
            try tx.update(PersonRecord.self, id: row["id"], set: [(.login, login)])
            try refuseLockingOut(tx)
        }
    }

    /// Refuses a login already bound to someone (the unique index would, less helpfully).
    static func refuseTaken(_ login: String, _ tx: AuditedWriter) throws {
        let holder = try tx.query { db in
            try String.fetchOne(db, sql: "SELECT name FROM people WHERE login = ?", arguments: [login])
        }
        if let holder {
            throw StoreError.loginTaken(login: login, holder: holder)
        }
    }

    /// Refuses (rolling back) a change after which the database binds logins but not the
    /// login making it to a lead: whoever runs it would be locked out, or no longer a lead,
    /// from their next command. (The login may be bound to another lead than the declared
    /// name: a service account first binds itself to its own lead person, docs/deployment.md.)
    func refuseLockingOut(_ tx: AuditedWriter) throws {
        let bound = try tx.query { try Self.boundPeople($0) }
        guard !bound.isEmpty else { return }
        let mine = bound.first { $0.login == identity.osLogin }
        let role = try mine.flatMap { me in
            try tx.query { try String.fetchOne($0, sql: "SELECT role FROM people WHERE name = ?", arguments: [me.name]) }
        }
        if role == Role.lead.rawValue { return }
        throw StoreError.wouldLockOut(login: identity.osLogin, name: identity.name)
    }

    private static func didYouMeanPerson(_ name: String, _ tx: AuditedWriter) throws -> String {
        let names = try tx.query { try String.fetchAll($0, sql: "SELECT name FROM people") }
        return EditDistance.didYouMean(name, among: names)
    }
}
