import Foundation
import Testing

/// docs/reports.md, `report rates`: a month named before its audits are in has no rows,
/// the authority's included (a row of 0 audits would read as a rate of 0), in every format.
@Suite struct ReportEmptyPeriodTests {
    let work = Workspace()

    init() throws { try TwoTeamWorkspace.prepare(work) }

    @Test func aMonthWithoutAuditsHasNoRowsNotAnAuthorityRowOfNothing() throws {
        let table = try TwoTeamWorkspace.run(work, ["report", "rates", "--month", "2026-12"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("No submitted audits of drawn cases in 2026-12."), "\(table.stdout)")
        #expect(!table.stdout.contains("Authority"), "\(table.stdout)")
        #expect(try TwoTeamWorkspace.run(work, ["report", "rates", "--month", "2026-12", "--format", "json"]).stdout == "[]\n")
        let csv = try TwoTeamWorkspace.run(work, ["report", "rates", "--month", "2026-12", "--format", "csv"]).stdout
        #expect(csv.split(separator: "\n").count == 1 && csv.hasPrefix("month,level,group,"), "\(csv)")
        // The month with audits has the authority first.
        let november = try TwoTeamWorkspace.run(work, ["report", "rates", "--month", "2026-11", "--format", "csv"]).stdout
        #expect(november.split(separator: "\n").dropFirst().first?.hasPrefix("2026-11,authority,") == true, "\(november)")
    }
}
