import AssayCore
import AssayStatistics

/// The small multiples: one chart per team of its **weighted monthly inadequate rate** over
/// the window, its 95% interval a band, the authority's weighted monthly rate a dashed line.
///
/// - **Ordered by concern**: the teams with more inadequate audits than expected on the
///   funnel plot first (beyond the 99.8% limit, then the 95%), then those within by their
///   pooled rate over the 12 months, highest first, then those with fewer than expected.
/// - **Marked when flagged**: a heading badge in words (▲ more / ▼ fewer than expected) and a
///   frame, solid or dashed, so the mark survives greyscale.
/// - **One shared y axis scaled to the data**: the highest monthly rate any team or the
///   authority reached, rounded up to a tenth; a band that runs beyond it is cut at the top
///   (a few audits a month give bands to 100%, which would flatten every line).
enum TeamCharts {
    static let width = 240.0
    static let height = 150.0
    static let frame = ChartFrame(width: width, height: height, top: 8, right: 8, bottom: 20, left: 34)

    /// The shared top of the rate axis: the highest monthly rate of any team or the
    /// authority, rounded up to a tenth (at least 10%, at most 100%).
    static func rateCeiling(_ report: HTMLReport) -> Double {
        let rates = (report.teams.flatMap(\.points) + report.authoritySeries).compactMap { $0.estimate?.rate }
        let top = (rates.max() ?? 0.1) * 10
        return min(1, max(0.1, (top + 1e-9).rounded(.up) / 10))
    }

    static func xScale(months: Int) -> LinearScale {
        LinearScale(domain: -0.5, Double(months) - 0.5, range: frame.plotLeft, frame.plotRight)
    }

    /// The teams in concern order, each with its reading on the funnel plot (nil: no audits
    /// in the window's funnel).
    static func ordered(_ report: HTMLReport) -> [(series: HTMLReport.TeamSeries, flag: FunnelFlag?)] {
        let flags = Dictionary((report.funnel?.teams ?? []).map { ($0.label, FlagWords.reading($0)) }, uniquingKeysWith: { a, _ in a })
        let pooled = Dictionary(report.yearRates.rows.filter { !$0.group.isAuthority }.compactMap { row in row.pooledRate.map { (row.group.description, $0) } },
                                uniquingKeysWith: { a, _ in a })
        return report.teams.map { ($0, flags[$0.team]) }.sorted { a, b in
            let ca = a.flag.map(FlagWords.concern) ?? 2, cb = b.flag.map(FlagWords.concern) ?? 2
            if ca != cb { return ca < cb }
            let pa = pooled[a.series.team] ?? -1, pb = pooled[b.series.team] ?? -1
            if pa != pb { return pa > pb }
            return a.series.team.lowercased() < b.series.team.lowercased()
        }
    }

    /// The figures, in a grid (three to a row on A4, one on a phone).
    static func figures(_ report: HTMLReport) -> String {
        guard !report.teams.isEmpty else {
            return "<p class=\"empty\">No team has audits in \(HTML.escape(ReadableFigures.months(report.window.from, report.window.to))).</p>"
        }
        let ceiling = rateCeiling(report)
        let directions = Dictionary(report.teamTravel.year.rows.filter { !$0.group.isAuthority }.map { ($0.group.description, $0.test.direction) },
                                    uniquingKeysWith: { a, _ in a })
        let teams = ordered(report)
        // One figure a team, drawn at once on the machine's cores (a region has hundreds of
        // teams, each a chart of ten years of months), joined in concern order.
        let figures = Parallel.map(teams.count) { i in
            let (series, flag) = teams[i]
            let latest = series.points.last?.estimate
            var caption = "\(SVG.monthLabel(report.month)): " + (latest.map { e in
                e.audited >= ReadableFigures.countsBelow ? "\(ReadableFigures.percent(e.rate)) weighted (\(e.inadequate) of \(e.audited))"
                    : "\(e.inadequate) of \(e.audited)"
            } ?? "no audits")
            // The window's counts, and the 12-month direction (one clause when they are the same months).
            let direction = directions[series.team]?.rawValue
            // Counts, not a share: the chart above plots weighted rates, and a plain share beside it
            // would be a second, different percentage for the same team.
            caption += " · \(report.window.months.count) months: \(series.inadequate) of \(series.audited) audits"
            if let direction { caption += report.window == report.year ? ", \(direction)" : " · 12 months: \(direction)" }
            let side = flag.map(FlagWords.side) ?? .within
            let badge: String
            switch side {
            case .more: badge = " <span class=\"badge more\">▲ more than expected</span>"
            case .fewer: badge = " <span class=\"badge fewer\">▼ fewer than expected</span>"
            case .within: badge = ""
            }
            let classes = side == .more ? "team more" : side == .fewer ? "team fewer" : "team"
            return "<figure class=\"\(classes)\" data-team=\"\(HTML.escape(series.team))\">"
                + "<h4>\(HTML.escape(series.team))\(badge)</h4>"
                + chart(series, index: i, authority: report.authoritySeries, ceiling: ceiling)
                + "<figcaption>\(HTML.escape(caption))</figcaption></figure>\n"
        }
        return "<div class=\"multiples\">\n" + figures.joined() + "</div>\n"
    }

    /// One team's chart; `index` makes its clip path's id unique on the page.
    static func chart(_ series: HTMLReport.TeamSeries, index: Int, authority: [HTMLReport.MonthPoint], ceiling: Double) -> String {
        let months = series.points.map(\.month)
        let x = xScale(months: months.count)
        let y = LinearScale(domain: 0, ceiling, range: frame.plotBottom, frame.plotTop)
        let clip = "team-chart-clip-\(index + 1)"
        var content = SVG.clip(id: clip, frame)
        content += SVG.yAxis(frame, y, ticks: y.ticks(ceiling > 0.5 ? 4 : 3), label: { ReadableFigures.percentCell($0) })
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
        content += "<g clip-path=\"url(#\(clip))\">"
        // The authority's rate, for comparison.
        let reference: [SVG.Point?] = authority.enumerated().map { i, point in point.estimate.map { (x(Double(i)), y($0.rate)) } }
        for run in SVG.runs(reference) where run.count > 1 {
            content += SVG.polyline(run, classes: "reference")
        }
        content += SVG.lineWithBand(series.points.enumerated().map { i, point in
            point.estimate.map { e in
                (x(Double(i)), e.rate, e.ciLow, min(e.ciHigh, ceiling + 0.05),
                 "\(series.team), \(SVG.monthLabel(point.month)): \(e.inadequate) of \(e.audited) audits judged inadequate"
                    + (e.audited >= ReadableFigures.countsBelow ? ", weighted \(ReadableFigures.percent(e.rate))" : ""))
            }
        }, y: y)
        content += "</g>"
        let label = "\(series.team): weighted monthly inadequate rate, \(months.first.map { SVG.monthLabel($0) } ?? "") to "
            + "\(months.last.map { SVG.monthLabel($0) } ?? ""), with its 95% interval and the authority's rate"
        return SVG.drawing(classes: "chart team-chart", width: width, height: height, label: label,
                           attributes: [("data-team", series.team)], content: content)
    }
}
