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
        abstract: "One self-contained HTML file for leaders and scrutiny: the three questions answered in plain words, teams, localities, direction of travel, domains, actions.",
        discussion: """
            The month (default: the latest month with audits), the 12 months to it (the headline and the first horizon of \
            the direction of travel, the second being 36 months or all history), and a window of --months months ending at it \
            for the charts. Inline SVG and CSS, no script, nothing fetched from the network; it reads on a phone and prints on A4 \
            with a running header and page numbers. The file is created private (mode 0600); it lists no case, and names \
            the few oldest overdue actions by pseudonym. See docs/reports.md.
            """)

    @Option(help: ArgumentHelp("The report's month (default: the latest month with audits).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("Months the charts span, ending at the report's month.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The HTML file to write (replaced if it exists; - for standard output).", valueName: "file.html"))
    var out: String

    @Option(help: ArgumentHelp("The authority's name, for the title and the printed running header.", valueName: "name"))
    var authority: String?

    @OptionGroup var publicVersion: PublicOptions

    func execute(in session: Session) throws {
        guard months >= 1 else { throw AssayFailure("--months \(months): the report needs at least 1 month.") }
        guard !out.isEmpty else { throw AssayFailure("--out needs a file name.") }
        if out != "-" { try PrivateFile.regularTarget(out) }  // refuse a device or pipe before the work
        let store = try session.existingStore()
        let end = try month ?? ReportPeriodOptions.defaultMonth(session)
        if let authority, let problem = TextPolicy.problem(in: authority, kind: .line) {
            throw AssayFailure("--authority \(problem).")
        }
        let from = end.adding(months: -(months - 1))
        // The window's audits and the 12 months' (the headline), whichever reaches further back.
        // The heat map's domain grades are tallied as SQLite reads them, not held in each
        // audit: over ten years of a region's audits they are six million rows.
        let yearFrom = end.adding(months: -(DirectionOfTravel.yearMonths - 1))
        // Read as one state of the record, so the chain head printed on every page is the
        // state its figures describe (`Store.consistently`).
        let (report, head) = try store.consistently { () throws -> HTMLReport in
            let audits = try store.reportedAudits(from: min(from, yearFrom), through: end, domainGrades: false)
            guard audits.contains(where: { $0.month >= from }) else {
                throw AssayFailure("report html: no audits to report in \(from) to \(end) (submitted audits of drawn cases, or imported history); nothing was written.")
            }
            // The longer horizon of the direction of travel only needs counts, which SQLite folds.
            let longFrom = end.adding(months: -(DirectionOfTravel.longerMonths - 1))
            let travel = (team: try store.rawCounts(from: longFrom, through: end, grouping: .team),
                          locality: try store.rawCounts(from: longFrom, through: end, grouping: ReportGrouping(fields: [.locality])))
            let actions = try store.actions(ActionFilter())
            let asOf = session.today
            // Pseudonyms only when an overdue action will be named (the secret is made on first
            // need: that write makes the first reading go round once more).
            let pseudonyms = actions.contains { $0.isOverdue(asOf: asOf) } ? try store.casePseudonyms() : nil
            return try HTMLReport(audits: audits, month: end, months: months, actions: actions, asOf: asOf,
                                  domains: try store.domainsReport(from: from, through: end, grouping: .team), travel: travel,
                                  domainTitles: (try? store.domainTitles()) ?? DomainTitles(templates: []), pseudonyms: pseudonyms)
        }
        let produced = session.today.description
        let html = publicVersion.suppression.map { report.renderPublic($0, produced: produced, chainHead: head?.description, authority: authority) }
            ?? report.render(produced: produced, chainHead: head?.description, authority: authority)
        if out == "-" {
            session.write(html)
            return
        }
        try PrivateFile.write(html, to: out)
        session.write("Wrote \(out) (\(Self.size(html.utf8.count))): the report for \(end) with \(months) month\(months == 1 ? "" : "s") "
                      + "(\(report.window)), \(report.audited) audits, \(report.teams.count) teams.\n")
        if let rule = publicVersion.suppression {
            session.write("It is the public version: counts from 1 to \(rule.threshold - 1), and what would give them back, shown as [c]; "
                          + "no chart, no counts by locality, no overdue action. Open it in a browser or print it on A4.\n")
        } else {
            session.write("It holds: \(report.contents.joined(separator: ", ")). It lists no case (overdue actions by pseudonym); open it in a browser or print it on A4.\n")
        }
        if let head { session.write(head.footnote + "\n") }
        if report.includesHistory, let note = report.footnotes.first(where: { $0.contains("imported from before Assay") }) {
            session.write(ReportCells.footnotes([note]))
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 10_000 ? "\(bytes) bytes" : "\((bytes + 512) / 1024) KB"
    }
}
