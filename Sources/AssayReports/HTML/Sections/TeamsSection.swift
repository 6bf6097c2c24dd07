/// "Teams: who stands out": the funnel plot of the teams over the window (plain shares), each
/// team month by month (weighted rates, in concern order), the same as counts, and the 12
/// months' weighted rates by team.
extension HTMLReport {
    func teamsSection() -> String {
        let windowWords = ReadableFigures.months(window.from, window.to)
        var content = ""
        if let funnel {
            content += PageSection.paragraph(
                "Each team's share of audits judged inadequate over \(windowWords), against its number of audits. The limits narrow as audits "
                    + "grow: a team inside them differs from the authority's \(ReadableFigures.percent(funnel.target)) by no more than chance explains "
                    + "for its size.")
            if let dispersion = funnel.overdispersion, funnel.inflationFactor != nil {
                content += PageSection.paragraph("The teams differ among themselves by more than chance (over-dispersion φ = "
                                                 + "\(String(format: "%.2f", dispersion.phi))), so the limits are also drawn widened (dotted), and a team is read against those.")
            }
            content += PageSection.figure(
                title: "Funnel plot: each team's plain share of audits judged inadequate (counts, not weighted), \(windowWords)",
                drawing: FunnelChart.chart(funnel, id: "team-funnel", what: "teams", window: windowWords),
                caption: "▲ filled: more inadequate than expected; ▽ hollow: fewer than expected; ○ within the limits. Numbers are the table's.")
            content += HTMLTables.funnel(funnel, id: "funnel-table", caption: "The teams against the authority's \(ReadableFigures.percent(funnel.target)), \(windowWords)",
                                         groupTitle: "Team").render()
            content += HTMLTables.notes(funnelReport.footnotes)
        } else {
            content += PageSection.paragraph("No team has audits in \(windowWords).", classes: "empty")
        }

        content += "<h3>Each team month by month</h3>\n"
        content += PageSection.paragraph(
            "Each chart is one team's weighted inadequate rate month by month (weighted for how cases were drawn), the shaded band its 95% "
                + "interval, the dashed line the authority's weighted rate. Teams with more inadequate audits than expected on the funnel plot "
                + "come first, then the rest by their pooled rate over 12 months, highest first. All charts share one scale; a gap is a month "
                + "without audits. A few audits a month give a wide band: read the band, not the line.")
        content += "<figure><p class=\"chart-title\">Weighted monthly inadequate rate by team, \(HTML.escape(windowWords))</p>"
            + "<p class=\"legend\"><span class=\"swatch\" style=\"background:\(Palette.band)\"></span>95% interval"
            + "<span class=\"swatch\" style=\"background:\(Palette.accent);height:.7mm\"></span>the team's rate"
            + "<span class=\"swatch\" style=\"border-top:1.5px dashed \(Palette.reference);height:0\"></span>the authority's rate</p>\n"
            + TeamCharts.figures(self) + "</figure>\n"
        for table in HTMLTables.teamMonths(authority: authoritySeries, teams: teams, window: window) {
            content += table.render()
        }
        content += HTMLTables.notes([HTMLTables.teamMonthsNote])

        content += "<h3>The 12 months by team</h3>\n"
        if yearRates.rows.isEmpty {
            content += PageSection.paragraph("No audits in the 12 months to \(ReadableFigures.month(month)).", classes: "empty")
        } else {
            content += HTMLTables.rates(yearRates, id: "year-rates-table",
                                       caption: "Inadequate rate by team, 12 months to \(ReadableFigures.month(month)) (weighted)", groupTitle: "Team").render()
            content += HTMLTables.notes(HTMLTables.ratesNotes + (yearWeights.map { [LeadersSummary.mixedYear($0, rate: headline?.rate ?? 0)] } ?? []))
        }
        return PageSection.render(id: "teams", heading: "Teams: who stands out", content: content)
    }
}
