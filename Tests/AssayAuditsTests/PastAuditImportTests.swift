@testable import AssayAudits
import AssayCore
import AssayRegister
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// `import audits FILE.csv`: past audits made before Assay, stored all or nothing with their
/// domain grades; every bad row reported with file, line and field; a (month, case) that is
/// repeated in the file or already audited (imported or in Assay) refused; leads only.
/// Against `AuditFixture` (lead Lena Lead, a November 2026 draw, the shipped templates), with
/// November 2026 as the current month.
@Suite struct PastAuditImportTests {
    let fx: AuditFixture
    let current = Month("2026-11")!

    init() throws { fx = try AuditFixture() }

    func importText(_ text: String, name: String = "past.csv", as store: Store? = nil) throws -> PastAuditImportSummary {
        try importBytes(Array(text.utf8), name: name, as: store)
    }

    func importBytes(_ bytes: [UInt8], name: String = "past.csv", as store: Store? = nil) throws -> PastAuditImportSummary {
        try PastAuditImporter(store: store ?? fx.lead).importFile(fx.dir.write(name, bytes), currentMonth: current)
    }

    func rejection(_ body: () throws -> Void) -> InputRejected? {
        do { try body() } catch let error as InputRejected { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    /// Rows in the past-audit tables and the audit log, and the last log entry: what "nothing
    /// was stored" compares.
    func state() throws -> [Int64] {
        try fx.lead.read { db in
            try ["audit_import", "imported_audit", "imported_domain_grade", "audit_log", "audit"].map {
                try Int64.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            } + [Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM audit_log")!]
        }
    }

    static let good = """
        Month,Case ID,Team,Locality,Service,Overall,Auditor,domain_voice,Domain_Risk,domain_oversight,Notes
        2025-01,CS100001,CP North,North,Child Protection,i,Ann Auditor,3,4,,about the child
        2025-01,CS100002,"Children in Care, Permanence",Harrowdene,CHILD_IN_CARE,Good,,2,,1,
        2025-02,CS100001,CP North,North,,Requires improvement,Ann Auditor,,,,
        2026-11,CS100003,Front Door,Central,front-door,2,Bo Bell,2,2,2,
        """

    // MARK: A good file

    @Test func aGoodFileIsStoredWithItsDomainGrades() throws {
        let logBefore = try fx.lastLogSeq()
        let summary = try importText(Self.good)
        #expect(summary.rows == 4)
        #expect(summary.firstMonth == Month("2025-01")! && summary.lastMonth == current)
        #expect(summary.months == 3)
        #expect(summary.monthsWithout == 20)
        #expect(summary.teams == ["CP North", "Children in Care, Permanence", "Front Door"])
        #expect(summary.localities == 3)
        #expect(summary.inadequate == 1)
        #expect(summary.domainGrades == 7)
        #expect(summary.sections == ["voice", "risk", "oversight"])
        #expect(summary.unknownSections.isEmpty, "voice, risk and oversight are sections of the shipped templates")
        #expect(summary.droppedColumns == ["Notes"])

        let imports = try fx.lead.auditImports()
        #expect(imports.count == 1)
        #expect(imports[0].id == summary.importID)
        #expect(imports[0].sourceName == "past.csv")
        #expect(imports[0].sourceSHA256 == (try RegisterImporter.sha256(ofFileAt: fx.dir.file("past.csv"))))
        #expect(imports[0].rowCount == 4)
        #expect(imports[0].importedBy == AuditFixture.leadName)

        let past = try fx.lead.pastAudits()
        #expect(past.map(\.caseID) == ["CS100001", "CS100002", "CS100001", "CS100003"])
        #expect(past[0].month == Month("2025-01")!)
        #expect(past[0].service == .childProtection)
        #expect(past[0].overall == .inadequate)
        #expect(past[0].auditor == "Ann Auditor")
        #expect(past[0].sourceLine == 2)
        #expect(past[0].domainGrades == ["voice": .requiresImprovement, "risk": .inadequate])
        #expect(past[1].team == "Children in Care, Permanence")
        #expect(past[1].service == .childInCare)
        #expect(past[1].overall == .good)
        #expect(past[1].auditor == nil)
        #expect(past[1].domainGrades == ["voice": .good, "oversight": .outstanding])
        #expect(past[2].service == nil)
        #expect(past[2].overall == .requiresImprovement)
        #expect(past[2].domainGrades.isEmpty)
        #expect(past[3].month == current, "the current month itself is allowed")

        #expect(try fx.lead.pastAudits(from: Month("2025-02")!, through: Month("2025-12")!).map(\.caseID) == ["CS100001"])
        #expect(try fx.lead.pastAudits(through: Month("2025-01")!).count == 2)
        #expect(try fx.lead.pastAudits(from: Month("2025-02")!).flatMap { $0.domainGrades.values } == [.good, .good, .good])

        // Every row went through the audited write path: the import, 4 audits, 7 grades, the row count.
        let logged = try fx.logged(after: logBefore)
        #expect(logged.filter { $0.table == "audit_import" }.map(\.operation) == ["insert", "update"])
        #expect(logged.filter { $0.table == "imported_audit" }.count == 4)
        #expect(logged.filter { $0.table == "imported_domain_grade" }.count == 7)
        #expect(logged.count == 13)
    }

    @Test func gradesAreReadAsKeysNamesOrNumbers() throws {
        _ = try importText("""
            month,case_id,team,locality,overall,domain_voice
            2026-01,A,T,L,o,outstanding
            2026-01,B,T,L,Good,g
            2026-01,C,T,L,requires-improvement,3
            2026-01,D,T,L,4,Inadequate
            """)
        #expect(try fx.lead.pastAudits().map(\.overall) == [.outstanding, .good, .requiresImprovement, .inadequate])
        #expect(try fx.lead.pastAudits().map { $0.domainGrades["voice"] } == [.outstanding, .good, .requiresImprovement, .inadequate])
    }

    // MARK: Bad rows

    @Test func everyBadRowIsReportedWithLineAndFieldAndNothingIsStored() throws {
        let before = try state()
        var text = """
            month,case_id,team,locality,service,overall,auditor,domain_voice
            2025-01,OK1,T,L,assessment,2,A,2
            ,E1,T,L,assessment,2,A,2
            2025-01,,T,L,assessment,2,A,2
            2025-01,E3,,L,assessment,2,A,2
            2025-01,E4,T,L,assessment,,A,2
            2025-13,E5,T,L,assessment,2,A,2
            Jan 2025,E6,T,L,assessment,2,A,2
            2026-12,E7,T,L,assessment,2,A,2
            2025-01,E8,T,L,Youth Justice,2,A,2
            2025-01,E9,T,L,assessment,x,A,2
            2025-01,E10,T,L,assessment,2,A,5
            2025-01,E11,T,L,assessment,2,A
            2025-01,OK1,T,L,assessment,3,A,3

            """
        var bytes = Array(text.utf8) + Array("\n".utf8)  // a blank line (15), skipped
        bytes += Array("2025-01,E13,T".utf8) + [0xC3, 0x28] + Array(",L,assessment,2,A,2\n".utf8)
        text = "2025-02,OK2,T,L,assessment,2,A,2\n2025-01,E16,T,L,assessment,2,\"A,2\n"
        bytes += Array(text.utf8)

        let error = try #require(rejection { _ = try importBytes(bytes) })
        let found = error.problems.map { "\($0.line ?? 0) \($0.field ?? "-")" }
        #expect(found == [
            "3 month", "4 case_id", "5 team", "6 overall", "7 month", "8 month", "9 month", "10 service",
            "11 overall", "12 domain_voice", "13 -", "14 case_id", "16 team", "18 -",
        ])
        let reasons = Dictionary(error.problems.map { ($0.line!, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons[3] == "required field is empty")
        #expect(reasons[7] == "\"2025-13\" is not a month; write YYYY-MM")
        #expect(reasons[9] == "2026-12 is after the current month 2026-11; past audits belong to past months")
        #expect(reasons[10]?.hasPrefix("unknown service \"Youth Justice\"") == true)
        #expect(reasons[11] == "\"x\" is not a grade (o/g/r/i, 1–4, or the grade's name)")
        #expect(reasons[12] == "\"5\" is not a grade (o/g/r/i, 1–4, or the grade's name)")
        #expect(reasons[13] == "expected 8 fields, found 7")
        #expect(reasons[14] == "case OK1 is audited twice in 2025-01 (first on line 2)")
        #expect(reasons[16] == "invalid UTF-8; save the file as UTF-8")
        #expect(reasons[18] == "a quoted field opened on line 18 is never closed")
        #expect(error.file == "past.csv")
        #expect(error.message.hasPrefix("past.csv: rejected, 14 problems; nothing was imported.\n  past.csv:3: field \"month\": required field is empty"))
        #expect(try state() == before, "nothing stored, the audit log unchanged")
    }

    @Test func headerProblemsAreReportedAgainstLineOne() throws {
        let before = try state()
        let error = try #require(rejection {
            _ = try importText("Month,Case ID,team,Team,locality,domain_voice,Domain_Voice,domain_,domain_Not An Id\n2025-01,A,T,T,L,2,2,2,2\n")
        })
        #expect(error.problems.allSatisfy { $0.line == 1 })
        #expect(error.problems.map(\.field) == ["team", "Domain_Voice", "domain_", "domain_Not An Id", "overall"])
        #expect(error.problems.last?.reason.hasPrefix("no column gives this required field") == true)
        #expect(try state() == before)
    }

    @Test func anEmptyFileOrOneWithoutRowsIsRefused() throws {
        let before = try state()
        #expect(rejection { _ = try importText("") }?.problems.first?.reason == "the file is empty; it needs a header line")
        #expect(rejection { _ = try importText("month,case_id,team,locality,overall\n", name: "empty.csv") }?.problems.first?.line == 2)
        #expect(try state() == before)
    }

    // MARK: Duplicates against the database

    @Test func aMonthAndCaseAlreadyImportedIsRefused() throws {
        _ = try importText("month,case_id,team,locality,overall\n2025-01,A,T,L,2\n2025-02,A,T,L,2\n", name: "first.csv")
        let before = try state()
        let error = try #require(rejection {
            _ = try importText("month,case_id,team,locality,overall\n2025-03,A,T,L,3\n2025-02,A,T,L,3\n", name: "second.csv")
        })
        #expect(error.problems.count == 1)
        #expect(error.problems[0].description == "second.csv:3: field \"case_id\": case A already has a past audit imported from first.csv line 3 (audit import 1) in 2025-02")
        #expect(try state() == before)
    }

    @Test func aMonthAndCaseWithAnAssayAuditIsRefused() throws {
        let caseID = fx.drawnCase(team: "Front Door")
        let theCase = try fx.lead.auditedCase(caseID, month: current, unsampled: false, fallbackMonth: current)
        let audit = try fx.lead.openAudit(of: theCase, template: fx.mini, unsampled: false).audit
        let before = try state()
        let error = try #require(rejection {
            _ = try importText("month,case_id,team,locality,overall\n2026-10,\(caseID),Front Door,Central,2\n2026-11,\(caseID),Front Door,Central,2\n")
        })
        #expect(error.problems.map(\.description) == [
            "past.csv:3: field \"case_id\": case \(caseID) already has Assay audit \(audit.id) (in progress) in 2026-11",
        ])
        #expect(try state() == before)
    }

    @Test func aCaseWithAnImportedAuditIsNotAuditedAgainThatMonth() throws {
        let caseID = fx.drawnCase(team: "Front Door")
        _ = try importText("month,case_id,team,locality,overall\n2026-11,\(caseID),Front Door,Central,2\n")
        let theCase = try fx.lead.auditedCase(caseID, month: current, unsampled: false, fallbackMonth: current)
        let before = try state()
        let opened = #expect(throws: AuditError.self) { try fx.lead.openAudit(of: theCase, template: fx.mini, unsampled: false) }
        #expect(opened?.description == "Case \(caseID) already has an imported past audit in 2026-11 (line 2 of its import); nothing was stored.")
        let answers = [Answer(questionID: "seen-alone", value: "2", grade: .good, skipped: false, evidence: nil, reason: nil)]
        #expect(throws: AuditError.self) {
            try fx.lead.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: answers, overall: .good, reason: nil, actions: [])
        }
        #expect(try state() == before)
    }

    @Test func theSameFileTwiceIsRefusedByItsHash() throws {
        _ = try importText("month,case_id,team,locality,overall\n2025-01,A,T,L,2\n")
        let before = try state()
        #expect(throws: AuditError.self) { _ = try importText("month,case_id,team,locality,overall\n2025-01,A,T,L,2\n", name: "copy.csv") }
        #expect(try state() == before)
    }

    // MARK: Who may

    @Test func onlyALeadMayImport() throws {
        let auditor = try fx.store(as: "Ash Auditor")
        let before = try state()
        do {
            _ = try importText(Self.good, as: auditor)
            Issue.record("an auditor imported past audits")
        } catch let error as StoreError {
            #expect(error.description == "Only a lead may import past audits; Ash Auditor is an auditor.")
        }
        #expect(try state() == before)
    }

    // MARK: Domains

    @Test func aDomainInNoRegisteredTemplateIsStoredAndNamed() throws {
        let summary = try importText("month,case_id,team,locality,overall,domain_voice,domain_old-framework\n2025-01,A,T,L,2,2,3\n")
        #expect(summary.unknownSections == ["old-framework"])
        #expect(try fx.lead.pastAudits()[0].domainGrades == ["voice": .good, "old-framework": .requiresImprovement])
    }
}
