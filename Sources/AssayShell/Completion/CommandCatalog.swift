import ArgumentParser
import Foundation

/// The command tree as data (names, options, their values), read from ArgumentParser's own
/// description of `Assay`, so completion and "did you mean" can never drift from the grammar.
struct CommandCatalog {
    struct Command: Decodable {
        let commandName: String
        let abstract: String?
        let aliases: [String]?
        let subcommands: [Command]?
        let arguments: [Argument]?
        let shouldDisplay: Bool?
        let defaultSubcommand: String?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let kind: String  // positional, option, flag
        let names: [Name]?
        let valueName: String?
        let allValues: [String]?
        let shouldDisplay: Bool?
        let isRepeating: Bool?

        var spellings: [String] {
            (names ?? []).map { $0.kind == "short" ? "-\($0.name)" : "--\($0.name)" }
        }

        var isRepeatingValue: Bool { isRepeating ?? false }
    }

    private struct Info: Decodable { let command: Command }

    let root: Command

    static let shared: CommandCatalog = {
        let json = Assay._dumpHelp()
        let info = try! JSONDecoder().decode(Info.self, from: Data(json.utf8))
        return CommandCatalog(root: info.command)
    }()

    /// True for a top-level command name or alias (and `help`). Read from the command types
    /// themselves, not from `shared`: every command runs this, and dumping the whole tree's
    /// help to answer it cost each one-shot `assay` command about 20 ms.
    static func isCommandName(_ word: String) -> Bool {
        word == "help" || Assay.configuration.subcommands.contains { $0._commandName == word || $0.configuration.aliases.contains(word) }
    }

    /// The names a person may type at the top level, for "did you mean" (hidden commands
    /// excluded). Read from the command types, like `isCommandName`.
    static var visibleCommandNames: [String] {
        Assay.configuration.subcommands.filter { $0.configuration.shouldDisplay }
            .flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }

    /// Commands a person may type (hidden ones and the generated `help` excluded).
    static func visibleSubcommands(of command: Command) -> [Command] {
        (command.subcommands ?? []).filter { $0.shouldDisplay ?? true }
    }

    /// The subcommand `name` (or an alias) of `command`, hidden ones included: they still parse.
    func subcommand(named name: String, of command: Command) -> Command? {
        (command.subcommands ?? []).first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
    }

    /// The subcommand `name` (or an alias) a person is shown.
    func visibleSubcommand(named name: String, of command: Command) -> Command? {
        Self.visibleSubcommands(of: command).first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
    }

    /// The subcommand a group runs when none is named (`audit CASE_ID` is `audit case CASE_ID`).
    func defaultSubcommand(of command: Command) -> Command? {
        guard let name = command.defaultSubcommand else { return nil }
        return subcommand(named: name, of: command)
    }

    /// The options and flags of `command` (`-h`, `--help` among them).
    func options(of command: Command) -> [Argument] {
        (command.arguments ?? []).filter { $0.kind != "positional" }
    }

    /// The command `path` names (`["report", "rates"]`), or nil.
    func command(at path: [String]) -> Command? {
        var command = root
        for name in path {
            guard let sub = subcommand(named: name, of: command) else { return nil }
            command = sub
        }
        return command
    }
}
