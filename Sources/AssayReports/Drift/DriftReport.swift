import AssayAudits
import AssayCore
import AssayStore
import GRDB

/// An action raised by the earlier audit of a case that has drifted, with where it stands.
public struct DriftAction: Sendable, Equatable {
    public let id: Int64
    public let what: String
    public let owner: String
    public let due: String
    public let status: AuditAction.Status
    public let closedAt: String?
    public let closingNote: String?
}

/// One domain inadequate in both the earlier audit and the later one.
public struct DriftDomain: Sendable, Equatable {
    public let id: String
    public let title: String
}

/// A case audited in the period that had an earlier submitted audit, and the domains that
/// were inadequate (4) both times: still inadequate after the actions raised last time.
public struct DriftCase: Sendable, Equatable {
    public let caseID: String
    public let team: String
    public let month: Month
    public let auditID: Int64
    /// Audited as a re-audit (`--reaudit`), rather than drawn again.
    public let reaudit: Bool
    public let earlierAuditID: Int64
    public let earlierMonth: Month
    public let domains: [DriftDomain]
    public let actions: [DriftAction]
}

/// `report drift` (docs/reports.md, "Drift"): for each case audited in the period with an
/// earlier submitted audit, the domains inadequate both times, with the earlier audit's
/// actions and their status. Grades are the agreed grades where an audit was moderated.
/// Every submitted audit counts here — drawn, re-audits and ad-hoc ones — because drift is
/// about the case, not an estimate for the authority.
public struct DriftReport: Sendable, Equatable {
    public let period: ReportPeriod
    /// Cases audited in the period that had an earlier submitted audit.
    public let auditedAgain: Int
    /// Those with at least one domain inadequate both times, by month then team then case.
    public let cases: [DriftCase]

    public init(period: ReportPeriod, auditedAgain: Int, cases: [DriftCase]) {
        self.period = period
        self.auditedAgain = auditedAgain
        self.cases = cases
    }
}

extension Store {
    /// The drift report for the months `from` through `through`; `titles` names domains by
    /// their template section id (a domain without one is shown by its id).
    public func driftReport(period: ReportPeriod, titles: [String: String] = [:]) throws -> DriftReport {
        try read { db in
            let pairs = try Row.fetchAll(db, sql: """
                SELECT a.id, a.case_id, a.team, a.month, a.reaudit,
                       (SELECT e.id FROM audit e WHERE e.case_id = a.case_id AND e.status = 'submitted' AND e.month < a.month
                        ORDER BY e.month DESC LIMIT 1) AS earlier_id
                FROM audit a
                WHERE a.status = 'submitted' AND a.month BETWEEN ? AND ?
                ORDER BY a.month, a.team, a.case_id
                """, arguments: [period.from.description, period.to.description])
                .filter { ($0["earlier_id"] as Int64?) != nil }
            var cases: [DriftCase] = []
            for row in pairs {
                let auditID: Int64 = row["id"], earlierID: Int64 = row["earlier_id"]
                let now = try Self.effectiveSectionGrades(db, auditID: auditID)
                let before = try Self.effectiveSectionGrades(db, auditID: earlierID)
                let still = now.keys.filter { now[$0] == .inadequate && before[$0] == .inadequate }.sorted()
                guard !still.isEmpty else { continue }
                let earlierMonth = try String.fetchOne(db, sql: "SELECT month FROM audit WHERE id = ?", arguments: [earlierID])
                let actions = try Row.fetchAll(db, sql: """
                    SELECT id, what, owner, due, status, closed_at, closing_note FROM audit_action WHERE audit_id = ? ORDER BY due, id
                    """, arguments: [earlierID]).map { action in
                        DriftAction(id: action["id"], what: action["what"], owner: action["owner"], due: action["due"],
                                    status: (action["status"] as String?).flatMap(AuditAction.Status.init(rawValue:)) ?? .open,
                                    closedAt: action["closed_at"], closingNote: action["closing_note"])
                    }
                cases.append(DriftCase(
                    caseID: row["case_id"], team: row["team"], month: Month(row["month"] as String) ?? period.from,
                    auditID: auditID, reaudit: (row["reaudit"] as Int64?) == 1, earlierAuditID: earlierID,
                    earlierMonth: earlierMonth.flatMap(Month.init) ?? period.from,
                    domains: still.map { DriftDomain(id: $0, title: titles[$0] ?? $0) }, actions: actions))
            }
            return DriftReport(period: period, auditedAgain: pairs.count, cases: cases)
        }
    }

    /// An audit's official domain (section) grades (`AuditRules.officialDomainGradesOfOneAudit`):
    /// a moderated audit's agreed ones, else its auditor's, as every report counts them.
    static func effectiveSectionGrades(_ db: Database, auditID: Int64) throws -> [String: Grade] {
        var grades: [String: Grade] = [:]
        for row in try Row.fetchAll(db, sql: AuditRules.officialDomainGradesOfOneAudit, arguments: [auditID, auditID]) {
            if let grade = Grade(rawValue: row[1]) { grades[row[0]] = grade }
        }
        return grades
    }
}
