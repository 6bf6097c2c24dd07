import AssayCore
import AssayOutput
import AssayReports
import ArgumentParser

/// `report trend`: the direction of travel of the authority and each group over a window of
/// months (docs/reports.md).
///
/// For people, each row shows what the test saw — its first and last months pooled, not one
/// month at each end — and `--wide` gives every month as "k of n", a group × month table a
/// board paper can paste. For spreadsheets the CSV is long, one row per group and month.
struct ReportTrendCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "Direction of travel over a window of months: improving, worsening or no clear change.",
        discussion: """
            The window ends at --to (default: the latest month with audits) and spans --months months. \
            --wide: one column per month (k of n), for a paper or a spreadsheet. See docs/reports.md.
            """)

    @Option(help: ArgumentHelp("Break down by team, locality, service, or team,locality.", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Months in the window.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The last month of the window (default: the latest month with audits).", valueName: "yyyy-mm"))
    var to: Month?

    @Flag(help: "One column per month of the window: k of n for people; inadequate and audited columns in CSV.")
    var wide = false

    @OptionGroup var publicVersion: PublicOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        guard months >= 2 else { throw AssayFailure("--months \(months): a trend needs at least 2 months.") }
        if wide && output.format == .json {
            throw AssayFailure("--wide is a table for people and spreadsheets (table, markdown or csv); JSON has every month already.")
        }
        let end = try to ?? ReportPeriodOptions.defaultMonth(session)
        let period = try ReportPeriod(from: end.adding(months: -(months - 1)), to: end)
        let counts = try session.existingStore().rawCounts(from: period.from, through: period.to,
                                                           grouping: try by.map(ReportGrouping.init(parsing:)))
        let report = TrendReport(counts: counts, period: period)
        let rule = publicVersion.suppression
        let byMonth = rule.map { report.hidden(by: $0, columns: period.months.map { [$0] }) }
        switch output.format {
        case .table, .markdown:
            let ends = TrendEnds(period)
            session.write("Direction of travel, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n")
            if !wide { session.write("The \(ends.firstLabel): \(ends.first); the \(ends.lastLabel): \(ends.last)\n") }
            session.write("\n")
            guard !report.rows.isEmpty else {
                session.write("No audits in \(period).\n")
                return
            }
            session.emit(wide ? monthByMonth(report, hidden: byMonth)
                         : forPeople(report, ends: ends, hidden: rule.map { report.hidden(by: $0, columns: ends.columns(period)) }), as: output)
            session.write(ReportCells.footnotes(report.footnotes))
            if let rule { session.write("\n" + rule.statement + " " + Self.publicTestNote + "\n") }
        case .csv:
            session.emit(wide ? wideTable(report, hidden: byMonth) : longTable(report, hidden: byMonth), as: output)
        case .json:
            session.emit(forPrograms(report, hidden: byMonth), as: output)
        }
    }

    /// A row per group: its counts, what the test saw at each end of the window, and the
    /// direction in words before the p-values.
    func forPeople(_ report: TrendReport, ends: TrendEnds, hidden: TrendReport.Hidden?) -> Listing {
        Listing(
            columns: [Column("group"), Column("months", "months with audits"), Column("audited"), Column("inadequate"),
                      Column("first", ends.firstLabel), Column("last", ends.lastLabel),
                      Column("direction"), Column("p_value", "p"), Column("p_adjusted", "p adjusted")],
            rows: report.rows.enumerated().map { r, row in
                let (first, last) = ends.pooled(row)
                let total = hidden?.totals[r], test = hidden?.tests[r] ?? false
                return [.text(row.group.description), .int(row.months.count),
                        SmallCountSuppression.cell(row.months.reduce(0) { $0 + $1.audited }, hidden: total?.denominator ?? false),
                        SmallCountSuppression.cell(row.months.reduce(0) { $0 + $1.inadequate }, hidden: total?.numerator ?? false),
                        .text(TrendEnds.text(first, hidden?.columns[r].first)), .text(TrendEnds.text(last, hidden?.columns[r].last)),
                        .text(row.test.direction.rawValue),
                        test ? .text(SmallCountSuppression.marker) : ReportCells.pValue(row.test.pValue),
                        test ? .text(SmallCountSuppression.marker) : ReportCells.pValue(row.adjustedPValue)]
            })
    }

    /// Every month of the window as "k of n" ("–" without audits), then the direction.
    func monthByMonth(_ report: TrendReport, hidden: TrendReport.Hidden?) -> Listing {
        let window = report.period.months
        return Listing(
            columns: [Column("group")] + window.map { Column($0.description) } + [Column("direction")],
            rows: report.rows.enumerated().map { r, row in
                let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
                return [.text(row.group.description)]
                    + window.enumerated().map { c, month in
                        byMonth[month].map { m in
                            Cell.text(hidden.map { SmallCountSuppression.counted(m.inadequate, of: m.audited, $0.columns[r][c]) }
                                      ?? "\(m.inadequate) of \(m.audited)")
                        } ?? .text("–")
                    }
                    + [.text(row.test.direction.rawValue)]
            })
    }

    /// Long: one row per group and month of the window, months without audits included
    /// (0 audited, no rate), the group's test repeated on each of its rows (docs/json.md).
    func longTable(_ report: TrendReport, hidden: TrendReport.Hidden?) -> Listing {
        let period = report.period
        let columns = [Column("from"), Column("to")] + ReportCells.tidyGroupColumns(report.grouping)
            + [Column("month"), Column("audited"), Column("inadequate"), Column("rate")] + Self.testColumns
        var rows: [[Cell]] = []
        for (r, row) in report.rows.enumerated() {
            let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
            for (c, month) in period.months.enumerated() {
                let count = byMonth[month], h = hidden?.columns[r][c]
                rows.append([.text(period.from.description), .text(period.to.description)]
                            + ReportCells.tidyGroupCells(row.group, report.grouping)
                            + [.text(month.description), SmallCountSuppression.cell(count?.audited ?? 0, hidden: h?.denominator ?? false),
                               SmallCountSuppression.cell(count?.inadequate ?? 0, hidden: h?.numerator ?? false),
                               h?.rate == true ? .text(SmallCountSuppression.marker)
                                   : count.map { .number(Double($0.inadequate) / Double($0.audited), decimals: 3) } ?? .null]
                            + Self.test(row, hidden: hidden?.tests[r] ?? false))
            }
        }
        return Listing(columns: columns, rows: rows)
    }

    /// Wide: one row per group, an `inadequate` and an `audited` column per month (empty
    /// without audits), then the group's test.
    func wideTable(_ report: TrendReport, hidden: TrendReport.Hidden?) -> Listing {
        let period = report.period
        let columns = [Column("from"), Column("to")] + ReportCells.tidyGroupColumns(report.grouping)
            + period.months.flatMap { [Column("\($0)_inadequate"), Column("\($0)_audited")] } + Self.testColumns
        return Listing(columns: columns, rows: report.rows.enumerated().map { r, row in
            let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
            return [.text(period.from.description), .text(period.to.description)] + ReportCells.tidyGroupCells(row.group, report.grouping)
                + period.months.enumerated().flatMap { c, month in
                    byMonth[month].map { m in
                        let h = hidden?.columns[r][c]
                        return [SmallCountSuppression.cell(m.inadequate, hidden: h?.numerator ?? false),
                                SmallCountSuppression.cell(m.audited, hidden: h?.denominator ?? false)]
                    } ?? [.null, .null]
                }
                + Self.test(row, hidden: hidden?.tests[r] ?? false)
        })
    }

    /// Rows with `group` as an object and the months as a list (docs/json.md).
    func forPrograms(_ report: TrendReport, hidden: TrendReport.Hidden?) -> Listing {
        let period = report.period
        let index = Dictionary(uniqueKeysWithValues: period.months.enumerated().map { ($1, $0) })
        return Listing(
            columns: [Column("from"), Column("to"), Column("group"), Column("months")] + Self.testColumns,
            rows: report.rows.enumerated().map { r, row in
                [.text(period.from.description), .text(period.to.description), ReportCells.group(row.group, forPeople: false),
                 .list(row.months.map { m in
                     let h = index[m.month].flatMap { hidden?.columns[r][$0] }
                     return .group([GroupField("month", .text(m.month.description)),
                                    GroupField("audited", SmallCountSuppression.cell(m.audited, hidden: h?.denominator ?? false)),
                                    GroupField("inadequate", SmallCountSuppression.cell(m.inadequate, hidden: h?.numerator ?? false)),
                                    GroupField("rate", h?.rate == true ? .text(SmallCountSuppression.marker)
                                               : .number(Double(m.inadequate) / Double(m.audited), decimals: 3))])
                 })] + Self.test(row, hidden: hidden?.tests[r] ?? false)
            })
    }

    /// Why a public trend hides some p-values but keeps every direction.
    static let publicTestNote = "A group's p-values are hidden when any of its months' counts is: with the other months shown, "
        + "a p-value could give the hidden count back. Its direction in words is kept: it names no count."

    static let testColumns = [Column("chi2"), Column("p_value"), Column("p_adjusted"), Column("direction")]

    /// The test's cells; in a public version, the statistic and p-values as [c] when the
    /// row has a hidden month (`TrendReport.Hidden.tests`).
    static func test(_ row: TrendReport.Row, hidden: Bool = false) -> [Cell] {
        let c = Cell.text(SmallCountSuppression.marker)
        return [hidden ? c : row.test.chiSquared.map { .number($0, decimals: 2) } ?? .null,
                hidden ? c : row.test.pValue.map { .number($0, decimals: 4) } ?? .null,
                hidden ? c : row.adjustedPValue.map { .number($0, decimals: 4) } ?? .null, .text(row.test.direction.rawValue)]
    }
}

