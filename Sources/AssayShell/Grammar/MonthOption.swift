import ArgumentParser
import AssayCore

/// Every month typed on a command line (`month`, `--month`, `--from`, `--to`, `assign MONTH`,
/// `sample MONTH`, …) is a `Month` argument, read by `Month.parse`; one that is not a month
/// stops the command before it runs, and `ParseDiagnosis` says exactly what is wrong, naming
/// where it was typed — the option, or for a month given as a word the command:
/// `--month 2026-13: there is no month 13; months run from 01 to 12.`,
/// `assign Nov 2026: write it as YYYY-MM: 2026-11.`
extension Month: ExpressibleByArgument {
    public init?(argument: String) {
        guard case .success(let month) = Month.parse(argument) else { return nil }
        self = month
    }
}

/// Every date typed on a command line (`--due`, `--as-of`) is a `CalendarDate` argument,
/// read as `CalendarDate(parsing:)` reads it (YYYY-MM-DD, or DD/MM/YYYY as a spreadsheet
/// writes it); `ParseDiagnosis` names the option and says how to write it.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

enum DateOption {
    /// How date arguments are named in usage and help (`--due <yyyy-mm-dd>`).
    static let valueName = "yyyy-mm-dd"

    /// Why `text`, given for `argument`, is not a date — nil when it is one or the argument
    /// takes no date.
    static func problem(_ text: String, for argument: CommandCatalog.Argument, label: String) -> String? {
        guard argument.valueName == valueName, CalendarDate(parsing: text) == nil else { return nil }
        return "\(label) \(text): write the date as YYYY-MM-DD (or DD/MM/YYYY)."
    }
}

enum MonthOption {
    /// How month arguments are named in usage and help (`--month <yyyy-mm>`): what tells
    /// `problem(_:for:label:)` that a value was meant as a month.
    static let valueName = "yyyy-mm"

    /// Why `text`, given for `argument`, is not a month — nil when it is one or the argument
    /// takes no month. `label` is where it was typed (`--from`, `assign`).
    static func problem(_ text: String, for argument: CommandCatalog.Argument, label: String) -> String? {
        guard argument.valueName == valueName, case .failure(let problem) = Month.parse(text) else { return nil }
        return "\(label) \(text): \(problem.reason)."
    }
}
