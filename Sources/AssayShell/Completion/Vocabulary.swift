import AssayCore
import AssayStore
import AssayTemplates
import Foundation
import GRDB

/// The values a person types that live in the database — case and audit ids, months,
/// teams, localities, people, templates, sections — read for Tab completion and for "did
/// you mean". Only reads: every query runs in a read transaction of a store that is already
/// open, so looking something up can never create or change a database.
struct Vocabulary {
    let store: Store

    /// Case ids, the user's own first: their open assigned cases (soonest due first) and
    /// their audits in progress, then every case drawn in `month`, then every other case in
    /// a register or an audit.
    func caseIDs(for user: String, month: Month) throws -> [String] {
        try store.read { db in
            var ids = try String.fetchAll(db, sql: """
                SELECT a.case_id FROM assignment a
                JOIN draw d ON d.id = a.draw_id AND d.status = 'current'
                LEFT JOIN audit au ON au.month = d.month AND au.case_id = a.case_id
                WHERE a.auditor = ? COLLATE NOCASE AND coalesce(au.status, '') <> 'submitted'
                ORDER BY a.due, d.month, a.case_id
                """, arguments: [user])
            ids += try String.fetchAll(db, sql: """
                SELECT case_id FROM audit WHERE auditor = ? COLLATE NOCASE AND status = 'in_progress' ORDER BY month, case_id
                """, arguments: [user])
            ids += try String.fetchAll(db, sql: """
                SELECT dc.case_id FROM draw_case dc JOIN draw d ON d.id = dc.draw_id
                WHERE d.month = ? AND d.status = 'current' ORDER BY dc.case_id
                """, arguments: [month.description])
            ids += try String.fetchAll(db, sql: """
                SELECT case_id FROM frame_case UNION SELECT case_id FROM audit ORDER BY 1
                """)
            return Self.unique(ids)
        }
    }

    /// Audit ids, the user's own first (in progress, then submitted), then everyone's, newest first.
    func auditIDs(for user: String) throws -> [String] {
        try store.read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM audit WHERE auditor = ? COLLATE NOCASE ORDER BY status = 'submitted', id DESC
                """, arguments: [user])
                + Int64.fetchAll(db, sql: "SELECT id FROM audit ORDER BY id DESC")
            return Self.unique(ids.map(String.init))
        }
    }

    /// Months that hold something: draws, audits, past audits, registers' as-of months.
    func months() throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT month FROM draw UNION SELECT month FROM audit UNION SELECT month FROM imported_audit
                UNION SELECT substr(as_of, 1, 7) FROM frame ORDER BY 1 DESC
                """)
        }
    }

    /// Teams in registers, on people, and in audits (current and past).
    func teams() throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT team FROM frame_case UNION SELECT team FROM people WHERE team IS NOT NULL
                UNION SELECT team FROM audit UNION SELECT team FROM imported_audit ORDER BY 1
                """)
        }
    }

    func localities() throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT locality FROM frame_case UNION SELECT locality FROM audit UNION SELECT locality FROM imported_audit ORDER BY 1
                """)
        }
    }

    /// The database's people: whom work can be given to.
    func people() throws -> [String] {
        try store.people().map(\.name)
    }

    /// Everyone named as an auditor anywhere (people, assignments, audits, past audits): what
    /// a filter such as `audits --auditor` may match.
    func auditorNames() throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM people UNION SELECT auditor FROM assignment UNION SELECT auditor FROM audit
                UNION SELECT auditor FROM imported_audit WHERE auditor IS NOT NULL ORDER BY 1
                """)
        }
    }

    func templateIDs() throws -> [String] {
        Self.unique(try store.registeredTemplates().map(\.templateID))
    }

    /// Section (domain) ids of every registered template's latest version.
    func sectionIDs() throws -> [String] {
        Self.unique(try templateIDs().flatMap { try store.template(id: $0).sections.map(\.id) }).sorted()
    }

    /// Question ids of every registered template's latest version.
    func questionIDs() throws -> [String] {
        Self.unique(try templateIDs().flatMap { try store.template(id: $0).questions.map(\.id) }).sorted()
    }

    /// Fields a draw can be stratified by: the register's own, and any column kept at import.
    func drawFields() throws -> [String] {
        let kept = try store.read { db in try String.fetchAll(db, sql: "SELECT kept_attributes FROM frame") }
            .flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String]) ?? [] }
        return Self.unique(["team", "locality", "service", "worker"] + kept.sorted())
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
