import AssayCore
import AssayStore
import GRDB

/// One change in a case's or an audit's trail, as `history` prints it.
public struct TrailEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: String
    public let userName: String
    public let osLogin: String
    public let operation: String
    public let table: String
    public let rowID: Int64
    /// What the row is, in the auditors' words ("answer 2.1 of audit 12"); from the row as it
    /// stands, or "(row since deleted)".
    public let what: String
    /// For updates and redactions: which columns changed (names only; the log keeps no values).
    public let changedColumns: String?

    /// The declared name is not the operating-system login: worth a second look.
    public var loginDiffers: Bool { userName.caseInsensitiveCompare(osLogin) != .orderedSame }
}

extension Store {
    /// Every logged change to the rows about one case: its place in each register frame, in
    /// draws and assignments, and every audit of it with everything hanging off each audit.
    public func trail(caseID: String) throws -> [TrailEntry] {
        try read { db in
            var rows: [(String, [Int64])] = []
            for table in ["frame_case", "draw_case", "draw_reaudit", "assignment", "imported_audit"] {
                rows.append((table, try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE case_id = ?", arguments: [caseID])))
            }
            rows.append(("imported_domain_grade", try Int64.fetchAll(db, sql: """
                SELECT g.id FROM imported_domain_grade g JOIN imported_audit a ON a.id = g.imported_audit_id WHERE a.case_id = ?
                """, arguments: [caseID])))
            for auditID in try Int64.fetchAll(db, sql: "SELECT id FROM audit WHERE case_id = ? ORDER BY id", arguments: [caseID]) {
                rows += try Self.auditRows(auditID, db)
            }
            return try Self.entries(for: rows, db)
        }
    }

    /// Every logged change to one audit and what hangs off it: answers, grades, actions,
    /// amendments, escalations, challenges, moderation, redactions.
    public func trail(auditID: Int64) throws -> [TrailEntry] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM audit WHERE id = ?", arguments: [auditID]) ?? false else {
                throw AuditError.noAudit(auditID)
            }
            return try Self.entries(for: Self.auditRows(auditID, db), db)
        }
    }

    private static func auditRows(_ auditID: Int64, _ db: Database) throws -> [(String, [Int64])] {
        var rows: [(String, [Int64])] = [("audit", [auditID])]
        for table in ["audit_answer", "audit_section_grade", "audit_action", "audit_amendment", "escalation", "challenge",
                      "moderation", "moderation_sample_audit", "redaction"] {
            rows.append((table, try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE audit_id = ?", arguments: [auditID])))
        }
        for table in ["moderation_answer", "moderation_section_grade"] {
            rows.append((table, try Int64.fetchAll(db, sql: """
                SELECT t.id FROM \(table) t JOIN moderation m ON m.id = t.moderation_id WHERE m.audit_id = ?
                """, arguments: [auditID])))
        }
        return rows
    }

    private static func entries(for rows: [(String, [Int64])], _ db: Database) throws -> [TrailEntry] {
        var entries: [TrailEntry] = []
        for (table, ids) in rows where !ids.isEmpty {
            let labels = try Self.labels(table, ids, db)
            // The entries naming these rows: plain ones by their row id, blocks (log format 2)
            // by the range they cover, found within a block's length below each id. Ids are
            // taken in ranges of nearby ids, one query each.
            let wanted = Set(ids)
            for range in Self.nearbyRanges(ids.sorted()) {
                let found = try Row.fetchAll(db, sql: """
                    SELECT seq, at, user_name, os_login, operation, row_id, changed_columns, coalesce(row_count, 1) FROM audit_log
                    WHERE table_name = ? AND row_id BETWEEN ? AND ?
                    """, arguments: [table, range.lowerBound - Int64(LogBlock.maximumRows) + 1, range.upperBound])
                for row in found {
                    let first: Int64 = row[5]
                    let count: Int64 = row[7]
                    for rowID in first..<(first + count) where range.contains(rowID) && wanted.contains(rowID) {
                        entries.append(TrailEntry(seq: row[0], at: row[1], userName: row[2], osLogin: row[3],
                                                  operation: row[4], table: table, rowID: rowID,
                                                  what: labels[rowID] ?? "\(table) \(rowID)", changedColumns: row[6]))
                    }
                }
            }
        }
        return entries.sorted { ($0.seq, $0.rowID) < ($1.seq, $1.rowID) }
    }

    /// Sorted ids grouped into ranges no wider than a block, so each range is one index
    /// lookup that also finds the blocks starting below it.
    static func nearbyRanges(_ sorted: [Int64]) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        for id in sorted {
            if let last = ranges.last, id - last.lowerBound < Int64(LogBlock.maximumRows) {
                ranges[ranges.count - 1] = last.lowerBound...id
            } else {
                ranges.append(id...id)
            }
        }
        return ranges
    }

    /// A reader's name for each row, from its current values.
    private static func labels(_ table: String, _ ids: [Int64], _ db: Database) throws -> [Int64: String] {
        let expression: String = switch table {
        case "frame_case": "'on the register frame ' || frame_id || ' (' || team || ', ' || locality || ')'"
        case "draw_case": "'drawn in draw ' || draw_id"
        case "draw_reaudit": "'added to draw ' || draw_id || ' as a re-audit'"
        case "assignment": "'assigned to ' || auditor || ' (draw ' || draw_id || ')'"
        case "imported_audit": "'past audit ' || month || ' (import ' || import_id || ')'"
        case "imported_domain_grade": "'past audit domain ' || section_id"
        case "audit": "'audit ' || id || ' (' || month || ', ' || auditor || ', ' || status || ')'"
        case "audit_answer": "'answer ' || question_id || ' of audit ' || audit_id"
        case "audit_section_grade": "'section ' || section_id || ' grade of audit ' || audit_id"
        case "audit_action": "'action ' || id || ' of audit ' || audit_id"
        case "audit_amendment": "'amendment of audit ' || audit_id"
        case "escalation": "'escalation ' || id || ' of audit ' || audit_id"
        case "challenge": "'challenge ' || id || ' of audit ' || audit_id"
        case "moderation": "'moderation of audit ' || audit_id || ' by ' || moderator"
        case "moderation_sample_audit": "'moderation sample ' || sample_id"
        case "moderation_answer": "'moderator''s answer ' || question_id"
        case "moderation_section_grade": "'moderator''s section ' || section_id"
        case "redaction": "'redaction of answer ' || question_id || ' of audit ' || audit_id"
        default: "'\(table) ' || id"
        }
        var labels: [Int64: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT id, \(expression) FROM \(table) WHERE id IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                labels[row[0]] = row[1]
            }
        }
        return labels
    }
}
