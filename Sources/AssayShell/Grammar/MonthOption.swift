import AssayCore

/// Every month typed on a command line (`month`, `--month`, `--from`, `--to`, `assign MONTH`,
/// `sample MONTH`, …) is read here, by `Month.parse`, so each says exactly what is wrong:
/// `month 2026-13: there is no month 13; months run from 01 to 12.`
enum MonthOption {
    /// The month `text` names; `option` is how the message names where it was typed.
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
