import AssayAudits
import AssayCore
import AssayReports
import AssayStore
import ArgumentParser
import Foundation

/// `report html`: the month's report as one self-contained, printable HTML file
/// (docs/reports.md, "`report html`").
struct ReportHTMLCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "One self-contained HTML file: summary, team charts, funnel plot, p-chart, domain heat map, actions and tables.",
        discussion: """
            The month (default: the latest month with audits) and a window of --months months ending at it. \
            Inline SVG and CSS, no script, nothing fetched from the network; it prints on A4. \
            The file is created private (mode 0600) and names no case. See docs/reports.md.
            """)

    @Option(help: ArgumentHelp("The report's month (default: the latest month with audits).", valueName: "yyyy-mm"))
    var month: String?

    @Option(help: ArgumentHelp("Months the charts span, ending at the report's month.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The HTML file to write (replaced if it exists; - for standard output).", valueName: "file.html"))
    var out: String

    func execute(in session: Session) throws {
        guard months >= 1 else { throw AssayFailure("--months \(months): the report needs at least 1 month.") }
        guard !out.isEmpty else { throw AssayFailure("--out needs a file name.") }
        if out != "-" { try PrivateFile.regularTarget(out) }  // refuse a device or pipe before the work
        let store = try session.existingStore()
        let end = try month.map { text -> Month in
            guard let month = Month(text) else { throw AssayFailure("--month \(text): write it as YYYY-MM.") }
            return month
        } ?? ReportPeriodOptions.defaultMonth(session)
        let from = end.adding(months: -(months - 1))
        // The heat map's domain grades are tallied as SQLite reads them, not held in each
        // audit: over ten years of a region's audits they are six million rows.
        let audits = try store.reportedAudits(from: from, through: end, domainGrades: false)
        guard !audits.isEmpty else {
            throw AssayFailure("report html: no audits to report in \(from) to \(end) (submitted audits of drawn cases, or imported history); nothing was written.")
        }
        let report = try HTMLReport(audits: audits, month: end, months: months, actions: try store.actions(ActionFilter()), asOf: ActionDates.today(),
                                    domains: try store.domainsReport(from: from, through: end, grouping: .team))
        let head = try store.chainHead()
        let html = report.render(produced: CalendarDate.today().description, chainHead: head?.description)
        if out == "-" {
            session.write(html)
            return
        }
        try PrivateFile.write(html, to: out)
        session.write("Wrote \(out) (\(Self.size(html.utf8.count))): the report for \(end) with \(months) month\(months == 1 ? "" : "s") "
                      + "(\(report.window)), \(report.audited) audits, \(report.teams.count) teams.\n")
        session.write("It holds: \(report.contents.joined(separator: ", ")). It names no case; open it in a browser or print it on A4.\n")
        if let head { session.write(head.footnote + "\n") }
        if report.includesHistory, let note = report.footnotes.first(where: { $0.contains("imported from before Assay") }) {
            session.write(ReportCells.footnotes([note]))
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 10_000 ? "\(bytes) bytes" : "\((bytes + 512) / 1024) KB"
    }
}
