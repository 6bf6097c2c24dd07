import AssayCore
import AssayStore
import ArgumentParser

/// `backup FILE`: a consistent copy of the database, safe while others write.
struct BackupCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new private file (SQLite online backup) and verify the copy.",
        discussion: "Safe while others are auditing. The file must not exist; it is created 0600.")

    @Argument(help: ArgumentHelp("The new backup file.", valueName: "file"))
    var file: String

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try store.require([.lead], to: "back up the database (it holds every case)")
        let report = try store.backup(to: file)
        session.write("Backed up \(session.databasePath) to \(file) (\(report.entries) log entries, \(report.rowsChecked) rows).\n")
        session.write("The copy verifies: \(report.isIntact ? "intact" : "NOT INTACT"). Chain head \(report.head.map { "\($0)" } ?? "none").\n")
        if !report.isIntact { throw AssayFailure(report.text) }
    }
}

/// `restore FILE [--force] [--unrelated]`: replace the database with a backup that verifies.
struct RestoreCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup that verifies (lead only; says what would be lost first).",
        discussion: """
            The backup must be a complete Assay database that verifies; it is not changed. You must be a lead in the \
            live database (in the backup, when there is no usable live database). When the live database has changes \
            made after the backup, restore lists them and needs --force; when the backup is not from this database at \
            all, it also needs --unrelated. The restore is all or nothing, even if killed. Run it when nobody else is \
            using the database. See docs/integrity.md, "Backups and restores".
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    @Flag(help: "Restore even though changes made since the backup (listed) are lost, or the live file is unusable.")
    var force = false

    @Flag(help: "With --force: restore a backup whose log is not this database's (another database's backup).")
    var unrelated = false

    func execute(in session: Session) throws {
        session.closeStore()
        let outcome = try Store.restore(from: file, to: session.databasePath, identity: session.identity, force: force, unrelated: unrelated)
        let head = outcome.report.head.map { "\($0)" } ?? "none"
        session.write("Restored \(session.databasePath) from \(file): it verifies (\(outcome.report.entries) log entries; chain head \(head)).\n")
        if let replaced = outcome.replacedUnusable {
            session.write("It replaced a file that was not a usable database: \(replaced).\n")
        }
        if let comparison = outcome.comparison, comparison.loss.entries > 0 {
            session.write("Discarded from the database as it was: \(comparison.loss.plainWords).\n")
        }
    }
}
