import AssayCore
@testable import AssayReports
import AssayStatistics
import Testing

/// The team page estimates each month for the authority and its own team alone
/// (`TeamReport.estimates`), where it had taken both rows from `report rates --by team`
/// (`RatesReport`), which estimates every team. The page's figures must still be those rows,
/// to the last digit: the CSV of `report team` prints them beside the rates report's.
@Suite struct TeamPageEstimatesTests {
    /// Three months: a drawn month whose strata cross teams (a stratum of two teams, one
    /// team over two strata, a stratum of one audit), a month of imported history, and a
    /// drawn month where one team has no audit.
    static func audits() -> [ReportedAudit] {
        let months = [Month("2026-09")!, Month("2026-10")!, Month("2026-11")!]
        var audits: [ReportedAudit] = []
        func add(_ month: Month, _ team: String, _ grades: [Grade], _ origin: ReportedAudit.Origin) {
            for grade in grades {
                audits.append(ReportedAudit(month: month, team: team, locality: "North", service: nil, overall: grade, origin: origin, domainGrades: [:]))
            }
        }
        add(months[0], "Alder", [.inadequate, .good, .good], .drawn(drawID: 1, position: 0, population: 40))
        add(months[0], "Birch", [.inadequate, .requiresImprovement], .drawn(drawID: 1, position: 0, population: 40))
        add(months[0], "Birch", [.good, .inadequate, .good, .good], .drawn(drawID: 1, position: 1, population: 25))
        add(months[0], "Cedar", [.inadequate], .drawn(drawID: 1, position: 2, population: 9))
        add(months[1], "Alder", [.inadequate, .good], .imported)
        add(months[1], "Birch", [.good, .good, .good], .imported)
        add(months[2], "Alder", [.good, .inadequate, .inadequate, .good], .drawn(drawID: 2, position: 0, population: 60))
        add(months[2], "Cedar", [.good, .good], .drawn(drawID: 2, position: 1, population: 8))
        return audits
    }

    @Test func eachMonthsFiguresAreTheRatesReportsRowsToTheDigit() throws {
        let byMonth = Dictionary(grouping: Self.audits(), by: \.month)
        var compared = 0
        for (month, audits) in byMonth {
            let rows = try RatesReport(audits: audits, period: ReportPeriod(month: month), grouping: .team).rows
            for team in ["Alder", "birch", "CEDAR", "Nowhere"] {
                let (authority, own) = try TeamReport.estimates(audits, team: team)
                #expect(authority == rows.first { $0.group.isAuthority }?.estimate)
                let row = rows.first { $0.group.values.count == 1 && $0.group.values[0].value.lowercased() == team.lowercased() }
                #expect(own == row?.estimate, "\(team) in \(month)")
                if own != nil { compared += 1 }
            }
        }
        // Alder in every month, Birch in two, Cedar in two; a team without audits has no row.
        #expect(compared == 7)
        let none = try TeamReport.estimates([], team: "Alder")
        #expect(none.authority == nil && none.team == nil)
    }
}
