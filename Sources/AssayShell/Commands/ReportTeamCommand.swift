import AssayCore
import AssayOutput
import AssayReports
import AssayStore
import ArgumentParser
import Foundation

/// `report team TEAM`: one team's page — its rate this month, its direction of travel, its
/// weakest domains, open escalations and overdue actions (docs/reports.md).
struct ReportTeamCommand: AssayCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "One team's page: rate, direction of travel, domains, open escalations and overdue actions.",
        discussion: """
            The rate is for --month (default: the latest month with audits); the direction of travel for the --months months \
            ending there. Overdue actions show cases by pseudonym; --reveal (lead only, logged) shows case ids. See docs/reports.md.
            """)

    @Argument(help: ArgumentHelp("The team, as the register names it (any case).", valueName: "team"))
    var team: String

    @Option(help: ArgumentHelp("The month (default: the latest month with audits).", valueName: "yyyy-mm"))
    var month: Month?

    @Option(help: ArgumentHelp("Months in the direction-of-travel window.", valueName: "n"))
    var months = 12

    @OptionGroup var reveal: RevealOptions

    @Option(help: ArgumentHelp("Write the team's page as HTML to this file (private, 0600), in the HTML report's page frame.", valueName: "file"))
    var html: String?

    @Flag(name: .customLong("public"), help: "Refused: a team's page has no public version (see docs/reports.md).")
    var isPublic = false

    @OptionGroup var output: OutputOptions

    func execute(in session: Session) throws {
        if isPublic { throw AssayFailure.usage(Self.noPublicVersion) }
        let store = try session.existingStore()
        try reveal.check(store)
        let team = try store.resolveTeam(self.team)
        let month = try self.month ?? ReportPeriodOptions.defaultMonth(session)
        let report = try store.teamReport(team: team, month: month, months: months)
        let labels = try reveal.labels(store, report: "team", arguments: arguments)
        if let html {
            let page = htmlPage(report, labels: labels)
            try PrivateFile.write(page, to: html)
            session.write("Wrote \(html): team \(report.team)'s page for \(report.month).\n")
            return
        }
        switch output.format {
        case .table, .markdown: page(report, labels: labels, session: session, format: output.format)
        case .csv: session.emit(monthly(report), as: output)
        case .json: session.emit(record(report, labels: labels), as: output)
        }
    }

    /// The CSV: long, one row for the team and one for the authority for every month of the
    /// window, one value a cell (docs/json.md, "Reports in CSV"). The page's domains are the
    /// team's rows of `report domains --by team --format csv`, its actions `report actions`'.
    func monthly(_ r: TeamReport) -> Listing {
        func rows(_ months: [TeamReport.MonthFigures], level: String, group: String) -> [[Cell]] {
            months.map { m in
                let e = m.estimate
                func number(_ value: Double?) -> Cell { value.map { .number($0, decimals: 3) } ?? .null }
                return [.text(r.team), .text(r.window.from.description), .text(r.window.to.description), .text(level), .text(group),
                        .text(m.month.description), .int(m.audited), .int(m.inadequate),
                        m.audited > 0 ? .number(Double(m.inadequate) / Double(m.audited), decimals: 3) : .null,
                        number(e?.rate), number(e?.ciLow), number(e?.ciHigh), .optional(e?.ciMethod.rawValue)]
            }
        }
        return Listing(
            columns: [Column("team"), Column("from"), Column("to"), Column("level"), Column("group"), Column("month"), Column("audited"),
                      Column("inadequate"), Column("raw_rate"), Column("weighted_rate"), Column("ci_low"), Column("ci_high"), Column("ci_method")],
            rows: rows(r.teamMonths, level: "team", group: r.team) + rows(r.authorityMonths, level: "authority", group: "Authority"))
    }

    /// The command's words as given, for the reveal log.
    var arguments: [String] {
        var words = [team]
        if let month { words += ["--month", month.description] }
        words += ["--months", String(months)]
        words += reveal.words
        return words + ["--format", output.format.rawValue]
    }

    /// Why `--public` is refused here rather than quietly ignored (docs/reports.md, "Public
    /// versions"): the page is a working paper, and a public paper has a better source.
    static let noPublicVersion = "report team has no public version: a team's page is for the team's own meeting. It names overdue "
        + "actions and their owners, and one team's monthly counts are mostly under 5, so little would be left once they were hidden. "
        + "For a committee paper use report html --public, or report trend --by team --public and report rates --by team --public."

    /// One JSON object (docs/json.md).
    func record(_ r: TeamReport, labels: CaseLabels) -> Listing {
        let e = r.rate?.estimate
        func number(_ value: Double?, _ decimals: Int = 3) -> Cell { value.map { .number($0, decimals: decimals) } ?? .null }
        let trend: Cell = r.trend.map { row in
            .group([GroupField("from", .text(r.window.from.description)), GroupField("to", .text(r.window.to.description)),
                    GroupField("months", .list(row.months.map { m in
                        .group([GroupField("month", .text(m.month.description)), GroupField("audited", .int(m.audited)),
                                GroupField("inadequate", .int(m.inadequate)),
                                GroupField("rate", .number(Double(m.inadequate) / Double(m.audited), decimals: 3))])
                    })),
                    GroupField("chi2", number(row.test.chiSquared, 2)), GroupField("p_value", number(row.test.pValue, 4)),
                    GroupField("p_adjusted", number(row.adjustedPValue, 4)), GroupField("direction", .text(row.test.direction.rawValue))])
        } ?? .null
        return Listing(record: [
            (Column("team"), .text(r.team)), (Column("month"), .text(r.month.description)),
            (Column("audited"), .int(e?.audited ?? 0)), (Column("inadequate"), .int(e?.inadequate ?? 0)),
            (Column("rate"), number(e?.rate)), (Column("se"), number(e?.standardError)),
            (Column("ci_low"), number(e?.ciLow)), (Column("ci_high"), number(e?.ciHigh)),
            (Column("ci_method"), .optional(e?.ciMethod.rawValue)), (Column("pooled_rate"), number(r.rate?.pooledRate)),
            (Column("authority_rate"), number(r.authority?.estimate.rate)),
            (Column("trend"), trend),
            (Column("domains"), .list(r.domains.map { d in
                .group([GroupField("domain", .text(d.domain)), GroupField("title", .text(d.title)), GroupField("audited", .int(d.audited)),
                        GroupField("requires_improvement", .int(d.requiresImprovement)), GroupField("inadequate", .int(d.inadequate)),
                        GroupField("share_ri_or_inadequate", .number(d.share, decimals: 3)),
                        GroupField("authority_share", number(d.authorityShare))])
            })),
            (Column("open_escalations"), .int(r.openEscalations.count)),
            (Column("open_challenges"), .int(r.openChallenges)),
            (Column("open_actions"), .int(r.openActions)),
            (Column("overdue_actions"), .list(r.overdueActions.map { a in
                .group(zip(Self.overdueKeys, overdueCells(a, labels: labels)).map { GroupField($0, $1) })
            })),
        ])
    }

    static let overdueKeys = ["action_id", "audit_id", "case", "month", "what", "owner", "due", "days_overdue"]

    private func overdueCells(_ a: TeamReport.OverdueAction, labels: CaseLabels) -> [Cell] {
        [.int(Int(a.actionID)), .int(Int(a.auditID)), .text(labels.label(a.caseID)), .text(a.month.description), .text(a.what),
         .text(a.owner), .text(a.due.description), .int(a.daysOverdue)]
    }

    /// A readable page for a person: whole percentages, counts under ten audits, domains by
    /// title, and what the trend's test saw month by month. In Markdown (for a paper) its
    /// tables are Markdown tables and its text is safe to render as HTML.
    func page(_ r: TeamReport, labels: CaseLabels, session: Session, format: OutputFormatName = .table) {
        let markdown = format == .markdown
        func write(_ text: String) {
            let safe = markdown ? text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;") : text
            session.write(TextPolicy.printable(safe))
        }
        func table(_ listing: Listing) {
            if markdown { session.write("\n") }
            session.emit(listing, as: format)
        }
        var out = "Team \(r.team) · \(r.month)\n"
        out += "\nInadequate rate, \(r.month)\n"
        if let row = r.rate {
            let e = row.estimate
            out += e.audited < ShareText.fewestForPercent
                ? "  \(e.inadequate) of \(e.audited) audited were inadequate (too few audits for a percentage)"
                : "  \(ShareText.percent(e.rate)) (\(e.inadequate) of \(e.audited) audited)"
            out += "; 95% interval \(ShareText.interval(e.ciLow, e.ciHigh)) (\(e.ciMethod.rawValue))\n"
            if let pooled = row.pooledRate { out += "  pooled rate \(ShareText.percent(pooled)), drawn towards the authority's the more, the fewer the team's audits\n" }
            out += "  The rate is weighted for how cases were drawn, so it can differ from inadequate ÷ audited.\n"
        } else {
            out += "  No submitted audits of drawn cases in \(r.month).\n"
        }
        if let authority = r.authority?.estimate {
            out += authority.audited < ShareText.fewestForPercent
                ? "  authority \(authority.inadequate) of \(authority.audited)\n"
                : "  authority \(ShareText.percent(authority.rate)) (\(authority.inadequate) of \(authority.audited))\n"
        }
        out += "\nDirection of travel, \(r.window)\n"
        if let trend = r.trend {
            let ends = TrendEnds(r.window)
            let (first, last) = ends.pooled(trend)
            var line = "  \(trend.test.direction.rawValue)"
            if let p = trend.test.pValue {
                line += " (p \(p < 0.0001 ? "<0.0001" : p.formatted(.number.precision(.fractionLength(4))))"
                if let adjusted = trend.adjustedPValue { line += ", adjusted across teams \(adjusted.formatted(.number.precision(.fractionLength(4))))" }
                line += ")"
            }
            line += " · \(trend.months.count) months with audits; \(ends.firstLabel) \(TrendEnds.text(first)), \(ends.lastLabel) \(TrendEnds.text(last))"
            out += line + "\n"
        } else {
            out += "  No audits in \(r.window).\n"
        }
        write(out)
        if r.trend != nil {
            write("\nMonth by month (inadequate of audited)\n")
            table(Listing(
                columns: [Column("month"), Column("team", r.team), Column("authority")],
                rows: zip(r.teamMonths, r.authorityMonths).map { team, authority in
                    [.text(team.month.description), .text(team.audited == 0 ? "–" : "\(team.inadequate) of \(team.audited)"),
                     .text(authority.audited == 0 ? "–" : ShareText.counted(authority.inadequate, of: authority.audited))]
                }))
        }
        write("\nDomains graded requires improvement or inadequate, \(r.month)\n")
        if r.domains.isEmpty {
            write("  No domain grades in \(r.month).\n")
        } else {
            table(Listing(
                columns: [Column("domain"), Column("audited"), Column("ri", "RI"), Column("inadequate"),
                          Column("share", "RI or inadequate"), Column("authority")],
                rows: r.domains.map { d in
                    [.text(d.title), .int(d.audited), .int(d.requiresImprovement), .int(d.inadequate),
                     .text(ShareText.share(d.requiresImprovement + d.inadequate, of: d.audited)), d.authorityAudited.map { .text(ShareText.share(d.authorityPoor ?? 0, of: $0)) } ?? .null]
                }))
        }
        write("\nOpen escalations: \(r.openEscalations.count)" + (r.openEscalations.isEmpty ? "" : " (escalations --open)") + "\n")
        write("Open challenges: \(r.openChallenges)" + (r.openChallenges == 0 ? "" : " (challenges --open --team \"\(TextPolicy.printable(r.team, kind: .line))\")") + "\n")
        write("Open actions: \(r.openActions), overdue: \(r.overdueActions.count) (as of \(r.today))\n")
        if !r.overdueActions.isEmpty {
            write(labels.notice + "\n")
            table(Listing(
                columns: [Column("action_id", "action"), Column("audit_id", "audit"), Column("case"), Column("month"), Column("what"),
                          Column("owner"), Column("due"), Column("days_overdue", "days over")],
                rows: r.overdueActions.map { overdueCells($0, labels: labels) }))
        }
        write(ReportCells.footnotes(r.footnotes))
    }
}
