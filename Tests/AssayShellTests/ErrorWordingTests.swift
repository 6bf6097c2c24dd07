@testable import AssayShell
import AssayAudits
import AssayCore
import AssayHub
import AssayStatistics
import AssayStore
import Foundation
import Testing

/// The shell's edge (Sources/AssayShell/Grammar/ErrorWording.swift) decides, for every
/// module's error, the exit status from its kind and the words from its description and
/// hint (docs/architecture.md, "Errors"; docs/shell.md, "Exit status"). Checked through the
/// in-process shell, as a script sees it, for one error of each kind.
@Suite struct ErrorWordingTests {
    let dir: String

    init() throws {
        dir = try InProcessTests.directory()
        let made = try run(["init"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try run(["people", "add", "Ana", "--role", "auditor"]).status == 0)
    }

    func run(_ arguments: [String], as user: String = "Lena Lead") throws -> InProcess.Result {
        try InProcess.run(["--db", "qa.db", "--as", user] + arguments, environment: InProcessTests.environment, workingDirectory: dir)
    }

    @Test func notFoundExits4WithWhereToLook() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(["audits", "show", "999"])
        #expect(result.status == 4)
        #expect(result.stderr == "No audit 999. `audits` lists them.\n")
    }

    @Test func refusedByRoleExits3() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(["people", "add", "Bo", "--role", "auditor"], as: "Ana")
        #expect(result.status == 3)
        #expect(result.stderr == "Only a lead may add people; Ana is an auditor.\n")
        let nobody = try run(["people", "add", "Bo", "--role", "auditor"], as: "Anna")
        #expect(nobody.status == 3)
        #expect(nobody.stderr == """
            Only a lead may add people; Anna is not one of this database's people. Did you mean --as "Ana"? \
            A lead can add them: people add "Anna" --role ROLE

