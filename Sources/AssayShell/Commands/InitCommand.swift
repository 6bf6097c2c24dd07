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

            With --group GROUP the database is shared by that group (docs/deployment.md): its folder is created \
            group GROUP, mode 2770 (or must already be so), every file Assay makes there is 0660 and the group's, \
            never readable by others, and your login is bound to you, so that only logins a lead binds to people \
            (people add NAME --role ROLE --login LOGIN) may use it, each as its own person.
            """)

    @Option(help: ArgumentHelp("Share the database with this group (its folder group GROUP, mode 2770; files 0660).", valueName: "group"))
    var group: String?

    func execute(in session: Session) throws {
        try session.createStore(group: group)
    }
}
