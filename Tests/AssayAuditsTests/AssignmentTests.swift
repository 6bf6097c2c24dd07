@testable import AssayAudits
import AssayCore
import AssayRegister
import AssaySampling
import AssayStore
import AssayTemplates
import AssayTestSupport
import GRDB
import Testing

/// `assign`: the share-out rule (round robin across teams, never one's own team), refusals
/// that store nothing, and re-runs that leave started audits with their auditors.
@Suite struct AssignmentTests {
    let dir = TemporaryDirectory()
    let store: Store
    let november = Month("2026-11")!

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
    }

    /// A register of `perTeam` cases in each team (ids T<team>-<n>), drawn in full for November.
    func drawEveryCase(teams: [String], perTeam: Int) throws {
        var rows: [String] = []
        for (t, team) in teams.enumerated() {
            for n in 0..<perTeam { rows.append("T\(t)-\(n),\(team),Northmoor,child-in-need") }
        }
        let text = "case_id,team,locality,service\n" + rows.joined(separator: "\n") + "\n"
        _ = try RegisterImporter(store: store).importFile(dir.write("r.csv", text), options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 11, day: 1)!))
        var request = DrawRequest(month: november, size: .perStratum(perTeam))
        request.seed = "seed"
        request.byFields = ["team"]
        try store.saveDraw(DrawMaker(store: store).make(request), replaceReason: nil)
    }

    func addAuditor(_ name: String, team: String?) throws {
        try store.addPerson(name: name, role: .auditor, team: team)
    }

    /// Case id → auditor, as stored.
    func stored() throws -> [String: String] {
        try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT case_id, auditor FROM assignment")
                .map { ($0["case_id"] as String, $0["auditor"] as String) })
        }
    }

    func teamOf(_ caseID: String, _ teams: [String]) -> String {
        teams[Int(caseID.dropFirst().prefix { $0 != "-" })!]
    }

    /// Starts (and leaves in progress) the audit of `caseID` as `auditor`, as the shell would.
    func startAudit(_ caseID: String, as auditor: String) throws -> Audit {
        let theirs = try Store(path: dir.file("a.db"), identity: Identity(name: auditor, osLogin: "x"))
        let theCase = try theirs.auditedCase(caseID, month: november, unsampled: false, fallbackMonth: november)
        return try theirs.openAudit(of: theCase, template: template(), unsampled: false).audit
    }

    func template() throws -> AuditTemplate {
        let template = try TemplateLoader.load(text: Self.oneQuestionTemplate, file: "one.yaml")
        _ = try store.register(template)
        return template
    }

    @Test func theLoadIsEvenAndNobodyAuditsTheirOwnTeam() throws {
        let teams = ["Assessment East", "CP North", "Children in Care West"]
        try drawEveryCase(teams: teams, perTeam: 8)
        try addAuditor("Ana", team: "Assessment East")
        try addAuditor("Ben", team: "cp north")  // teams match regardless of case
        try addAuditor("Cai", team: "Children in Care West")
        let summary = try store.assign(month: november, auditors: ["Ana", "Ben", "Cai"])
        #expect(summary.map(\.caseIDs.count) == [8, 8, 8])
        let assigned = try stored()
        #expect(assigned.count == 24)
        let own = ["Ana": "Assessment East", "Ben": "CP North", "Cai": "Children in Care West"]
        for (caseID, auditor) in assigned {
            #expect(own[auditor] != teamOf(caseID, teams), "\(auditor) got \(caseID) of their own team")
        }
        #expect(summary.first { $0.auditor == "Ana" }?.teams == ["CP North", "Children in Care West"])
    }

    @Test func thePointerCarriesOnAcrossTeamsInCaseOrder() throws {
        let teams = ["Alpha", "Beta"]
        try drawEveryCase(teams: teams, perTeam: 3)
        try addAuditor("Ana", team: nil)
        try addAuditor("Ben", team: nil)
        try store.assign(month: november, auditors: ["ana", "BEN"])  // names match regardless of case
        let assigned = try stored()
        // Six cases in team then id order, alternating: the stored spelling of each name.
        #expect(["T0-0", "T0-1", "T0-2", "T1-0", "T1-1", "T1-2"].map { assigned[$0] } == ["Ana", "Ben", "Ana", "Ben", "Ana", "Ben"])
    }

    @Test func aTeamWithOnlyItsOwnAuditorsIsRefusedAndNothingIsStored() throws {
        try drawEveryCase(teams: ["Alpha", "Beta"], perTeam: 4)
        try addAuditor("Ana", team: "Alpha")
        try addAuditor("Ava", team: "alpha")
        let error = #expect(throws: AuditError.self) { try store.assign(month: november, auditors: ["Ana", "Ava"]) }
        #expect(error?.description.contains("Alpha") == true)
        #expect(try stored().isEmpty)
        let logged = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log WHERE table_name = 'assignment'") }
        #expect(logged == 0)
    }

    @Test func unknownRepeatedOrMissingAuditorsAndMonthsWithoutADrawAreRefused() throws {
        try drawEveryCase(teams: ["Alpha"], perTeam: 2)
        try addAuditor("Ana", team: nil)
        #expect(throws: AuditError.notAPerson("Nobody")) { try store.assign(month: november, auditors: ["Ana", "Nobody"]) }
        #expect(throws: AuditError.namedTwice("Ana")) { try store.assign(month: november, auditors: ["Ana", "ANA"]) }
        #expect(throws: AuditError.noAuditorsNamed) { try store.assign(month: november, auditors: [" "]) }
        #expect(throws: StoreError.noDraw(month: Month("2026-12")!, askerIsLead: true, latestDrawn: nil)) {
            try store.assign(month: Month("2026-12")!, auditors: ["Ana"])
        }
        #expect(try stored().isEmpty)
    }

    @Test func aNonLeadIsRefused() throws {
        try drawEveryCase(teams: ["Alpha"], perTeam: 2)
        try addAuditor("Ana", team: nil)
        let ana = try Store(path: dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "ana"))
        let error = #expect(throws: StoreError.self) { try ana.assign(month: november, auditors: ["Ana"]) }
        #expect(error == .roleRefused(action: "assign audits", allowed: [.lead], name: "Ana", role: .auditor))
        #expect(error?.description.contains("Only a lead may assign audits") == true)
        #expect(try stored().isEmpty)
    }

    @Test func aReRunKeepsStartedAuditsWithTheirAuditorsAndUpdatesTheRest() throws {
        try drawEveryCase(teams: ["Alpha", "Beta"], perTeam: 3)
        for name in ["Ana", "Ben", "Cai"] { try addAuditor(name, team: nil) }
        try store.assign(month: november, auditors: ["Ana", "Ben"])
        let first = try stored()
        #expect(first["T0-0"] == "Ana")
        #expect(first["T0-1"] == "Ben")
        _ = try startAudit("T0-1", as: "Ben")

        let summary = try store.assign(month: november, auditors: ["Cai"])
        let second = try stored()
        #expect(second["T0-1"] == "Ben")  // Ben's audit had started
        #expect(second.filter { $0.key != "T0-1" }.values.allSatisfy { $0 == "Cai" })
        #expect(summary.map(\.auditor) == ["Cai", "Ben"])
        #expect(summary.last?.started == 1)
        // Rows were updated in place, each change logged: one row per case, never deleted.
        let rows = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM assignment") }
        #expect(rows == 6)
        let operations = try store.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT operation FROM audit_log WHERE table_name = 'assignment' ORDER BY 1")
        }
        #expect(operations == ["insert", "update"])
    }

    @Test func theQueueHoldsAssignedCasesUntilTheirAuditIsSubmitted() throws {
        try drawEveryCase(teams: ["Alpha"], perTeam: 4)
        try addAuditor("Ana", team: nil)
        try addAuditor("Ben", team: nil)
        try store.assign(month: november, auditors: ["Ana", "Ben"])
        #expect(try store.queue(auditor: "ana", month: november).map(\.caseID) == ["T0-0", "T0-2"])
        #expect(try store.queueCount(auditor: "ana", month: november) == 2)

        let started = try startAudit("T0-0", as: "Ana")
        #expect(try store.queue(auditor: "Ana", month: november).map(\.status) == [.inProgress, nil])
        let ana = try Store(path: dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "ana"))
        try ana.saveAnswer(auditID: started.id, questionID: "seen-alone", typed: TypedAnswer(value: "2", grade: .good))
        try ana.setOverall(auditID: started.id, grade: .good, reason: nil)
        try ana.submit(auditID: started.id)

        #expect(try store.queue(auditor: "Ana", month: november).map(\.caseID) == ["T0-2"])
        #expect(try store.queueCount(auditor: "Ana", month: november) == 1)
        #expect(try store.assignedCases(month: november, auditor: "Ana").map(\.progress) == ["submitted", "not started"])
        #expect(try store.assignedAuditor(caseID: "T0-1", month: november) == "Ben")
        #expect(try store.queue(auditor: "Ana", month: Month("2026-12")!).isEmpty)
    }

    /// The smallest template an audit can be submitted against.
    static let oneQuestionTemplate = """
        id: one
        version: 1
        title: One question
        applies_to: [child-in-need]
        lookback_months: 6
        sections:
          - id: voice
            title: The child's voice
            questions:
              - id: seen-alone
                prompt: Was the child seen alone?
                kind: grade
                descriptors:
                  1: Seen alone every visit.
                  2: Seen alone at most visits.
                  3: Seen, rarely alone.
                  4: Not seen.
        """
}
