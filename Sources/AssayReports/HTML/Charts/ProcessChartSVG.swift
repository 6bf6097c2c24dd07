import AssayCore
import AssayStatistics

/// The p-chart of the authority's plain monthly share of audits judged inadequate (raw
/// counts, not the weighted rate) over the window: the centre line
/// p̄, each month's 3-sigma limits as steps, and Laney's p′ limits (dashed) when the months
/// are over-dispersed. A month outside the limits a reader should read (Laney's when shown)
/// is a filled diamond with its month written beside it.
enum ProcessChartSVG {
    static let width = 700.0
    static let plotHeight = 300.0
    static let frame = ChartFrame(width: width, height: plotHeight, top: 12, right: 20, bottom: 40, left: 52)

    /// The signal the reader should read for a point.
    static func signal(_ point: ProcessChart.Point) -> ProcessChart.Signal { point.laneySignal ?? point.signal }

    static func chart(_ chart: ProcessChart, window: ReportPeriod) -> String {
        let months = window.months
        let x = LinearScale(domain: -0.5, Double(months.count) - 0.5, range: frame.plotLeft, frame.plotRight)
        let highest = chart.points.flatMap { [$0.rate, $0.limits.upper, $0.laneyLimits?.upper ?? 0] }.max() ?? 0.1
        let ceiling = min(1, max(0.1, ((highest + 0.02) * 10).rounded(.up) / 10))
        let y = LinearScale(domain: 0, ceiling, range: frame.plotBottom, frame.plotTop)
        func position(_ point: ProcessChart.Point) -> Double {
            let month = HTMLReport.month(index: point.month)
            return x(Double(months.firstIndex(of: month) ?? 0))
        }

        var content = SVG.yAxis(frame, y, ticks: y.ticks(5), label: { ReadableFigures.percentCell($0) }, title: "share judged inadequate")
        let every = months.count <= 13 ? 1 : months.count <= 25 ? 2 : 3
        content += SVG.xAxis(frame, ticks: months.enumerated().filter { $0.offset % every == 0 || $0.offset == months.count - 1 }
            .map { (x(Double($0.offset)), SVG.monthLabel($0.element, short: true)) })

        // Limits break where a month has no audits.
        let half = (x(1) - x(0)) / 2
        let indexed: [ProcessChart.Point?] = months.map { m in chart.points.first { HTMLReport.month(index: $0.month) == m } }
        for run in SVG.runs(indexed) {
            content += SVG.steps(run.map { (position($0), y($0.limits.upper)) }, halfWidth: half, classes: "limit998")
            content += SVG.steps(run.map { (position($0), y($0.limits.lower)) }, halfWidth: half, classes: "limit998")
            if chart.isOverdispersed {
                content += SVG.steps(run.compactMap { p in p.laneyLimits.map { (position(p), y($0.upper)) } }, halfWidth: half, classes: "limit95")
                content += SVG.steps(run.compactMap { p in p.laneyLimits.map { (position(p), y($0.lower)) } }, halfWidth: half, classes: "limit95")
            }
        }
        content += SVG.line(frame.plotLeft, y(chart.centre), frame.plotRight, y(chart.centre), classes: "target")
        for run in SVG.runs(indexed) where run.count > 1 {
            content += SVG.polyline(run.map { (position($0), y($0.rate)) }, classes: "series")
        }
        for point in chart.points {
            let month = HTMLReport.month(index: point.month)
            var tooltip = "\(SVG.monthLabel(month)): \(point.inadequate) of \(point.audits) audits judged inadequate, "
                + "limits \(ReadableFigures.intervalCell(point.limits.lower, point.limits.upper)), \(point.signal.rawValue)"
            if let laney = point.laneyLimits, let s = point.laneySignal {
                tooltip += "; Laney p′ limits \(ReadableFigures.intervalCell(laney.lower, laney.upper)), \(s.rawValue)"
            }
            let px = position(point), py = y(point.rate)
            if signal(point) == .within {
                content += SVG.circle(px, py, r: 3.2, classes: "point", tooltip: tooltip)
            } else {
                content += SVG.diamond(px, py, r: 5.5, classes: "signal", tooltip: tooltip)
                // Beside the point, on its left near the right edge so it stays on the page.
                let nearEdge = px > frame.plotRight - 80
                content += SVG.text("\(SVG.monthLabel(month, short: true)) \(signal(point).rawValue)", x: nearEdge ? px - 7 : px + 7, y: py - 6,
                                    anchor: nearEdge ? "end" : "start", classes: "point-key")
            }
        }

        var items: [(String, String)] = [("target", "the window's share, \(ReadableFigures.percent(chart.centre))"), ("point", "the month's plain share (raw counts)"),
                                         ("limit998", "control limits (p-chart, 3 sigma)")]
        if chart.isOverdispersed {
            items.append(("limit95", "Laney p′ limits (months over-dispersed)"))
        }
        for (i, item) in items.enumerated() {
            let lx = frame.plotLeft + Double(i % 2) * 320, ly = plotHeight + 12 + Double(i / 2) * 15
            content += item.0 == "point" ? SVG.circle(lx + 12, ly - 3.5, r: 3.2, classes: "point")
                : SVG.line(lx, ly - 3.5, lx + 24, ly - 3.5, classes: item.0)
            content += SVG.text(item.1, x: lx + 30, y: ly, classes: "tick")
        }
        let height = plotHeight + Double((items.count + 1) / 2) * 15 + 6
        let label = "The authority's plain monthly share of audits judged inadequate, \(window), against control limits around "
            + ReadableFigures.percent(chart.centre)
        return SVG.drawing(id: "authority-months-chart", classes: "chart p-chart", width: width, height: height, label: label, content: content)
    }
}
