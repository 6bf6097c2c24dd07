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

    /// The month `text` names; `option` is how the message names where it was typed. For
    /// commands whose months are still typed as text.
    static func parse(_ text: String, option: String) throws -> Month {
        switch Month.parse(text) {
        case .success(let month): return month
        case .failure(let problem): throw AssayFailure.usage("\(option) \(text): \(problem.reason).")
        }
    }

    /// The same, defaulting to `fallback` (the session's month) when nothing was typed.
    static func parse(_ text: String?, default fallback: Month, option: String) throws -> Month {
        guard let text else { return fallback }
        return try parse(text, option: option)
    }
}
