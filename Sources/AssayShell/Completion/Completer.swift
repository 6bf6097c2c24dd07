import AssayCore
import Foundation

/// Works out what Tab may complete at the cursor: a command name, an option of the command
/// being typed, or a value wherever one is typed — case and audit ids (the user's own
/// first), months, teams, localities, people, templates, section and question ids from the
/// database; `--by` fields, statuses and other fixed choices; file names where a file is
/// expected. The command tree comes from the grammar itself (`CommandCatalog`), so Tab never
/// offers a command the parser would refuse, nor a hidden one.
struct Completer {
    /// What to complete.
    enum Answer: Equatable {
        /// Candidates, sorted as readline sorts them.
        case words([String])
        /// Candidates in this order (the user's own cases first, the newest month first).
        case ranked([String])
        /// Let readline complete a file name.
        case files
    }

    /// Values that come from the database, looked up only when asked.
    struct Values {
        var teams: () -> [String] = { [] }
        var localities: () -> [String] = { [] }
        /// The user's own cases first.
        var caseIDs: () -> [String] = { [] }
        var months: () -> [String] = { [] }
        /// The user's own audits first.
        var auditIDs: () -> [String] = { [] }
        var people: () -> [String] = { [] }
        var templates: () -> [String] = { [] }
        var sections: () -> [String] = { [] }
        var questions: () -> [String] = { [] }
        /// Fields a draw may be stratified by (the register's and the kept columns).
        var drawFields: () -> [String] = { ["team", "locality", "service", "worker"] }
    }

    /// What kind of value an argument takes.
    enum ValueKind: Equatable {
        case caseID, auditID, month, team, locality, person, template, section, question, drawField
        case choices([String])
        case files
        case none
    }

    let catalog: CommandCatalog
    let values: Values

    /// `before` is the line up to the start of the word being completed; `word` is what
    /// has been typed of that word (without an opening quote).
    func complete(before: String, word: String) -> Answer {
        guard let words = Self.words(before) else { return .words([]) }
        var command = catalog.root
        var path: [String] = []
        var index = 0
        var positionals: [String] = []
        if words.first == "help" {
            // `help COMMAND [SUBCOMMAND]`: the names of commands.
            for name in words.dropFirst() {
                guard let sub = catalog.visibleSubcommand(named: name, of: command) else { return .words([]) }
                command = sub
            }
            return .words(matching(commandNames(command) + (command.commandName == catalog.root.commandName ? ["help"] : []), word))
        }
        // Walk the words: options with their values, subcommand names, then positionals.
        while index < words.count {
            let w = words[index]
            if w.hasPrefix("-"), option(named: w, in: command) == nil, positionals.isEmpty, let fallback = catalog.defaultSubcommand(of: command) {
                command = fallback  // `people --format` is `people list --format`
                path.append(fallback.commandName)
                continue
            }
            if let argument = option(named: w, in: command) {
                index += argument.kind == "option" && !w.contains("=") ? 2 : 1
                continue
            }
            if positionals.isEmpty, command.subcommands?.isEmpty == false {
                if let sub = catalog.subcommand(named: w, of: command) {
                    command = sub
                    path.append(sub.commandName)
                    index += 1
                    continue
                }
                if let fallback = catalog.defaultSubcommand(of: command) {
                    command = fallback
                    path.append(fallback.commandName)
                    continue
                }
            }
            if !w.hasPrefix("-") { positionals.append(w) }
            index += 1
        }
        // The value of the option just typed (`--team ` or `--team=`).
        if let previous = words.last {
            if previous.hasPrefix("-"), previous.hasSuffix("="), let argument = option(named: previous, in: command), argument.kind == "option" {
                return valueCompletion(kind(of: argument, path: path), word: word, commaList: isCommaList(argument, path: path))
            }
            if !previous.contains("="), let argument = option(named: previous, in: command), argument.kind == "option" {
                return valueCompletion(kind(of: argument, path: path), word: word, commaList: isCommaList(argument, path: path))
            }
        }
        if word.hasPrefix("-") {
            let fallback = positionals.isEmpty ? catalog.defaultSubcommand(of: command) : nil
            return .words(matching(optionSpellings(of: command) + (fallback.map(optionSpellings) ?? []) + ["--help"], word))
        }
        if positionals.isEmpty, command.subcommands?.isEmpty == false {
            var names = commandNames(command)
            if command.commandName == catalog.root.commandName { names.append("help") }
            // A group with a default (`audit CASE_ID`) also takes the default's first value.
            if let fallback = catalog.defaultSubcommand(of: command), let first = positionalArguments(of: fallback).first {
                let own = valueCompletion(kind(of: first, path: path + [fallback.commandName]), word: word, commaList: false)
                return merge(matching(names, word), own)
            }
            return .words(matching(names, word))
        }
        let arguments = positionalArguments(of: command)
        guard let argument = positionals.count < arguments.count ? arguments[positionals.count] : arguments.last(where: \.isRepeatingValue)
        else { return .words([]) }
        return valueCompletion(kind(of: argument, path: path, position: positionals.count), word: word, commaList: false)
    }