/// The first and last months of a trend's window, pooled: what the test saw at each end, in
/// counts a reader can check, rather than one month at each end (which may hold two audits).
/// Six months at each end, or half the window when it is shorter than a year.
struct TrendEnds {
    let length: Int
    let first: ReportPeriod
    let last: ReportPeriod

    init(_ window: ReportPeriod) {
        let months = window.months
        length = max(1, min(6, months.count / 2))
        first = try! ReportPeriod(from: months[0], to: months[length - 1])
        last = try! ReportPeriod(from: months[months.count - length], to: months[months.count - 1])
    }

    /// "first 6 months", or "first month" when each end is one month.
    var firstLabel: String { length == 1 ? "first month" : "first \(length) months" }
    var lastLabel: String { length == 1 ? "last month" : "last \(length) months" }

    /// An end's counts for people: "18 of 60 (30%)", "1 of 3", or "no audits"; in a public
    /// version "[c] of 60" with the hidden counts.
    static func text(_ end: (inadequate: Int, audited: Int), _ hidden: SmallCountSuppression.RateTable.Entry? = nil) -> String {
        end.audited == 0 ? "no audits" : SmallCountSuppression.counted(end.inadequate, of: end.audited, hidden)
    }

    /// The window as a public version's table sees it: the first months, those between
    /// (never printed, but the window's total gives them back), and the last months.
    func columns(_ window: ReportPeriod) -> [[Month]] {
        let months = window.months
        return [Array(months.prefix(length)), Array(months.dropFirst(length).dropLast(length)), Array(months.suffix(length))]
    }

    /// A row's inadequate and audited counts over each end.
    func pooled(_ row: TrendReport.Row) -> (first: (inadequate: Int, audited: Int), last: (inadequate: Int, audited: Int)) {
        func pool(_ period: ReportPeriod) -> (inadequate: Int, audited: Int) {
            let inside = row.months.filter { period.from <= $0.month && $0.month <= period.to }
            return (inside.reduce(0) { $0 + $1.inadequate }, inside.reduce(0) { $0 + $1.audited })
        }
        return (pool(first), pool(last))
    }
}
