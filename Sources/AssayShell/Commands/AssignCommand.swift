import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser

/// `assign MONTH --auditors A,B,C`: shares the month's drawn cases out to auditors (lead
/// only), round robin within team and never to an auditor of the case's own team. The rule
/// is in docs/assignment.md; auditors then find their cases with `sample --mine`.
struct AssignCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Share the month's drawn cases out to auditors (lead only).",
        discussion: """
            Teams in order, cases by id within a team, one auditor after another across all \
            teams; an auditor is skipped for cases of the team recorded for them in `people`. \
            Run it again to re-share: a case whose audit has started keeps its auditor. \
            Each case is due by --due DATE, else (new cases) the month's last day plus the \
            due-days setting (`settings`); a re-run without --due keeps each case's date. \
            See docs/assignment.md.
            """)

    @Argument(help: ArgumentHelp("The month whose draw to share out.", valueName: "yyyy-mm"))
    var month: Month

    @Option(help: ArgumentHelp("The auditors, comma-separated, as named in `people`.", valueName: "names"))
    var auditors: String

    @Option(help: ArgumentHelp("The day every case of the month is to be submitted by (default: the month's last day plus the due-days setting).", valueName: DateOption.valueName))
    var due: CalendarDate?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let parsed = month
        let names = auditors.split(separator: ",").map { String($0) }
        let shared = try session.store().assign(month: parsed, auditors: names, due: due, today: session.today)
        session.emit(Listing(
            columns: [Column("auditor"), Column("own_team"), Column("cases"), Column("started"), Column("due"), Column("teams"), Column("case_ids")],
            rows: shared.map { s in
                [.text(s.auditor), .optional(s.team), .int(s.caseIDs.count), .int(s.started),
                 .list(s.due.map { .text($0.description) }), .list(s.teams.map(Cell.text)), .list(s.caseIDs.map(Cell.text))]
            }), as: output)
        if output.format == .table {
            let total = shared.reduce(0) { $0 + $1.caseIDs.count }
            let named = names.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            let kept = shared.reduce(0) { $0 + $1.started }
            let keptNote = kept == 0 ? "" : " \(kept) already started \(kept == 1 ? "stays" : "stay") with \(kept == 1 ? "its" : "their") auditor."
            let dues = Set(shared.flatMap(\.due)).sorted()
            let dueNote = dues.count == 1 ? ", due \(dues[0])" : dues.isEmpty ? "" : ", due \(dues.first!) to \(dues.last!)"
            session.write("\nShared \(total) \(total == 1 ? "case" : "cases") of \(parsed) among \(named) \(named == 1 ? "auditor" : "auditors")\(dueNote).\(keptNote)\n")
        }
    }
}
