import AssayStatistics

/// The month-by-month chart's figures: each month's audits, inadequate ones, plain share, its
/// control limits and whether it lies outside them (and Laney's, when the months are
/// over-dispersed).
extension HTMLTables {
    static func processChart(_ chart: ProcessChart, window: ReportPeriod) -> HTMLTable {
        var columns: [HTMLTable.Column] = [.init("Month"), .init("Audits", numeric: true), .init("Inadequate", numeric: true),
                                           .init("Share", numeric: true), .init("Control limits", numeric: true), .init("Reading")]
        if chart.isOverdispersed { columns += [.init("Laney p′ limits", numeric: true), .init("Reading (Laney)")] }
        func reading(_ signal: ProcessChart.Signal) -> String {
            switch signal {
            case .above: "▲ above the limits"
            case .within: "within"
            case .below: "▼ below the limits"
            }
        }
        func style(_ signal: ProcessChart.Signal) -> String? {
            switch signal {
            case .above: "more nowrap"
            case .within: nil
            case .below: "fewer nowrap"
            }
        }
        return HTMLTable(
            id: "p-chart-table",
            caption: "The authority month by month, \(ReadableFigures.months(window.from, window.to)): plain shares against control limits "
                + "around \(ReadableFigures.percent(chart.centre))",
            columns: columns,
            rows: chart.points.map { point in
                var cells = [SVG.monthLabel(HTMLReport.month(index: point.month)), String(point.audits), String(point.inadequate),
                             ReadableFigures.shareCell(point.inadequate, of: point.audits),
                             ReadableFigures.intervalCell(point.limits.lower, point.limits.upper), reading(point.signal)]
                var classes: [Int: String] = [:]
                classes[5] = style(point.signal)
                if let laney = point.laneyLimits, let signal = point.laneySignal {
                    cells += [ReadableFigures.intervalCell(laney.lower, laney.upper), reading(signal)]
                    classes[7] = style(signal)
                }
                return HTMLTable.Row(cells: cells, cellClasses: classes)
            })
    }
}
