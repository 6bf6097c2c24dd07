import ArgumentParser
import Foundation

/// The command tree as data (names, options, their values), read from ArgumentParser's own
/// description of `Assay`, so completion can never drift from the grammar.
struct CommandCatalog {
    struct Command: Decodable {
        let commandName: String
        let aliases: [String]?
        let subcommands: [Command]?
        let arguments: [Argument]?
        let shouldDisplay: Bool?
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

        var spellings: [String] {
            (names ?? []).map { $0.kind == "short" ? "-\($0.name)" : "--\($0.name)" }
        }
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

    /// Commands a person may type (hidden ones and the generated `help` excluded).
    static func visibleSubcommands(of command: Command) -> [Command] {
        (command.subcommands ?? []).filter { $0.shouldDisplay ?? true }
    }
}
