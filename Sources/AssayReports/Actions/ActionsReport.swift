import AssayAudits
import AssayCore

/// `report actions`: what happened to the actions audits raised, team by team (docs/actions.md,
/// "The report"): raised, completed on time (done on or before the due date), completed late,
/// cancelled, open, overdue (open and due before the as-of date) and the median days from
/// raising to completion; then the oldest overdue actions.
///
/// Actions are counted as they stand now; the as-of date only sets when overdue is judged
/// (as `actions --overdue --as-of`). Case ids stay in `AuditAction.caseID`: a report prints
/// `CaseLabels.label(_:)`, never the id directly.
public struct ActionsReport: Sendable {
    public struct TeamRow: Sendable, Equatable {
        /// The team, or "All teams" for the total.
        public let team: String
        public let raised: Int
        public let onTime: Int
        public let late: Int
        public let cancelled: Int
        public let open: Int
        public let overdue: Int
        /// Median whole days from raised to closed, of the done actions; nil without any.
        public let medianDaysToCompletion: Double?
    }

    /// One overdue action and how many days past its due date it is.
    public struct OverdueAction: Sendable, Equatable {
        public let action: AuditAction
        public let daysOverdue: Int
    }

    public static let allTeams = "All teams"

    public let asOf: CalendarDate
    /// Teams by name (ignoring case).
    public let teams: [TeamRow]
    /// Every action counted; nil when there are none.
    public let total: TeamRow?
    /// The overdue actions, oldest due first, at most `limit`.
    public let oldestOverdue: [OverdueAction]
    /// How many actions are overdue in all (the list may hold fewer).
    public let overdueCount: Int

    public init(actions: [AuditAction], asOf: CalendarDate, limit: Int = 10) {
        self.asOf = asOf
        let byTeam = Dictionary(grouping: actions, by: \.team)
        teams = byTeam.keys.sorted { $0.lowercased() < $1.lowercased() }.map { Self.row($0, byTeam[$0]!, asOf: asOf) }
        total = actions.isEmpty ? nil : Self.row(Self.allTeams, actions, asOf: asOf)
        let overdue = actions.filter { $0.isOverdue(asOf: asOf) }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        overdueCount = overdue.count
        oldestOverdue = overdue.prefix(max(0, limit)).map { OverdueAction(action: $0, daysOverdue: $0.due.days(to: asOf)) }
    }

    static func row(_ team: String, _ actions: [AuditAction], asOf: CalendarDate) -> TeamRow {
        let done = actions.filter { $0.status == .done }
        let onTime = done.filter { a in Self.closedDate(a).map { $0 <= a.due } ?? false }.count
        let days = done.compactMap { a -> Int? in
            guard let closed = Self.closedDate(a), let raised = CalendarDate(parsing: String(a.raisedAt.prefix(10))) else { return nil }
            return raised.days(to: closed)
        }
        return TeamRow(team: team, raised: actions.count, onTime: onTime, late: done.count - onTime,
                       cancelled: actions.filter { $0.status == .cancelled }.count, open: actions.filter { $0.status == .open }.count,
                       overdue: actions.filter { $0.isOverdue(asOf: asOf) }.count, medianDaysToCompletion: Self.median(days))
    }

    /// The calendar date (UTC, as stored) an action was closed on.
    static func closedDate(_ action: AuditAction) -> CalendarDate? {
        action.closedAt.flatMap { CalendarDate(parsing: String($0.prefix(10))) }
    }

    /// The middle value, or the mean of the middle two; nil for none.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
    }



    /// Open at the end of `date`: raised on or before it, and not closed by then.
    public static func wasOpen(_ action: AuditAction, on date: CalendarDate) -> Bool {
        guard let raised = CalendarDate(parsing: String(action.raisedAt.prefix(10))), raised <= date else { return false }
        if action.status == .open { return true }
        guard let closed = closedDate(action) else { return true }
        return closed > date
    }

    public var footnotes: [String] {
        [
            "On time: done on or before the due date; late: done after it. Days to completion run from the date raised to the date done (UTC).",
            "Overdue: open and due before \(asOf); an action due on \(asOf) is not yet overdue. Counts are of actions as they stand now.",
        ]
    }
}
