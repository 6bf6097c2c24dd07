import AssayCore
import AssayOutput
import ArgumentParser

/// `people`, `people add`: who may use this database, and in what role.
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people", abstract: "List people, or add one (lead only).",
        subcommands: [PeopleListCommand.self, PeopleAddCommand.self], defaultSubcommand: PeopleListCommand.self)
}

struct PeopleListCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List people and their roles.")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let people = try session.store().people()
        session.emit(Listing(
            columns: [Column("name"), Column("role"), Column("team"), Column("added_at"), Column("added_by")],
            rows: people.map { [.text($0.name), .text($0.role.rawValue), .optional($0.team), .text($0.addedAt), .text($0.addedBy)] }),
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

    func execute(in session: Session) throws {
        try session.store().addPerson(name: name, role: role, team: team)
        session.write("Added \(TextPolicy.printable(name, kind: .line)) as \(role == .auditor ? "an" : "a") \(role.rawValue).\n")
    }
}

extension Role: ExpressibleByArgument {}
