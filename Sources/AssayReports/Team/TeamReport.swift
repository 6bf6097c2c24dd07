import AssayAudits
import AssayCore
import AssayStatistics
import AssayStore

/// `report team TEAM`: one team's page — its inadequate rate this month with its interval
/// and pooled rate beside the authority's, its direction of travel over a window of months,
/// the share of its audits graded requires improvement or inadequate in each domain, and
/// the loop it must close: open escalations and overdue actions (docs/reports.md).
///
/// Every figure is the team's row of the report that computes it for all teams
/// (`RatesReport`, `TrendReport`, `DomainsReport` by team), so the page never disagrees
/// with those reports.
public struct TeamReport: Sendable {
    /// A domain's share graded requires improvement or inadequate, this month.
    public struct DomainShare: Sendable, Equatable {
        public let domain: String
        public let title: String
        public let audited: Int
        public let requiresImprovement: Int
        public let inadequate: Int
        /// The authority's share for the same domain and month.
        public let authorityShare: Double?
        /// The authority's counts behind that share (audits grading the domain, and those graded
        /// requires improvement or inadequate), so a page can show "1 of 4" rather than 25%.
        public let authorityAudited: Int?
        public let authorityPoor: Int?

        public var share: Double { Double(requiresImprovement + inadequate) / Double(audited) }
    }

    /// An open action raised by one of the team's audits whose due date has passed.
    public struct OverdueAction: Sendable, Equatable {
        public let actionID: Int64
        public let auditID: Int64
        public let caseID: String
        public let month: Month
        public let what: String
        public let owner: String
        public let due: CalendarDate
        public let daysOverdue: Int
    }

    /// One month of the window for the team or the authority: its raw counts, and its
    /// weighted estimate (its row of `report rates --month M --by team`; nil without audits).
    public struct MonthFigures: Sendable {
        public let month: Month
        public let audited: Int
        public let inadequate: Int
        public let estimate: RateEstimate?
    }

    public let team: String
    public let month: Month
    /// The trend's window: `months` months ending at `month`.
    public let window: ReportPeriod
    /// The team's row of `report rates --by team` for the month (nil: no audits this month).
    public let rate: RatesReport.Row?
    /// The authority's row, for comparison.
    public let authority: RatesReport.Row?
    /// The team's row of `report trend --by team` over the window (nil: no audits in it).
    public let trend: TrendReport.Row?
    /// Every month of the window, the team's figures and the authority's: the page's month by
    /// month table and its CSV (one design per month, as the HTML report's team charts).
    public let teamMonths: [MonthFigures]
    public let authorityMonths: [MonthFigures]
    /// The team's domains this month, weakest first.
    public let domains: [DomainShare]
    /// Escalations raised by any of the team's audits (any month) still awaiting a response.
    public let openEscalations: [Escalation]
    /// Open actions raised by the team's audits (any month), and those of them past their
    /// due date (docs/actions.md).
    public let openActions: Int
    public let overdueActions: [OverdueAction]
    /// Challenges to grades of the team's audits (any month) not yet resolved (docs/audits.md, "Challenges").
    public var openChallenges = 0
    public let today: CalendarDate
    public let includesHistory: Bool

