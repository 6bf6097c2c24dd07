import AssayCore
import GRDB

/// What a database file says of its own schema, read before Assay changes anything in it:
/// is it Assay's, which migrations it has applied, and whether that record is whole.
///
/// GRDB records each applied migration in `grdb_migrations`. Assay applies them strictly in
/// order, so a healthy record is always a prefix of the known list. A gap (one row deleted
/// behind Assay's back) would make the next open re-run a migration over tables that exist
/// and fail on every command with SQLite's "index … already exists"; a record with
/// migrations this build does not know means a newer Assay wrote the file. Both are refused
/// before the file is touched, and `verify` reports them (docs/integrity.md).
struct SchemaRecord: Sendable {
    /// The identifiers in `grdb_migrations`, as stored.
    let applied: Set<String>
    /// True when the file has `grdb_migrations` (or is new and empty of tables).
    let isAssay: Bool
    let hasTables: Bool

    init(applied: Set<String>) {
        self.applied = applied
        self.isAssay = true
        self.hasTables = false
    }

    init(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        hasTables = !tables.isEmpty
        isAssay = tables.contains("grdb_migrations")
        applied = isAssay ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
    }

    static let known: [String] = Migrations.migrator.migrations

    /// Applied migrations this build does not know: a newer Assay wrote the file.
    var unknown: [String] { applied.subtracting(Self.known).sorted() }
    var isNewer: Bool { !unknown.isEmpty }

    /// Every known migration applied.
    var isComplete: Bool { Self.known.allSatisfy(applied.contains) }

    /// Known migrations missing before the last applied one: the record was edited.
    var gaps: [String] {
        guard let last = Self.known.lastIndex(where: applied.contains) else { return [] }
        return Self.known[..<last].filter { !applied.contains($0) }
    }

    /// What is wrong with the record, worded for `verify`.
    var problems: [String] {
        gaps.isEmpty ? [] : ["the schema's upgrade record (grdb_migrations) is missing \(gaps.joined(separator: ", ")) although later upgrades are recorded: it was changed outside Assay"]
    }

    /// Why a command must not open the file, or nil.
    func refusal(path: String) -> String? {
        if !hasTables {
            return "\(path) is an SQLite database with no tables, not an Assay database; nothing was changed."
        }
        if !isAssay {
            return "\(path) is an SQLite database, but not an Assay database; nothing was changed."
        }
        if isNewer {
            return "\(path) was written by a newer version of Assay (schema \(unknown.joined(separator: ", ")) is unknown to this one). Upgrade Assay to open it; nothing was changed."
        }
        if !gaps.isEmpty {
            return "\(path): \(problems[0]). Nothing was changed. Restore the latest backup that verifies (`assay restore FILE`); `assay verify` lists what else differs."
        }
        return nil
    }
}