            """)
    }

    @Test func aConflictExits1() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(["people", "add", "Ana", "--role", "auditor"])
        #expect(result.status == 1)
        #expect(result.stderr == "Ana is already one of this database's people.\n")
    }

    @Test func anInvalidValueExits2NamingItsFlagAndABadFileExits1() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let grouping = try run(["report", "rates", "--by", "team,team"])
        #expect(grouping.status == 2)
        #expect(grouping.stderr == "--by team,team: team is given twice.\n")
        let setting = try run(["settings", "set", "stale-days", "0"])
        #expect(setting.status == 2)
        #expect(setting.stderr.hasPrefix("The setting stale-days cannot be 0"), "\(setting.stderr)")
        try "case_id,team,locality,service\nB,,L,assessment\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let file = try run(["import", "cases", "bad.csv", "--as-of", "2026-11-01"])
        #expect(file.status == 1, "invalid input in a file: \(file.stderr)")
        #expect(file.stderr.hasPrefix("bad.csv: rejected, 1 problem"), "\(file.stderr)")
    }

    /// Each kind's status, for an error of any module: the table in docs/shell.md.
    @Test func eachKindHasItsStatus() {
        #expect(ErrorWording.exitStatus(of: AuditError.noAudit(1)) == .notFound)
        #expect(ErrorWording.exitStatus(of: StoreError.roleRefused(action: "draw", allowed: [.lead], name: "Ana", role: .auditor)) == .refused)
        #expect(ErrorWording.exitStatus(of: AuditError.notSubmitted(audit: 1, status: "in_progress")) == .failure)
        #expect(ErrorWording.exitStatus(of: AuditError.reasonMissing(.reopen)) == .usage)
        #expect(ErrorWording.exitStatus(of: StatisticsError.populationTooSmall(0)) == .failure, "invalid input not given as a value")
        #expect(ErrorWording.message(for: AuditError.reasonMissing(.reopen)) == "Reopening an audit needs a reason. Give it with --reason TEXT.")
        let other = ErrorWording.userFacing(CocoaError(.fileNoSuchFile))
        #expect(other == nil, "an error that is not Assay's is not worded here")
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A register's layout problems carry what the lead asked for and can do as data
    /// (`UserAction`); the shell words them as the options they type, exactly as the library
    /// wrote them before (issue 21).
    @Test func aLayoutProblemsRequestAndRemedyAreWordedAsTheOptionsToType() {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let required = InputProblem(file: "r.csv", line: 1, field: "case_id", reason: "no column gives this required field (columns: Ref, Team)",
                                    remedy: .mapColumn(nil, toField: "case_id"))
        #expect(ErrorWording.words(for: required)
            == #"r.csv:1: field "case_id": no column gives this required field (columns: Ref, Team); name one with --map COLUMN=case_id"#)
        #expect(required.description == #"r.csv:1: field "case_id": no column gives this required field (columns: Ref, Team); name the column that gives case_id"#,
                "the library's own words name no option")
        let personal = InputProblem(file: "r.csv", line: 1, field: nil,
                                    reason: "the column looks like personal data about a child or family (a name); sampling and reports never need it",
                                    request: .keepColumn("Surname"), remedy: .allowPersonalData)
        #expect(ErrorWording.words(for: personal) == """
            r.csv:1: --keep Surname: the column looks like personal data about a child or family (a name); sampling and reports never need it. \
            Add --allow-personal-data to keep it anyway (the frame records that you did)
            """)
        let mapped = InputProblem(file: "r.csv", line: 1, field: nil, reason: #"the file has no column "Nope""#, request: .mapColumn("Nope", toField: "team"))
        #expect(ErrorWording.words(for: mapped) == #"r.csv:1: --map Nope=team: the file has no column "Nope""#)
        let service = InputProblem(file: "r.csv", line: 3, field: "service", reason: #"unknown service "Youth Justice" (codes: …)"#,
                                   remedy: .mapService(spelling: "Youth Justice"))
        #expect(ErrorWording.words(for: service) == #"r.csv:3: field "service": unknown service "Youth Justice" (codes: …); map a local name with --map-service "Youth Justice=CODE""#)
    }

    /// The same through `import cases`, byte for byte as the command printed it before the
    /// remedies became data (captured from the binary at 1630c58).
    @Test func aRejectedRegisterLayoutReadsAsBefore() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Ref,Team,Child Name,Surname,DOB,Notes\nA,T,Zed,Smith,2015-01-01,x\n".write(toFile: dir + "/layout.csv", atomically: true, encoding: .utf8)
        let result = try run(["import", "cases", "layout.csv", "--as-of", "2026-11-01", "--map", "Ref=case_id", "--map", "Nope=team",
                              "--map", "Team=bogus", "--keep", "Surname", "--keep", "DOB", "--keep", "Missing", "--keep", "Ref", "--keep", "Notes"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            layout.csv: rejected, 7 problems; nothing was imported.
              layout.csv:1: --map Nope=team: the file has no column "Nope"
              layout.csv:1: --map Team=bogus: unknown field "bogus" (fields: case_id, team, locality, service, worker, opened)
              layout.csv:1: --keep Surname: the column looks like personal data about a child or family (a name); sampling and reports never need it. Add --allow-personal-data to keep it anyway (the frame records that you did)
              layout.csv:1: --keep DOB: the column looks like personal data about a child or family (a date of birth); sampling and reports never need it. Add --allow-personal-data to keep it anyway (the frame records that you did)
              layout.csv:1: --keep Missing: the file has no column "Missing"
              layout.csv:1: --keep Ref: that column is already read as a field
              layout.csv:1: field "locality": no column gives this required field (columns: Ref, Team, Child Name, Surname, DOB, Notes); name one with --map COLUMN=locality

            """)
    }

    /// An open escalation's remedy is the command that records the response.
    @Test func anEscalationsRemedyIsTheCommandThatResponds() {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = AuditError.notSubmittable(audit: 3, problems: [SubmissionRules.Problem(questionID: nil, field: "escalation",
                                                                                            message: "escalation 7 has no response yet", remedy: .respondToEscalation(7))])
        #expect(ErrorWording.message(for: error) == "Audit 3 cannot be submitted yet:\n  escalation 7 has no response yet (escalation respond 7 --response TEXT)")
        #expect(error.description == "Audit 3 cannot be submitted yet:\n  escalation 7 has no response yet (respond to escalation 7)")
    }

    /// A hub that cannot be reached is a failure (1), its URL without the password.
    @Test func aHubThatCannotBeReachedExits1WithoutThePassword() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(["hub", "authority", "list", "--hub", "postgres://ana:s3cret@127.0.0.1:1/hub"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Cannot connect to the hub postgres://ana:***@127.0.0.1:1/hub: "), "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret"))
        #expect(ErrorWording.exitStatus(of: HubError.noAnswer(reason: "server closed the connection")) == .failure)
    }
}
