/// What the session's standard output is like, from its console and environment: a
/// captured console is never a terminal, whatever the process's own output is.
extension Session {
    /// Colour only on a terminal, and not with NO_COLOR or TERM=dumb (`Terminal.colorAllowed`).
    var colorAllowed: Bool { console.outputIsTerminal && Terminal.colorAllowed(environment: environment) }

    /// The terminal's columns, or nil when output is not a terminal.
    var terminalWidth: Int? { console.outputIsTerminal ? Terminal.width(environment: environment) : nil }

    /// The terminal's rows, or nil when output is not a terminal.
    var terminalHeight: Int? { console.outputIsTerminal ? Terminal.height(environment: environment) : nil }
}
