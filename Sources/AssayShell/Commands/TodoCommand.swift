import AssayAudits
import AssayCore
import AssayOutput
import ArgumentParser

/// `todo`: my cases to audit, in every month, soonest due first — what an auditor would
/// otherwise piece together from `sample --mine` month by month, and miss the month before.
struct TodoCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo", abstract: "List your cases to audit in every month, soonest due first.",
        discussion: """
            Your drawn cases not yet submitted, in every month, with their due dates and how many \
            days overdue; then your audits in progress outside the draw (ad-hoc, re-audits), which \
            have no due date. Yours means the audit's auditor once it has started, else the one \
            `assign` gave it to. See docs/assignment.md.
            """)

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Count overdue days as of this date (default today).", valueName: DateOption.valueName))
    var asOf: CalendarDate?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let today = asOf ?? session.today
        let work = try session.store().openWork(auditor: session.identity.name).sorted(by: Self.soonestDueFirst)
        session.emit(Listing(
            columns: [Column("month"), Column("case_id"), Column("team"), Column("locality"), Column("service"),
                      Column("status"), Column("due"), Column("days_overdue"), Column("audit_id"), Column("origin")],
            rows: work.map { c in
                [.text(c.month.description), .text(c.caseID), .text(c.team), .text(c.locality), .optional(c.service),
                 .text(c.progress), .optional(c.due?.description), c.daysOverdue(on: today).map(Cell.int) ?? .null,
                 c.auditID.map { .int(Int($0)) } ?? .null, .text(c.origin.rawValue)]
            }), as: output)
        guard output.format == .table else { return }
        if work.isEmpty {
            session.write("\nNothing to audit: no open cases are yours.\n")
            return
        }
        let overdue = work.filter { $0.daysOverdue(on: today) != nil }.count
        let overdueNote = overdue == 0 ? "" : ", \(overdue) overdue"
        session.write("\n\(work.count) \(work.count == 1 ? "case" : "cases") to audit\(overdueNote). Go on with: audit CASE_ID\n")
    }

    /// Soonest due first; work with no due date last; then by month, team and case id.
    static func soonestDueFirst(_ a: CaseToAudit, _ b: CaseToAudit) -> Bool {
        switch (a.due, b.due) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return (a.month, a.team, a.caseID) < (b.month, b.team, b.caseID)
        }
    }
}
