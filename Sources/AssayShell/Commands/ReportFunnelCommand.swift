import AssayCore
import AssayOutput
import AssayReports
import AssayStatistics
import ArgumentParser
import Foundation

/// `report funnel`: which teams' (or localities') inadequate rates are surprising for their
/// number of audits, against exact binomial limits around the authority rate, and against
/// limits inflated for over-dispersion when the teams vary more than chance allows
/// (docs/reports.md).
///
/// For people it says, before any table, which groups have more inadequate audits than
/// expected and which fewer — apart, since the second is no alarm — and how many flags chance
/// alone would raise.
struct ReportFunnelCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel", abstract: "Funnel plot of team rates against audits: exact 95% and 99.8% limits, and which flag each team.",
        discussion: "Raw counts over --months months ending at --to (default: the latest month with audits). See docs/reports.md.")

    @Option(help: ArgumentHelp("Compare teams, localities, or team,locality.", valueName: "field"))
    var by = "team"

    @Option(help: ArgumentHelp("Months in the window.", valueName: "n"))
    var months = 12

    @Option(help: ArgumentHelp("The last month of the window (default: the latest month with audits).", valueName: "yyyy-mm"))
    var to: Month?

    @OptionGroup var output: OutputOptions
    @OptionGroup var publicVersion: PublicOptions

    func execute(in session: Session) throws {
        guard months >= 1 else { throw AssayFailure("--months \(months): the window needs at least 1 month.") }
        let grouping = try ReportGrouping(parsing: by)
        try FunnelReport.check(grouping)
        let end = try to ?? ReportPeriodOptions.defaultMonth(session)
        let period = try ReportPeriod(from: end.adding(months: -(months - 1)), to: end)
        let report = try FunnelReport(counts: try session.existingStore().rawCounts(from: period.from, through: period.to, grouping: grouping),
                                      period: period)
        switch output.format {
        case .table, .markdown:
            session.write("Funnel plot by \(grouping), \(period)\n")
            guard report.target != nil else {
                session.write("\nNo audits in \(period).\n")
                return
            }
            var summary = Self.summary(report)
            if let rule = publicVersion.suppression,
               rule.totalHidden(counts: report.rows.map { (k: $0.funnel.inadequate, n: $0.funnel.audits) }, total: (report.inadequate, report.audited)) {
                summary = summary.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.hasPrefix("Authority rate ") ? "Authority rate \(SmallCountSuppression.marker)." : String($0)
                }.joined(separator: "\n")
            }
            session.write(TextPolicy.printable(summary) + "\n")
            session.emit(suppressed(forPeople(report), report), as: output)
            session.write(ReportCells.footnotes(report.footnotes.filter { $0 != report.chanceNote }))  // said above the table
            if let rule = publicVersion.suppression { session.write("\n" + rule.statement + "\n") }
        case .csv:
            session.emit(suppressed(tidy(report), report), as: output)
        case .json:
            session.emit(suppressed(forPrograms(report), report), as: output)
        }
    }

    /// The lines above the table: the authority's rate, how much the groups differ, who has
    /// more inadequate audits than expected and who fewer, and what chance alone would give.
    static func summary(_ report: FunnelReport) -> String {
        let noun = report.groupNoun
        var out = "Authority rate \(ShareText.percent(Double(report.inadequate) / Double(max(1, report.audited)))) "
            + "(\(report.inadequate) of \(report.audited) audits inadequate).\n"
        if let od = report.plot?.overdispersion {
            let p = od.pValue < 0.0001 ? "<0.0001" : decimal(od.pValue, 4)
            out += od.isOverdispersed
                ? "The \(noun.many) differ among themselves more than chance explains (over-dispersed: φ = \(decimal(od.phi, 2)), p \(p)), "
                    + "so wider limits allowing for that spread are shown too, and the flags below read against them.\n"
                : "The \(noun.many) differ no more than chance explains (not over-dispersed: φ = \(decimal(od.phi, 2)), p \(p)).\n"
        } else {
            out += "How much the \(noun.many) differ is not estimated (fewer than two \(noun.many), or a rate of 0% or 100%).\n"
        }
        // The flag a reader should read: against the wider limits when the groups are over-dispersed.
        let reading = report.rows.map { ($0, $0.funnel.inflated ?? $0.funnel.exact) }
        func named(_ side: [FunnelFlag]) -> [String] {
            reading.filter { side.contains($0.1) }.map { "\($0.0.group) (\($0.1 == .above998 || $0.1 == .below998 ? "beyond 99.8%" : "beyond 95%"))" }
        }
        let more = named([.above998, .above95]), fewer = named([.below95, .below998])
        out += "More inadequate than expected: " + (more.isEmpty ? "none." : more.joined(separator: ", ") + ".") + "\n"
        out += "Fewer inadequate than expected: " + (fewer.isEmpty ? "none." : fewer.joined(separator: ", ")
            + " (good practice to learn from, or kinder grading: worth a look, not an alarm).") + "\n"
        return out + report.chanceNote + "\n"
    }

    /// Counts, the rate (a count under ten audits), each pair of limits as one readable
    /// range, and the flag in words; the wider limits only when the groups are over-dispersed.
    func forPeople(_ report: FunnelReport) -> Listing {
        let inflated = report.isOverdispersed
        var columns = [Column("group"), Column("audited"), Column("inadequate"), Column("rate"),
                       Column("limits_95", "95% limits"), Column("limits_998", "99.8% limits"), Column("flag", "compared with the limits")]
        if inflated {
            columns += [Column("inflated_95", "wider 95% limits"), Column("inflated_998", "wider 99.8% limits"),
                        Column("flag_inflated", "against the wider limits")]
        }
        func range(_ limits: (lower: Double, upper: Double)?) -> Cell { limits.map { .text(ShareText.interval($0.lower, $0.upper)) } ?? .null }
        return Listing(columns: columns, rows: report.rows.map { row in
            let team = row.funnel, limits = team.limits
            var cells: [Cell] = [.text(row.group.description), .int(team.audits), .int(team.inadequate),
                                 .text(ShareText.share(team.inadequate, of: team.audits)),
                                 range((limits.exact95.lower, limits.exact95.upper)), range((limits.exact998.lower, limits.exact998.upper)),
                                 .text(Self.words(team.exact))]
            if inflated {
                cells += [range(limits.inflated95.map { ($0.lower, $0.upper) }), range(limits.inflated998.map { ($0.lower, $0.upper) }),
                          team.inflated.map { .text(Self.words($0)) } ?? .null]
            }
            return cells
        })
    }

    /// The public version (--public): counts, rates and the limits made from them shown as
    /// [c] where SmallCountSuppression hides them; the target with the authority's rate.
    func suppressed(_ listing: Listing, _ report: FunnelReport) -> Listing {
        guard let rule = publicVersion.suppression else { return listing }
        return rule.mask(listing, groups: report.rows.map(\.group), counts: report.rows.map { (k: $0.funnel.inadequate, n: $0.funnel.audits) },
                         total: (report.inadequate, report.audited),
                         rates: ["rate", "limits_95", "limits_998", "inflated_95", "inflated_998", "lower_998", "lower_95", "upper_95", "upper_998",
                                 "inflated_lower_998", "inflated_lower_95", "inflated_upper_95", "inflated_upper_998"],
                         totalRates: ["target"])
    }

    /// A flag in a reader's words: more inadequate than expected is told apart from fewer.
    static func words(_ flag: FunnelFlag) -> String {
        switch flag {
        case .above998: "more than expected (beyond 99.8%)"
        case .above95: "more than expected (beyond 95%)"
        case .within: "within"
        case .below95: "fewer than expected (beyond 95%)"
        case .below998: "fewer than expected (beyond 99.8%)"
        }
    }

    /// One row per group, one value per cell (docs/json.md, "Reports in CSV").
    func tidy(_ report: FunnelReport) -> Listing {
        Listing(columns: [Column("from"), Column("to")] + ReportCells.tidyGroupColumns(report.grouping) + Self.figureColumns,
                rows: report.rows.map { row in
                    [.text(report.period.from.description), .text(report.period.to.description)]
                        + ReportCells.tidyGroupCells(row.group, report.grouping) + Self.figures(row, report)
                })
    }

    /// Rows with `group` as an object (docs/json.md).
    func forPrograms(_ report: FunnelReport) -> Listing {
        Listing(columns: [Column("from"), Column("to"), Column("group")] + Self.figureColumns,
                rows: report.rows.map { row in
                    [.text(report.period.from.description), .text(report.period.to.description), ReportCells.group(row.group, forPeople: false)]
                        + Self.figures(row, report)
                })
    }

    static let figureColumns = [
        Column("audited"), Column("inadequate"), Column("rate"), Column("target"), Column("lower_998"), Column("lower_95"), Column("upper_95"),
        Column("upper_998"), Column("inflated_lower_998"), Column("inflated_lower_95"), Column("inflated_upper_95"), Column("inflated_upper_998"),
        Column("flag"), Column("flag_inflated"), Column("phi"), Column("overdispersed"),
    ]

    static func figures(_ row: FunnelReport.Row, _ report: FunnelReport) -> [Cell] {
        func limit(_ value: Double?) -> Cell { value.map { .number($0, decimals: 3) } ?? .null }
        let team = row.funnel, limits = team.limits
        return [.int(team.audits), .int(team.inadequate), .number(team.rate, decimals: 3), limit(report.target),
                limit(limits.exact998.lower), limit(limits.exact95.lower), limit(limits.exact95.upper), limit(limits.exact998.upper),
                limit(limits.inflated998?.lower), limit(limits.inflated95?.lower), limit(limits.inflated95?.upper), limit(limits.inflated998?.upper),
                .text(team.exact.rawValue), team.inflated.map { .text($0.rawValue) } ?? .null,
                report.phi.map { .number($0, decimals: 3) } ?? .null, .bool(report.isOverdispersed)]
    }

    static func decimal(_ value: Double, _ places: Int) -> String {
        value.formatted(.number.precision(.fractionLength(places)).grouping(.never))
    }
}
