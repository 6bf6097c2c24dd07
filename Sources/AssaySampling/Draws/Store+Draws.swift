import AssayCore
import AssayStore
import Foundation
import GRDB

/// A draw as stored, with who made it and whether it still stands.
public struct StoredDraw: Sendable {
    public let id: Int64
    public let draw: Draw
    public let drawnAt: String
    public let drawnBy: String
    public let status: String
    public let replacesDrawID: Int64?
    public let replaceReason: String?
}

extension Store {
    /// Stores `draw` as its month's current draw (lead only), with the cases it adds for
    /// re-audit (`draw --include-reaudits`, `reauditCandidates`), in one transaction: a
    /// failure anywhere leaves neither, so a month never has a draw without the additions its
    /// lead asked for. A month that already has a draw is refused unless `replaceReason` is
    /// given: the old draw is then marked replaced — kept, never deleted — and the new one
    /// records which it replaced and why.
    @discardableResult
    public func saveDraw(_ draw: Draw, reaudits: [DrawReaudit] = [], replaceReason: String?) throws -> Int64 {
        try require([.lead], to: "draw a sample")
        return try write { tx in
            let existing = try tx.query { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM draw WHERE month = ? AND status = 'current'", arguments: [draw.month])
            }
            if let existing {
                guard let reason = replaceReason?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                    throw SamplingError.alreadyDrawn(month: draw.month, draw: existing)
                }
                // Audits belong to the draw their case was drawn in; replacing it under them
                // would leave them outside the month's sample and mix two designs in reports.
                let audits = try tx.query { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE draw_id = ?", arguments: [existing]) ?? 0
                }
                guard audits == 0 else {
                    throw SamplingError.drawHasAudits(month: draw.month, draw: existing, audits: audits)
                }
                try tx.update(DrawRecord.self, id: existing, set: [(.status, "replaced")])
            } else if replaceReason != nil {
                throw SamplingError.noDrawToReplace(month: draw.month)
            }
            let (requested, perStratum): (Int?, Int?) = switch draw.size {
            case .total(let n): (n, nil)
            case .perStratum(let k): (nil, k)
            }
            let id = try tx.insert(DrawRecord(
                month: draw.month, frameID: draw.frameID, frameSourceSHA256: draw.frameSourceSHA256, frameRowsSHA256: draw.frameRowsSHA256,
                seed: draw.seed, seedGiven: draw.seedGiven, algorithm: Draw.algorithm, byFields: JSONText.array(draw.byFields),
                services: draw.services.map { JSONText.array($0.map(\.code)) }, requestedSize: requested, perStratum: perStratum,
                allocationRequested: draw.allocationRequested.rawValue, allocationUsed: draw.allocationUsed,
                minPerStratum: draw.minimumPerStratum, excludeRecent: draw.excludeRecentMonths, total: draw.total,
                drawnAt: tx.timestamp, drawnBy: tx.user.name, status: "current", replacesDrawID: existing,
                replaceReason: existing == nil ? nil : replaceReason))
            for (position, stratum) in draw.strata.enumerated() {
                try tx.insert(DrawStratumRecord(
                    drawID: id, position: position, stratumKey: JSONText.object(zip(draw.byFields, stratum.key.values)),
                    population: stratum.population, eligible: stratum.eligible, sample: stratum.sample,
                    neymanP: stratum.neymanP, inclusionProbability: stratum.inclusionProbability))
            }
            for exclusion in draw.exclusions {
                try tx.insert(DrawExclusionRecord(drawID: id, caseID: exclusion.caseID, excludedByMonth: exclusion.month))
            }
            for drawn in draw.cases {
                try tx.insert(DrawCaseRecord(drawID: id, caseID: drawn.caseID, stratumPosition: Int64(drawn.stratumPosition), ticket: drawn.ticket))
            }
            try Self.insertDrawReaudits(tx, drawID: id, reaudits)
            return id
        }
    }

    /// Every draw of `months`, current and replaced, in the order they were made.
    public func draws(months: [Month]) throws -> [StoredDraw] {
        let ids = try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM draw WHERE month IN (SELECT value FROM json_each(?)) ORDER BY id",
                               arguments: [JSONText.array(months.map(\.description))])
        }
        return try ids.map { try storedDraw(month: nil, id: $0) }
    }

    /// The current draw of `month`, or a draw by id (replaced ones included).
    public func storedDraw(month: Month?, id: Int64? = nil) throws -> StoredDraw {
        let found = try read { db -> Row? in
            if let id { return try Row.fetchOne(db, sql: "SELECT * FROM draw WHERE id = ?", arguments: [id]) }
            return try Row.fetchOne(db, sql: "SELECT * FROM draw WHERE month = ? AND status = 'current'", arguments: [month])
        }
        guard let row = found else {
            throw id.map { SamplingError.noSuchDraw(id: $0) } ?? noDrawYet(month)
        }
        let drawID: Int64 = row["id"]
        let byFields = JSONText.decodeArray(row["by_fields"])
        return try read { db in
            let strata = try Row.fetchAll(db, sql: "SELECT * FROM draw_stratum WHERE draw_id = ? ORDER BY position", arguments: [drawID]).map { s in
                let key = JSONText.decodeObject(s["stratum_key"])
                return StratumAllocation(key: StratumKey(byFields.map { key[$0] ?? "" }), population: s["population"],
                                         eligible: s["eligible"], sample: s["sample"], neymanP: s["neyman_p"])
            }
            let exclusions = try Row.fetchAll(db, sql: "SELECT case_id, excluded_by_month FROM draw_exclusion WHERE draw_id = ? ORDER BY id", arguments: [drawID])
                .map { (caseID: $0["case_id"] as String, month: $0["excluded_by_month"] as Month) }
            let cases = try Row.fetchAll(db, sql: "SELECT * FROM draw_case WHERE draw_id = ? ORDER BY id", arguments: [drawID])
                .map { DrawnCase(caseID: $0["case_id"], stratumPosition: $0["stratum_position"], ticket: $0["ticket"]) }
            let requested: Int? = row["requested_size"]
            let draw = Draw(
                month: row["month"] as Month, frameID: row["frame_id"], frameSourceSHA256: row["frame_source_sha256"],
                frameRowsSHA256: row["frame_rows_sha256"], seed: row["seed"], seedGiven: (row["seed_given"] as Int) == 1,
                byFields: byFields, services: (row["services"] as String?).map { JSONText.decodeArray($0).compactMap(Service.init(matching:)) },
                size: requested.map { .total($0) } ?? .perStratum(row["per_stratum"]),
                allocationRequested: AllocationMethod(rawValue: row["allocation_requested"]) ?? .proportional,
                allocationUsed: row["allocation_used"], minimumPerStratum: row["min_per_stratum"],
                excludeRecentMonths: row["exclude_recent"], strata: strata, exclusions: exclusions, cases: cases, notes: [])
            return StoredDraw(id: drawID, draw: draw, drawnAt: row["drawn_at"], drawnBy: row["drawn_by"], status: row["status"],
                              replacesDrawID: row["replaces_draw_id"], replaceReason: row["replace_reason"])
        }
    }
}

/// Compact JSON for the few JSON columns (arrays of strings, objects of strings in a given
/// key order), written the same way every time.
enum JSONText {
    static func array(_ values: [String]) -> String {
        JSONValue.array(values.map(JSONValue.string)).canonicalText
    }

    /// Members in the order given: a stratum key's follow the draw's `--by` fields.
    static func object<S: Sequence>(_ pairs: S) -> String where S.Element == (String, String) {
        JSONValue.orderedObjectText(pairs.lazy.map { ($0.0, JSONValue.string($0.1)) })
    }

    static func decodeArray(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]) ?? []
    }

    static func decodeObject(_ text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]) ?? [:]
    }
}
