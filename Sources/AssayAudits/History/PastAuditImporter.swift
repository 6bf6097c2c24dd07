import AssayCore
import AssayRegister
import AssayStore
import AssayTemplates
import Foundation
import GRDB

/// What an import of past audits did, for the lead who ran it.
public struct PastAuditImportSummary: Sendable, Equatable {
    public let importID: Int64
    public let sourceName: String
    public let rows: Int
    /// The earliest and latest months of the imported audits.
    public let firstMonth: Month
    public let lastMonth: Month
    /// Distinct months with at least one imported audit.
    public let months: Int
    /// Teams, in bytewise order.
    public let teams: [String]
    public let localities: Int
    public let inadequate: Int
    /// Domain grades stored, and the section ids of the file's domain columns (file order).
    public let domainGrades: Int
    public let sections: [String]
    /// Domain columns whose section is in no registered template (stored all the same).
    public let unknownSections: [String]
    /// Columns that were neither a field nor a domain, and were not stored.
    public let droppedColumns: [String]

    /// Months between the first and the last with no imported audit.
    public var monthsWithout: Int {
        (lastMonth.year * 12 + lastMonth.month) - (firstMonth.year * 12 + firstMonth.month) + 1 - months
    }
}

/// Imports audits made before Assay from a CSV file, all or nothing, so that trends start
/// before Assay did (docs/audits.md, "Importing past audits").
///
/// Like the register import: the file is streamed through `CSVReader`, each row checked and,
/// while the file is still clean, inserted through the audited writer inside one IMMEDIATE
/// transaction; a bad row stops the inserts but not the reading, so every problem is
/// reported at once, and any problem rolls the transaction back. A month after the current
/// one, a (month, case) repeated in the file, and a (month, case) that already has an
/// audit — imported earlier or made in Assay — are bad rows.
public struct PastAuditImporter {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Imports `path`. `currentMonth` is the latest month a past audit may belong to.
    public func importFile(_ path: String, currentMonth: Month = Month(Today.date())) throws -> PastAuditImportSummary {
        try store.require([.lead], to: "import past audits")
        let file = (path as NSString).lastPathComponent
        let sourceHash = try RegisterImporter.sha256(ofFileAt: path)
        if let earlier = try store.read({ db in
            try Row.fetchOne(db, sql: "SELECT id, imported_at, imported_by FROM audit_import WHERE source_sha256 = ?",
                             arguments: [sourceHash])
        }) {
            throw AuditError.importedAlready(file: file, importID: earlier["id"], at: earlier["imported_at"], by: earlier["imported_by"])
        }
        let knownSections = try registeredSectionIDs()

        return try store.write { tx in
            let reader = try CSVReader(path: path)
            let header = try CSVRecord.header(try reader.next(), file: file, whenEmpty: "it needs a header line")
            let layout = try PastAuditLayout(header: header, file: file)
            let importID = try tx.insert(AuditImportRecord(sourceName: file, sourceSHA256: sourceHash, rowCount: 0,
                                                           importedAt: tx.timestamp, importedBy: tx.user.name))
            var validator = PastAuditRowValidator(file: file, layout: layout, latestMonth: currentMonth)
            var problems: [InputProblem] = []
            var rows = 0
            while let record = try reader.next() {
                rows += 1
                let (row, found) = try validator.validate(record) { month, caseID in
                    try tx.query { db in try Self.existingAudit(db, month: month, caseID: caseID) }
                }
                problems += found
                guard let row, problems.isEmpty else { continue }  // once rejected, keep reading to report every problem
                let id = try tx.insert(ImportedAuditRecord(importID: importID, month: row.month, caseID: row.caseID, team: row.team,
                                                           locality: row.locality, service: row.service, overall: row.overall,
                                                           auditor: row.auditor, sourceLine: Int64(record.line)))
                for (sectionID, grade) in row.domainGrades {
                    try tx.insert(ImportedDomainGradeRecord(importedAuditID: id, sectionID: sectionID, grade: grade))
                }
            }
            if !problems.isEmpty { throw InputRejected(file: file, problems: problems) }
            if rows == 0 {
                throw InputRejected(file: file, problems: [InputProblem(file: file, line: 2, field: nil, reason: "the file has a header but no audits")])
            }
            guard reader.sha256 == sourceHash else {
                throw AuditError.fileChanged(file)
            }
            try tx.update(AuditImportRecord.self, id: importID, set: [(.rowCount, rows)])
            return try tx.query { db in
                let counts = try Row.fetchOne(db, sql: """
                    SELECT min(month) AS first, max(month) AS last, count(DISTINCT month) AS months,
                           count(DISTINCT locality) AS localities, count(*) FILTER (WHERE overall = 4) AS inadequate
                    FROM imported_audit WHERE import_id = ?
                    """, arguments: [importID])!
                let teams = try String.fetchAll(db, sql: "SELECT DISTINCT team FROM imported_audit WHERE import_id = ? ORDER BY team", arguments: [importID])
                let grades = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM imported_domain_grade g JOIN imported_audit a ON a.id = g.imported_audit_id
                    WHERE a.import_id = ?
                    """, arguments: [importID]) ?? 0
                let sections = layout.domains.map(\.sectionID)
                return PastAuditImportSummary(
                    importID: importID, sourceName: file, rows: rows,
                    firstMonth: Month(counts["first"] as String)!, lastMonth: Month(counts["last"] as String)!,
                    months: counts["months"], teams: teams, localities: counts["localities"], inadequate: counts["inadequate"],
                    domainGrades: grades, sections: sections,
                    unknownSections: sections.filter { !knownSections.contains($0) }, droppedColumns: layout.dropped)
            }
        }
    }

    /// What audit a case already has in a month, in words, or nil: an Assay audit, or a past
    /// audit imported earlier.
    static func existingAudit(_ db: Database, month: Month, caseID: String) throws -> String? {
        if let row = try Row.fetchOne(db, sql: "SELECT id, status FROM audit WHERE month = ? AND case_id = ?",
                                      arguments: [month.description, caseID]) {
            let status = Audit.Status(rawValue: row["status"]) == .submitted ? "submitted" : "in progress"
            return "Assay audit \(row["id"] as Int64) (\(status))"
        }
        if let row = try Row.fetchOne(db, sql: """
            SELECT i.import_id, i.source_line, a.source_name FROM imported_audit i JOIN audit_import a ON a.id = i.import_id
            WHERE i.month = ? AND i.case_id = ?
            """, arguments: [month.description, caseID]) {
            return "a past audit imported from \(row["source_name"] as String) line \(row["source_line"] as Int) (audit import \(row["import_id"] as Int64))"
        }
        return nil
    }

    /// Section ids of every registered template version, to name domain columns that match none.
    private func registeredSectionIDs() throws -> Set<String> {
        var ids = Set<String>()
        for registered in try store.registeredTemplates() {
            let template = try store.template(id: registered.templateID, version: registered.version)
            ids.formUnion(template.sections.map(\.id))
        }
        return ids
    }
}
