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

/// `restore FILE [--force]`: replace the database with a backup that verifies.
struct RestoreCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup (lead in the backup; --force to replace an existing database).",
        discussion: """
            The backup is checked first (it must verify, and you must be a lead in it); the backup file is not changed. \
            Run it when nobody else is using the database.
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
    var file: String

    @Flag(help: "Replace the existing database.")
    var force = false

    func execute(in session: Session) throws {
        session.closeStore()
        let report = try Store.restore(from: file, to: session.databasePath, identity: session.identity, force: force)
        session.write("Restored \(session.databasePath) from \(file): it verifies (\(report.entries) log entries; chain head \(report.head.map { "\($0)" } ?? "none")).\n")
    }
}
