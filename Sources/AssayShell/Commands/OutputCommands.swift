import AssayOutput
import ArgumentParser

/// `output [FILE]`: listings and reports to a file until `output` alone (psql's `\o`,
/// sqlite3's `.output`; docs/shell.md, "Output").
struct OutputCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "output", abstract: "Send listings and reports to a file (output FILE), or back to the screen (output).",
        discussion: """
            FILE is emptied now and created private (mode 0600); every later listing and report is added to it, \
            until `output` alone (or `output -`). Errors, notices and commands that are not listings (the guided \
            audit, month, help) stay on the screen. A command's own --out FILE goes to its file instead.
            """)

    @Argument(help: ArgumentHelp("The file (omit, or -, for the screen).", valueName: "file"))
    var file: String?

    func execute(in session: Session) throws {
        let previous = session.outputSettings.file
        try session.sendOutput(to: file)
        if let current = session.outputSettings.file {
            session.write("Listings and reports now go to \(current.path) (private; emptied now). `output` alone brings them back to the screen.\n")
        } else if let previous {
            let lines = previous.text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            session.write("Listings and reports are back on the screen; \(previous.path) holds \(lines) line\(lines == 1 ? "" : "s").\n")
        } else {
            session.write("Listings and reports go to the screen.\n")
        }
    }
}

/// `format [NAME]`: the format of listings that give no `--format` (psql's `\pset format`,
/// sqlite3's `.mode`).
struct FormatCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "format", abstract: "Show or set the format of listings given no --format: table, csv, json or markdown.",
        discussion: "For this session only (a shell sitting, a script, the -c commands of one assay): `format csv` makes every later listing CSV unless it says --format. `format table` goes back.")

    @Argument(help: ArgumentHelp("The format.", valueName: "format"))
    var format: OutputFormatName?

    func execute(in session: Session) throws {
        if let format { session.outputSettings.format = format == .table ? nil : format }
        let current = session.outputSettings.format ?? .table
        session.write("Listings are \(current.rawValue)\(current == .table ? "" : " unless a command says --format") (`format NAME` changes it).\n")
    }
}

/// `expanded [on|off|auto]`: one field a line (psql's `\x`).
struct ExpandedCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "expanded", abstract: "Show or set expanded display: each table row as a block of field and value lines.",
        discussion: """
            on: every table expanded; off (the default): one row a line, text wrapped when the table is wider than the \
            terminal, expanded only when even that cannot fit; auto: expanded whenever a row would not fit on one line. \
            Without a value it switches between on and off. -x on a command does the same for that command.
            """)

    @Argument(help: ArgumentHelp("on, off or auto (default: switch on and off).", valueName: "mode"))
    var mode: ExpandedMode?

    func execute(in session: Session) throws {
        session.outputSettings.expanded = mode ?? (session.outputSettings.expanded == .off ? .on : .off)
        session.write("Expanded display is \(session.outputSettings.expanded.rawValue).\n")
    }
}
