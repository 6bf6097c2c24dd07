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
    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        let period = try options.period(session, command: "report domains")
        let store = try session.existingStore()
        // Tallied as SQLite reads the grades, not from audits each holding theirs: ten years
        // of a region's audits are six million domain grades (docs/performance.md).
        let report = try store.domainsReport(from: period.from, through: period.to, grouping: try groups.grouping())
        let people = output.format == .table || output.format == .markdown
        if people {
            let titles = Self.sectionTitles(store)
            func named(_ domain: String) -> String { titles[domain].map { "\(domain) (\($0))" } ?? domain }
            session.write("Domains graded requires improvement or inadequate, \(period)\(report.grouping.map { ", by \($0)" } ?? "")\n")
            guard !report.rows.isEmpty else {
                session.write("\nNo domain grades in \(period).\n")
                return
            }
            let authority = report.rows.filter(\.group.isAuthority)
            let weakest = report.weakest.compactMap { id in authority.first { $0.domain == id } }
            if !weakest.isEmpty {
                session.write("Weakest authority-wide: " + TextPolicy.printable(weakest.enumerated().map { n, row in
                    "\(n + 1). \(named(row.domain)) \(Self.percent(row.shareRIOrInadequate)) of \(row.audited)"
                }.joined(separator: ", "), kind: .line) + "\n")
            }
            session.write("\n")
            let hasTitles = report.rows.contains { titles[$0.domain] != nil }
            var columns = [Column("group"), Column("domain")]
            if hasTitles { columns.append(Column("title")) }
            columns += [Column("audited"), Column("requires_improvement", "RI"), Column("inadequate"),
                        Column("share_ri_or_inadequate", "RI or inadequate"), Column("weakest")]
            session.emit(Listing(columns: columns, rows: report.rows.map { row in
                var cells: [Cell] = [ReportCells.group(row.group, forPeople: true), .text(row.domain)]
                if hasTitles { cells.append(.optional(titles[row.domain])) }
                cells += [.int(row.audited), .int(row.requiresImprovement), .int(row.inadequate),
                          .number(row.shareRIOrInadequate, decimals: 3), row.weakest.map(Cell.int) ?? .null]
                return cells
            }), as: output)
            session.write(ReportCells.footnotes(report.footnotes))
            return
        }
        var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
        columns += [Column("group"), Column("domain"), Column("audited"), Column("inadequate"), Column("requires_improvement"),
                    Column("share_ri_or_inadequate"), Column("share_inadequate"), Column("weakest")]
        session.emit(Listing(columns: columns, rows: report.rows.map { row in
            var cells: [Cell] = period.isOneMonth ? [.text(period.from.description)] : [.text(period.from.description), .text(period.to.description)]
            cells += [ReportCells.group(row.group, forPeople: false), .text(row.domain), .int(row.audited), .int(row.inadequate),
                      .int(row.requiresImprovement), .number(row.shareRIOrInadequate, decimals: 3),
                      .number(row.shareInadequate, decimals: 3), row.weakest.map(Cell.int) ?? .null]
            return cells
        }), as: output)
    }

    /// Section id → title from the registered templates (latest version of each, templates
    /// by id; the first title found wins). Titles are for people only: a template that
    /// cannot be read just leaves its sections untitled.
    static func sectionTitles(_ store: Store) -> [String: String] {
        var titles: [String: String] = [:]
        var seen: Set<String> = []
        for id in ((try? store.registeredTemplates()) ?? []).map(\.templateID) where seen.insert(id).inserted {
            guard let template = try? store.template(id: id) else { continue }
            for section in template.sections where titles[section.id] == nil { titles[section.id] = section.title }
        }
        return titles
    }

    static func percent(_ share: Double) -> String {
        (share * 100).formatted(.number.precision(.fractionLength(0))) + "%"
    }
}
