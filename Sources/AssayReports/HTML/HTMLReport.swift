import AssayAudits
import AssayCore
import AssayStatistics

/// `report html`: everything the one-file HTML report shows, computed from the audits of the
/// report's month, its window of months and the 12 months to it (docs/reports.md,
/// "`report html`").
///
/// - the authority's weighted rate over the 12 months to the month (the headline) and by
///   team and locality (`RatesReport` over the 12 months pooled), and the month's own by team;
/// - each team's weighted monthly rate with its 95% interval over the window, beside the
///   authority's, for the small multiples, and the teams' monthly counts (k of n);
/// - the direction of travel by team and by locality over two horizons (`DirectionOfTravel`:
///   12 months, and 36 months or all history);
/// - the funnel plots of the teams and of the localities over the window (`FunnelReport`);
/// - the p-chart of the authority's monthly rate over the window (`ProcessChart`);
/// - the domain heat map over the window (`DomainHeatMap`), domains named for people
///   (`DomainTitles`) and the weakest among those graded often enough (`WeakestDomains`);
/// - the actions by team as of the report's date (`ActionsReport`), the open and overdue
///   counts at each month-end of the window, and the oldest overdue by pseudonym.
///
/// It holds no case id: every figure is an aggregate, and the few overdue actions it names
/// are named by pseudonym. `render()` writes the page.
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

    /// An overdue action as the page names it: by its case's pseudonym, never its id.
    public struct OverdueAction: Sendable, Equatable {
        public let pseudonym: String?
        public let team: String
        public let due: CalendarDate
        public let daysOverdue: Int
    }

    /// What the page must not get wrong when it names where it comes from: the authority's
    /// name (for the title and the printed running header), when it was made, and the audit
    /// log's chain head.
    public struct Provenance: Sendable {
        public var authority: String?
        public var produced: String?
        public var chainHead: String?

        public init(authority: String? = nil, produced: String? = nil, chainHead: String? = nil) {
            self.authority = authority
            self.produced = produced
            self.chainHead = chainHead
        }
    }

    /// How many overdue actions the page names, oldest first.
    public static let oldestOverdueShown = 5

    /// The report's month.
    public let month: Month
    /// The window the charts, funnels and heat map span, `month` last.
    public let window: ReportPeriod
    /// The 12 months to `month`: the headline's period and the short horizon.
    public let year: ReportPeriod
    /// The month's rates, authority first, then by team.
    public let rates: RatesReport
    /// The 12 months' rates pooled, authority first, then by team: the headline.
    public let yearRates: RatesReport
    /// The 12 months' rates by locality.
    public let yearLocalityRates: RatesReport
    /// How the 12 months' weight splits between drawn months and imported history; nil
    /// unless they hold both (then the drawn months dominate the weighted rates).
    public let yearWeights: WeightMix?
    /// Direction of travel by team (and the authority) over the two horizons.
    public let teamTravel: DirectionOfTravel
    /// Direction of travel by locality over the two horizons.
    public let localityTravel: DirectionOfTravel
    /// The authority's weighted rate, month by month over the window.
    public let authoritySeries: [MonthPoint]
    /// Every team with audits in the window, by name.
    public let teams: [TeamSeries]
    /// The window's raw counts by team and month (the teams' monthly table).
    public let teamCounts: RawCounts
    /// The teams over the window against the authority's raw rate (`report funnel`).
    public let funnelReport: FunnelReport
    /// The localities over the window (`report funnel --by locality`).
    public let localityFunnel: FunnelReport
    /// The authority's monthly raw rates over the window; nil without audits.
    public let processChart: ProcessChart?
    /// Share of audits with each domain graded requires improvement or inadequate, by team.
    public let domains: DomainHeatMap
    /// What each domain is called: its section title (`DomainTitles`, as every report for
    /// people names it).
    public let domainTitles: DomainTitles
    /// The weakest domains among those graded often enough, and those graded too rarely.
    public let weakest: WeakestDomains
    /// Audits in the window.
    public let audited: Int
    /// Some audits of the window or the year are imported history.
    public let includesHistory: Bool
    /// The months of the window with imported history.
    public let historyMonths: [Month]
    /// The actions by team, as of `actionsAsOf`; nil when no audit has raised one.
    public let actions: ActionsReport?
    /// The date overdue is judged at: the day the report is made, else its month's last day.
    public let actionsAsOf: CalendarDate
    /// Open and overdue actions at each month-end of the window (the last one at
    /// `actionsAsOf` when that is earlier), then at `actionsAsOf` when it is later than the
    /// month's end; empty without actions.
    public let actionMonths: [ActionMonth]
    /// The oldest overdue actions, at most `oldestOverdueShown`, by pseudonym.
    public let oldestOverdue: [OverdueAction]

    /// The report of `month` with a window of `months` months ending at it.
    ///
    /// - `audits`: the audits reports count from the earlier of the window's first month and
    ///   the 12 months' (others are ignored).
    /// - `actions`: every action; overdue is judged at `asOf` (default the month's last day).
    /// - `domains`: the heat map's tallies when the caller made them from the store
    ///   (`Store.domainsReport` over the window; the audits then carry no domain grades).
    /// - `travel`: raw counts by team and by locality reaching back 36 months
    ///   (`Store.rawCounts`); else counted from `audits`.
    /// - `domainTitles`: the templates' titles (without them, domains are named by id); `pseudonyms`: how overdue actions' cases are
    ///   named (without it they are named by team only).
    public init(audits all: [ReportedAudit], month: Month, months: Int, actions: [AuditAction] = [], asOf: CalendarDate? = nil,
                domains counted: DomainsReport? = nil, travel: (team: RawCounts, locality: RawCounts)? = nil,
                domainTitles: DomainTitles = DomainTitles(templates: []), pseudonyms: CasePseudonym? = nil) throws {
        precondition(months >= 1, "a window of at least one month")
        self.month = month
        let asOf = asOf ?? Self.lastDay(of: month)
        actionsAsOf = asOf
        let window = try ReportPeriod(from: month.adding(months: -(months - 1)), to: month)
        self.window = window
        let year = try ReportPeriod(from: month.adding(months: -(DirectionOfTravel.yearMonths - 1)), to: month)
        self.year = year
        self.domainTitles = domainTitles

        // No copy when every audit is in the period (the command reads just what it needs):
        // at a million audits each copy is hundreds of megabytes.
        func inside(_ period: ReportPeriod) -> [ReportedAudit] {
            let within = { (audit: ReportedAudit) in audit.month >= period.from && audit.month <= period.to }
            return all.allSatisfy(within) ? all : all.filter(within)
        }
        let audits = inside(window)
        let yearAudits = window == year ? audits : inside(year)
        audited = audits.count
        includesHistory = audits.contains { $0.origin == .imported } || yearAudits.contains { $0.origin == .imported }
        historyMonths = Array(Set(audits.filter { $0.origin == .imported }.map(\.month))).sorted()

        // Each audit is visited once per figure, never once per month of the window: at ten
        // years of a region's audits that is a million audits, not 120 million. Months are
        // lists of indexes into `audits`, not copies of it.
        var byMonth: [Month: [Int]] = [:]
        for (index, audit) in audits.enumerated() { byMonth[audit.month, default: []].append(index) }
        let indexesByMonth = byMonth
        @Sendable func auditsOf(_ month: Month) -> [ReportedAudit] { (indexesByMonth[month] ?? []).map { audits[$0] } }
        rates = try RatesReport(audits: auditsOf(month), period: ReportPeriod(month: month), grouping: .team)
        yearRates = try RatesReport(audits: yearAudits, period: year, grouping: .team)
        yearLocalityRates = try RatesReport(audits: yearAudits, period: year, grouping: ReportGrouping(fields: [.locality]))
        yearWeights = WeightMix(yearAudits)
        let counts = RawCounts(audits: audits, grouping: .team)
        teamCounts = counts

        let travelCounts = travel ?? (RawCounts(audits: all, grouping: .team), RawCounts(audits: all, grouping: ReportGrouping(fields: [.locality])))
        teamTravel = try DirectionOfTravel(counts: travelCounts.team, month: month)
        localityTravel = try DirectionOfTravel(counts: travelCounts.locality, month: month)

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
        localityFunnel = try FunnelReport(counts: RawCounts(audits: audits, grouping: ReportGrouping(fields: [.locality])), period: window)
        processChart = ProcessChart(months: counts.authorityByMonth.map { MonthlyCount(month: $0.month, inadequate: $0.inadequate, audits: $0.audited) })
        let domainsReport = counted ?? DomainsReport(audits: audits, period: window, grouping: .team)
        domains = DomainHeatMap(domainsReport)
        weakest = WeakestDomains(domainsReport)

        let report = actions.isEmpty ? nil : ActionsReport(actions: actions, asOf: asOf, limit: Self.oldestOverdueShown)
        self.actions = report
        oldestOverdue = (report?.oldestOverdue ?? []).map {
            OverdueAction(pseudonym: pseudonyms?.pseudonym(for: $0.action.caseID), team: $0.action.team, due: $0.action.due,
                          daysOverdue: $0.daysOverdue)
        }
        // Each month-end of the window, and the report's own date when it is later (actions
        // raised since the last month-end are open now though they were at no month-end).
        var ends = window.months.map { (month: $0, date: min(Self.lastDay(of: $0), asOf)) }
        if asOf > Self.lastDay(of: month) { ends.append((month.adding(months: 1), asOf)) }
        actionMonths = actions.isEmpty ? [] : ends.map { end in
            let open = actions.filter { ActionsReport.wasOpen($0, on: end.date) }
            return ActionMonth(month: end.month, date: end.date, open: open.count, overdue: open.filter { $0.due < end.date }.count)
        }
    }

    /// Open and overdue actions at one month-end.
    public struct ActionMonth: Sendable, Equatable {
        public let month: Month
        /// The month's last day, or the report's as-of date when earlier (or after the window).
        public let date: CalendarDate

        /// Whether `date` is not a month's last day (the report's own date).
        public var isReportDate: Bool { date != HTMLReport.lastDay(of: month) }
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

    /// The authority's estimate over the 12 months: the headline.
    public var headline: RateEstimate? { yearRates.rows.first?.estimate }

    /// The calendar month of a `MonthlyCount` or `ProcessChart.Point` index.
    static func month(index: Int) -> Month {
        Month(year: index / 12, month: index % 12 + 1)!
    }

    /// What a reader must know to read the figures right, in the order the page prints them.
    public var footnotes: [String] { footnotes(publicVersion: false) }

    /// The notes of the full page, or of the public one, which has no chart and names no
    /// overdue action.
    func footnotes(publicVersion: Bool) -> [String] {
        var notes = [
            "Rates with an interval (the headline, the rates tables\(publicVersion ? "" : ", the team charts")) are weighted estimates from the stratified sample: "
                + "each audit stands for N_h/n_h cases of the team and locality it was drawn from. k of n are the raw counts. Intervals are 95% (docs/statistics.md).",
            (publicVersion ? "Where teams and localities stand, " : "The funnel plots, the month-by-month chart of the authority, ")
                + "the direction of travel and the domains count audits as they are (raw counts, not weighted).",
            "Only submitted audits of randomly drawn cases count; ad-hoc audits and re-audits are left out.",
        ]
        if includesHistory {
            let months = historyMonths.isEmpty ? "" : " (\(HTMLReport.monthList(historyMonths)) in the window)"
            notes.append("Includes audits imported from before Assay\(months): "
                         + "each counts as a simple random sample within its month (weight 1, no finite-population correction).")
        }
        notes.append(publicVersion ? "This report is aggregate: it lists no case and no action."
                     : "This report is aggregate: it lists no case, and names the few overdue actions it shows by pseudonym (P-…), never by case id.")
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
