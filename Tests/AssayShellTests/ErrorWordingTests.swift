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
