import AssayCore

/// Says what is wrong with a command line the grammar refused, in words that name the fix:
/// the command, subcommand, option or choice meant ("did you mean"), and a multi-word name
/// typed without quotes. Walks the words over the command tree (`CommandCatalog`) the way
/// the parser does; when it finds nothing it can say better, ArgumentParser's own message
/// stands (`Dispatcher`).
struct ParseDiagnosis {
    let catalog: CommandCatalog
    /// Known teams, to spell a team typed without quotes as the register does.
    var teams: () -> [String] = { [] }
    /// The interactive shell is reading the lines (`Session.inShell`): hints say `help X`.
    var inShell = false

    /// `unknown command "reprot". Did you mean report?`
    static func unknownCommand(_ word: String) -> String {
        if let question = DidYouMean.sentence(for: word, among: CommandCatalog.visibleCommandNames) {
            return "unknown command \"\(word)\". \(question)"
        }
        return "unknown command \"\(word)\"; type help for the list of commands."
    }

    /// The message for a command line the parser refused: what the diagnosis finds, else
    /// the parser's own text — in the shell without the `assay` a person does not type there.
    static func message(for words: [String], parserSaid text: String, session: Session) -> String {
        let names = NameCheck.forSession(session)
        var diagnosis = ParseDiagnosis(catalog: .shared) { names.known(.team) }
        diagnosis.inShell = session.inShell
        if let explained = diagnosis.explain(words) { return explained }
        if let problem = names.problem(in: words) { return problem.message }  // a name's second word taken for a month
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard session.inShell else { return lines.joined(separator: "\n") }
        return lines.map { line in
            if line.hasPrefix("Usage: assay ") { return "Usage: " + line.dropFirst("Usage: assay ".count) }
            if line.hasPrefix("  See 'assay "), let end = line.range(of: " --help'") {
                return "  Type help " + line[line.index(line.startIndex, offsetBy: "  See 'assay ".count)..<end.lowerBound] + " for its options."
            }
            return line
        }.joined(separator: "\n")
    }

    /// What is wrong with `words`, or nil to leave it to the parser's message.
    func explain(_ words: [String]) -> String? {
        var command = catalog.root
        var path: [String] = []
        var index = 0
        var positionals: [(word: String, index: Int)] = []
        /// The option whose value was the word just before, and that value's index.
        var lastValue: (argument: CommandCatalog.Argument, index: Int)?
        while index < words.count {
            let word = words[index]
            if word == "--" { break }
            if word.hasPrefix("-"), word.count > 1, Double(word) == nil {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                guard let argument = catalog.options(of: command).first(where: { $0.spellings.contains(name) }) else {
                    if positionals.isEmpty, let fallback = catalog.defaultSubcommand(of: command) {
                        command = fallback  // `people --format csv` is `people list --format csv`
                        path.append(fallback.commandName)
                        continue
                    }
                    return unknownOption(name, of: command, path: path)
                }
                guard argument.kind == "option" else {
                    index += 1
                    lastValue = nil
                    continue
                }
                let valueIndex = word.contains("=") ? index : index + 1
                guard valueIndex < words.count else { return nil }  // a missing value: the parser says so
                let value = word.contains("=") ? String(word.dropFirst(name.count + 1)) : words[valueIndex]
                if let problem = badChoice(value, for: argument, spelled: name) { return problem }
                if let problem = MonthOption.problem(value, for: argument, label: name) { return problem }
                if let problem = DateOption.problem(value, for: argument, label: name) { return problem }
                lastValue = (argument, valueIndex)
                index = valueIndex + 1
                continue
            }
            if positionals.isEmpty, command.subcommands?.isEmpty == false {
                if let lastValue, lastValue.index == index - 1, catalog.subcommand(named: word, of: command) == nil,
                   let hint = oneWordTooMany(words, at: index, after: lastValue, positionals: [], arguments: [], path: path) {
                    return hint  // `audits --team assessment north`: the second word of a name, not a subcommand
                }
                if let sub = catalog.subcommand(named: word, of: command) {
                    command = sub
                    path.append(sub.commandName)
                    index += 1
                    continue
                }
                // A default that takes a value (`audit CASE_ID`) reads the word; one that takes
                // none (`people` is `people list`) cannot, so the word was a mistyped subcommand.
                if let fallback = catalog.defaultSubcommand(of: command), !positionalArguments(of: fallback).isEmpty {
                    command = fallback
                    path.append(fallback.commandName)
                    continue
                }
                return unknownSubcommand(word, of: command, path: path)
            }
            let arguments = positionalArguments(of: command)
            if positionals.count >= arguments.count, !(arguments.last?.isRepeatingValue ?? false) {
                return oneWordTooMany(words, at: index, after: lastValue, positionals: positionals, arguments: arguments, path: path)
            }
            if positionals.count < arguments.count, let problem = badChoice(word, for: arguments[positionals.count], spelled: nil) {
                return problem
            }
            if let argument = positionals.count < arguments.count ? arguments[positionals.count] : arguments.last,
               let problem = MonthOption.problem(word, for: argument, label: visiblePath(path)) {
                if let lastValue, lastValue.index == index - 1,
                   let valueName = lastValue.argument.valueName, Self.wordyValues.contains(valueName.lowercased()) {
                    return nil  // `sample --auditor Ash Auditor`: the second word of a name, not a month (NameCheck says so)
                }
                return problem  // `sample 2026-13`, and each month of `export evidence-pack M M`
            }
            positionals.append((word, index))
            lastValue = nil
            index += 1
        }
        return nil
    }

