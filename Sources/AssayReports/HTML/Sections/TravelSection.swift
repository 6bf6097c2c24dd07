/// "Direction of travel": the authority month by month over the window (plain shares against
/// control limits), then the authority and every team over the two horizons, with what each
/// test saw at its two ends.
extension HTMLReport {
    func travelSection(_ summary: LeadersSummary) -> String {
        let windowWords = ReadableFigures.months(window.from, window.to)
        var content = PageSection.paragraphs(summary.answer("getting-better")?.sentences ?? [])
        if let chart = processChart {
            content += PageSection.paragraph(
                "The month-by-month chart shows the authority's plain share of audits judged inadequate each month, with control limits around "
                    + "the window's \(ReadableFigures.percent(chart.centre)): a month inside them moved by no more than its number of audits "
                    + "explains; a month outside them needs a reason.")
            if chart.isOverdispersed {
                content += PageSection.paragraph("The months vary more than chance explains (σz = \(String(format: "%.2f", chart.sigmaZ ?? 0))), "
                                                 + "so Laney's wider p′ limits are drawn too (dashed), and a month is read against those.")
            }
            content += PageSection.figure(
                title: "The authority month by month: plain share of audits judged inadequate (counts, not weighted), \(windowWords)",
                drawing: ProcessChartSVG.chart(chart, window: window),
                caption: "Months without audits are left out. A month outside its limits is a diamond, labelled.")
            content += HTMLTables.processChart(chart, window: window).render()
        } else {
            content += PageSection.paragraph("No audits in \(windowWords).", classes: "empty")
        }
        if !teamTravel.year.rows.isEmpty {
            content += HTMLTables.travel(teamTravel, id: "trend-table", caption: "Direction of travel, the authority and each team", groupTitle: "Team").render()
            content += HTMLTables.notes(HTMLTables.travelNotes)
        }
        return PageSection.render(id: "travel", heading: "Direction of travel", content: content)
    }
}
