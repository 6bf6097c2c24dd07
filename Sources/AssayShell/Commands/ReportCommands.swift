import AssayAudits
import AssayCore
import AssayOutput
import AssayReports
import AssayStatistics
import ArgumentParser

/// `report rates|trend`: what leaders and scrutiny read (docs/reports.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leaders and scrutiny: rates, trends, funnel, domains, evidence, a team's page, HTML.",
        subcommands: [ReportRatesCommand.self, ReportTrendCommand.self, ReportFunnelCommand.self, ReportDomainsCommand.self, ReportAgreementCommand.self, ReportHTMLCommand.self,
                      ReportEvidenceCommand.self, ReportTeamCommand.self, ReportActionsCommand.self, ReportDriftCommand.self])
}

/// The period options shared by the reports.
struct ReportPeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("One month (default: the latest month with audits).", valueName: "yyyy-mm"))
    var month: String?

    @Option(help: ArgumentHelp("The first month of a range (with --to).", valueName: "yyyy-mm"))
    var from: String?

    @Option(help: ArgumentHelp("The last month of a range (with --from).", valueName: "yyyy-mm"))
    var to: String?

    /// `--month M`, `--from M --to M`, or (neither) the latest month with audits.
    func period(_ session: Session, command: String) throws -> ReportPeriod {
        switch (month, from, to) {
        case (let month?, nil, nil): return ReportPeriod(month: try self.month(month, option: "--month"))
        case (nil, let from?, let to?): return try ReportPeriod(from: self.month(from, option: "--from"), to: self.month(to, option: "--to"))
        case (nil, nil, nil): return ReportPeriod(month: try Self.defaultMonth(session))
        default: throw AssayFailure("\(command): give --month M, or --from M and --to M together.")
        }
    }

    /// The latest month with audits, or the session's month when there are none.
    static func defaultMonth(_ session: Session) throws -> Month {
        try session.existingStore().latestReportedMonth() ?? session.month
    }

    func month(_ text: String, option: String) throws -> Month {
        guard let month = Month(text) else { throw AssayFailure("\(option) \(text): write it as YYYY-MM.") }
        return month
    }
}

/// `--by`, for the reports that break down by group.
struct ReportGroupingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Break down by team, locality, service, or team,locality.", valueName: "field"))
    var by: String?

    func grouping() throws -> ReportGrouping? { try by.map(ReportGrouping.init(parsing:)) }
}

struct ReportRatesCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "The inadequate rate with its standard error and 95% interval, for the authority and each group.",
        discussion: "One month (--month), or a range pooled into one design (--from and --to). See docs/reports.md.")

    @OptionGroup var options: ReportPeriodOptions
    @OptionGroup var groups: ReportGroupingOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let period = try options.period(session, command: "report rates")
        var report = try RatesReport(audits: try session.existingStore().reportedAudits(from: period.from, through: period.to, domainGrades: false),
                                     period: period, grouping: try groups.grouping())
        report.openChallenges = try session.existingStore().challenges(ChallengeFilter(openOnly: true))
            .filter { period.from <= $0.month && $0.month <= period.to }.count
        let people = output.format == .table || output.format == .markdown
        var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
        columns += [Column("group"), Column("audited"), Column("inadequate"), Column("rate"), Column("se"),
                    Column("ci_low"), Column("ci_high"), Column("ci_method"), Column("pooled_rate")]
        let rows = report.rows.map { row -> [Cell] in
            let e = row.estimate
            var cells: [Cell] = period.isOneMonth ? [.text(period.from.description)] : [.text(period.from.description), .text(period.to.description)]
            cells += [ReportCells.group(row.group, forPeople: people), .int(e.audited), .int(e.inadequate),
                      .number(e.rate, decimals: 3), .number(e.standardError, decimals: 3),
                      .number(e.ciLow, decimals: 3), .number(e.ciHigh, decimals: 3), .text(e.ciMethod.rawValue),
                      row.pooledRate.map { .number($0, decimals: 3) } ?? .null]
            return cells
        }
        if people {
            session.write("Inadequate rate, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n\n")
        }
        guard !report.rows.isEmpty || !people else {
            session.write("No submitted audits of drawn cases in \(period).\n")
            return
        }
        session.emit(Listing(columns: columns, rows: rows), as: output)
        if people { session.write(ReportCells.footnotes(report.footnotes)) }
    }
}

