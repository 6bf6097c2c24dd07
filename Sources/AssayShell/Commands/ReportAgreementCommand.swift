import AssayCore
import AssayOutput
import AssayReports
import AssayStatistics
import ArgumentParser

/// `report agreement`: first auditors against moderators' blind grades (docs/moderation.md).
struct ReportAgreementCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement", abstract: "Agreement between first auditors and moderators' blind grades: exact, kappa, weighted kappa.",
        discussion: "Overall and per domain; --by auditor adds each first auditor's rows. See docs/moderation.md.")

    @OptionGroup var options: ReportPeriodOptions

    @Option(help: ArgumentHelp("auditor: also each first auditor's rows.", valueName: "field"))
    var by: String?

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        if let by, by.lowercased() != "auditor" { throw AssayFailure.usage("--by \(by): report agreement groups only by auditor." + EditDistance.didYouMean(by, among: ["auditor"])) }
        let period = try options.period(session, command: "report agreement")
        let report = AgreementReport(pairs: try session.existingStore().moderatedPairs(from: period.from, through: period.to),
                                     period: period, byAuditor: by != nil)
        let people = output.format == .table || output.format == .markdown
        // People read domains by title; JSON and CSV keep the section id (docs/json.md).
        let titles = people ? (try? session.existingStore().domainTitles()) ?? DomainTitles(templates: []) : DomainTitles(templates: [])
        if people { session.write("Agreement of first auditors with moderators' blind grades, \(period)\n\n") }
        // People see 0.000, never -0.000 from rounding; programs get the value as computed.
        func number(_ value: Double?) -> Cell { value.map { .number(people && abs($0) < 5e-4 ? 0 : $0, decimals: 3) } ?? .null }
        var columns = period.isOneMonth ? [Column("month")] : [Column("from"), Column("to")]
        columns += [Column("auditor"), Column("grade"), Column("pairs"), Column("exact_agreement", "exact"), Column("kappa"),
                    Column("kappa_low"), Column("kappa_high"), Column("weighted_kappa", "weighted"), Column("weighted_low"),
                    Column("weighted_high"), Column("moved_better", "better"), Column("moved_worse", "worse"), Column("undefined_reason", "why undefined")]
        let rows = report.rows.map { row -> [Cell] in
            let a = row.agreement
            var cells: [Cell] = period.isOneMonth ? [.text(period.from.description)] : [.text(period.from.description), .text(period.to.description)]
            cells += [row.auditor.map(Cell.text) ?? (people ? .text("everyone") : .null), .text(row.domain.map { people ? titles.title(of: $0) : $0 } ?? "overall"), .int(a.n),
                      number(a.exactAgreement), number(a.kappa), number(a.kappaCI?.low), number(a.kappaCI?.high),
                      number(a.weightedKappa), number(a.weightedKappaCI?.low), number(a.weightedKappaCI?.high),
                      number(a.movedBetter), number(a.movedWorse), .optional(a.undefinedReason?.rawValue)]
            return cells
        }
        guard !report.rows.isEmpty && report.rows[0].agreement.n > 0 || !people else {
            session.write("No moderated audits in \(period).\n")
            return
        }
        session.emit(Listing(columns: columns, rows: rows), as: output)
        if people {
            session.write(ReportCells.footnotes([
                "Pairs: the first auditor's grade and the moderator's blind grade (given before seeing the first). Kappa: Cohen's; "
                    + "weighted: quadratic weights over all four grades; 95% intervals (docs/statistics.md, \"Agreement: moderation\").",
                "better / worse: the share of moderated audits whose moderator graded better (a lower number) or worse than the first auditor.",
            ]))
        }
    }
}
