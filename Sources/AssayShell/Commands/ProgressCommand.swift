import AssayAudits
import AssayCore
import AssayOutput
import AssayStore
import ArgumentParser

/// `progress [MONTH]`: how far each auditor has got with a month's drawn cases — the QA
/// lead's view for chasing; `--chase` lists the cases to chase, one a row, as CSV for a mail
/// merge.
struct ProgressCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "How far each auditor has got with a month's cases; --chase lists overdue and stale ones.",
        discussion: """
            Per auditor: cases assigned, not started, in progress, submitted, overdue (not \
            submitted and past the due date) and stale (in progress, untouched for the stale-days \
            setting's days). --chase lists each overdue or stale case with its auditor, in every \
            month unless MONTH is given; --format csv makes it a mail-merge source. See docs/assignment.md.
            """)

    @Argument(help: ArgumentHelp("The month (default the current month; with --chase, every month).", valueName: "yyyy-mm"))
    var month: Month?

    @Flag(help: "List the overdue and stale cases, one a row, instead of the tally per auditor.")
    var chase = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Count overdue and stale days as of this date (default today).", valueName: DateOption.valueName))
    var asOf: CalendarDate?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let store = try session.store()
        let today = asOf ?? session.today
        let staleDays = try store.value(of: .staleDays)
        let chosen = month
        if let chosen, try !store.hasDraw(month: chosen) { throw store.noDrawYet(chosen) }
        if chase {
            try listCasesToChase(store, month: chosen, today: today, staleDays: staleDays, in: session)
        } else {
            let month = chosen ?? session.month
            if try !store.hasDraw(month: month) { throw store.noDrawYet(month) }
            try tally(store, month: month, today: today, staleDays: staleDays, in: session)
        }
    }

    private func tally(_ store: Store, month: Month, today: CalendarDate, staleDays: Int, in session: Session) throws {
        // A case set aside is nobody's work: it is counted apart, not in anyone's row.
        let drawn = try store.drawnCasesToAudit(month: month)
        let cases = drawn.filter { !$0.isSetAside }
        let setAside = drawn.count - cases.count
        let rows = AuditorProgress.tally(cases, on: today, staleDays: staleDays)
        session.emit(Listing(
            columns: [Column("auditor"), Column("assigned"), Column("not_started"), Column("in_progress"), Column("submitted"),
                      Column("overdue"), Column("stale"), Column("next_due")],
            rows: rows.map { r in
                [.optional(r.auditor), .int(r.assigned), .int(r.notStarted), .int(r.inProgress), .int(r.submitted),
                 .int(r.overdue), .int(r.stale), .optional(r.nextDue?.description)]
            }), as: output)
        guard output.format == .table else { return }
        let submitted = rows.reduce(0) { $0 + $1.submitted }
        let overdue = rows.reduce(0) { $0 + $1.overdue }
        let stale = rows.reduce(0) { $0 + $1.stale }
        var text = "\n\(month) as of \(today): \(cases.count) \(cases.count == 1 ? "case" : "cases"), \(submitted) submitted, "
            + "\(overdue) overdue (past the due date, not submitted), \(stale) stale (in progress, untouched \(staleDays) days or more).\n"
        if let unassigned = rows.first(where: { $0.auditor == nil }) {
            text += "The row without an auditor: \(unassigned.assigned) \(unassigned.assigned == 1 ? "case" : "cases") not assigned yet"
            text += try store.myRole() == .lead ? " (assign \(month) --auditors NAMES).\n" : ".\n"
        }
        if setAside > 0 {
            text += "\(setAside) drawn \(setAside == 1 ? "case is" : "cases are") set aside, not to be audited (set-aside --list \(month)).\n"
        }
        if overdue + stale > 0 { text += "progress \(month) --chase --format csv lists them for a mail merge.\n" }
        session.write(text)
    }

    private func listCasesToChase(_ store: Store, month: Month?, today: CalendarDate, staleDays: Int, in session: Session) throws {
        let cases = try store.drawnCasesToAudit(month: month, openOnly: true)
            .filter { $0.auditor != nil && ($0.daysOverdue(on: today) != nil || $0.isStale(on: today, staleDays: staleDays)) }
            .sorted { ($0.auditor!.lowercased(), $0.month, $0.caseID) < ($1.auditor!.lowercased(), $1.month, $1.caseID) }
        session.emit(Listing(
            columns: [Column("auditor"), Column("case_id"), Column("month"), Column("team"), Column("status"), Column("due"),
                      Column("days_overdue"), Column("last_touched"), Column("days_untouched"), Column("audit_id")],
            rows: cases.map { c in
                [.optional(c.auditor), .text(c.caseID), .text(c.month.description), .text(c.team), .text(c.progress),
                 .optional(c.due?.description), c.daysOverdue(on: today).map(Cell.int) ?? .null,
                 .optional(c.lastTouched?.description), c.daysUntouched(on: today).map(Cell.int) ?? .null,
                 c.auditID.map { .int(Int($0)) } ?? .null]
            }), as: output)
        guard output.format == .table else { return }
        let auditors = Set(cases.compactMap { $0.auditor?.lowercased() }).count
        session.write("\n\(cases.count) \(cases.count == 1 ? "case" : "cases") to chase\(auditors == 0 ? "" : " with \(auditors) \(auditors == 1 ? "auditor" : "auditors")")"
                      + "\(month.map { " in \($0)" } ?? ""), as of \(today): overdue (past the due date, not submitted) or stale (in progress, untouched \(staleDays) days or more).\n")
    }
}
