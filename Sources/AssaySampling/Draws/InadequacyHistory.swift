import AssayCore
import AssayStore
import Foundation
import GRDB

/// Past inadequate rates per stratum, for Neyman allocation (docs/sampling.md §5b).
public protocol InadequacyHistory {
    /// Rates over `months`, per stratum key for `byFields`, and authority-wide, counting only
    /// audits of cases in `services` (nil: every case); nil when there is no history at all.
    /// Clamping and the fallback to proportional are the caller's (DrawMaker), so that a
    /// history source only has to say what happened.
    func inadequateRates(months: ClosedRange<Month>, byFields: [String], services: [Service]?) throws -> (perStratum: [StratumKey: Double], authority: Double)?
}

/// The history the database holds: the official overall grades of submitted, sampled audits.
///
/// What counts, and why (docs/sampling.md §5b):
/// - the audits reports count (`AuditRules.counted`): an audit in progress (or reopened for
///   amendment) has no settled judgement yet, and ad-hoc audits and re-audits were picked,
///   not drawn, so they say nothing about the stratum as a whole.
/// - the audit's month in `months` (DrawMaker passes the 12 months before the draw's month,
///   not the month itself, whose audits have barely started).
/// - with `services`, only audits whose own service is in the list, because the strata are
///   then strata of those services only.
///
/// An audit's grade is its official one, as in every report (`AuditRules.officialOverall`):
/// the agreed overall grade when it was moderated, else the auditor's. p_h estimates what the reports will count, so it
/// must count the same grade (a stratum whose first grades read "good" but were agreed
/// "inadequate" is a stratum with inadequate cases).
///
/// The rate is the plain share of those audits graded 4 (inadequate), not weighted by
/// inclusion probability: p_h only steers how the remainder is shared, not what is
/// reported, and docs/sampling.md asks for the audited proportion. The authority rate is
/// the same plain share over all of them (so strata audited more heavily weigh more).
///
/// A stratum key is built as FrameCases builds it, from the audit's own `team`, `locality`,
/// `service` and `worker` (copied from the register when the audit opened); any other
/// `--by` field is a kept attribute, read from the audited case's row in the frame its
/// draw was made from (empty when that frame did not keep it).
public struct StoredInadequacyHistory: InadequacyHistory {
    let store: Store

    public init(store: Store) { self.store = store }

    public func inadequateRates(months: ClosedRange<Month>, byFields: [String], services: [Service]?) throws -> (perStratum: [StratumKey: Double], authority: Double)? {
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.team, a.locality, a.service, a.worker, \(AuditRules.officialOverall(audit: "a", moderation: "m")) AS overall, f.attributes
                FROM audit a
                \(AuditRules.joinModeration(audit: "a", as: "m"))
                LEFT JOIN draw d ON d.id = a.draw_id
                LEFT JOIN frame_case f ON f.frame_id = d.frame_id AND f.case_id = a.case_id
                WHERE \(AuditRules.countedInMonths("a"))
                """, arguments: [months.lowerBound, months.upperBound])
        }
        let wanted = services.map { Set($0.map(\.code)) }
        var counts: [StratumKey: (audits: Int, inadequate: Int)] = [:]
        var audits = 0, inadequate = 0
        for row in rows {
            let service: String? = row["service"]
            if let wanted, !wanted.contains(service ?? "") { continue }
            let isInadequate = (row["overall"] as Int) == Grade.inadequate.rawValue ? 1 : 0
            let key = Self.key(of: row, byFields: byFields)
            counts[key, default: (0, 0)].audits += 1
            counts[key]!.inadequate += isInadequate
            audits += 1
            inadequate += isInadequate
        }
        guard audits > 0 else { return nil }
        let perStratum = counts.mapValues { Double($0.inadequate) / Double($0.audits) }
        return (perStratum, Double(inadequate) / Double(audits))
    }

    /// The audit's values for the `--by` fields, in `--by` order; NULL and missing are "".
    static func key(of row: Row, byFields: [String]) -> StratumKey {
        var attributes: [String: String]?
        return StratumKey(byFields.map { field in
            if FrameCases.registerFields.contains(field) { return row[field] ?? "" }
            if attributes == nil {
                let text: String? = row["attributes"]
                attributes = text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } ?? [:]
            }
            return attributes?[field] ?? ""
        })
    }
}
