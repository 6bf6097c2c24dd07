import AssayAudits
import AssayCore
import AssayOutput
import AssayReports
import ArgumentParser

/// `report rates`: the inadequate rate of the authority and each group, weighted, with its
/// interval and raw counts (docs/reports.md).
///
/// Three shapes of one report: for people (table, Markdown) whole percentages, counts under
/// ten audits and the interval in one readable cell; for spreadsheets (CSV) one value a cell
/// with the group named in its own columns; for programs (JSON) the group as an object.
struct ReportRatesCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "The inadequate rate with its standard error and 95% interval, for the authority and each group.",
        discussion: "One month (--month), or a range pooled into one design (--from and --to). See docs/reports.md.")

    @OptionGroup var options: ReportPeriodOptions
    @OptionGroup var groups: ReportGroupingOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var publicVersion: PublicOptions

    func execute(in session: Session) throws {
        let period = try options.period(session, command: "report rates")
        var report = try RatesReport(audits: try session.existingStore().reportedAudits(from: period.from, through: period.to, domainGrades: false),
                                     period: period, grouping: try groups.grouping())
        report.openChallenges = try session.existingStore().challenges(ChallengeFilter(openOnly: true))
            .filter { period.from <= $0.month && $0.month <= period.to }.count
        switch output.format {
        case .table, .markdown:
            session.write("Inadequate rate, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n\n")
            guard !report.rows.isEmpty else {
                session.write("No submitted audits of drawn cases in \(period).\n")
                return
            }
            session.emit(suppressed(forPeople(report), report), as: output)
            session.write(ReportCells.footnotes(report.footnotes))
            if let rule = publicVersion.suppression { session.write("\n" + rule.statement + "\n") }
        case .csv:
            session.emit(suppressed(tidy(report), report), as: output)
        case .json:
            session.emit(suppressed(forPrograms(report), report), as: output)
        }
    }

    /// Whole percentages, "1 of 3" under ten audits, the interval as "2% to 23%" and the
    /// rule that gave it after it; no standard error (JSON and CSV have it).
    func forPeople(_ report: RatesReport) -> Listing {
        var columns = [Column("group"), Column("audited"), Column("inadequate"), Column("rate"),
                       Column("interval", "95% interval"), Column("ci_method", "interval method")]
        if report.grouping != nil { columns.append(Column("pooled_rate", "pooled rate")) }
        return Listing(columns: columns, rows: report.rows.map { row in
            let e = row.estimate
            var cells: [Cell] = [.text(row.group.description), .int(e.audited), .int(e.inadequate),
                                 .text(ShareText.rate(e.rate, inadequate: e.inadequate, audited: e.audited)),
                                 .text(ShareText.interval(e.ciLow, e.ciHigh)), .text(e.ciMethod.rawValue)]
            if report.grouping != nil { cells.append(ReportCells.percent(row.pooledRate)) }
            return cells
        })
    }

    /// The public version (--public): each group's audited and inadequate counts and every
    /// figure made from its rate shown as [c] where SmallCountSuppression hides them; the
    /// authority's row is the groups' total. The internal version is returned unchanged.
    func suppressed(_ listing: Listing, _ report: RatesReport) -> Listing {
        guard let rule = publicVersion.suppression else { return listing }
        let total = report.rows.first { $0.group.isAuthority }.map { (k: $0.estimate.inadequate, n: $0.estimate.audited) } ?? (k: 0, n: 0)
        return rule.mask(listing, groups: report.rows.map(\.group), counts: report.rows.map { (k: $0.estimate.inadequate, n: $0.estimate.audited) },
                         total: total, rates: ["rate", "se", "ci_low", "ci_high", "interval", "pooled_rate"])
    }

    /// One row per group, one value per cell (docs/json.md, "Reports in CSV").
    func tidy(_ report: RatesReport) -> Listing {
        let period = report.period
        var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
        columns += ReportCells.tidyGroupColumns(report.grouping) + Self.figureColumns
        return Listing(columns: columns, rows: report.rows.map { row in
            periodCells(period) + ReportCells.tidyGroupCells(row.group, report.grouping) + Self.figures(row)
        })
    }

    /// Rows with `group` as an object (docs/json.md).
    func forPrograms(_ report: RatesReport) -> Listing {
        let period = report.period
        var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
        columns += [Column("group")] + Self.figureColumns
        return Listing(columns: columns, rows: report.rows.map { row in
            periodCells(period) + [ReportCells.group(row.group, forPeople: false)] + Self.figures(row)
        })
    }

    private func periodCells(_ period: ReportPeriod) -> [Cell] {
        period.isOneMonth ? [.text(period.from.description)] : [.text(period.from.description), .text(period.to.description)]
    }

    static let figureColumns = [Column("audited"), Column("inadequate"), Column("rate"), Column("se"), Column("ci_low"), Column("ci_high"),
                                Column("ci_method"), Column("pooled_rate")]

    static func figures(_ row: RatesReport.Row) -> [Cell] {
        let e = row.estimate
        return [.int(e.audited), .int(e.inadequate), .number(e.rate, decimals: 3), .number(e.standardError, decimals: 3),
                .number(e.ciLow, decimals: 3), .number(e.ciHigh, decimals: 3), .text(e.ciMethod.rawValue),
                row.pooledRate.map { .number($0, decimals: 3) } ?? .null]
    }
}