    /// - Parameters:
    ///   - common: what every team's page of the month and window shares (`TeamPageCommon`,
    ///     from all teams' audits: the rates, pooling and adjusted p-values are the all-teams
    ///     reports'), so a session paging through teams works it out once.
    ///   - domains: the month's domain tallies by team (`Store.domainsReport`), for the
    ///     team's and the authority's shares.
    ///   - teamAudits: the team's audits that `escalations` and `actions` came from (at least
    ///     those; any others are not looked at), for its escalations and its actions' months.
    ///   - actions: the actions of the team's audits.
    public init(team: String, common: TeamPageCommon, domains domainsReport: DomainsReport, domainTitles: [String: String],
                teamAudits: [Audit], escalations: [Escalation], actions: [AuditAction], today: CalendarDate) throws {
        self.team = team
        self.month = common.window.to
        self.today = today
        let window = common.window
        self.window = window
        let isTeam = { (group: ReportGroup) in group.values.count == 1 && group.values[0].value.lowercased() == team.lowercased() }
        authority = common.rates.rows.first { $0.group.isAuthority }
        rate = common.rates.rows.first { isTeam($0.group) }
        trend = common.trend.rows.first { isTeam($0.group) }
        var teamMonths: [MonthFigures] = [], authorityMonths: [MonthFigures] = []
        // The team's own row of each month's design: on every core.
        let estimates = try Parallel.map(common.months.count) { i in
            let month = common.months[i]
            return try Self.estimates(design: month.design, authority: month.authority, month.audits, team: team)
        }
        for (month, (authority, team)) in zip(common.months.map(\.month), estimates) {
            func figures(_ estimate: RateEstimate?) -> MonthFigures {
                MonthFigures(month: month, audited: estimate?.audited ?? 0, inadequate: estimate?.inadequate ?? 0, estimate: estimate)
            }
            teamMonths.append(figures(team))
            authorityMonths.append(figures(authority))
        }
        self.teamMonths = teamMonths
        self.authorityMonths = authorityMonths
        includesHistory = common.windowAudits.contains { $0.origin == .imported && $0.team.lowercased() == team.lowercased() }

        let authorityRows = Dictionary(uniqueKeysWithValues: domainsReport.rows.filter { $0.group.isAuthority }.map { ($0.domain, $0) })
        domains = domainsReport.rows.filter { isTeam($0.group) }.map {
            DomainShare(domain: $0.domain, title: domainTitles[$0.domain] ?? $0.domain, audited: $0.audited,
                        requiresImprovement: $0.requiresImprovement, inadequate: $0.inadequate,
                        authorityShare: authorityRows[$0.domain]?.shareRIOrInadequate,
                        authorityAudited: authorityRows[$0.domain]?.audited,
                        authorityPoor: authorityRows[$0.domain].map { $0.requiresImprovement + $0.inadequate })
        }.sorted { a, b in
            let x = (a.requiresImprovement + a.inadequate) * b.audited, y = (b.requiresImprovement + b.inadequate) * a.audited
            return x != y ? x > y : a.domain < b.domain
        }

        let ids = Set(teamAudits.map(\.id))
        openEscalations = escalations.filter { $0.isOpen && ids.contains($0.auditID) }
        let months = Dictionary(uniqueKeysWithValues: teamAudits.map { ($0.id, $0.month) })
        let mine = actions.filter { ids.contains($0.auditID) }
        openActions = mine.filter { $0.status == .open }.count
        let overdue = mine.filter { $0.isOverdue(asOf: today) }.compactMap { action -> OverdueAction? in
            guard let month = months[action.auditID] else { return nil }
            return OverdueAction(actionID: action.id, auditID: action.auditID, caseID: action.caseID, month: month, what: action.what,
                                 owner: action.owner, due: action.due, daysOverdue: action.due.days(to: today))
        }
        overdueActions = overdue.sorted { ($0.due, $0.auditID) < ($1.due, $1.auditID) }
    }

    /// One month's authority row and the team's row of `report rates --month M --by team`
    /// (`RatesReport`), estimated for those two alone: the report estimates every team, and
    /// a page's twelve months of every team's intervals were most of its time (a hundred
    /// teams at 100,000 audits; docs/performance.md). The team's group is the one the report's
    /// row would be: the first, in the report's order, whose name is the team's in any case.
    static func estimates(_ audits: [ReportedAudit], team: String) throws -> (authority: RateEstimate?, team: RateEstimate?) {
        let design = try ReportDesign(audits)
        return try estimates(design: design, authority: design.authority(), audits, team: team)
    }

    /// The same from the month's design and authority estimate, worked out once for every team.
    static func estimates(design: ReportDesign, authority: RateEstimate?, _ audits: [ReportedAudit],
                          team: String) throws -> (authority: RateEstimate?, team: RateEstimate?) {
        guard let authority else { return (nil, nil) }
        let name = team.lowercased()
        // Each spelling lowered once, not once an audit (lowering was a tenth of a page).
        var isTeamsName: [String: Bool] = [:]
        var spellings = Set<String>()
        for audit in audits {
            let matches: Bool
            if let known = isTeamsName[audit.team] {
                matches = known
            } else {
                matches = audit.team.lowercased() == name
                isTeamsName[audit.team] = matches
            }
            if matches { spellings.insert(audit.team) }
        }
        guard let group = spellings.map({ ReportGroup(values: [.init(field: ReportGrouping.Field.team.rawValue, value: $0)]) }).min() else {
            return (authority, nil)
        }
        return (authority, try design.estimate(of: group, by: .team))
    }