struct ReportTrendCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "Direction of travel over a window of months: improving, worsening or no clear change.",
        discussion: "The window ends at --to (default: the latest month with audits) and spans --months months. See docs/reports.md.")

    @Option(help: ArgumentHelp("Break down by team, locality, service, or team,locality.", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Months in the window.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The last month of the window (default: the latest month with audits).", valueName: "yyyy-mm"))
    var to: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        guard months >= 2 else { throw AssayFailure("--months \(months): a trend needs at least 2 months.") }
        let end = try to.map { text -> Month in
            guard let month = Month(text) else { throw AssayFailure("--to \(text): write it as YYYY-MM.") }
            return month
        } ?? ReportPeriodOptions.defaultMonth(session)
        let period = try ReportPeriod(from: end.adding(months: -(months - 1)), to: end)
        let counts = try session.existingStore().rawCounts(from: period.from, through: period.to,
                                                           grouping: try by.map(ReportGrouping.init(parsing:)))
        let report = TrendReport(counts: counts, period: period)
        let people = output.format == .table || output.format == .markdown
        if people {
            session.write("Direction of travel, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n\n")
            guard !report.rows.isEmpty else {
                session.write("No audits in \(period).\n")
                return
            }
            session.emit(Listing(
                columns: [Column("group"), Column("months"), Column("audited"), Column("inadequate"), Column("first", "first month"),
                          Column("last", "last month"), Column("chi2"), Column("p_value", "p"), Column("p_adjusted", "p adj"), Column("direction")],
                rows: report.rows.map { row in
                    let first = row.months.first, last = row.months.last
                    return [.text(row.group.description), .int(row.months.count), .int(row.months.reduce(0) { $0 + $1.audited }),
                            .int(row.months.reduce(0) { $0 + $1.inadequate }),
                            .text(first.map { "\($0.month) \($0.inadequate)/\($0.audited)" } ?? ""),
                            .text(last.map { "\($0.month) \($0.inadequate)/\($0.audited)" } ?? ""),
                            row.test.chiSquared.map { .number($0, decimals: 2) } ?? .null,
                            ReportCells.pValue(row.test.pValue), ReportCells.pValue(row.adjustedPValue),
                            .text(row.test.direction.rawValue)]
                }), as: output)
            session.write(ReportCells.footnotes(report.footnotes))
            return
        }
        session.emit(Listing(
            columns: [Column("from"), Column("to"), Column("group"), Column("months"), Column("chi2"), Column("p_value"), Column("p_adjusted"), Column("direction")],
            rows: report.rows.map { row in
                [.text(period.from.description), .text(period.to.description), ReportCells.group(row.group, forPeople: false),
                 .list(row.months.map { m in
                     .group([GroupField("month", .text(m.month.description)), GroupField("audited", .int(m.audited)),
                             GroupField("inadequate", .int(m.inadequate)), GroupField("rate", .number(Double(m.inadequate) / Double(m.audited), decimals: 3))])
                 }),
                 row.test.chiSquared.map { .number($0, decimals: 2) } ?? .null,
                 row.test.pValue.map { .number($0, decimals: 4) } ?? .null,
                 row.adjustedPValue.map { .number($0, decimals: 4) } ?? .null,
                 .text(row.test.direction.rawValue)]
            }), as: output)
    }
}

/// Cells and notes the reports share.
enum ReportCells {
    /// `{"team": "CP North"}` (`{}` for the authority) for programs; "CP North" or
    /// "Authority" for people.
    static func group(_ group: ReportGroup, forPeople: Bool) -> Cell {
        forPeople ? .text(group.description) : .group(group.values.map { GroupField($0.field, .text($0.value)) })
    }

    /// p to four places for people, "<0.0001" below that (never a misleading 0.0000).
    static func pValue(_ p: Double?) -> Cell {
        guard let p else { return .null }
        return p < 0.0001 ? .text("<0.0001") : .number(p, decimals: 4)
    }

    static func footnotes(_ notes: [String]) -> String {
        "\n" + notes.map { "  · \($0)\n" }.joined()
    }
}
