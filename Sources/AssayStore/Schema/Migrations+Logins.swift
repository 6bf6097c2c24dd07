import GRDB

extension Migrations {
    /// Logins bound to people (docs/deployment.md, docs/integrity.md "What is authenticated"):
    /// `people.login`, the operating-system login that is this person. Once any person has
    /// one, the login of the process decides who the user is, and `--as` cannot name someone
    /// else. NULL for everyone until a lead binds one, so a database that binds nobody works
    /// as before. A unique index, not a UNIQUE column (SQLite cannot add one to an existing
    /// table): one login is one person. The column changes every person row's digest, so
    /// `reshape` logs a `migrate` entry for each.
    static func v15Logins(_ db: Database) throws {
        try reshape(db, table: .people, migration: "v15-logins", sql: """
            ALTER TABLE people ADD COLUMN login TEXT;
            CREATE UNIQUE INDEX people_login ON people(login) WHERE login IS NOT NULL;
            """)
    }
}
