import AssayCore

/// The "Actions" section of the HTML report: open and overdue actions by team (a table), and
/// a small bar chart of the open and overdue counts at each month-end of the window
/// (docs/actions.md, "The report"). Aggregate only: no action names a case here.
extension HTMLReport {
    func actionsSection() -> String {
        let heading = "Actions: open and overdue"
        guard let actions, let total = actions.total else {
            return "<section id=\"actions\">\n<h2>\(HTML.escape(heading))</h2>\n"
                + "<p class=\"empty\">No audit has raised an action.</p>\n</section>\n"
        }
        var content = "<p>" + HTML.escape("What audits said must happen for the child, chased until done: the actions open and overdue team by team "
                                          + "as of \(actionsAsOf) (overdue: open and due before that date), and the counts at each month-end of the window. "
                                          + "\(total.open) open, \(total.overdue) overdue, \(total.onTime) done on time and \(total.late) done late of \(total.raised) raised.")
            + "</p>\n"
        content += "<figure>\(ActionsChart.chart(actionMonths, window: window))"
            + "<figcaption>\(HTML.escape("Open (blue) and overdue (red) actions at each month-end; hover a bar for its count."))</figcaption></figure>\n"
        content += HTMLTables.actions(actions).render()
        content += HTMLTables.notes(actions.footnotes)
        return "<section id=\"actions\">\n<h2>\(HTML.escape(heading))</h2>\n\(content)</section>\n"
    }
}

extension HTMLTables {
    /// Actions by team, then all teams.
    static func actions(_ report: ActionsReport) -> HTMLTable {
        let rows = report.teams + (report.teams.count > 1 ? [report.total].compactMap { $0 } : [])
        return HTMLTable(
            id: "actions-table", caption: "Actions by team, as of \(report.asOf)",
            columns: [.init("Team"), .init("Raised", numeric: true), .init("Open", numeric: true), .init("Overdue", numeric: true),
                      .init("Done on time", numeric: true), .init("Done late", numeric: true), .init("Cancelled", numeric: true),
                      .init("Median days to done", numeric: true)],
            rows: rows.map { row in
                HTMLTable.Row(cells: [row.team, String(row.raised), String(row.open), String(row.overdue), String(row.onTime), String(row.late),
                                      String(row.cancelled), row.medianDaysToCompletion.map { String(format: "%.1f", $0) } ?? "–"],
                              classes: row.team == ActionsReport.allTeams ? "authority" : "",
                              cellClasses: row.overdue > 0 ? [3: "alarm"] : [:])
            })
    }
}

/// Paired bars, open and overdue, at each month-end of the window.
enum ActionsChart {
    static let width = 700.0
    static let height = 200.0
    static let frame = ChartFrame(width: width, height: height, top: 12, right: 20, bottom: 40, left: 52)

    static func chart(_ months: [HTMLReport.ActionMonth], window: ReportPeriod) -> String {
        let highest = max(1, months.map(\.open).max() ?? 0)
        let y = LinearScale(domain: 0, Double(highest), range: frame.plotBottom, frame.plotTop)
        let x = LinearScale(domain: -0.5, Double(max(1, months.count)) - 0.5, range: frame.plotLeft, frame.plotRight)
        let ticks = y.ticks(4).filter { $0 == $0.rounded() }
        var content = SVG.yAxis(frame, y, ticks: ticks, label: { String(Int($0)) }, title: "actions")
        let every = months.count <= 13 ? 1 : months.count <= 25 ? 2 : 3
        content += SVG.xAxis(frame, ticks: months.enumerated().filter { $0.offset % every == 0 || $0.offset == months.count - 1 }
            .map { (x(Double($0.offset)), SVG.monthLabel($0.element.month, short: true)) })
        let slot = (x(1) - x(0)) * 0.35
        for (i, point) in months.enumerated() {
            let centre = x(Double(i))
            for (offset, count, fill, what) in [(-slot, point.open, "#08519c", "open"), (0.0, point.overdue, "#b2182b", "overdue")] {
                let top = y(Double(count))
                content += SVG.rect(x: centre + offset, y: top, width: slot, height: max(0, frame.plotBottom - top), fill: fill,
                                    tooltip: "\(point.date): \(count) \(what)")
            }
        }
        let ly = height - 6
        content += SVG.rect(x: frame.plotLeft, y: ly - 8, width: 10, height: 8, fill: "#08519c")
        content += SVG.text("open", x: frame.plotLeft + 14, y: ly, classes: "tick")
        content += SVG.rect(x: frame.plotLeft + 60, y: ly - 8, width: 10, height: 8, fill: "#b2182b")
        content += SVG.text("overdue", x: frame.plotLeft + 74, y: ly, classes: "tick")
        let label = "Open and overdue actions at each month-end, \(window)"
        return SVG.drawing(id: "actions-chart", classes: "chart actions-chart", width: width, height: height, label: label, content: content)
    }
}
