import AssayCore
import Foundation

/// `help` as Assay answers it: in the interactive shell a bare `help` (or `?`, `\?`) says how
/// to use the shell — typing, quoting, history, completion, leaving, the current month — and
/// lists the commands; `help COMMAND` for a command that does not exist is an error naming
/// the near match. Every other `help COMMAND` is ArgumentParser's help for that command.
enum ShellHelp {
    enum Answer: Equatable {
        /// Text to print.
        case text(String)
        /// A mistyped topic: the message to print as an error.
        case unknown(String)
    }

    /// The answer to `help` followed by `topic`, or nil to let ArgumentParser print it.
    static func answer(_ topic: [String], session: Session, catalog: CommandCatalog = .shared) -> Answer? {
        if topic.isEmpty { return session.inShell ? .text(shellText(month: session.month, width: session.terminalWidth, catalog: catalog)) : nil }
        guard !topic.contains(where: { $0.hasPrefix("-") }) else { return nil }
        var command = catalog.root
        var path: [String] = []
        for word in topic {
            guard let sub = catalog.subcommand(named: word, of: command), sub.commandName != "help" else {
                let names = CommandCatalog.visibleSubcommands(of: command).flatMap { [$0.commandName] + ($0.aliases ?? []) }
                    .filter { $0 != "help" }
                let shown = path.joined(separator: " ")
                let typed: (String) -> String = { "help " + (shown.isEmpty ? $0 : "\(shown) \($0)") }
                let question = DidYouMean.sentence(for: word, among: names, typed: typed)
                if path.isEmpty {
                    return .unknown("help \(word): no command \"\(word)\". " + (question ?? "Type help for the list of commands."))
                }
                return .unknown("help \(topic.joined(separator: " ")): \(shown) has no command \"\(word)\". "
                                + (question ?? "It has \(DidYouMean.list(names, joinedBy: "and")): help \(shown) describes them."))
            }
            command = sub
            path.append(sub.commandName)
        }
        return nil
    }

    /// How to use the shell, then the commands.
    static func shellText(month: Month, width terminalWidth: Int?, catalog: CommandCatalog = .shared) -> String {
        var text = """
            Type a command and press Enter: the same commands as `assay COMMAND` from your shell,
            without the word assay. An error never ends the shell.

              report rates --by team        a command, then its options
              report team "Assessment North"
                                            a name with spaces goes in quotes ("…" or '…')
              audit CS102893                audit a case (guided, question by question)

            The current month is \(month) (the prompt shows it); commands without --month work
            in it. `month YYYY-MM` changes it.

            Keys
              Tab           complete what you are typing: commands, options, case and audit ids
                            (yours first), months, teams, people, templates, --by fields, files
              Up, Down      earlier lines; history is kept across sessions
              Ctrl-R        search history: type part of an earlier line, Ctrl-R again for older
              Ctrl-C        abandon the line being typed
              Ctrl-D, quit, exit, \\q or .quit
                            leave
            A quote left open, or a \\ at the end of a line, continues the command on the next
            line (   ...> ). # starts a comment.

            Help
              help COMMAND  how to type a command, with its options (help report rates)
              help, ?, \\?   this page

            Commands

            """
        let commands = CommandCatalog.visibleSubcommands(of: catalog.root).filter { $0.commandName != "help" }
        let width = max(60, min(terminalWidth ?? 80, 120))
        for command in commands {
            let name = ([command.commandName] + (command.aliases ?? [])).joined(separator: ", ")
            text += wrapped(name, command.abstract ?? "", width: width)
        }
        text += "\nThe database, the user and scripts are chosen when assay starts: assay --help.\n"
        return text
    }

    /// `  name        abstract…`, the abstract wrapped at word boundaries under itself.
    private static func wrapped(_ name: String, _ abstract: String, width: Int) -> String {
        let indent = 16
        var lines: [String] = []
        var line = "  " + name.padding(toLength: max(indent - 2, name.count + 1), withPad: " ", startingAt: 0)
        if line.count > indent { lines.append(line); line = String(repeating: " ", count: indent) }
        var empty = true
        for word in abstract.split(separator: " ") {
            if !empty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
