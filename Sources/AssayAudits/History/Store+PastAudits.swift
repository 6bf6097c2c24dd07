import AssayCore
import AssayStore
import GRDB

/// One audit made before Assay, as imported (`import audits FILE.csv`). Reports read these as
/// a simple random sample within their month, each with weight 1 (docs/audits.md).
public struct PastAudit: Sendable, Equatable {
    public let id: Int64
    public let importID: Int64
    public let month: Month
    public let caseID: String
    public let team: String
    public let locality: String
    public let service: Service?
    public let overall: Grade
    public let auditor: String?
    /// The line of the imported file the audit came from.
    public let sourceLine: Int
    /// Section id → domain grade, for the domains the file graded.
    public let domainGrades: [String: Grade]
}

/// One import of past audits: which file, when and by whom.
public struct AuditImport: Sendable, Equatable {
    public let id: Int64
    public let sourceName: String
    public let sourceSHA256: String
    public let rowCount: Int
    public let importedAt: String
    public let importedBy: String
}

extension Store {
    /// The imported past audits of the months `from` through `through` (both included; nil
    /// leaves that end open), by month, then team, then case id, with their domain grades.
    public func pastAudits(from: Month? = nil, through: Month? = nil) throws -> [PastAudit] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let from { clauses.append("a.month >= ?"); arguments += [from] }
        if let through { clauses.append("a.month <= ?"); arguments += [through] }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            var grades: [Int64: [String: Grade]] = [:]
            let gradeRows = try Row.fetchCursor(db, sql: """
                SELECT g.imported_audit_id, g.section_id, g.grade FROM imported_domain_grade g
                JOIN imported_audit a ON a.id = g.imported_audit_id \(whereClause)
                """, arguments: arguments)
            while let row = try gradeRows.next() {
                if let grade = Grade(rawValue: row["grade"]) { grades[row["imported_audit_id"], default: [:]][row["section_id"]] = grade }
            }
            return try Row.fetchAll(db, sql: "SELECT a.* FROM imported_audit a \(whereClause) ORDER BY a.month, a.team, a.case_id", arguments: arguments)
                .map { row in
                    let id: Int64 = row["id"]
                    return PastAudit(id: id, importID: row["import_id"], month: row["month"] as Month, caseID: row["case_id"],
                                     team: row["team"], locality: row["locality"],
                                     service: (row["service"] as String?).flatMap(Service.init(rawValue:)),
                                     overall: Grade(rawValue: row["overall"])!, auditor: row["auditor"],
                                     sourceLine: row["source_line"], domainGrades: grades[id] ?? [:])
                }
        }
    }

    /// Every import of past audits, newest first.
    public func auditImports() throws -> [AuditImport] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_import ORDER BY id DESC").map {
                AuditImport(id: $0["id"], sourceName: $0["source_name"], sourceSHA256: $0["source_sha256"], rowCount: $0["row_count"],
                            importedAt: $0["imported_at"], importedBy: $0["imported_by"])
            }
        }
    }
}
