import ArgumentParser
import AssayCore
import AssayHub
import AssayOutput
import AssayReturn
import Foundation

/// `hub …`: the regional hub on PostgreSQL (docs/regional.md). No authority database is
/// opened: the hub holds only what authorities' signed returns gave it.
struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub", abstract: "The regional hub on PostgreSQL: authorities, their signed returns, regional reports.",
        discussion: "The hub is --hub postgres://… or $ASSAY_HUB_URL. See docs/regional.md.",
        subcommands: [HubInitCommand.self, HubAuthorityCommand.self, HubLoginCommand.self, HubImportCommand.self, HubLogCommand.self,
                      HubReportCommand.self])
}

/// `--hub URL`.
struct HubOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The hub's PostgreSQL URL (default $ASSAY_HUB_URL).", valueName: "postgres://…"))
    var hub: String?

    func open(requireSchema: Bool = true) throws -> Hub {
        try Hub(url: try PostgresConnection.url(flag: hub), requireSchema: requireSchema)
    }
}

struct HubInitCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create or bring up to date the hub's tables, roles and row-level security (its migrations).")

    @OptionGroup var connection: HubOptions

    func execute(in session: Session) throws {
        let hub = try connection.open(requireSchema: false)
        let applied = try HubMigrations.migrate(hub.db)
        let version = try HubMigrations.currentVersion(hub.db) ?? 0
        session.write(applied.isEmpty
            ? "The hub is up to date (schema version \(version)).\n"
            : "Applied hub migrations \(applied.map(String.init).joined(separator: ", ")); the hub is at schema version \(version).\n")
    }
}

struct HubAuthorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority", abstract: "The authorities whose returns the hub accepts.",
        subcommands: [HubAuthorityAddCommand.self, HubAuthorityListCommand.self, HubAuthorityNeighboursCommand.self])
}

struct HubAuthorityAddCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Accept an authority's returns, signed with the key in FILE (its `keys export-public`).")

    @Argument(help: ArgumentHelp("The authority's name on the hub.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The authority's public key file.", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp("Its statistical-neighbour group.", valueName: "group"))
    var neighbours: String?

    @OptionGroup var connection: HubOptions

    func execute(in session: Session) throws {
        let publicKey = try PublicReturnKey.read(from: key)
        let added = try connection.open().addAuthority(name: name, key: publicKey, neighbours: neighbours)
        session.write("Added \(added.name) (key \(added.keyID.prefix(16))…\(added.neighbours.map { ", neighbours \($0)" } ?? "")).\n")
    }
}

struct HubAuthorityListCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The authorities on the hub.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let authorities = try connection.open().authorities()
        session.emit(Listing(columns: [Column("authority"), Column("neighbours"), Column("login"), Column("key_id", "key id")],
                             rows: authorities.map { [.text($0.name), .optional($0.neighbours), .optional($0.login), .text($0.keyID)] }),
                     as: output)
    }
}

struct HubAuthorityNeighboursCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours", abstract: "Put an authority in a statistical-neighbour group (none: --none).")

    @Argument(help: ArgumentHelp("The authority.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The group.", valueName: "group"))
    var group: String?

    @Flag(help: "In no group.")
    var none = false

    @OptionGroup var connection: HubOptions

    func validate() throws {
        if (group == nil) == !none { throw ValidationError("Give a group, or --none.") }
    }

    func execute(in session: Session) throws {
        try connection.open().setNeighbours(name, group: group)
        session.write("\(name): neighbours \(group ?? "none").\n")
    }
}

struct HubLoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Server logins for BI tools and analysts, limited by row-level security.",
        subcommands: [HubLoginAddCommand.self])
}

struct HubLoginAddCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make LOGIN a regional analyst (every row) or an authority's account (its own rows and the published regional figures).",
        discussion: "The login is a PostgreSQL role; its password or other authentication is the server administrator's to set (ALTER ROLE … PASSWORD, pg_hba.conf).")

    @Argument(help: ArgumentHelp("The PostgreSQL login.", valueName: "login"))
    var login: String

    @Flag(help: "A regional analyst: reads every authority's rows.")
    var analyst = false

    @Option(help: ArgumentHelp("The authority whose rows the login reads.", valueName: "name"))
    var authority: String?

    @OptionGroup var connection: HubOptions

    func validate() throws {
        if analyst == (authority != nil) { throw ValidationError("Give --analyst or --authority NAME.") }
    }

    func execute(in session: Session) throws {
        try connection.open().addLogin(login, authority: authority)
        session.write(authority.map { "\(login) reads \($0)'s rows and the published regional figures.\n" }
            ?? "\(login) is a regional analyst: it reads every authority's rows.\n")
    }
}

struct HubImportCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import authorities' signed returns: each verified (schema, signature, known key) and stored whole or not at all.",
        discussion: "The same return twice changes nothing; a later return for the same months supersedes the earlier (hub log); an older one is refused.")

    @Argument(help: ArgumentHelp("Return files (assay export return).", valueName: "file"))
    var files: [String]

    @OptionGroup var connection: HubOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one return file.") }
    }

    func execute(in session: Session) throws {
        let hub = try connection.open()
        var failures: [String] = []
        var worst: ExitStatus = .failure
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                failures.append("Cannot read \(file).")
                continue
            }
            do {
                switch try hub.importReturn(bytes: Array(data), source: file) {
                case .imported(let id, let authority, let superseded):
                    let replaced = superseded.isEmpty ? "" : "; it supersedes return \(superseded.map(String.init).joined(separator: ", ")) for its months"
                    session.write("\(file): imported \(authority)'s return as return \(id)\(replaced).\n")
                case .unchanged(let id, let authority):
                    session.write("\(file): already imported (\(authority)'s return \(id)); nothing changed.\n")
                }
            } catch {
                guard let worded = ErrorWording.userFacing(error) else { throw error }
                failures.append(worded.message)
                worst = worded.exitStatus
            }
        }
        if !failures.isEmpty {
            throw AssayFailure(failures.joined(separator: "\n"), exitStatus: worst)
        }
    }
}

struct HubLogCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "What was done to the hub: authorities, logins, imports, supersessions.")

    @OptionGroup var connection: HubOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let rows = try connection.open().logEntries()
        let columns = ["id", "at", "by_login", "action", "authority", "return_id", "detail"]
        session.emit(Listing(columns: columns.map { Column($0) }, rows: rows.values.map { values in
            columns.map { name in
                let value = values[rows.columns.firstIndex(of: name)!]
                if name == "id" || name == "return_id" { return value.flatMap { Int($0) }.map(Cell.int) ?? .null }
                return .optional(value)
            }
        }), as: output)
    }
}
