import Foundation

/// The day Assay measures deadlines against: whether an assignment is overdue, how long an
/// audit has lain untouched, which month's work the shell opens on.
///
/// Today in UTC, as every timestamp Assay stores. `$ASSAY_TODAY` (`YYYY-MM-DD`) replaces it
/// **for testing only**: tests of "overdue" and "stale" need a fixed day, and a real user
/// has no reason to set it (it changes what is shown, never what is stored). A value that is
/// not a date is ignored, and so is the variable itself when Assay runs set-group-id
/// (`ProcessPrivilege.trusted`): an auditor could otherwise make their work look on time.
public enum Today {
    public static func date(environment: [String: String] = ProcessInfo.processInfo.environment) -> CalendarDate {
        if let fixed = ProcessPrivilege.trusted(environment)["ASSAY_TODAY"], let date = CalendarDate(parsing: fixed) { return date }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
