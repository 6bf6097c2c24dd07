import AssayAudits
import AssayCore
import AssayOutput
import AssayReports
import AssayStore
import ArgumentParser

/// `report actions`: what happened to the actions audits raised, team by team — raised, done
/// on time, done late, cancelled, open, overdue, median days to completion — then the oldest
/// overdue actions, cases by pseudonym unless a lead's logged `--reveal` (docs/actions.md).
struct ReportActionsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions", abstract: "Actions by team: raised, done on time or late, open, overdue, median days to completion.",
        discussion: """
            Overdue: open and due before --as-of (default today, UTC). Then the oldest overdue actions, \
            cases by pseudonym; --reveal (lead only, logged) shows case ids. See docs/actions.md.
            """)

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date overdue is judged at (default today).", valueName: DateOption.valueName))
    var asOf: CalendarDate?

    @Option(help: ArgumentHelp("Only this team.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("How many of the oldest overdue actions to list.", valueName: "n"))
    var oldest = 10

    @OptionGroup var reveal: RevealOptions

    @OptionGroup var output: OutputOptions
    @OptionGroup var publicVersion: PublicOptions

    func execute(in session: Session) throws {
        let store = try session.existingStore()
        try reveal.check(store)
        guard oldest >= 0 else { throw AssayFailure("--oldest \(oldest): give 0 or more.") }
        let date = asOf ?? session.today
        let team = try self.team.map(store.resolveTeam)
        let report = ActionsReport(actions: try store.actions(ActionFilter(team: team)), asOf: date, limit: oldest)
        let labels = try reveal.labels(store, report: "actions", arguments: arguments)
        let teamColumns = [Column("team"), Column("raised"), Column("on_time", "on time"), Column("late"), Column("cancelled"),
                           Column("open"), Column("overdue"), Column("median_days", "median days")]
        let rows = report.teams + (report.teams.count > 1 ? [report.total].compactMap { $0 } : [])
        let overdueColumns = [Column("action_id", "action"), Column("audit_id", "audit"), Column("case"), Column("team"), Column("owner"),
                              Column("due"), Column("days_overdue", "days over"), Column("what")]
        if let rule = publicVersion.suppression {
            guard output.format != .json else { throw AssayFailure("report actions --public: give --format table, markdown or csv.") }
            try writePublic(report, rows: rows, columns: teamColumns, date: date, team: team, rule: rule, in: session)
            return
        }
        if output.format == .table || output.format == .markdown {
            session.write("Actions by team\(team.map { ", \($0)" } ?? ""), as of \(date)\n\n")
            guard !report.teams.isEmpty else {
                session.write("No actions\(team.map { " for \($0)" } ?? "").\n")
                return
            }
            session.emit(Listing(columns: teamColumns, rows: rows.map(teamCells)), as: output)
            session.write("\nOldest overdue actions (\(report.oldestOverdue.count) of \(report.overdueCount))\n")
            if !report.oldestOverdue.isEmpty {
                session.write(labels.notice + "\n\n")
                session.emit(Listing(columns: overdueColumns, rows: report.oldestOverdue.map { overdueCells($0, labels: labels) }), as: output)
            }
            session.write(ReportCells.footnotes(report.footnotes))
            return
        }
        if output.format == .csv {
            // One table, one value a cell: the teams (and all teams) by row. The oldest overdue,
            // which name cases, are in the table and JSON (docs/json.md, "Reports in CSV").
            session.emit(Listing(columns: [Column("as_of"), Column("level")] + teamColumns, rows: rows.enumerated().map { n, row in
                [.text(date.description), .text(n < report.teams.count ? "team" : "authority")] + teamCells(row)
            }), as: output)
            return
        }
        session.emit(Listing(record: [
            (Column("as_of"), .text(date.description)),
            (Column("teams"), .list(rows.map { row in .group(zip(teamColumns, teamCells(row)).map { GroupField($0.key, $1) }) })),
            (Column("overdue_count"), .int(report.overdueCount)),
            (Column("oldest_overdue"), .list(report.oldestOverdue.map { a in
                .group(zip(overdueColumns, overdueCells(a, labels: labels)).map { GroupField($0.key, $1) })
            })),
        ]), as: output)
    }

    /// The public version: the teams' counts with SmallCountSuppression (on time, late,
    /// cancelled and open add up to raised in each row and to the authority's in each
    /// column; overdue is a share of open), a median hidden with a hidden or small raised
    /// count, and no list of overdue actions (they name cases and owners).
    private func writePublic(_ report: ActionsReport, rows: [ActionsReport.TeamRow], columns: [Column], date: CalendarDate,
                             team: String?, rule: SmallCountSuppression, in session: Session) throws {
        let teams = report.teams
        let hidden = report.hidden(by: rule)
        let hasTotal = rows.count > teams.count
        var cells = rows.map(teamCells)
        for (i, row) in hidden.teams.enumerated() {
            for (j, hide) in row.columns.enumerated() where hide { cells[i][1 + j] = .text(SmallCountSuppression.marker) }
        }
        if hasTotal {
            for (j, hide) in hidden.total.columns.enumerated() where hide { cells[cells.count - 1][1 + j] = .text(SmallCountSuppression.marker) }
        }
        if output.format == .csv {
            session.emit(Listing(columns: [Column("as_of"), Column("level")] + columns, rows: cells.enumerated().map { n, row in
                [.text(date.description), .text(n < teams.count ? "team" : "authority")] + row
            }), as: output)
            return
        }
        session.write("Actions by team\(team.map { ", \($0)" } ?? ""), as of \(date)\n\n")
        guard !teams.isEmpty else {
            session.write("No actions\(team.map { " for \($0)" } ?? "").\n")
            return
        }
        session.emit(Listing(columns: columns, rows: cells), as: output)
        session.write("\nThe oldest overdue actions are not listed in a public version: they name cases and their owners.\n")
        session.write(ReportCells.footnotes(report.footnotes))
        session.write("\n" + rule.statement + "\n")
    }

    private func teamCells(_ row: ActionsReport.TeamRow) -> [Cell] {
        [.text(row.team), .int(row.raised), .int(row.onTime), .int(row.late), .int(row.cancelled), .int(row.open), .int(row.overdue),
         row.medianDaysToCompletion.map { .number($0, decimals: 1) } ?? .null]
    }

    private func overdueCells(_ item: ActionsReport.OverdueAction, labels: CaseLabels) -> [Cell] {
        let a = item.action
        return [.int(Int(a.id)), .int(Int(a.auditID)), .text(labels.label(a.caseID)), .text(a.team), .text(a.owner),
                .text(a.due.description), .int(item.daysOverdue), .text(a.what)]
    }

    /// The command's options as given, for the reveal log.
    var arguments: [String] {
        var words: [String] = []
        if let asOf { words += ["--as-of", asOf.description] }
        if let team { words += ["--team", team] }
        words += ["--oldest", String(oldest)]
        words += reveal.words
        return words + ["--format", output.format.rawValue]
    }
}
