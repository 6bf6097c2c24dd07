import AssayCore

/// The "Actions" section: whether what audits said must happen for the child gets done (the
/// 2017 inspection found "a lack of a robust system to ensure that actions from case audits
/// are consistently completed"). Open, overdue and done-on-time actions team by team, the
/// oldest overdue by pseudonym (never by case id), and the open and overdue counts at each
/// month-end of the window, drawn only when there is something to draw.
extension HTMLReport {
    func actionsSection(_ summary: LeadersSummary) -> String {
        let heading = "Actions: are they done?"
        guard let actions, actions.total != nil else {
            return PageSection.render(id: "actions", heading: heading,
                                      content: PageSection.paragraph("No audit has raised an action.", classes: "empty"))
        }
        var content = PageSection.paragraphs(summary.answer("actions")?.sentences ?? [])
        content += HTMLTables.actions(actions).render()
        if !oldestOverdue.isEmpty {
            content += HTMLTables.oldestOverdue(oldestOverdue, total: actions.overdueCount, asOf: actions.asOf).render()
        }
        if actionMonths.contains(where: { $0.open > 0 }) {
            content += "<figure class=\"wide\"><p class=\"chart-title\">Open and overdue actions at each month-end"
                + (actionMonths.last?.isReportDate == true ? " and on \(HTML.escape(ReadableFigures.date(actionsAsOf)))" : "") + " (counts)</p>"
                + ActionsChart.chart(actionMonths, window: window)
                + "<figcaption>Solid bars: open; hatched bars: overdue (open past the due date). Each bar's count is written above it.</figcaption></figure>\n"
        } else {
            content += PageSection.paragraph("No action was open at any month-end of the window or on the report's date, so there is no chart of them.", classes: "empty")
        }
        content += HTMLTables.notes(actions.footnotes)
        return PageSection.render(id: "actions", heading: heading, content: content)
    }
}

extension HTMLTables {
    /// Actions by team, then all teams.
    static func actions(_ report: ActionsReport) -> HTMLTable {
        let rows = report.teams + (report.teams.count > 1 ? [report.total].compactMap { $0 } : [])
        return HTMLTable(
            id: "actions-table", caption: "Actions by team, as of \(ReadableFigures.date(report.asOf))",
            columns: [.init("Team"), .init("Open", numeric: true), .init("Overdue", numeric: true), .init("Done on time", numeric: true),
                      .init("Done late", numeric: true), .init("Cancelled", numeric: true), .init("Raised", numeric: true),
                      .init("Median days to done", numeric: true)],
            rows: rows.map { row in
                HTMLTable.Row(cells: [row.team, String(row.open), String(row.overdue), String(row.onTime), String(row.late),
                                      String(row.cancelled), String(row.raised), row.medianDaysToCompletion.map { String(format: "%.0f", $0) } ?? "–"],
                              classes: row.team == ActionsReport.allTeams ? "authority" : "",
                              cellClasses: row.overdue > 0 ? [2: "alarm"] : [:])
            })
    }

    /// The oldest overdue actions, by pseudonym.
    static func oldestOverdue(_ lines: [HTMLReport.OverdueAction], total: Int, asOf: CalendarDate) -> HTMLTable {
        HTMLTable(
            id: "oldest-overdue-table",
            caption: "The oldest overdue actions (\(lines.count) of \(total)), cases by pseudonym",
            columns: [.init("Case"), .init("Team"), .init("Due"), .init("Days overdue", numeric: true)],
            rows: lines.map { line in
                HTMLTable.Row(cells: [line.pseudonym ?? "–", line.team, ReadableFigures.date(line.due), String(line.daysOverdue)])
            })
    }
}

/// Paired bars, open and overdue, at each month-end of the window; overdue hatched as well as
/// red, and every bar's count written above it, so the chart reads in greyscale and without a
/// tooltip.
enum ActionsChart {
    static let width = 700.0
    static let height = 210.0
    static let frame = ChartFrame(width: width, height: height, top: 14, right: 20, bottom: 40, left: 52)

    static func chart(_ months: [HTMLReport.ActionMonth], window: ReportPeriod) -> String {
        let highest = max(1, months.map(\.open).max() ?? 0)
        let y = LinearScale(domain: 0, Double(highest), range: frame.plotBottom, frame.plotTop)
        let x = LinearScale(domain: -0.5, Double(max(1, months.count)) - 0.5, range: frame.plotLeft, frame.plotRight)
        let ticks = y.ticks(4).filter { $0 == $0.rounded() }
        var content = "<defs><pattern id=\"overdue-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"4\" height=\"4\" class=\"bar-overdue\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern></defs>"
        content += SVG.yAxis(frame, y, ticks: ticks, label: { String(Int($0)) }, title: "actions")
        let every = months.count <= 13 ? 1 : months.count <= 25 ? 2 : 3
        content += SVG.xAxis(frame, ticks: months.enumerated().filter { $0.offset % every == 0 || $0.offset == months.count - 1 }
            .map { (x(Double($0.offset)), $0.element.isReportDate ? "\($0.element.date.day) \(SVG.monthLabel($0.element.month).prefix(3))"
                                                               : SVG.monthLabel($0.element.month, short: true)) })
        let slot = (x(1) - x(0)) * 0.36
        for (i, point) in months.enumerated() {
            let centre = x(Double(i))
            for (offset, count, what) in [(-slot, point.open, "open"), (0.0, point.overdue, "overdue")] {
                let top = y(Double(count))
                content += SVG.rect(x: centre + offset, y: top, width: slot, height: max(0, frame.plotBottom - top),
                                    classes: what == "open" ? "bar-open" : "", fill: what == "open" ? nil : "url(#overdue-hatch)",
                                    tooltip: "\(point.date): \(count) \(what)")
                if months.count <= 13 || count > 0 {
                    content += SVG.text(String(count), x: centre + offset + slot / 2, y: top - 2, classes: "bar-label")
                }
            }
        }
        let ly = height - 6
        content += SVG.rect(x: frame.plotLeft, y: ly - 8, width: 10, height: 8, classes: "bar-open")
        content += SVG.text("open", x: frame.plotLeft + 14, y: ly, classes: "tick")
        content += SVG.rect(x: frame.plotLeft + 60, y: ly - 8, width: 10, height: 8, fill: "url(#overdue-hatch)")
        content += SVG.text("overdue (hatched)", x: frame.plotLeft + 74, y: ly, classes: "tick")
        let label = "Open and overdue actions at each month-end, \(window)"
        return SVG.drawing(id: "actions-chart", classes: "chart actions-chart", width: width, height: height, label: label, content: content)
    }
}
