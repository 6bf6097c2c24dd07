import AssayCore
import AssayReports
import AssayStore
import Foundation
import GRDB

/// One stratum's exact counts, before the small-numbers rule: what `export return` reads
/// from the database.
public struct ExactStratum: Sendable, Equatable {
    public var month: Month
    public var draw: Int64?
    public var position: Int?
    public var key: [String: String]
    public var frameCases: Int?
    public var grades = [0, 0, 0, 0]
    public var domains: [String: [Int]] = [:]
    public var moderated = 0
    public var moderationAgreed = 0
    public var actionsRaised = 0
    public var actionsDoneOnTime = 0
    public var actionsOverdue = 0

    public var audited: Int { grades.reduce(0, +) }
}

extension Store {
    /// The months' strata with their exact counts. The audits are those the reports count,
    /// read by the reports' own `reportedAudits` (submitted audits of drawn cases with their
    /// agreed grades, and imported history), so a region's rate for these months is the
    /// authority's own; moderation and actions are counted for the same audits.
    public func returnStrata(from: Month, through: Month, asOf: CalendarDate) throws -> [ExactStratum] {
        let audits = try reportedAudits(from: from, through: through, domainGrades: true)
        struct Key: Hashable { let month: Month; let draw: Int64?; let position: Int? }
        var strata: [Key: ExactStratum] = [:]
        var order: [Key] = []
        // Every stratum of the months' current draws, audited or not (N_h with n_h = 0 is
        // still the frame), and of any replaced draw whose audits count.
        let drawn = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.month, s.draw_id, s.position, s.stratum_key, s.population FROM draw_stratum s JOIN draw d ON d.id = s.draw_id
                WHERE d.month BETWEEN ? AND ?
                  AND (d.status = 'current' OR EXISTS (SELECT 1 FROM audit a WHERE a.draw_id = d.id AND a.status = 'submitted'))
                ORDER BY d.month, s.draw_id, s.position
                """, arguments: [from.description, through.description])
        }
        for row in drawn {
            guard let month = Month(row["month"] as String) else { continue }
            let key = Key(month: month, draw: row["draw_id"], position: row["position"])
            let fields = (try? StrictJSONReader.parse(Array((row["stratum_key"] as String).utf8), source: "stratum_key"))?.object ?? [:]
            strata[key] = ExactStratum(month: month, draw: key.draw, position: key.position,
                                       key: fields.compactMapValues(\.string), frameCases: row["population"])
            order.append(key)
        }
        for audit in audits {
            let key: Key
            switch audit.origin {
            case .drawn(let drawID, let position, _): key = Key(month: audit.month, draw: drawID, position: position)
            case .imported: key = Key(month: audit.month, draw: nil, position: nil)
            }
            if strata[key] == nil {
                strata[key] = ExactStratum(month: audit.month, draw: key.draw, position: key.position, key: [:], frameCases: nil)
                order.append(key)
            }
            strata[key]!.grades[audit.overall.rawValue - 1] += 1
            for (section, grade) in audit.domainGrades {
                strata[key]!.domains[section, default: [0, 0, 0, 0]][grade.rawValue - 1] += 1
            }
        }
        try read { db in
            let moderation = try Row.fetchAll(db, sql: """
                SELECT a.month, a.draw_id, c.stratum_position AS position, count(*) AS moderated,
                       sum(m.first_overall = m.blind_overall) AS agreed
                FROM moderation m JOIN audit a ON a.id = m.audit_id
                JOIN draw_case c ON c.draw_id = a.draw_id AND c.case_id = a.case_id
                WHERE \(Self.returnedAudit) AND m.first_overall IS NOT NULL
                GROUP BY a.month, a.draw_id, c.stratum_position
                """, arguments: [from.description, through.description])
            for row in moderation {
                guard let month = Month(row["month"] as String) else { continue }
                let key = Key(month: month, draw: row["draw_id"], position: row["position"])
                strata[key]?.moderated = row["moderated"]
                strata[key]?.moderationAgreed = row["agreed"]
            }
            let actions = try Row.fetchAll(db, sql: """
                SELECT a.month, a.draw_id, c.stratum_position AS position, count(*) AS raised,
                       sum(x.status = 'done' AND substr(x.closed_at, 1, 10) <= x.due) AS on_time,
                       sum(x.status = 'open' AND x.due < ?) AS overdue
                FROM audit_action x JOIN audit a ON a.id = x.audit_id
                JOIN draw_case c ON c.draw_id = a.draw_id AND c.case_id = a.case_id
                WHERE \(Self.returnedAudit)
                GROUP BY a.month, a.draw_id, c.stratum_position
                """, arguments: [asOf.description, from.description, through.description])
            for row in actions {
                guard let month = Month(row["month"] as String) else { continue }
                let key = Key(month: month, draw: row["draw_id"], position: row["position"])
                strata[key]?.actionsRaised = row["raised"]
                strata[key]?.actionsDoneOnTime = row["on_time"]
                strata[key]?.actionsOverdue = row["overdue"]
            }
        }
        // Month by month; imported history first in its month, then draws and positions.
        return order.map { strata[$0]! }.sorted {
            ($0.month, $0.draw ?? -1, $0.position ?? -1) < ($1.month, $1.draw ?? -1, $1.position ?? -1)
        }
    }

    /// The templates (id, version, content hash) of the audits a return counts.
    public func returnTemplates(from: Month, through: Month) throws -> [AuthorityReturn.Template] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT a.template_id, a.template_version, a.template_sha256 FROM audit a
                JOIN draw_case c ON c.draw_id = a.draw_id AND c.case_id = a.case_id
                WHERE \(Self.returnedAudit) ORDER BY a.template_id, a.template_version
                """, arguments: [from.description, through.description])
                .map { AuthorityReturn.Template(id: $0[0], version: $0[1], sha256: $0[2]) }
        }
    }

    /// The drawn audits a return counts, as the reports count them (`reportedAudits`):
    /// submitted audits of drawn cases, no ad-hoc audits or re-audits, in months ? to ?.
    static let returnedAudit = AuditRules.countedInMonths("a")
}
