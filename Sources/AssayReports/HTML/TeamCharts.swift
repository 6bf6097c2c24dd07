import AssayCore
import AssayStatistics

/// The small multiples: one chart per team of its weighted monthly inadequate rate over the
/// window, with the 95% interval as a band and the authority's monthly rate as a dashed
/// line, every chart on the same scales so teams can be compared by eye.
enum TeamCharts {
    static let width = 240.0
    static let height = 150.0
    static let frame = ChartFrame(width: width, height: height, top: 8, right: 8, bottom: 20, left: 34)

    /// The shared top of the rate axis: the highest interval end of any team or the
    /// authority, rounded up to a tenth (at least 10%, at most 100%).
    static func rateCeiling(_ report: HTMLReport) -> Double {
        let highs = (report.teams.flatMap(\.points) + report.authoritySeries).compactMap { $0.estimate?.ciHigh }
        let top = (highs.max() ?? 0.1) * 10
        return min(1, max(0.1, top.rounded(.up) / 10))
    }

    static func xScale(months: Int) -> LinearScale {
        LinearScale(domain: -0.5, Double(months) - 0.5, range: frame.plotLeft, frame.plotRight)
    }

    /// The figures, in a grid (three to a row on A4).
    static func figures(_ report: HTMLReport) -> String {
        guard !report.teams.isEmpty else {
            return "<p class=\"empty\">No team has audits in \(HTML.escape(report.window.description)).</p>"
        }
        let ceiling = rateCeiling(report)
        let directions = Dictionary(report.trend.rows.filter { !$0.group.isAuthority }.map { ($0.group.description, $0.test.direction) },
                                    uniquingKeysWith: { a, _ in a })
        // One figure a team, drawn at once on the machine's cores (a region has hundreds of
        // teams, each a chart of ten years of months), joined in the teams' order.
        let figures = Parallel.map(report.teams.count) { i in
            let series = report.teams[i]
            let latest = series.points.last?.estimate
            var caption = latest.map { "\(report.month): \(HTML.percent($0.rate)), \($0.inadequate) of \($0.audited)" }
                ?? "\(report.month): no audits"
            caption += " · \(report.window.months.count) months: \(series.inadequate) of \(series.audited)"
            if let direction = directions[series.team] { caption += " · \(direction.rawValue)" }
            return "<figure class=\"team\" data-team=\"\(HTML.escape(series.team))\">"
                + "<h3>\(HTML.escape(series.team))</h3>"
                + chart(series, authority: report.authoritySeries, ceiling: ceiling)
                + "<figcaption>\(HTML.escape(caption))</figcaption></figure>\n"
        }
        return "<div class=\"multiples\">\n" + figures.joined() + "</div>\n"
    }

    /// One team's chart.
    static func chart(_ series: HTMLReport.TeamSeries, authority: [HTMLReport.MonthPoint], ceiling: Double) -> String {
        let months = series.points.map(\.month)
        let x = xScale(months: months.count)
        let y = LinearScale(domain: 0, ceiling, range: frame.plotBottom, frame.plotTop)
        var content = SVG.yAxis(frame, y, ticks: y.ticks(ceiling > 0.5 ? 4 : 3), label: { HTML.percent($0, decimals: 0) })
        // Every month gets a tick; the first, the last and (in a long window) the middle one a label.
        var labelled = Set([0, months.count - 1])
        if months.count >= 7 { labelled.insert((months.count - 1) / 2) }
        content += SVG.line(frame.plotLeft, frame.plotBottom, frame.plotRight, frame.plotBottom, classes: "axis")
        for (i, month) in months.enumerated() {
            content += SVG.line(x(Double(i)), frame.plotBottom, x(Double(i)), frame.plotBottom + (labelled.contains(i) ? 3 : 2), classes: "axis")
            if labelled.contains(i) {
                let anchor = i == 0 ? "start" : i == months.count - 1 ? "end" : "middle"
                let at = i == 0 ? x(Double(i)) - 4 : i == months.count - 1 ? x(Double(i)) + 4 : x(Double(i))
                content += SVG.text(SVG.monthLabel(month, short: true), x: at, y: frame.plotBottom + 13, anchor: anchor, classes: "tick")
            }
        }
        // The authority's rate, for comparison.
        let reference: [SVG.Point?] = authority.enumerated().map { i, point in point.estimate.map { (x(Double(i)), y($0.rate)) } }
        for run in SVG.runs(reference) where run.count > 1 {
            content += SVG.polyline(run, classes: "reference")
        }
        content += SVG.lineWithBand(series.points.enumerated().map { i, point in
            point.estimate.map { e in
                (x(Double(i)), e.rate, e.ciLow, e.ciHigh,
                 "\(series.team), \(point.month): \(HTML.percent(e.rate)) (95% interval \(HTML.interval(e.ciLow, e.ciHigh))), \(e.inadequate) of \(e.audited) inadequate")
            }
        }, y: y)
        let label = "\(series.team): inadequate rate by month, \(months.first.map(\.description) ?? "") to \(months.last.map(\.description) ?? ""), with 95% intervals"
        return SVG.drawing(classes: "chart team-chart", width: width, height: height, label: label,
                           attributes: [("data-team", series.team)], content: content)
    }
}
