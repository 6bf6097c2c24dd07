import Foundation
import AssayCore
import AssayOutput
import ArgumentParser

/// `people`, `people add`, `people login`: who may use this database, in what role, and
/// (on a shared database) which operating-system login is each of them (docs/deployment.md).
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people", abstract: "List people, or add one or bind their login (lead only).",
        subcommands: [PeopleListCommand.self, PeopleAddCommand.self, PeopleLoginCommand.self],
        defaultSubcommand: PeopleListCommand.self)
}

struct PeopleListCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List people and their roles.")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let people = try session.store().people()
        session.emit(Listing(
            columns: [Column("name"), Column("role"), Column("team"), Column("added_at"), Column("added_by"), Column("login")],
            rows: people.map {
                [.text($0.name), .text($0.role.rawValue), .optional($0.team), .text($0.addedAt), .text($0.addedBy), .optional($0.login)]
            }),
            as: output)
    }
}

struct PeopleAddCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person (lead only).")

    @Argument(help: ArgumentHelp("Their name, as they will give it with --as.", valueName: "name"))
    var name: String

    @Option(help: "auditor, moderator or lead.")
    var role: Role

    @Option(help: ArgumentHelp("The team they belong to.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Their operating-system login: once any login is bound, only bound logins may use the database, each as its own person.", valueName: "login"))
    var login: String?

    func execute(in session: Session) throws {
        try session.store().addPerson(name: name, role: role, team: team, login: login)
        let bound = login.map { ", bound to the login \($0)" } ?? ""
        session.write("Added \(TextPolicy.printable(name, kind: .line)) as \(role == .auditor ? "an" : "a") \(role.rawValue)\(bound).\n")
        if let login { PeopleLoginCommand.noteMissingAccount(login, in: session) }
    }
}

/// `people login NAME LOGIN`, `people login NAME --none`: binds a person to their
/// operating-system login, or unbinds it (lead only, logged). A database that binds any
/// login admits only bound logins, each as its own person (docs/integrity.md, "What is
/// authenticated").
struct PeopleLoginCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Bind a person to their operating-system login, or unbind it with --none (lead only).",
        discussion: """
            Once any person has a login, only bound logins may use the database: the login that runs Assay is the user, \
            and --as or $ASSAY_AUDITOR naming anyone else is refused. Bind your own login first (you would otherwise be \
            locked out); unbinding everyone makes the database trust declared names again.
            """)

    @Argument(help: ArgumentHelp("The person, as people lists them.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("Their login on this machine.", valueName: "login"))
    var login: String?

    @Flag(help: "Unbind the person's login.")
    var none = false

    func validate() throws {
        if none == (login != nil) { throw ValidationError("Give a login, or --none to unbind (not both).") }
    }

    func execute(in session: Session) throws {
        try session.store().bindLogin(none ? nil : login, to: name)
        let who = TextPolicy.printable(name, kind: .line)
        session.write(login.map { "\(who) is bound to the login \($0).\n" } ?? "\(who) has no login bound now.\n")
        if let login { Self.noteMissingAccount(login, in: session) }
    }

    /// A login with no account here is allowed (the account may be made later), but said.
    static func noteMissingAccount(_ login: String, in session: Session) {
        if getpwnam(login) == nil {
            session.notice("Note: there is no account \(login) on this machine yet; it can use the database once it exists.")
        }
    }
}

extension Role: ExpressibleByArgument {}
