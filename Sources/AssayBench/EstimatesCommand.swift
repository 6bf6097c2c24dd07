import AssayCore
import AssayReports
import AssayStore
import ArgumentParser
import Foundation

/// Times, inside one process, what `report rates --by team` computes for one month — read
/// the month's audits with their design, estimate the authority's and every team's rate with
/// intervals — so it compares like for like with R's timing of svyciprop and svyby (which
/// leaves out R's start-up and reading the data too).
struct EstimatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "estimates", abstract: "Time one month's authority and team estimates in-process.")

    @OptionGroup var database: StoreOptions
    @Option var month: String
    @Option var repeats = 5

    func run() throws {
        guard let month = Month(month) else { throw ValidationError("--month: YYYY-MM") }
        let store = try database.store()
        let period = ReportPeriod(month: month)
        var best = Double.infinity
        var rows = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let report = try RatesReport(audits: try store.reportedAudits(from: period.from, through: period.to, domainGrades: false),
                                         period: period, grouping: ReportGrouping(fields: [.team]))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            rows = report.rows.count
        }
        print(#"{"seconds": \#(best), "rows": \#(rows)}"#)
    }
}
