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
    var to: String?

    @Flag(help: "One column per month of the window: k of n for people; inadequate and audited columns in CSV.")
    var wide = false

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        guard months >= 2 else { throw AssayFailure("--months \(months): a trend needs at least 2 months.") }
        if wide && output.format == .json {
            throw AssayFailure("--wide is a table for people and spreadsheets (table, markdown or csv); JSON has every month already.")
        }
        let end = try to.map { text -> Month in
            let month = try MonthOption.parse(text, option: "--to")
            return month
        } ?? ReportPeriodOptions.defaultMonth(session)
        let period = try ReportPeriod(from: end.adding(months: -(months - 1)), to: end)
        let counts = try session.existingStore().rawCounts(from: period.from, through: period.to,
                                                           grouping: try by.map(ReportGrouping.init(parsing:)))
        let report = TrendReport(counts: counts, period: period)
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
            session.emit(wide ? monthByMonth(report) : forPeople(report, ends: ends), as: output)
            session.write(ReportCells.footnotes(report.footnotes))
        case .csv:
            session.emit(wide ? wideTable(report) : longTable(report), as: output)
        case .json:
            session.emit(forPrograms(report), as: output)
        }
    }

    /// A row per group: its counts, what the test saw at each end of the window, and the
    /// direction in words before the p-values.
    func forPeople(_ report: TrendReport, ends: TrendEnds) -> Listing {
        Listing(
            columns: [Column("group"), Column("months", "months with audits"), Column("audited"), Column("inadequate"),
                      Column("first", ends.firstLabel), Column("last", ends.lastLabel),
                      Column("direction"), Column("p_value", "p"), Column("p_adjusted", "p adjusted")],
            rows: report.rows.map { row in
                let (first, last) = ends.pooled(row)
                return [.text(row.group.description), .int(row.months.count), .int(row.months.reduce(0) { $0 + $1.audited }),
                        .int(row.months.reduce(0) { $0 + $1.inadequate }),
                        .text(TrendEnds.text(first)), .text(TrendEnds.text(last)),
                        .text(row.test.direction.rawValue), ReportCells.pValue(row.test.pValue), ReportCells.pValue(row.adjustedPValue)]
            })
    }

    /// Every month of the window as "k of n" ("–" without audits), then the direction.
    func monthByMonth(_ report: TrendReport) -> Listing {
        let window = report.period.months
        return Listing(
            columns: [Column("group")] + window.map { Column($0.description) } + [Column("direction")],
            rows: report.rows.map { row in
                let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
                return [.text(row.group.description)]
                    + window.map { month in byMonth[month].map { Cell.text("\($0.inadequate) of \($0.audited)") } ?? .text("–") }
                    + [.text(row.test.direction.rawValue)]
            })
    }

    /// Long: one row per group and month of the window, months without audits included
    /// (0 audited, no rate), the group's test repeated on each of its rows (docs/json.md).
    func longTable(_ report: TrendReport) -> Listing {
        let period = report.period
        let columns = [Column("from"), Column("to")] + ReportCells.tidyGroupColumns(report.grouping)
            + [Column("month"), Column("audited"), Column("inadequate"), Column("rate")] + Self.testColumns
        var rows: [[Cell]] = []
        for row in report.rows {
            let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
            for month in period.months {
                let count = byMonth[month]
                rows.append([.text(period.from.description), .text(period.to.description)]
                            + ReportCells.tidyGroupCells(row.group, report.grouping)
                            + [.text(month.description), .int(count?.audited ?? 0), .int(count?.inadequate ?? 0),
                               count.map { .number(Double($0.inadequate) / Double($0.audited), decimals: 3) } ?? .null]
                            + Self.test(row))
            }
        }
        return Listing(columns: columns, rows: rows)
    }

    /// Wide: one row per group, an `inadequate` and an `audited` column per month (empty
    /// without audits), then the group's test.
    func wideTable(_ report: TrendReport) -> Listing {
        let period = report.period
        let columns = [Column("from"), Column("to")] + ReportCells.tidyGroupColumns(report.grouping)
            + period.months.flatMap { [Column("\($0)_inadequate"), Column("\($0)_audited")] } + Self.testColumns
        return Listing(columns: columns, rows: report.rows.map { row in
            let byMonth = Dictionary(uniqueKeysWithValues: row.months.map { ($0.month, $0) })
            return [.text(period.from.description), .text(period.to.description)] + ReportCells.tidyGroupCells(row.group, report.grouping)
                + period.months.flatMap { month in byMonth[month].map { [Cell.int($0.inadequate), .int($0.audited)] } ?? [.null, .null] }
                + Self.test(row)
        })
    }

    /// Rows with `group` as an object and the months as a list (docs/json.md).
    func forPrograms(_ report: TrendReport) -> Listing {
        let period = report.period
        return Listing(
            columns: [Column("from"), Column("to"), Column("group"), Column("months")] + Self.testColumns,
            rows: report.rows.map { row in
                [.text(period.from.description), .text(period.to.description), ReportCells.group(row.group, forPeople: false),
                 .list(row.months.map { m in
                     .group([GroupField("month", .text(m.month.description)), GroupField("audited", .int(m.audited)),
                             GroupField("inadequate", .int(m.inadequate)), GroupField("rate", .number(Double(m.inadequate) / Double(m.audited), decimals: 3))])
                 })] + Self.test(row)
            })
    }

    static let testColumns = [Column("chi2"), Column("p_value"), Column("p_adjusted"), Column("direction")]

    static func test(_ row: TrendReport.Row) -> [Cell] {
        [row.test.chiSquared.map { .number($0, decimals: 2) } ?? .null, row.test.pValue.map { .number($0, decimals: 4) } ?? .null,
         row.adjustedPValue.map { .number($0, decimals: 4) } ?? .null, .text(row.test.direction.rawValue)]
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

    /// An end's counts for people: "18 of 60 (30%)", "1 of 3", or "no audits".
    static func text(_ end: (inadequate: Int, audited: Int)) -> String {
        end.audited == 0 ? "no audits" : ShareText.counted(end.inadequate, of: end.audited)
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