    public var footnotes: [String] {
        var notes = [
            "Rate: the team's row of report rates --by team for \(month) (weighted; 95% interval; pooled_rate shrunk towards the authority). "
                + "Direction: its row of report trend --by team over \(window) (p_adjusted across all teams).",
            "Domains: the share of the team's audits this month graded requires improvement or inadequate in each domain (raw counts), "
                + "beside the authority's share.",
            "Escalations, actions and challenges: from all of the team's audits, any month. Overdue: an open action past its due date (docs/actions.md).",
        ]
        if includesHistory { notes.append("Includes audits imported from before Assay.") }
        notes.append("Only submitted audits of randomly drawn cases count in the rates; ad-hoc audits are left out.")
        return notes
    }


}

/// What every team's page of one month and window shares: the month's `report rates --by
/// team` (the authority's row and each team's), the window's `report trend --by team`, and
/// each month's design with its authority estimate. A leader paging through teams needs them
/// once: `Store.teamReport` remembers them while the database is unchanged
/// (`Store.remembered`), so a page works out only its own team's rows (docs/performance.md).
public struct TeamPageCommon: Sendable {
    /// One month of the window: its audits, their design, and the authority's estimate.
    struct MonthDesign: Sendable {
        let month: Month
        let audits: [ReportedAudit]
        let design: ReportDesign
        let authority: RateEstimate?
    }

    /// The window, ending at the page's month.
    let window: ReportPeriod
    let rates: RatesReport
    let trend: TrendReport
    let windowAudits: [ReportedAudit]
    /// The window's months in order.
    let months: [MonthDesign]

    public init(month: Month, months: Int, audits: [ReportedAudit]) throws {
        guard months >= 2 else { throw ReportError.tooFewMonths(months) }
        let window = try ReportPeriod(from: month.adding(months: -(months - 1)), to: month)
        self.window = window
        rates = try RatesReport(audits: audits.filter { $0.month == month }, period: ReportPeriod(month: month), grouping: .team)
        let windowAudits = audits.filter { window.from <= $0.month && $0.month <= window.to }
        self.windowAudits = windowAudits
        trend = TrendReport(audits: windowAudits, period: window, grouping: .team)
        let byMonth = Dictionary(grouping: windowAudits, by: \.month)
        let windowMonths = window.months
        // Each month's design stands alone: worked out at once, on every core.
        self.months = try Parallel.map(windowMonths.count) { i in
            let audits = byMonth[windowMonths[i]] ?? []
            let design = try ReportDesign(audits)
            return MonthDesign(month: windowMonths[i], audits: audits, design: design, authority: try design.authority())
        }
    }

    /// The audits it holds (what `Store.remembered` weighs before keeping it).
    var auditCount: Int { windowAudits.count }
}

extension Store {
    /// The page of `team` (as `resolveTeam` spells it) for `month`, with a trend window of
    /// `months` months ending there.
    public func teamReport(team: String, month: Month, months: Int, today: CalendarDate = Today.date()) throws -> TeamReport {
        guard months >= 2 else { throw ReportError.tooFewMonths(months) }
        let common = try remembered("teamPageCommon \(month) \(months)", keepIf: { $0.auditCount <= 200_000 }) {
            try TeamPageCommon(month: month, months: months,
                               audits: reportedAudits(from: month.adding(months: -(months - 1)), through: month, domainGrades: false))
        }
        let actions = try self.actions(ActionFilter(team: team))
        let escalations = try escalations(openOnly: true)
        // Of the team's audits, only those the page looks up: where its open escalations and
        // its actions came from (the page's `teamAudits` are only asked about those).
        let teamAudits = try self.audits(AuditFilter(team: team, ids: Set(escalations.map(\.auditID)).union(actions.map(\.auditID))))
        var report = try TeamReport(team: team, common: common,
                                    domains: try domainsReport(from: month, through: month, grouping: .team), domainTitles: try registeredDomains(),
                                    teamAudits: teamAudits, escalations: escalations, actions: actions, today: today)
        report.openChallenges = try challenges(ChallengeFilter(openOnly: true, team: team)).count
        return report
    }
}
