import ArgumentParser
import AssayReports
import AssayStore

/// `--reveal`: case ids instead of pseudonyms in a report that lists cases — a lead's only,
/// and every reveal logged with the command that asked (docs/reports.md). One definition for
/// the reports that take it (`report actions`, `drift`, `evidence`, `team`).
struct RevealOptions: ParsableArguments {
    @Flag(help: "Show case ids instead of pseudonyms (lead only; every reveal is logged).")
    var reveal = false

    /// Refuses a reveal by anyone but a lead: called before the report reads anything.
    func check(_ store: Store) throws {
        if reveal { try store.requireRevealAllowed() }
    }

    /// How the report names cases: ids, the reveal logged with the command's `arguments`,
    /// else pseudonyms.
    func labels(_ store: Store, report: String, arguments: [String]) throws -> CaseLabels {
        try store.caseLabels(reveal: reveal, report: report, arguments: arguments)
    }

    /// `--reveal` when given, for the command's words in the log.
    var words: [String] { reveal ? ["--reveal"] : [] }
}
