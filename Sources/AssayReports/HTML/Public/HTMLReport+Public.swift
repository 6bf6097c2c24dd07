import AssayStatistics

/// `report html --public`: the page for a paper published on a committee's agenda. It asks
/// and answers the same questions as the full page, from the same objects, with every count
/// from 1 to K−1 and whatever would give one back shown as [c] (`PublicFigures`), and says so
/// at the top. Left out, and said so: the charts (a point's position gives its counts back),
/// counts by locality (they add up teams' counts) and the overdue actions (they name cases).
extension HTMLReport {
    public func renderPublic(_ rule: SmallCountSuppression, produced: String? = nil, chainHead: String? = nil, authority: String? = nil) -> String {
        let figures = PublicFigures(self, rule: rule)
        let period = "12 months to \(ReadableFigures.month(month))"
        let title = (authority.map { "\($0): " } ?? "") + "Case audit report: \(ReadableFigures.month(month)) (public version)"
        var body = "<header class=\"page-head\">\n<h1>\(HTML.escape(title))</h1>\n<p class=\"lede\">"
        body += HTML.escape("How many audited cases were judged inadequate, team by team, and whether it is getting better: the \(period).")
        if let produced { body += " " + HTML.escape("Produced by Assay on \(produced).") }
        body += "</p>\n"
        body += PageSection.paragraph(rule.statement + " " + Self.publicLeftOut, classes: "public-note")
        body += "</header>\n"
        let summary = PublicSummary(self, figures: figures)
        body += PageSection.render(id: "summary", heading: "Summary", content: Self.answers(headline: summary.headline, summary.answers))
        body += aboutSection(chainHead: chainHead, publicVersion: true) + publicTeamsSection(figures) + publicLocalitiesSection() + publicTravelSection()
            + publicDomainsSection(figures) + publicActionsSection(figures)
        let running = (left: (authority.map { "\($0) · " } ?? "") + "Case audit report, \(period), public version",
                       right: produced.map { "Produced \($0)" } ?? "",
                       footer: chainHead.map { "Audit log head \($0)" } ?? "")
        return HTML.document(title: title, body: body, running: running)
    }

    /// What the public page leaves out, and why, said under the rule.
    static let publicLeftOut = "Left out of this version: the charts (a point's position gives its counts back), counts by locality "
        + "(they add up teams' counts, so they could give a hidden one back) and the list of overdue actions (it names cases)."

    func publicTeamsSection(_ figures: PublicFigures) -> String {
        var content = ""
        if !yearRates.rows.isEmpty {
            let c = SmallCountSuppression.marker
            let table = HTMLTable(
                id: "year-rates-table", caption: "Inadequate rate by team, 12 months to \(ReadableFigures.month(month)) (weighted)",
                columns: [.init("Team"), .init("Audits", numeric: true), .init("Inadequate", numeric: true),
                          .init("Rate (weighted)", numeric: true), .init("95% interval", numeric: true), .init("Pooled rate", numeric: true)],
                rows: yearRates.rows.map { row in
                    let e = row.estimate, h = figures.hidden(row)
                    return HTMLTable.Row(
                        cells: [row.group.isAuthority ? "Authority" : row.group.description, figures.count(e.audited, hidden: h.denominator),
                                figures.count(e.inadequate, hidden: h.numerator),
                                h.rate ? c : ReadableFigures.rateCell(e.rate, inadequate: e.inadequate, audited: e.audited),
                                h.rate ? c : ReadableFigures.intervalCell(e.ciLow, e.ciHigh),
                                h.rate ? c : row.pooledRate.map(ReadableFigures.percentCell) ?? "–"],
                        classes: row.group.isAuthority ? "authority" : "")
                })
            content += table.render() + HTMLTables.notes(HTMLTables.ratesNotes.dropLast())
        }
        content += standing(funnel, id: "funnel-table", what: "Team")
        return PageSection.render(id: "teams", heading: "Teams: who stands out", content: content)
    }

    func publicLocalitiesSection() -> String {
        var content = PageSection.paragraph("Counts by locality are not published in this version: they add up teams' counts, so beside "
                                            + "the teams' they could give a hidden count back. Where each locality stands, in words:")
        if let plot = localityFunnel.plot, plot.teams.count > 1 {
            content += standing(plot, id: "locality-funnel-table", what: "Locality")
        } else {
            content += PageSection.paragraph("There is only one locality with audits: there is nothing to compare.", classes: "empty")
        }
        if !localityTravel.year.rows.isEmpty { content += directions(localityTravel, id: "locality-travel-table", what: "Locality") }
        return PageSection.render(id: "localities", heading: "Localities", content: content)
    }

