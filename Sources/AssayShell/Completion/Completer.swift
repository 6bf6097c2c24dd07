import AssayCore
import Foundation

/// Works out what Tab may complete at the cursor: a command name, an option of the command
/// being typed, or a value for the option just typed (teams, localities, case ids and
/// months from the database; fixed choices such as roles and formats from the grammar).
struct Completer {
    /// What to complete.
    enum Answer: Equatable {
        case words([String])
        /// Let readline complete a file name.
        case files
    }

    /// Values that come from the database, looked up only when asked.
    struct Values {
        var teams: () -> [String] = { [] }
        var localities: () -> [String] = { [] }
        var caseIDs: () -> [String] = { [] }
        var months: () -> [String] = { [] }
    }

    let catalog: CommandCatalog
    let values: Values

    /// `before` is the line up to the start of the word being completed; `word` is what
    /// has been typed of that word.
    func complete(before: String, word: String) -> Answer {
        guard case .complete(let words) = ShellWords.split(before) else { return .words([]) }
        var command = catalog.root
        var index = 0
        // Walk the words: root options with their values, then subcommand names.
        while index < words.count {
            let w = words[index]
            if w == "help" && index == 0 { return .words(matching(commandNames(catalog.root), word)) }
            if let argument = option(named: w, in: command) {
                index += argument.kind == "option" ? 2 : 1
                continue
            }
            if let sub = CommandCatalog.visibleSubcommands(of: command).first(where: { $0.commandName == w || ($0.aliases ?? []).contains(w) }) {
                command = sub
                index += 1
                continue
            }
            break
        }
        if let previous = words.last, !previous.contains("="),
           let argument = option(named: previous, in: command), argument.kind == "option" {
            return valueCompletion(for: argument, word: word)
        }
        if word.hasPrefix("-") {
            let options = (command.arguments ?? []).filter { $0.kind != "positional" && ($0.shouldDisplay ?? true) }.flatMap(\.spellings)
            return .words(matching(options + ["--help"], word))
        }
        let subcommands = commandNames(command)
        if !subcommands.isEmpty && index == words.count {
            return .words(matching(subcommands + (command.commandName == catalog.root.commandName ? ["help"] : []), word))
        }
        if let positional = (command.arguments ?? []).first(where: { $0.kind == "positional" }) {
            if let all = positional.allValues { return .words(matching(all, word)) }
            if positional.valueName?.lowercased().contains("file") == true { return .files }
        }
        return .words([])
    }

    private func valueCompletion(for argument: CommandCatalog.Argument, word: String) -> Answer {
        if let all = argument.allValues { return .words(matching(all, word)) }
        let spellings = argument.spellings
        if spellings.contains("--team") { return .words(matching(values.teams(), word)) }
        if spellings.contains("--locality") { return .words(matching(values.localities(), word)) }
        if spellings.contains("--case") { return .words(matching(values.caseIDs(), word)) }
        if spellings.contains(where: { ["--month", "--from", "--to"].contains($0) }) { return .words(matching(values.months(), word)) }
        if argument.valueName?.lowercased().contains("file") == true || argument.valueName == "path" { return .files }
        return .words([])
    }

    private func option(named word: String, in command: CommandCatalog.Command) -> CommandCatalog.Argument? {
        guard word.hasPrefix("-") else { return nil }
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        return (command.arguments ?? []).first { $0.kind != "positional" && $0.spellings.contains(name) }
    }

    private func commandNames(_ command: CommandCatalog.Command) -> [String] {
        CommandCatalog.visibleSubcommands(of: command).map(\.commandName).filter { $0 != "help" }
    }

    private func matching(_ candidates: [String], _ prefix: String) -> [String] {
        Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }
}
