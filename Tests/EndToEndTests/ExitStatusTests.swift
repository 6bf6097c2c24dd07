import Foundation
import Testing

/// One exit-status convention for the command line, `-c`, scripts and pipes
/// (docs/shell.md, "Exit status"): 0 success, 1 a command failed, 2 bad usage, 3 refused by
/// role, 4 not found — so a monthly script can tell "you may not" and "there is none" from
/// a failure, and from a typo. Run as the executable: these statuses are what the operating
/// system's shell sees, so they are checked where the process exits with them.
@Suite struct ExitStatusTests {
    let work = Workspace()

    init() throws {
        try AuditWorkspace.prepare(work)
    }

    func status(_ arguments: [String], as user: String = AuditWorkspace.lead, input: String = "") throws -> Int32 {
        try work.binary.run(["--db", "qa.db", "--as", user] + arguments, input: input).status
    }

    @Test func eachKindOfOutcomeHasItsOwnStatus() throws {
        #expect(try status(["people"]) == 0)
        work.write("bad.csv", "case_id,team,locality,service\nB,,L,assessment\n")
        #expect(try status(["import", "cases", "bad.csv", "--as-of", "2026-11-01"]) == 1, "bad input in a file")
        #expect(try status(["reprot", "rates"]) == 2, "an unknown command")
        #expect(try status(["people", "--frobnicate"]) == 2, "an unknown option")
        #expect(try status(["draw", "--month", "2026-12", "--size", "2"], as: "Ana") == 3, "an auditor may not draw")
        #expect(try status(["people"], as: "Nobody Here") == 0, "reading the list is open to anyone")
        #expect(try status(["people", "add", "Bo", "--role", "auditor"], as: "Nobody Here") == 3, "not one of the people")
        #expect(try status(["audits", "show", "999"]) == 4, "no such audit")
        #expect(try work.binary.run(["--db", "missing.db", "people"]).status == 4, "no such database")
        #expect(try status(["import", "cases", "nowhere.csv"]) == 4, "no such file")
    }

    /// A script exits with the status of its first failure; with --bail it stops there.
    @Test func aScriptExitsWithItsFirstFailure() throws {
        work.write("cycle.assay", "people\ndraw --month 2026-12 --size 2\nreprot\n")
        #expect(try status(["run", "cycle.assay"], as: "Ana") == 3)
        #expect(try status(["--bail"], as: "Ana", input: "people\naudits show 999\ndraw --month 2026-12 --size 2\n") == 4)
        #expect(try work.binary.run(["--db", "qa.db", "--as", AuditWorkspace.lead, "-c", "people", "-c", "reprot"]).status == 2)
    }
}
