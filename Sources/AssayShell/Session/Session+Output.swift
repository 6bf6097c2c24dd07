import AssayOutput
import AssayStore
import ArgumentParser
import Foundation

/// Where a session's listings and reports go and how they look, as psql's `\o`, `\pset
/// format` and `\x` and sqlite3's `.output` and `.mode` set them (docs/shell.md, "Output"):
/// the shell's `format NAME` (the format of listings given no `--format`), `expanded
/// on|off|auto`, and `output FILE` (listings and reports to a file until `output`).
///
/// A command's `OutputOptions` read the format and expanded mode from here while it is
/// parsed and run: the dispatcher binds `current` to the session's settings.
public final class OutputSettings: @unchecked Sendable {
    /// `format NAME`; nil: table.
    public var format: OutputFormatName?
    /// `expanded on|off|auto`.
    public var expanded: ExpandedMode = .off
    /// `output FILE`: the file, and everything written to it since (it is rewritten whole,
    /// privately and atomically, after each command, as `PrivateFile` writes every file).
    public internal(set) var file: (path: String, text: String)?

    /// What the running command has written so far, while its output is bound for a file.
    private var captured: String?
    /// The running command's own options (`-x`), while it runs.
    private var command: OutputOptions?

    /// The settings of the session whose command is being parsed and run.
    @TaskLocal public static var current: OutputSettings?

    public init() {}

    /// Keeps `text` for the file when the running command's output is bound for one.
    func capture(_ text: String) -> Bool {
        guard captured != nil else { return false }
        captured! += text
        return true
    }

    /// How listings are drawn now: for a file, no width to fit and no colour; for the
    /// terminal, its width and colour; expanded as the command or the session asks.
    func style(console: Console, environment: [String: String]) -> TerminalStyle {
        let expanded = command?.expanded ?? self.expanded
        if captured != nil || !console.outputIsTerminal { return TerminalStyle(width: nil, color: false, expanded: expanded) }
        return TerminalStyle(width: Terminal.width(environment: environment), color: Terminal.colorAllowed(environment: environment),
                             expanded: expanded)
    }

    /// Runs `body` with what it writes bound for `path` (nil: the screen), then writes it.
    fileprivate func running(_ options: OutputOptions, to path: String?, _ body: () throws -> Void) throws -> String? {
        let saved = (captured, command)
        defer { (captured, command) = saved }
        command = options
        guard path != nil else {
            captured = nil
            try body()
            return nil
        }
        captured = ""
        try body()
        return captured ?? ""
    }

    fileprivate func append(_ text: String) throws {
        guard var file else { return }
        file.text += text
        try PrivateFile.write(file.text, to: file.path)
        self.file = file
    }
}

extension Session {
    /// Runs a command, sending what it prints to `--out FILE`, else to the session's `output
    /// FILE`, when it is a listing or report (it has `OutputOptions`); anything else (the
    /// guided audit, `month`, `help`) always prints on the screen. `--out -` is the screen.
    /// Notices and errors stay on standard error. A command that fails writes no file: a
    /// `--out` file is left as it was, and nothing is added to the `output` file.
    func directingOutput(of command: AssayCommand, _ body: () throws -> Void) throws {
        guard let options = OutputOptions.of(command) else { return try body() }
        let path = options.out.map { $0 == "-" ? nil : $0 } ?? outputSettings.file?.path
        if let path { try PrivateFile.regularTarget(path) }  // a device, pipe or folder is refused before the work
        guard let text = try outputSettings.running(options, to: path, body), let path else { return }
        if options.out != nil {
            try PrivateFile.write(text, to: path)
            if isInteractive { notice("Wrote \(path) (\(Self.lines(text))).") }
        } else {
            try outputSettings.append(text)
            if isInteractive { notice("(\(Self.lines(text)) written to \(path); `output` alone brings listings back to the screen.)") }
        }
    }

    private static func lines(_ text: String) -> String {
        let count = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        return count == 1 ? "1 line" : "\(count) lines"
    }

    /// `output FILE`: listings and reports to FILE (emptied now) until `output`.
    func sendOutput(to path: String?) throws {
        guard let path, path != "-" else {
            outputSettings.file = nil
            return
        }
        try PrivateFile.write("", to: path)
        outputSettings.file = (path, "")
    }
}

extension OutputOptions {
    /// The output options of a parsed command, or nil when it has none (it is not a listing).
    static func of(_ command: Any) -> OutputOptions? {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<OutputOptions> { return group.wrappedValue }
        }
        return nil
    }
}
