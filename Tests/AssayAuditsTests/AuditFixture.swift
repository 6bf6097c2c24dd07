@testable import AssayAudits
import AssayCore
import AssayRegister
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import Foundation
import GRDB

/// A fresh database ready for audits, shared by the AssayAudits tests.
///
/// - Opened first by `Lena Lead`, who therefore is its lead (`lead`).
/// - One register (as of 2026-11-01) of twelve cases: `FD-1`…`FD-6` in team "Front Door"
///   (locality Central, service front-door) and `CP-1`…`CP-6` in team "CP North"
///   (locality North, service child-protection); worker "Wyn Worker" on every case.
/// - A saved November 2026 draw of four of them, two per team (`drawnCaseIDs`); the other
///   eight were not drawn (`undrawnCaseIDs`).
/// - The shipped `AuditTemplates/*.yaml` registered, plus `AuditFixture.mini`, a small
///   template with one question of every kind for tests that need to count by hand.
///
/// Each test makes its own (the directory goes when the fixture does).
final class AuditFixture: @unchecked Sendable {
    let dir = TemporaryDirectory()
    let lead: Store
    let november = Month("2026-11")!
    let drawID: Int64
    let drawnCaseIDs: [String]
    let undrawnCaseIDs: [String]
    /// `AuditFixture.miniText`, loaded and registered.
    let mini: AuditTemplate

    static let leadName = "Lena Lead"
    static let allCaseIDs = (1...6).map { "FD-\($0)" } + (1...6).map { "CP-\($0)" }

    init() throws {
        lead = try Store(path: dir.file("a.db"), identity: Identity(name: Self.leadName, osLogin: "lena"))
        var rows = ["case_id,team,locality,service,worker"]
        for n in 1...6 { rows.append("FD-\(n),Front Door,Central,front-door,Wyn Worker") }
        for n in 1...6 { rows.append("CP-\(n),CP North,North,child-protection,Wyn Worker") }
        _ = try RegisterImporter(store: lead).importFile(dir.write("register.csv", rows.joined(separator: "\n") + "\n"),
                                                         options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 11, day: 1)!))
        var request = DrawRequest(month: november, size: .total(4))
        request.seed = "fixture"
        request.byFields = ["team"]
        let draw = try DrawMaker(store: lead).make(request)
        drawID = try lead.saveDraw(draw, replaceReason: nil)
        let drawn = draw.cases.map(\.caseID).sorted()
        drawnCaseIDs = drawn
        undrawnCaseIDs = Self.allCaseIDs.filter { !drawn.contains($0) }.sorted()
        for path in try TemplateFiles.paths(Self.shippedTemplatesDirectory) {
            try lead.register(TemplateLoader.load(path: path))
        }
        mini = try TemplateLoader.load(text: Self.miniText, file: "mini.yaml")
        try lead.register(mini)
    }

    /// The repository's `AuditTemplates` folder.
    static let shippedTemplatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AuditTemplates").path

    /// The same database opened as `name`, added (by the lead) with `role` if not yet one of its people.
    func store(as name: String, role: Role = .auditor) throws -> Store {
        if try lead.person(named: name) == nil { try lead.addPerson(name: name, role: role, team: nil) }
        return try Store(path: dir.file("a.db"), identity: Identity(name: name, osLogin: "login"))
    }

    /// A drawn case of the given team ("Front Door" or "CP North").
    func drawnCase(team: String) -> String {
        drawnCaseIDs.first { $0.hasPrefix(team == "Front Door" ? "FD-" : "CP-") }!
    }

    /// Rows in `table` (for "nothing was stored" checks).
    func count(_ table: String) throws -> Int {
        try lead.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// (table, row id, operation) of every audit_log entry after `seq`, in order.
    /// The rows logged after entry `seq`, in log order: one item a row, a block's rows (log
    /// format 2) one after another.
    func logged(after seq: Int64 = 0) throws -> [(table: String, rowID: Int64, operation: String)] {
        try lead.read { db in
            try Row.fetchAll(db, sql: "SELECT table_name, row_id, operation, coalesce(row_count, 1) AS n FROM audit_log WHERE seq > ? ORDER BY seq",
                             arguments: [seq])
                .flatMap { row in
                    let first: Int64 = row["row_id"]
                    let count: Int64 = row["n"]
                    return (first..<first + count).map { (row["table_name"] as String, $0, row["operation"] as String) }
                }
        }
    }

    /// The last audit_log sequence number (0 when empty).
    func lastLogSeq() throws -> Int64 {
        try lead.read { try Int64.fetchOne($0, sql: "SELECT coalesce(max(seq), 0) FROM audit_log") ?? 0 }
    }

    /// A small template with one question of every kind. Required (the default): seen-alone,
    /// wishes, visit-on-time, assessment. Optional: plan-type, visits, last-visit, summary.
    /// seen-alone weighs 2 and limits the overall grade.
    static let miniText = """
        id: mini
        version: 1
        title: Mini audit
        applies_to: [child-in-need]
        lookback_months: 6
        sections:
          - id: voice
            title: The child's voice
            questions:
              - id: seen-alone
                prompt: Was the child seen alone?
                kind: grade
                weight: 2
                limits_overall: true
                descriptors: {1: every visit, 2: most visits, 3: rarely, 4: never}
              - id: wishes
                prompt: Are the child's wishes and feelings recorded?
                kind: grade
                descriptors: {1: verbatim, 2: usually, 3: sometimes, 4: never}
          - id: timeliness
            title: Timeliness and the plan
            questions:
              - id: visit-on-time
                prompt: Was the child visited within timescales?
                kind: yes_no
              - id: assessment
                prompt: Quality of the assessment?
                kind: grade
                descriptors: {1: a, 2: b, 3: c, 4: d}
              - id: plan-type
                prompt: Which plan is the child on?
                kind: choice
                choices: [child in need, child protection, child in care]
                required: false
              - id: visits
                prompt: How many visits in the period?
                kind: number
                required: false
              - id: last-visit
                prompt: When was the last visit?
                kind: date
                required: false
              - id: summary
                prompt: Summary of the case
                kind: text
                required: false
        """

    /// The mini template, loaded (for tests that need no store).
    static func miniTemplate() throws -> AuditTemplate {
        try TemplateLoader.load(text: miniText, file: "mini.yaml")
    }
}
