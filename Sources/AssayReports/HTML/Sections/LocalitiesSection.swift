/// "Localities": the same questions by locality ("quality of practice on a team-by-team,
/// locality-by-locality basis"): the funnel plot, the 12 months' weighted rates, and the
/// direction of travel over both horizons.
extension HTMLReport {
    func localitiesSection() -> String {
        let windowWords = ReadableFigures.months(window.from, window.to)
        var content = ""
        if let funnel = localityFunnel.plot, funnel.teams.count == 1 {
            content += PageSection.paragraph("Every audit of \(windowWords) is in one locality, \(funnel.teams[0].label): there is nothing to compare.",
                                             classes: "empty")
        } else if let funnel = localityFunnel.plot {
            content += PageSection.paragraph(
                "Each locality's share of audits judged inadequate over \(windowWords), against its number of audits and the authority's "
                    + "\(ReadableFigures.percent(funnel.target)).")
            content += PageSection.figure(
                title: "Funnel plot: each locality's plain share of audits judged inadequate (counts, not weighted), \(windowWords)",
                drawing: FunnelChart.chart(funnel, id: "locality-funnel", what: "localities", window: windowWords),
                caption: "▲ filled: more inadequate than expected; ▽ hollow: fewer than expected; ○ within the limits. Numbers are the table's.")
            content += HTMLTables.funnel(funnel, id: "locality-funnel-table",
                                         caption: "The localities against the authority's \(ReadableFigures.percent(funnel.target)), \(windowWords)",
                                         groupTitle: "Locality").render()
            content += HTMLTables.notes(localityFunnel.footnotes)
        } else {
            content += PageSection.paragraph("No locality has audits in \(windowWords).", classes: "empty")
        }
        if !yearLocalityRates.rows.isEmpty {
            content += HTMLTables.rates(yearLocalityRates, id: "locality-rates-table",
                                       caption: "Inadequate rate by locality, 12 months to \(ReadableFigures.month(month)) (weighted)",
                                       groupTitle: "Locality").render()
            content += HTMLTables.notes(HTMLTables.ratesNotes + (yearWeights.map { [LeadersSummary.mixedYear($0, rate: headline?.rate ?? 0)] } ?? []))
        }
        if !localityTravel.year.rows.isEmpty {
            content += HTMLTables.travel(localityTravel, id: "locality-travel-table", caption: "Direction of travel by locality", groupTitle: "Locality").render()
            content += HTMLTables.notes(HTMLTables.travelNotes)
        }
        return PageSection.render(id: "localities", heading: "Localities", content: content)
    }
}