    /// The kind of value `argument` of the command at `path` takes.
    func kind(of argument: CommandCatalog.Argument, path: [String], position: Int = 0) -> ValueKind {
        if let all = argument.allValues { return .choices(all) }
        let spellings = argument.spellings
        let command = path.joined(separator: " ")
        if argument.kind == "positional" {
            switch (command, position) {
            case ("template show", 0): return .template
            case ("settings set", 0): return .choices(Self.settingNames)
            case ("people login", 0): return .person  // the person whose login is bound
            case ("people add", _), ("settings set", _), ("people login", _): return .none
            default: break
            }
        }
        if spellings.contains("--by") {
            switch command {
            case "challenge raise": return .person
            case "report agreement": return .choices(["auditor"])
            case "report funnel": return .choices(["team", "locality"])
            case "draw": return .drawField
            default: return .choices(["team", "locality", "service"])
            }
        }
        if spellings.contains("--status") {
            return command == "audits" ? .choices(["in_progress", "submitted"]) : .choices(["open", "done", "cancelled"])
        }
        if spellings.contains("--outcome") { return .choices(["accepted", "partly-accepted", "rejected"]) }
        if spellings.contains(where: { ["--month", "--from", "--to"].contains($0) }) { return .month }
        if spellings.contains("--team") { return .team }
        if spellings.contains("--locality") { return .locality }
        if spellings.contains("--template") { return .template }
        if spellings.contains("--domain") { return .section }
        if spellings.contains("--question") { return .question }
        if spellings.contains(where: { ["--auditor", "--auditors", "--owner"].contains($0) }) { return .person }
        switch argument.valueName?.lowercased() ?? "" {
        case "case-id": return .caseID
        case "audit-id": return .auditID
        case "yyyy-mm": return .month
        case "team": return .team
        case "locality": return .locality
        case "section": return .section
        case let name where name.contains("file") || name == "dir" || name == "path": return .files
        default: return .none
        }
    }

    /// Settings a lead may change (`settings set NAME VALUE`).
    static let settingNames = ["due-days", "stale-days"]

    /// Options whose value is a comma-separated list: each name after a comma completes too.
    private func isCommaList(_ argument: CommandCatalog.Argument, path: [String]) -> Bool {
        let spellings = argument.spellings
        if spellings.contains("--auditors") { return true }
        return spellings.contains("--by") && !["challenge raise", "report agreement", "report funnel"].contains(path.joined(separator: " "))
    }

    private func valueCompletion(_ kind: ValueKind, word: String, commaList: Bool) -> Answer {
        if commaList, let comma = word.lastIndex(of: ",") {
            let head = String(word[...comma])
            let already = Set(head.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            switch valueCompletion(kind, word: String(word[word.index(after: comma)...]), commaList: false) {
            case .words(let tails): return .words(tails.filter { !already.contains($0.lowercased()) }.map { head + $0 })
            case .ranked(let tails): return .ranked(tails.filter { !already.contains($0.lowercased()) }.map { head + $0 })
            case .files: return .files
            }
        }
        switch kind {
        case .caseID: return .ranked(ranked(values.caseIDs(), word))
        case .auditID: return .ranked(ranked(values.auditIDs(), word))
        case .month: return .ranked(ranked(values.months(), word))
        case .team: return .words(matching(values.teams(), word))
        case .locality: return .words(matching(values.localities(), word))
        case .person: return .words(matching(values.people(), word))
        case .template: return .words(matching(values.templates(), word))
        case .section: return .words(matching(values.sections(), word))
        case .question: return .words(matching(values.questions(), word))
        case .drawField: return .words(matching(values.drawFields(), word))
        case .choices(let all): return .words(matching(all, word))
        case .files: return .files
        case .none: return .words([])
        }
    }

    /// The words before the cursor; an open quote just before the word is dropped (the
    /// word being completed starts inside it). Nil when the line cannot be read as words.
    static func words(_ before: String) -> [String]? {
        switch ShellWords.split(before) {
        case .complete(let words): return words
        case .incomplete:
            guard let last = before.last, last == "\"" || last == "'",
                  case .complete(let words) = ShellWords.split(String(before.dropLast())) else { return nil }
            return words
        }
    }

    private func merge(_ names: [String], _ values: Answer) -> Answer {
        switch values {
        case .words(let more): return .words(Array(Set(names + more)).sorted())
        case .ranked(let more): return .ranked(names + more.filter { !names.contains($0) })
        case .files: return names.isEmpty ? .files : .words(names)
        }
    }

    private func option(named word: String, in command: CommandCatalog.Command) -> CommandCatalog.Argument? {
        guard word.hasPrefix("-") else { return nil }
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        return catalog.options(of: command).first { $0.spellings.contains(name) }
    }

    private func optionSpellings(of command: CommandCatalog.Command) -> [String] {
        catalog.options(of: command).filter { $0.shouldDisplay ?? true }.flatMap(\.spellings)
    }

    private func positionalArguments(of command: CommandCatalog.Command) -> [CommandCatalog.Argument] {
        (command.arguments ?? []).filter { $0.kind == "positional" }
    }

    private func commandNames(_ command: CommandCatalog.Command) -> [String] {
        CommandCatalog.visibleSubcommands(of: command).map(\.commandName).filter { $0 != "help" }
    }

    private func matching(_ candidates: [String], _ prefix: String) -> [String] {
        Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }

    /// Candidates starting with `prefix`, in the order given, each once.
    private func ranked(_ candidates: [String], _ prefix: String) -> [String] {
        Vocabulary.unique(candidates.filter { $0.hasPrefix(prefix) })
    }
}
