import AssayCore

/// How far one auditor has got with a month's drawn cases, on a given day: what `progress`
/// prints, one row per auditor, for the QA lead to see whom to chase.
public struct AuditorProgress: Sendable, Equatable {
    /// nil for the cases nobody has been given yet.
    public let auditor: String?
    /// The month's drawn cases that are theirs (given by `assign`, or taken up by opening the audit).
    public let assigned: Int
    public let notStarted: Int
    public let inProgress: Int
    public let submitted: Int
    /// Open and past their due date.
    public let overdue: Int
    /// In progress and untouched for `stale-days` days or more.
    public let stale: Int
    /// The earliest due date of their open cases; nil when nothing is open.
    public let nextDue: CalendarDate?

    /// One row per auditor, by name (bytewise), then the unassigned cases, if any.
    public static func tally(_ cases: [CaseToAudit], on today: CalendarDate, staleDays: Int) -> [AuditorProgress] {
        var byAuditor: [String: [CaseToAudit]] = [:]
        var names: [String: String] = [:]  // lower-cased → as first spelt
        var unassigned: [CaseToAudit] = []
        for c in cases {
            guard let auditor = c.auditor else { unassigned.append(c); continue }
            let key = auditor.lowercased()
            names[key] = names[key] ?? auditor
            byAuditor[key, default: []].append(c)
        }
        let rows = byAuditor.keys.sorted { names[$0]!.utf8.lexicographicallyPrecedes(names[$1]!.utf8) }.map { key in
            Self(names[key]!, byAuditor[key]!, today, staleDays)
        }
        return unassigned.isEmpty ? rows : rows + [Self(nil, unassigned, today, staleDays)]
    }

    private init(_ auditor: String?, _ cases: [CaseToAudit], _ today: CalendarDate, _ staleDays: Int) {
        self.auditor = auditor
        assigned = cases.count
        notStarted = cases.filter { $0.status == nil }.count
        inProgress = cases.filter { $0.status == .inProgress }.count
        submitted = cases.filter { $0.status == .submitted }.count
        overdue = cases.filter { $0.daysOverdue(on: today) != nil }.count
        stale = cases.filter { $0.isStale(on: today, staleDays: staleDays) }.count
        nextDue = cases.filter(\.isOpen).compactMap(\.due).min()
    }
}
