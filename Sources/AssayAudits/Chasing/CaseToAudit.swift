import AssayCore

/// One case someone is to audit, and how far they have got: a drawn case of a month's
/// current draw (assigned to them, or taken up by whoever opened its audit), or an audit of
/// theirs outside the draw (ad-hoc or re-audit). What `todo`, `progress`, its chase list and
/// the shell's greeting are made of.
public struct CaseToAudit: Sendable, Equatable {
    /// Where the case came from.
    public enum Origin: String, Sendable {
        /// Drawn in the month's sample, and shared out by `assign`.
        case drawn
        /// An audit of a case not drawn (`audit CASE --unsampled`).
        case adHoc = "ad-hoc"
        /// A case audited again (`audit CASE --reaudit`, or added by `draw --include-reaudits`).
        case reaudit = "re-audit"
    }

    public let month: Month
    public let caseID: String
    public let team: String
    public let locality: String
    public let service: String?
    public let origin: Origin
    /// Who audits it: the audit's auditor once it has started, else the assignment's; nil
    /// for a drawn case nobody has been given yet.
    public let auditor: String?
    public let auditID: Int64?
    /// nil while the audit has not started.
    public let status: Audit.Status?
    /// The day its audit is to be submitted by: the assignment's date, or for a drawn case
    /// without one the month's default (docs/assignment.md). nil outside the draw: an ad-hoc
    /// audit or a re-audit was nobody's assignment, so it has no deadline to miss.
    public let due: CalendarDate?
    /// The last day anyone worked on its audit: opened it, gave or changed an answer, or
    /// reopened it (`audit amend`). nil before the audit starts.
    public let lastTouched: CalendarDate?
    /// Why the lead set the drawn case aside (`set-aside`), or nil. A case set aside before
    /// its audit began is nobody's work and never overdue.
    public let setAsideReason: String?

    public init(month: Month, caseID: String, team: String, locality: String, service: String?, origin: Origin,
                auditor: String?, auditID: Int64?, status: Audit.Status?, due: CalendarDate?, lastTouched: CalendarDate?,
                setAsideReason: String? = nil) {
        self.month = month
        self.caseID = caseID
        self.team = team
        self.locality = locality
        self.service = service
        self.origin = origin
        self.auditor = auditor
        self.auditID = auditID
        self.status = status
        self.due = due
        self.lastTouched = lastTouched
        self.setAsideReason = setAsideReason
    }

    /// Set aside before its audit began: not to be audited.
    public var isSetAside: Bool { setAsideReason != nil && status == nil }

    /// Not yet submitted: still someone's work.
    public var isOpen: Bool { status != .submitted && !isSetAside }

    /// The status as people read it: not started, in progress, submitted.
    public var progress: String {
        if isSetAside { return "set aside" }
        switch status {
        case nil: return "not started"
        case .inProgress: return "in progress"
        case .submitted: return "submitted"
        }
    }

    /// Days past its due date on `today`, for open work; nil when it is not overdue. A case
    /// due today is not overdue yet: the due date is the last day to submit.
    public func daysOverdue(on today: CalendarDate) -> Int? {
        guard isOpen, let due, due < today else { return nil }
        return due.days(to: today)
    }

    /// Days since anyone touched its audit, while it is in progress; nil otherwise.
    public func daysUntouched(on today: CalendarDate) -> Int? {
        guard status == .inProgress, let lastTouched else { return nil }
        return max(0, lastTouched.days(to: today))
    }

    /// In progress and untouched for `staleDays` days or more (the `stale-days` setting).
    public func isStale(on today: CalendarDate, staleDays: Int) -> Bool {
        (daysUntouched(on: today) ?? -1) >= staleDays
    }
}
