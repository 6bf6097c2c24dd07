import GRDB

/// Compares a database's tables, indexes and triggers with the schema Assay's migrations
/// make, so `verify` names a protection removed behind Assay's back: a dropped append-only
/// trigger on the audit log lets the next edit go unrefused, and only `verify` would say so.
enum SchemaComparison {
    /// (type, name) → SQL of every object the current migrations create, read once from a
    /// database migrated in memory.
    static let expected: [SchemaObject: String] = {
        do {
            let queue = try DatabaseQueue()
            try Migrations.migrator.migrate(queue)
            return try queue.read(objects)
        } catch {
            preconditionFailure("the migrations failed in memory: \(error)")
        }
    }()

    struct SchemaObject: Hashable, Comparable {
        let type: String
        let name: String
        static func < (a: Self, b: Self) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    static func objects(_ db: Database) throws -> [SchemaObject: String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('table', 'index', 'trigger', 'view') AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL
            """)
        return Dictionary(rows.map { (SchemaObject(type: $0[0], name: $0[1]), $0[2] as String) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each difference, worded for `verify`: missing, changed, or an extra trigger (an extra
    /// index or view changes no record; an extra trigger can).
    static func problems(_ db: Database) throws -> [String] {
        let found = try objects(db)
        var problems: [String] = []
        for (object, sql) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = found[object] else {
                problems.append("the \(object.type) \(object.name) is missing from the schema: it was dropped outside Assay\(object.type == "trigger" ? ", removing a protection of the record" : "")")
                continue
            }
            if actual != sql { problems.append("the \(object.type) \(object.name) differs from the one Assay made: it was changed outside Assay") }
        }
        for object in found.keys.sorted() where object.type == "trigger" && expected[object] == nil {
            problems.append("the trigger \(object.name) is not one of Assay's: it was added outside Assay and may change records")
        }
        return problems
    }
}
