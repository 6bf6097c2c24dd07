import AssayCore
import AssayOutput
import AssayReports
import AssayStore
import AssayTemplates
import ArgumentParser
import Foundation

/// `report domains`: what fails in the audited cases — per domain (template section), the
/// share of audits graded requires improvement or inadequate, for the authority and each
/// group, the three weakest domains authority-wide first (docs/reports.md).
struct ReportDomainsCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "domains", abstract: "Share of audits with each domain graded requires improvement or inadequate; the three weakest domains.",
        discussion: "One month (--month, default: the latest month with audits), or a range (--from and --to). See docs/reports.md.")

    @OptionGroup var options: ReportPeriodOptions
    @OptionGroup var groups: ReportGroupingOptions
    @OptionGroup var publicVersion: PublicOptions
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let period = try options.period(session, command: "report domains")
        let store = try session.existingStore()
        // Tallied as SQLite reads the grades, not from audits each holding theirs: ten years
        // of a region's audits are six million domain grades (docs/performance.md).
        let report = try store.domainsReport(from: period.from, through: period.to, grouping: try groups.grouping())
        // Titles are for people: templates that cannot be read just leave domains by their ids.
        let titles = (try? store.domainTitles()) ?? DomainTitles(templates: [])
        // Ranked only among domains graded often enough to tell, as the HTML report ranks them.
        let weakest = WeakestDomains(report)
        let rule = publicVersion.suppression
        let hidden = rule.map(report.hidden(by:)) ?? report.rows.map { _ in DomainsReport.HiddenRow() }
        let c = Cell.text(SmallCountSuppression.marker)
        switch output.format {
        case .table, .markdown:
            session.write("Domains graded requires improvement or inadequate, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n")
            guard !report.rows.isEmpty else {
                session.write("\nNo domain grades in \(period).\n")
                return
            }
            let authorityShares = Dictionary(report.rows.indices.filter { report.rows[$0].group.isAuthority }
                .map { (report.rows[$0].domain, hidden[$0].shares) }, uniquingKeysWith: { $0 || $1 })
            session.write(TextPolicy.printable(Self.weakestLine(weakest, of: report, titles: titles,
                                                                hidden: { authorityShares[$0] ?? false }), kind: .line) + "\n")
            session.write("\n")
            session.emit(Listing(
                columns: [Column("group"), Column("domain"), Column("audited"), Column("requires_improvement", "RI"), Column("inadequate"),
                          Column("share_ri_or_inadequate", "RI or inadequate"), Column("weakest")],
                rows: zip(report.rows, hidden).map { row, h in
                    [ReportCells.group(row.group, forPeople: true), .text(titles.title(of: row.domain)),
                     SmallCountSuppression.cell(row.audited, hidden: h.audited),
                     SmallCountSuppression.cell(row.requiresImprovement, hidden: h.requiresImprovement),
                     SmallCountSuppression.cell(row.inadequate, hidden: h.inadequate),
                     h.shares ? c : .text(ShareText.share(row.requiresImprovement + row.inadequate, of: row.audited)),
                     weakest.rank(of: row.domain).map(Cell.int) ?? .null]
                }), as: output)
            var notes = report.footnotes
            if let combined = titles.combinedNote(for: report.rows.map(\.domain)) { notes.insert(combined, at: 1) }
            session.write(TextPolicy.printable(ReportCells.footnotes(notes)))
            if let rule { session.write("\n" + rule.statement + "\n") }
        case .csv, .json:
            let tidy = output.format == .csv
            var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
            columns += tidy ? ReportCells.tidyGroupColumns(report.grouping) : [Column("group")]
            columns += [Column("domain"), Column("title"), Column("audited"), Column("inadequate"), Column("requires_improvement"),
                        Column("share_ri_or_inadequate"), Column("share_inadequate"), Column("weakest")]
            session.emit(Listing(columns: columns, rows: zip(report.rows, hidden).map { (row: DomainsReport.Row, h: DomainsReport.HiddenRow) -> [Cell] in
                var cells: [Cell] = period.isOneMonth ? [.text(period.from.description)] : [.text(period.from.description), .text(period.to.description)]
                cells += tidy ? ReportCells.tidyGroupCells(row.group, report.grouping) : [ReportCells.group(row.group, forPeople: false)]
                cells += [.text(row.domain), .text(titles.title(of: row.domain)), SmallCountSuppression.cell(row.audited, hidden: h.audited),
                          SmallCountSuppression.cell(row.inadequate, hidden: h.inadequate),
                          SmallCountSuppression.cell(row.requiresImprovement, hidden: h.requiresImprovement),
                          h.shares ? c : .number(row.shareRIOrInadequate, decimals: 3),
                          h.shares ? c : .number(row.shareInadequate, decimals: 3), weakest.rank(of: row.domain).map(Cell.int) ?? .null]
                return cells
            }), as: output)
        }
    }

    /// The line above the table: the weakest domains among those graded often enough to rank,
    /// and how many were graded too rarely.
    static func weakestLine(_ weakest: WeakestDomains, of report: DomainsReport, titles: DomainTitles,
                            hidden: (String) -> Bool = { _ in false }) -> String {
        let period = report.period
        // Some domain was graded often enough to rank, though none of those was graded poorly.
        let enough = weakest.tooRarelyGraded.count < report.rows.filter(\.group.isAuthority).count
        var line = weakest.ranked.isEmpty
            ? enough
                ? "Weakest authority-wide: none, as no domain graded in at least \(weakest.minimum) audits in \(period) was graded "
                    + "requires improvement or inadequate"
                : "Weakest authority-wide: none ranked, as no domain was graded in \(weakest.minimum) audits or more in \(period)"
            : "Weakest authority-wide, among domains graded in at least \(weakest.minimum) audits: "
                + weakest.ranked.enumerated().map { n, row in "\(n + 1). \(titles.title(of: row.domain)) (\(hidden(row.domain) ? SmallCountSuppression.marker : poorShare(row)))" }.joined(separator: ", ")
        if !weakest.tooRarelyGraded.isEmpty {
            let count = weakest.tooRarelyGraded.count
            line += "; \(count) domain\(count == 1 ? "" : "s") graded too rarely to rank (pool months with --from and --to)"
        }
        return line + "."
    }

    /// "2 of 4" or "42% of 48": the audits grading the domain requires improvement or
    /// inadequate, as a count under ten audits and a share above, and always of how many.
    static func poorShare(_ row: DomainsReport.Row) -> String {
        let poor = row.requiresImprovement + row.inadequate
        return row.audited < ShareText.fewestForPercent ? "\(poor) of \(row.audited)" : "\(ShareText.percent(row.shareRIOrInadequate)) of \(row.audited)"
    }
}
