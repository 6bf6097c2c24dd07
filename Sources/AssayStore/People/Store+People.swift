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
        let allowed = roles.map(\.rawValue).sorted().joined(separator: " or ")
        guard let me = try person(named: identity.name) else {
            throw AssayFailure.refused("""
                Only a \(allowed) may \(action); \(identity.name) is not one of this database's people.\
                \(try Self.didYouMeanAs(identity.name, among: people().map(\.name))) \
                A lead can add them: people add "\(identity.name)" --role ROLE
                """)
        }
        guard roles.contains(me.role) else {
            throw AssayFailure.refused("Only a \(allowed) may \(action); \(me.name) is \(me.role == .auditor ? "an" : "a") \(me.role.rawValue).")
        }
    }

    /// ` Did you mean --as "Ash Auditor"?` when a declared name that is nobody's is close to
    /// someone's (a slip in `--as` or `$ASSAY_AUDITOR`), else "".
    public static func didYouMeanAs(_ name: String, among people: [String]) -> String {
        let near = EditDistance.suggestions(for: name, among: people.filter { $0 != name })
        guard !near.isEmpty else { return "" }
        return " Did you mean " + near.map { "--as \"\($0)\"" }.joined(separator: " or ") + "?"
    }

    /// Adds a person (lead only), bound to an operating-system `login` when one is given
    /// (docs/deployment.md). Names are unique regardless of case, logins exactly.
    public func addPerson(name: String, role: Role, team: String?, login: String? = nil) throws {
        try require([.lead], to: "add people")
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AssayFailure("A person needs a name.") }
        if let login { try LoginName.check(login) }
        try write { tx in
            let exists = try tx.query { db in
                try String.fetchOne(db, sql: "SELECT name FROM people WHERE name = ?", arguments: [trimmed])
            }
            if let exists { throw AssayFailure("\(exists) is already one of this database's people.") }
            if let login { try Self.refuseTaken(login, tx) }
            try tx.insert(into: .people, [
                ("name", trimmed), ("role", role.rawValue), ("team", team.flatMap { $0.isEmpty ? nil : $0 }),
                ("added_at", tx.timestamp), ("added_by", identity.name), ("login", login),
            ])
            try refuseLockingOut(tx)
        }
    }
}
