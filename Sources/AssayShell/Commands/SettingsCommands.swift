import AssayCore
import AssayOutput
import AssayStore
import ArgumentParser

/// `settings`, `settings set NAME VALUE`: the database's own settings — when assignments
/// fall due by default, when an audit in progress counts as stale. Kept in the database so
/// everyone counts deadlines alike, and every change is in the audit log.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "List the database's settings, or change one (lead only).",
        subcommands: [SettingsListCommand.self, SettingsSetCommand.self], defaultSubcommand: SettingsListCommand.self)
}

struct SettingsListCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the settings, their values and what they mean.")

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let settings = try session.store().settings()
        session.emit(Listing(
            columns: [Column("name"), Column("value"), Column("default"), Column("changed_at"), Column("changed_by"), Column("meaning")],
            rows: settings.map { s in
                [.text(s.setting.name), .int(s.value), .int(s.setting.defaultValue), .optional(s.changedAt), .optional(s.changedBy),
                 .text(s.setting.meaning)]
            }), as: output)
    }
}

struct SettingsSetCommand: AssayCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting (lead only).")

    @Argument(help: ArgumentHelp("The setting: due-days or stale-days.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("Its new value, a whole number of days.", valueName: "value"))
    var value: String

    func execute(in session: Session) throws {
        let setting = try Setting.named(name)
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
            throw AssayFailure("settings set \(setting.name) \(TextPolicy.printable(value, kind: .line)): the value must be a whole number of days; nothing was changed.")
        }
        let before = try session.store().set(setting, to: number)
        session.write(before == number
            ? "\(setting.name) is already \(number); nothing was changed.\n"
            : "\(setting.name): \(before) → \(number).\n")
    }
}
