import AssayCore
import AssayOutput
import AssayReports
import AssayStatistics
import ArgumentParser
import Foundation

/// `report funnel`: which teams' (or localities') inadequate rates are surprising for their
/// number of audits, against exact binomial limits around the authority rate, and against
/// limits inflated for over-dispersion when the teams vary more than chance allows
/// (docs/reports.md).
struct ReportFunnelCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel", abstract: "Funnel plot of team rates against audits: exact 95% and 99.8% limits, and which flag each team.",
        discussion: "Raw counts over --months months ending at --to (default: the latest month with audits). See docs/reports.md.")

    @Option(help: ArgumentHelp("Compare teams, localities, or team,locality.", valueName: "field"))
    var by = "team"

    @Option(help: ArgumentHelp("Months in the window.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The last month of the window (default: the latest month with audits).", valueName: "yyyy-mm"))
    var to: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        guard months >= 1 else { throw AssayFailure("--months \(months): the window needs at least 1 month.") }
        let grouping = try ReportGrouping(parsing: by)
        try FunnelReport.check(grouping)
        let end = try to.map { text -> Month in
            guard let month = Month(text) else { throw AssayFailure("--to \(text): write it as YYYY-MM.") }
            return month
        } ?? ReportPeriodOptions.defaultMonth(session)
        let period = try ReportPeriod(from: end.adding(months: -(months - 1)), to: end)
        let report = try FunnelReport(counts: try session.existingStore().rawCounts(from: period.from, through: period.to, grouping: grouping),
                                      period: period)
        let people = output.format == .table || output.format == .markdown
        if people {
            session.write("Funnel plot by \(grouping), \(period)\n")
            guard let target = report.target else {
                session.write("\nNo audits in \(period).\n")
                return
            }
            session.write("Authority rate \(Self.decimal(target, 3)) (\(report.inadequate) of \(report.audited) audits inadequate); ")
            if let od = report.plot?.overdispersion {
                session.write("φ = \(Self.decimal(od.phi, 2)), \(od.isOverdispersed ? "over-dispersed" : "not over-dispersed") "
                              + "(p \(od.pValue < 0.0001 ? "<0.0001" : Self.decimal(od.pValue, 4)))\(od.isOverdispersed ? ": inflated limits shown" : "").\n\n")
            } else {
                session.write("φ not estimated (fewer than two groups, or a rate of 0 or 1).\n\n")
            }
        }
        guard !report.rows.isEmpty || !people else { return }
        let inflated = report.isOverdispersed
        var columns = people ? [] : [Column("from"), Column("to")]
        columns += [Column("group"), Column("audited"), Column("inadequate"), Column("rate")]
        if !people { columns.append(Column("target")) }
        columns += [Column("lower_998", "99.8% low"), Column("lower_95", "95% low"), Column("upper_95", "95% high"), Column("upper_998", "99.8% high")]
        if !people || inflated {
            columns += [Column("inflated_lower_998", "infl 99.8% low"), Column("inflated_lower_95", "infl 95% low"),
                        Column("inflated_upper_95", "infl 95% high"), Column("inflated_upper_998", "infl 99.8% high")]
        }
        columns.append(Column("flag"))
        if !people || inflated { columns.append(Column("flag_inflated", "inflated flag")) }
        if !people { columns += [Column("phi"), Column("overdispersed")] }
        func limit(_ value: Double?) -> Cell { value.map { .number($0, decimals: 3) } ?? .null }
        let rows = report.rows.map { row -> [Cell] in
            let team = row.funnel, limits = team.limits
            var cells: [Cell] = people ? [] : [.text(period.from.description), .text(period.to.description)]
            cells += [ReportCells.group(row.group, forPeople: people), .int(team.audits), .int(team.inadequate), .number(team.rate, decimals: 3)]
            if !people { cells.append(limit(report.target)) }
            cells += [limit(limits.exact998.lower), limit(limits.exact95.lower), limit(limits.exact95.upper), limit(limits.exact998.upper)]
            if !people || inflated {
                cells += [limit(limits.inflated998?.lower), limit(limits.inflated95?.lower), limit(limits.inflated95?.upper), limit(limits.inflated998?.upper)]
            }
            cells.append(.text(team.exact.rawValue))
            if !people || inflated { cells.append(team.inflated.map { .text($0.rawValue) } ?? .null) }
            if !people { cells += [report.phi.map { .number($0, decimals: 3) } ?? .null, .bool(report.isOverdispersed)] }
            return cells
        }
        session.emit(Listing(columns: columns, rows: rows), as: output)
        if people { session.write(ReportCells.footnotes(report.footnotes)) }
    }

    static func decimal(_ value: Double, _ places: Int) -> String {
        value.formatted(.number.precision(.fractionLength(places)).grouping(.never))
    }
}
