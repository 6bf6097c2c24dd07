import AssayAudits
import AssayCore
import AssayStatistics

/// `report html`: everything the one-file HTML report shows, computed from the audits of a
/// window of months ending at the report's month (docs/reports.md, "`report html`").
///
/// - the month's rates by team (`RatesReport`, weighted, with intervals and pooled rates);
/// - each team's weighted monthly rate with its 95% interval, month by month over the
///   window (one `ReportDesign` per month), beside the authority's, for the small multiples;
/// - the direction of travel by team over the window (`TrendReport`);
/// - the funnel plot of the teams over the window (`FunnelReport`, raw counts);
/// - the p-chart of the authority's monthly rate over the window (`ProcessChart`, Laney's
///   p′ when the months are over-dispersed);
/// - the domain heat map over the window (`DomainHeatMap`, from `DomainsReport` by team).
/// - open and overdue actions by team as of the report's date (`ActionsReport`), and the
///   open and overdue counts at each month-end of the window (docs/actions.md).
///
/// It holds no case ids: every figure is an aggregate. `render()` writes the page.
public struct HTMLReport: Sendable {
    /// One month of a series: the weighted estimate, or nil for a month without audits.
    public struct MonthPoint: Sendable {
        public let month: Month
        public let estimate: RateEstimate?
    }

    /// One team's small multiple: every month of the window, in order.
    public struct TeamSeries: Sendable {
        public let team: String
        public let points: [MonthPoint]

        /// The team's audits over the window.
        public var audited: Int { points.reduce(0) { $0 + ($1.estimate?.audited ?? 0) } }
        public var inadequate: Int { points.reduce(0) { $0 + ($1.estimate?.inadequate ?? 0) } }
    }

    /// The report's month: the rates table and the summary's headline figure.
    public let month: Month
    /// The window the charts span, `month` last.
    public let window: ReportPeriod
    /// The month's rates, authority first, then by team.
    public let rates: RatesReport
    /// Direction of travel over the window, authority first, then by team.
    public let trend: TrendReport
    /// The authority's weighted rate, month by month over the window.
    public let authoritySeries: [MonthPoint]
    /// Every team with audits in the window, by name.
    public let teams: [TeamSeries]
    /// The teams over the window against the authority's raw rate (`report funnel`).
    public let funnelReport: FunnelReport
    /// The authority's monthly raw rates over the window; nil without audits.
    public let processChart: ProcessChart?
    /// Share of audits with each domain graded requires improvement or inadequate, by team
    /// (`report domains`).
    public let domains: DomainHeatMap
    /// Audits in the window.
    public let audited: Int
    /// Some audits of the window are imported history.
    public let includesHistory: Bool
    /// The months of the window with imported history.
    public let historyMonths: [Month]
    /// The actions by team, as of `actionsAsOf`; nil when no audit has raised one.
    public let actions: ActionsReport?
    /// The date overdue is judged at: the day the report is made, else its month's last day.
    public let actionsAsOf: CalendarDate
    /// Open and overdue actions at each month-end of the window (the last one at
    /// `actionsAsOf` when that is earlier); empty without actions.
    public let actionMonths: [ActionMonth]

