import AssayCore
import AssayStore
import GRDB

/// A register field that groups cases for sample-size planning (`plan --by`). A column of
/// `frame_case`: field names reach SQL only from this enum, never from what was typed.
public enum PlanField: String, CaseIterable, Sendable {
    case team, locality, service
}

extension Store {
    /// A frame's cases counted by the values of `fields` (a missing value as ""), in the
    /// order SQLite sorts those values: the groups `plan` plans for, with their N.
    public func frameGroupSizes(frameID: Int64, by fields: [PlanField]) throws -> [(key: [String], population: Int)] {
        let columns = fields.map(\.rawValue).joined(separator: ", ")
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(columns), count(*) AS n FROM frame_case WHERE frame_id = ?
                GROUP BY \(columns) ORDER BY \(columns)
                """, arguments: [frameID])
        }.map { row in (key: fields.map { (row[$0.rawValue] as String?) ?? "" }, population: row["n"] as Int) }
    }

    /// A stored draw's random sample counted by the values of `fields`, read from the frame
    /// it was drawn from: the audits a month each group gets at that draw's allocation.
    /// Re-audit additions are outside the sample and not counted.
    public func drawnGroupSizes(_ stored: StoredDraw, by fields: [PlanField]) throws -> [[String]: Int] {
        let columns = fields.map { "f." + $0.rawValue }.joined(separator: ", ")
        // CROSS JOIN: the draw's cases first, each looked up in the frame, not the whole frame
        // walked through frame_case_by_stratum (Store+CasesToAudit.swift says why).
        return try read { db in
            var counts: [[String]: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT \(columns), count(*) AS n FROM draw_case c
                CROSS JOIN frame_case f ON f.frame_id = ? AND f.case_id = c.case_id WHERE c.draw_id = ?
                GROUP BY \(columns)
                """, arguments: [stored.draw.frameID, stored.id]) {
                counts[fields.map { (row[$0.rawValue] as String?) ?? "" }] = row["n"]
            }
            return counts
        }
    }
}
