import AssayAudits
import AssayCore
import AssayOutput
import AssayReports
import AssayStatistics
import ArgumentParser

/// `report`: what leaders and scrutiny read (docs/reports.md), and the options its reports share.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leaders and scrutiny: rates, trends, funnel, domains, evidence, a team's page, HTML.",
        subcommands: [ReportRatesCommand.self, ReportTrendCommand.self, ReportFunnelCommand.self, ReportDomainsCommand.self, ReportAgreementCommand.self, ReportHTMLCommand.self,
                      ReportEvidenceCommand.self, ReportTeamCommand.self, ReportActionsCommand.self, ReportDriftCommand.self])
}

/// The period options shared by the reports.
struct ReportPeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("One month (default: the latest month with audits).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("The first month of a range (with --to).", valueName: "yyyy-mm"))
    var from: Month?

    @Option(help: ArgumentHelp("The last month of a range (with --from).", valueName: "yyyy-mm"))
    var to: Month?

    /// `--month M`, `--from M --to M`, or (neither) the latest month with audits.
    func period(_ session: Session, command: String) throws -> ReportPeriod {
        switch (month, from, to) {
        case (let month?, nil, nil): return ReportPeriod(month: month)
        case (nil, let from?, let to?): return try ReportPeriod(from: from, to: to)
        case (nil, nil, nil): return ReportPeriod(month: try Self.defaultMonth(session))
        default: throw AssayFailure("\(command): give --month M, or --from M and --to M together.")
        }
    }

    /// The period as given (`--month M`, `--from M --to M`), for the words a reveal logs.
    var words: [String] {
        [("--month", month), ("--from", from), ("--to", to)].flatMap { option, value in value.map { [option, $0.description] } ?? [] }
    }

    /// The latest month with audits, or the session's month when there are none.
    static func defaultMonth(_ session: Session) throws -> Month {
        try session.existingStore().latestReportedMonth() ?? session.month
    }
}

/// `--by`, for the reports that break down by group.
struct ReportGroupingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Break down by team, locality, service, or team,locality.", valueName: "field"))
    var by: String?

    func grouping() throws -> ReportGrouping? { try by.map(ReportGrouping.init(parsing:)) }
}