    private func visiblePath(_ path: [String]) -> String {
        var command = catalog.root
        var shown: [String] = []
        for name in path {
            guard let sub = catalog.subcommand(named: name, of: command) else { break }
            if sub.shouldDisplay ?? true { shown.append(name) }
            command = sub
        }
        return shown.joined(separator: " ")
    }

    private func unknownSubcommand(_ word: String, of command: CommandCatalog.Command, path: [String]) -> String {
        if path.isEmpty { return Self.unknownCommand(word) }
        let names = CommandCatalog.visibleSubcommands(of: command).map(\.commandName).filter { $0 != "help" }
        let group = visiblePath(path)
        if let question = DidYouMean.sentence(for: word, among: names, typed: { "\(group) \($0)" }) {
            return "\(group) \(word): no such command. \(question)"
        }
        return "\(group) \(word): no such command; \(group) takes \(DidYouMean.list(names, joinedBy: "or"))."
    }

    private func unknownOption(_ name: String, of command: CommandCatalog.Command, path: [String]) -> String {
        let spellings = catalog.options(of: command).filter { $0.shouldDisplay ?? true }.flatMap(\.spellings)
        let shown = visiblePath(path)
        let subject = shown.isEmpty ? "assay" : shown
        if let question = DidYouMean.sentence(for: name, among: spellings.filter { $0.hasPrefix("--") }) {
            return "\(subject): no option \(name). \(question)"
        }
        return "\(subject): no option \(name); \(HelpHint.forCommand(shown, inShell: inShell))"
    }

    /// A value outside an argument's fixed choices (`--role audtor`).
    private func badChoice(_ value: String, for argument: CommandCatalog.Argument, spelled name: String?) -> String? {
        guard let all = argument.allValues, !all.contains(value) else { return nil }
        let label = name.map { "\($0) \(value)" } ?? value
        var text = "\(label): write \(DidYouMean.list(all, joinedBy: "or"))."
        if let question = DidYouMean.sentence(for: value, among: all) { text += " " + question }
        return text
    }

    /// Value names whose values are names or free text, which may hold blanks.
    static let wordyValues: Set<String> = ["team", "name", "names", "text", "locality"]

    /// A word left over: most often the second word of a name typed without quotes
    /// (`report team assessment north`). Says to quote it, spelled as the database spells it.
    private func oneWordTooMany(_ words: [String], at index: Int, after lastValue: (argument: CommandCatalog.Argument, index: Int)?,
                                positionals: [(word: String, index: Int)], arguments: [CommandCatalog.Argument], path: [String]) -> String? {
        // The run of words the name spans: from the value or positional it continues, up to
        // the next option.
        let start: Int
        let valueName: String?
        if let lastValue, lastValue.index == index - 1 {
            start = lastValue.index
            valueName = lastValue.argument.valueName
        } else if let last = positionals.last, last.index == index - 1, let argument = arguments.last {
            start = last.index
            valueName = argument.valueName
        } else {
            return nil
        }
        guard let valueName, Self.wordyValues.contains(valueName.lowercased()) else { return nil }
        var end = index
        while end + 1 < words.count, !words[end + 1].hasPrefix("-") { end += 1 }
        var name = words[start...end].joined(separator: " ")
        if valueName.lowercased() == "team", let known = teams().first(where: { $0.lowercased() == name.lowercased() }) {
            name = known
        }
        var fixed = Array(words[..<start].map(DidYouMean.quoted))
        fixed.append(DidYouMean.quoted(name))
        fixed += words[(end + 1)...].map(DidYouMean.quoted)
        let shown = visiblePath(path)
        let extra = words[index]
        return "\(shown.isEmpty ? "assay" : shown): \"\(extra)\" is one word too many. A name with spaces goes in quotes: \(fixed.joined(separator: " "))"
    }

    private func positionalArguments(of command: CommandCatalog.Command) -> [CommandCatalog.Argument] {
        (command.arguments ?? []).filter { $0.kind == "positional" }
    }
}

/// Where to read how a command is typed, said for where the person is: `help report rates`
/// in the shell and in scripts, `assay report rates --help` from the operating system's shell.
/// Whether the person is in the shell is the session's (`Session.inShell`), not the
/// process's: tests run many sessions in one process.
enum HelpHint {
    static func forCommand(_ path: String, inShell: Bool) -> String {
        if path.isEmpty { return inShell ? "type help for the commands." : "assay --help lists them." }
        return inShell ? "help \(path) lists its options." : "assay help \(path) lists its options."
    }
}
