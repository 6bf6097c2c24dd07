import AssayCore
import GRDB

import Crypto

extension Store {
    /// SHA-256 over a frame's stored cases in bytewise case-id order, each as its row-digest
    /// bytes (docs/register.md): what was stored, independent of the file's row order.
    public static func frameRowsSHA256(frameID: Int64, db: Database) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT case_id, team, locality, service, worker, opened, attributes
            FROM frame_case WHERE frame_id = ? ORDER BY case_id
            """, arguments: [frameID])
        while let row = try rows.next() { RowDigest.append(row, to: &hasher) }
        return hasher.finalize().hexString
    }

    /// Every frame, newest first.
    public func frames() throws -> [Frame] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM frame ORDER BY id DESC").map(Frame.init(row:))
        }
    }

    /// A frame by id, or the newest when `id` is nil.
    public func frame(id: Int64?) throws -> Frame {
        let found = try read { db in
            if let id {
                return try Row.fetchOne(db, sql: "SELECT * FROM frame WHERE id = ?", arguments: [id])
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM frame ORDER BY id DESC LIMIT 1")
        }
        guard let found else {
            throw id.map { StoreError.noFrame(id: $0) } ?? noRegisterYet()
        }
        return Frame(row: found)
    }

    /// Open cases per team × locality, in bytewise order of (team, locality).
    public func stratumCounts(frameID: Int64) throws -> [FrameStratumCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT team, locality, count(*) AS n FROM frame_case WHERE frame_id = ?
                GROUP BY team, locality ORDER BY team, locality
                """, arguments: [frameID]).map {
                FrameStratumCount(team: $0["team"], locality: $0["locality"], cases: $0["n"])
            }
        }
    }

    /// Distinct values of a frame column across all frames (for completion), sorted.
    public func distinctValues(of column: FrameColumn, limit: Int = 5000) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT \(column.rawValue) FROM frame_case
                WHERE \(column.rawValue) IS NOT NULL ORDER BY 1 LIMIT ?
                """, arguments: [limit])
        }
    }

    /// Teams named on people as well as in frames, for completion.
    public func knownTeams() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT team FROM frame_case UNION SELECT team FROM people WHERE team IS NOT NULL ORDER BY 1
                """)
        }
    }
}

/// Columns of `frame_case` that callers may list distinct values of.
public enum FrameColumn: String, Sendable {
    case team, locality, caseID = "case_id", service
}