    /// The report of `month` with a window of `months` months ending at it, from the
    /// audits reports count (audits outside the window are ignored), and every action with
    /// overdue judged at `asOf` (default the month's last day).
    ///
    /// `domains`: the heat map's tallies when the caller made them from the store
    /// (`Store.domainsReport` over the same window; the audits then carry no domain grades),
    /// else they are counted from `audits`.
    public init(audits all: [ReportedAudit], month: Month, months: Int, actions: [AuditAction] = [], asOf: CalendarDate? = nil,
                domains counted: DomainsReport? = nil) throws {
        precondition(months >= 1, "a window of at least one month")
        self.month = month
        let asOf = asOf ?? Self.lastDay(of: month)
        actionsAsOf = asOf
        self.actions = actions.isEmpty ? nil : ActionsReport(actions: actions, asOf: asOf, limit: 0)
        let window = try ReportPeriod(from: month.adding(months: -(months - 1)), to: month)
        self.window = window
        // No copy when every audit is in the window (the command reads just the window):
        // at a million audits each copy is hundreds of megabytes.
        let inWindow = { (audit: ReportedAudit) in audit.month >= window.from && audit.month <= window.to }
        let audits = all.allSatisfy(inWindow) ? all : all.filter(inWindow)
        audited = audits.count
        includesHistory = audits.contains { $0.origin == .imported }
        historyMonths = Array(Set(audits.filter { $0.origin == .imported }.map(\.month))).sorted()

        // Each audit is visited once per figure, never once per month of the window: at ten
        // years of a region's audits that is a million audits, not 120 million. Months are
        // lists of indexes into `audits`, not copies of it.
        var byMonth: [Month: [Int]] = [:]
        for (index, audit) in audits.enumerated() { byMonth[audit.month, default: []].append(index) }
        let indexesByMonth = byMonth
        @Sendable func auditsOf(_ month: Month) -> [ReportedAudit] { (indexesByMonth[month] ?? []).map { audits[$0] } }
        rates = try RatesReport(audits: auditsOf(month), period: ReportPeriod(month: month), grouping: .team)
        let counts = RawCounts(audits: audits, grouping: .team)
        trend = TrendReport(counts: counts, period: window)

        // One design per month: each month's estimates stand on that month's strata alone,
        // so the months are worked out at once, on every core.
        let months = window.months
        let designs = try Parallel.map(months.count) { i in
            let design = try ReportDesign(auditsOf(months[i]))
            return (authority: try design.authority(), teams: try design.estimates(by: .team))
        }
        var authority: [MonthPoint] = []
        var byTeam: [String: [Month: RateEstimate]] = [:]
        for (m, design) in zip(months, designs) {
            authority.append(MonthPoint(month: m, estimate: design.authority))
            for (group, estimate) in design.teams {
                byTeam[group.description, default: [:]][m] = estimate
            }
        }
        authoritySeries = authority
        let teamNames = byTeam.keys.sorted { $0.lowercased() < $1.lowercased() }
        teams = teamNames.map { team in
            TeamSeries(team: team, points: window.months.map { MonthPoint(month: $0, estimate: byTeam[team]?[$0]) })
        }

        funnelReport = try FunnelReport(counts: counts, period: window)
        processChart = ProcessChart(months: counts.authorityByMonth.map { MonthlyCount(month: $0.month, inadequate: $0.inadequate, audits: $0.audited) })
        domains = DomainHeatMap(counted ?? DomainsReport(audits: audits, period: window, grouping: .team))
        actionMonths = actions.isEmpty ? [] : window.months.map { m in
            let date = min(Self.lastDay(of: m), asOf)
            let open = actions.filter { ActionsReport.wasOpen($0, on: date) }
            return ActionMonth(month: m, date: date, open: open.count, overdue: open.filter { $0.due < date }.count)
        }
    }

    /// Open and overdue actions at one month-end.
    public struct ActionMonth: Sendable, Equatable {
        public let month: Month
        /// The month's last day, or the report's as-of date when earlier.
        public let date: CalendarDate
        public let open: Int
        public let overdue: Int
    }

    static func lastDay(of month: Month) -> CalendarDate {
        var day = 31
        while CalendarDate(year: month.year, month: month.month, day: day) == nil { day -= 1 }
        return CalendarDate(year: month.year, month: month.month, day: day)!
    }

    /// The funnel plot of the teams; nil without audits.
    public var funnel: FunnelPlot? { funnelReport.plot }

    /// The calendar month of a `MonthlyCount` or `ProcessChart.Point` index.
    static func month(index: Int) -> Month {
        Month(year: index / 12, month: index % 12 + 1)!
    }

    /// What a reader must know to read the figures right, in the order the page prints them.
    public var footnotes: [String] {
        var notes = [
            "Rates in the rates table and the team charts are weighted estimates from the stratified sample (each audit stands for N_h/n_h cases of its stratum), "
                + "each month its own design; k of n are the raw counts. Intervals are 95% (docs/statistics.md).",
            "The funnel plot, the p-chart, the direction of travel and the domain heat map count audits as they are (raw counts, not weighted).",
            "Only submitted audits of randomly drawn cases count; ad-hoc audits are left out.",
        ]
        if includesHistory {
            notes.append("Includes audits imported from before Assay (\(HTMLReport.monthList(historyMonths))): "
                         + "each counts as a simple random sample within its month (weight 1, no finite-population correction).")
        }
        notes.append("This report is aggregate: it shows no case.")
        return notes
    }

    /// "2025-12 to 2026-10" for consecutive months, else the months joined by commas.
    static func monthList(_ months: [Month]) -> String {
        guard let first = months.first, let last = months.last else { return "no months" }
        if months.count == 1 { return first.description }
        let consecutive = zip(months, months.dropFirst()).allSatisfy { $0.adding(months: 1) == $1 }
        return consecutive ? "\(first) to \(last)" : months.map(\.description).joined(separator: ", ")
    }
}