    func publicTravelSection() -> String {
        guard !teamTravel.year.rows.isEmpty else {
            return PageSection.render(id: "travel", heading: "Direction of travel", content: PageSection.paragraph("No audits to compare.", classes: "empty"))
        }
        return PageSection.render(id: "travel", heading: "Direction of travel",
                                  content: directions(teamTravel, id: "trend-table", what: "Team") + HTMLTables.notes([HTMLTables.travelNotes[0]]))
    }

    func publicDomainsSection(_ figures: PublicFigures) -> String {
        guard !figures.domains.isEmpty else {
            return PageSection.render(id: "domains", heading: "Domains: where practice falls short",
                                      content: PageSection.paragraph("No audit graded a domain.", classes: "empty"))
        }
        let table = HTMLTable(
            id: "domains-table", caption: "Authority-wide, \(ReadableFigures.months(window.from, window.to)): audits grading each domain",
            columns: [.init("Domain"), .init("Audits grading it", numeric: true), .init("Requires improvement", numeric: true),
                      .init("Inadequate", numeric: true), .init("Share RI or inadequate", numeric: true)],
            rows: figures.domains.map { row, h in
                HTMLTable.Row(cells: [domainTitles.title(of: row.domain), figures.count(row.audited, hidden: h.audited),
                                      figures.count(row.requiresImprovement, hidden: h.requiresImprovement),
                                      figures.count(row.inadequate, hidden: h.inadequate),
                                      h.shares ? SmallCountSuppression.marker : ReadableFigures.shareCell(row.requiresImprovement + row.inadequate, of: row.audited)])
            })
        return PageSection.render(id: "domains", heading: "Domains: where practice falls short", content: table.render())
    }

    func publicActionsSection(_ figures: PublicFigures) -> String {
        guard let actions, let hidden = figures.actions else {
            return PageSection.render(id: "actions", heading: "Actions: are they done?",
                                      content: PageSection.paragraph("No audit has raised an action yet.", classes: "empty"))
        }
        let rows = actions.teams + (actions.teams.count > 1 ? [actions.total].compactMap { $0 } : [])
        let flags = hidden.teams + (actions.teams.count > 1 ? [hidden.total] : [])
        let table = HTMLTable(
            id: "actions-table", caption: "Actions by team, as of \(ReadableFigures.date(actions.asOf))",
            columns: [.init("Team"), .init("Raised", numeric: true), .init("Done on time", numeric: true), .init("Done late", numeric: true),
                      .init("Cancelled", numeric: true), .init("Open", numeric: true), .init("Overdue", numeric: true),
                      .init("Median days to done", numeric: true)],
            rows: zip(rows, flags).map { row, h in
                let values = [row.raised, row.onTime, row.late, row.cancelled, row.open, row.overdue]
                let median = row.medianDaysToCompletion.map { String(Int($0.rounded())) } ?? "–"
                return HTMLTable.Row(cells: [row.team] + zip(values, h.columns).map { figures.count($0, hidden: $1) }
                                     + [h.medianDays ? SmallCountSuppression.marker : median],
                                     classes: row.team == ActionsReport.allTeams ? "authority" : "")
            })
        return PageSection.render(id: "actions", heading: "Actions: are they done?", content: table.render())
    }

    /// Where each group stands against the authority, in words only.
    private func standing(_ plot: FunnelPlot?, id: String, what: String) -> String {
        guard let plot else { return "" }
        // Most concern first (FlagWords.concern: above the outer limits, above, within, below), then by name.
        let ordered = plot.teams.sorted { a, b in
            let (x, y) = (FlagWords.concern(FlagWords.reading(a)), FlagWords.concern(FlagWords.reading(b)))
            return x != y ? x < y : a.label < b.label
        }
        return HTMLTable(id: id, caption: "Where each \(what.lowercased()) stands against the authority, \(ReadableFigures.months(window.from, window.to))",
                         columns: [.init(what), .init("Where it stands")],
                         rows: ordered.map { HTMLTable.Row(cells: [$0.label, FlagWords.cell(FlagWords.reading($0))]) }).render()
    }

    /// The direction of travel of each group over both horizons, in words only.
    private func directions(_ travel: DirectionOfTravel, id: String, what: String) -> String {
        let longer = Dictionary((travel.longer?.rows ?? []).map { ($0.group, $0.test.direction.rawValue) }, uniquingKeysWith: { a, _ in a })
        let longerTitle = travel.longer.map { "Over \($0.period.months.count) months" } ?? "Longer view"
        return HTMLTable(id: id, caption: "Direction of travel by \(what.lowercased())",
                         columns: [.init(what), .init("Over 12 months"), .init(longerTitle)],
                         rows: travel.year.rows.map { row in
                             HTMLTable.Row(cells: [row.group.isAuthority ? "Authority" : row.group.description, row.test.direction.rawValue,
                                                   longer[row.group] ?? "–"],
                                           classes: row.group.isAuthority ? "authority" : "")
                         }).render()
    }
}
