import AssayCore
import Foundation
import GRDB

extension Store {
    /// Everyone, leads first, then by name.
    public func people() throws -> [Person] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM people
                ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, name
                """).map(Person.init(row:))
        }
    }

    public func person(named name: String) throws -> Person? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM people WHERE name = ?", arguments: [name]).map(Person.init(row:))
        }
    }

    /// Refuses unless the current user holds one of `roles`; `action` completes the sentence
    /// "Only a lead may …".
    public func require(_ roles: Set<Role>, to action: String) throws {
        let allowed = roles.sorted { $0.rawValue < $1.rawValue }
        guard let me = try person(named: identity.name) else {
            throw StoreError.notOnePerson(name: identity.name, action: action, allowed: allowed,
                                          near: try Self.peopleNear(identity.name, among: people().map(\.name)))
        }
        guard roles.contains(me.role) else {
            throw StoreError.roleRefused(action: action, allowed: allowed, name: me.name, role: me.role)
        }
    }

    /// The people whose names are close to `name`, a declared name that is nobody's (a slip
    /// in the name the user gave).
    public static func peopleNear(_ name: String, among people: [String]) -> [String] {
        EditDistance.suggestions(for: name, among: people.filter { $0 != name })
    }

    /// Adds a person (lead only), bound to an operating-system `login` when one is given
    /// (docs/deployment.md). Names are unique regardless of case, logins exactly.
    public func addPerson(name: String, role: Role, team: String?, login: String? = nil) throws {
        try require([.lead], to: "add people")
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError.personNameMissing }
        if let login { try LoginName.check(login) }
        try write { tx in
            let exists = try tx.query { db in
                try String.fetchOne(db, sql: "SELECT name FROM people WHERE name = ?", arguments: [trimmed])
            }
            if let exists { throw StoreError.personExists(exists) }
            if let login { try Self.refuseTaken(login, tx) }
            try tx.insert(PersonRecord(name: trimmed, role: role, team: team.flatMap { $0.isEmpty ? nil : $0 },
                                       addedAt: tx.timestamp, addedBy: identity.name, login: login))
            try refuseLockingOut(tx)
        }
    }
}
