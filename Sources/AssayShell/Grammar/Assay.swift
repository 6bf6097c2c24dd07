import ArgumentParser

/// The root of the one command tree. The same tree parses `assay SUBCOMMAND …` from the
/// operating system's shell, every REPL line, every line of a script and every `-c`.
public struct Assay: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Case-audit quality assurance for children's social care.",
        discussion: """
            Without a command, assay reads commands: from the terminal (an interactive shell), \
            from standard input when it is a pipe, or from each -c. Type `help COMMAND` for one command.
            """,
        version: AssayVersion.current,
        subcommands: [
            InitCommand.self, ImportCommand.self, FramesCommand.self, FrameCommand.self, DrawCommand.self, SampleCommand.self, AssignCommand.self, AuditCommand.self, AuditsCommand.self, ModerateCommand.self, EscalationsCommand.self, EscalationCommand.self, ActionsCommand.self, ActionCommand.self, ChallengeCommand.self, ChallengesCommand.self, ReportCommand.self, VerifyCommand.self, HistoryCommand.self, RedactCommand.self, BackupCommand.self, RestoreCommand.self, ExportCommand.self, PlanCommand.self, TemplatesCommand.self, TemplateCommand.self, PeopleCommand.self,
            TodoCommand.self, ProgressCommand.self, SetAsideCommand.self, SettingsCommand.self, KeysCommand.self, HubCommand.self,
            MonthCommand.self, StatusCommand.self, OutputCommand.self, FormatCommand.self, ExpandedCommand.self, RunCommand.self, QuitCommand.self,
        ])

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customShort("c"), help: ArgumentHelp("Run COMMAND (repeatable) and exit.", valueName: "command"))
    public var commands: [String] = []

    @Flag(help: "Stop at the first failing command and exit non-zero (scripts, pipes, -c).")
    public var bail = false

    public init() {}
}

/// Options that choose the database and the user; they go before the command name.
public struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database file (default $ASSAY_DB, else ./assay.db).", valueName: "path"))
    public var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this person (default $ASSAY_AUDITOR, else your login).", valueName: "name"))
    public var user: String?

    public init() {}
}

/// `--format`, `--out` and `--expanded` for every listing and report. Without `--format` a
/// command takes the session's format (the shell's `format NAME`), else table; without `-x`
/// the session's `expanded` mode. The dispatcher sends the output of a command with these
/// options to `--out FILE` or the session's `output FILE` (`Session.directingOutput`).
public struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("format"),
            help: ArgumentHelp("Output format: table, csv, json or markdown (default: the session's `format`, else table).", valueName: "format"))
    public var formatGiven: OutputFormatName?

    @Flag(name: .customLong("raw-csv"),
          help: "Write CSV cells exactly as stored, without the apostrophe that stops spreadsheets running formulas (for programs, not spreadsheets).")
    public var rawCSV = false

    @Option(help: ArgumentHelp("Write the output to this file instead of the screen: created private (0600), replaced whole if it exists; - for standard output.", valueName: "file"))
    public var out: String?

    @Flag(name: [.customShort("x"), .customLong("expanded")],
          help: "Expanded display: each row as a block of field and value lines (table format).")
    public var expandedGiven = false

    public init() {}

    /// The format: `--format`, else the session's default, else table.
    public var format: OutputFormatName { formatGiven ?? OutputSettings.current?.format ?? .table }

    /// How tables show rows: `-x` on, else the session's `expanded` mode.
    public var expanded: ExpandedMode { expandedGiven ? .on : OutputSettings.current?.expanded ?? .off }

    public func validate() throws {
        if rawCSV && format != .csv { throw ValidationError("--raw-csv goes with --format csv.") }
        if expandedGiven && format != .table { throw ValidationError("--expanded (-x) goes with the table format, not \(format.rawValue).") }
        if out?.isEmpty == true { throw ValidationError("--out needs a file name (or - for standard output).") }
    }
}

import AssayOutput

extension OutputFormatName: ExpressibleByArgument {}
extension ExpandedMode: ExpressibleByArgument {}
