import AssayCore
import ArgumentParser

/// `init`: the one way a new database comes into being. Every other command needs the
/// database to exist, so a mistyped `--db` is an error naming the near matches, never a
/// new empty database whose typist became its lead (docs/shell.md, "A new database").
struct InitCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new database at --db (you become its lead; the shipped templates are registered).",
        discussion: """
            The database is made whole before it appears (schema, you as its lead, the shipped templates), \
            private (mode 0600). It refuses a path that already exists. Every other command needs an existing database.
            """)

    func execute(in session: Session) throws {
        try session.createStore()
    }
}
