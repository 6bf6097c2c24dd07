import AssayStatistics

/// A table of the page: every cell is plain text, escaped when written.
struct HTMLTable {
    struct Column {
        let title: String
        let numeric: Bool

        init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
    }

    struct Row {
        let cells: [String]
        var classes: String = ""
        /// Classes of single cells, by column index.
        var cellClasses: [Int: String] = [:]
    }

    let id: String
    let caption: String
    let columns: [Column]
    var rows: [Row]

    func render() -> String {
        var out = "<table id=\"\(HTML.escape(id))\">\n<caption>\(HTML.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            out += column.numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            out += HTML.escape(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += row.classes.isEmpty ? "<tr>" : "<tr class=\"\(row.classes)\">"
            for (i, cell) in row.cells.enumerated() {
                let classes = [columns[i].numeric ? "num" : nil, row.cellClasses[i]].compactMap { $0 }.joined(separator: " ")
                out += classes.isEmpty ? "<td>" : "<td class=\"\(classes)\">"
                out += HTML.escape(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}

/// The report's tables: each chart's figures, and the rates and direction of travel.
enum HTMLTables {
    /// Footnotes under a table.
    static func notes(_ notes: [String]) -> String {
        guard !notes.isEmpty else { return "" }
        return "<ul class=\"notes\">" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
    }

    /// The month's weighted rates: the authority, then each team.
    static func rates(_ report: RatesReport) -> HTMLTable {
        HTMLTable(
            id: "rates-table", caption: "Inadequate rate by team, \(report.period)",
            columns: [.init("Team"), .init("Audited", numeric: true), .init("Inadequate", numeric: true), .init("Rate", numeric: true),
                      .init("95% interval", numeric: true), .init("Interval rule"), .init("Pooled rate", numeric: true)],
            rows: report.rows.map { row in
                let e = row.estimate
                return HTMLTable.Row(cells: [row.group.description, String(e.audited), String(e.inadequate), HTML.percent(e.rate),
                                             HTML.interval(e.ciLow, e.ciHigh), e.ciMethod.rawValue, row.pooledRate.map { HTML.percent($0) } ?? "–"],
                                     classes: row.group.isAuthority ? "authority" : "")
            })
    }

    /// Direction of travel over the window.
    static func trend(_ report: TrendReport) -> HTMLTable {
        HTMLTable(
            id: "trend-table", caption: "Direction of travel by team, \(report.period)",
            columns: [.init("Team"), .init("Months", numeric: true), .init("Audited", numeric: true), .init("Inadequate", numeric: true),
                      .init("First month", numeric: true), .init("Last month", numeric: true), .init("χ²", numeric: true),
                      .init("p", numeric: true), .init("p adjusted", numeric: true), .init("Direction")],
            rows: report.rows.map { row in
                let first = row.months.first, last = row.months.last
                let direction = row.test.direction.rawValue
                return HTMLTable.Row(
                    cells: [row.group.description, String(row.months.count), String(row.months.reduce(0) { $0 + $1.audited }),
                            String(row.months.reduce(0) { $0 + $1.inadequate }),
                            first.map { "\($0.month) \($0.inadequate)/\($0.audited)" } ?? "–",
                            last.map { "\($0.month) \($0.inadequate)/\($0.audited)" } ?? "–",
                            row.test.chiSquared.map { String(format: "%.2f", $0) } ?? "–",
                            HTML.pValue(row.test.pValue), HTML.pValue(row.adjustedPValue), direction],
                    classes: row.group.isAuthority ? "authority" : "",
                    cellClasses: [9: direction == "no clear change" ? "nowrap" : "nowrap " + direction])
            })
    }

    /// The funnel plot's teams, numbered as on the chart.
    static func funnel(_ funnel: FunnelPlot, window: String) -> HTMLTable {
        let inflated = funnel.inflationFactor != nil
        var columns: [HTMLTable.Column] = [.init("#", numeric: true), .init("Team"), .init("Inadequate", numeric: true), .init("Audits", numeric: true),
                                           .init("Rate", numeric: true), .init("95% limits", numeric: true), .init("99.8% limits", numeric: true),
                                           .init("Against exact limits")]
        if inflated { columns += [.init("Inflated 95% limits", numeric: true), .init("Against inflated limits")] }
        return HTMLTable(
            id: "funnel-table", caption: "Funnel plot: each team against the authority's rate of \(HTML.percent(funnel.target)), \(window)",
            columns: columns,
            rows: funnel.teams.enumerated().map { i, team in
                let l = team.limits
                var cells = [String(i + 1), team.label, String(team.inadequate), String(team.audits), HTML.percent(team.rate),
                             HTML.interval(l.exact95.lower, l.exact95.upper), HTML.interval(l.exact998.lower, l.exact998.upper), team.exact.rawValue]
                var flags = [7: flagClass(team.exact)]
                if inflated {
                    cells += [l.inflated95.map { HTML.interval($0.lower, $0.upper) } ?? "–", team.inflated?.rawValue ?? "–"]
                    flags[9] = team.inflated.map(flagClass)
                }
                return HTMLTable.Row(cells: cells, cellClasses: flags.compactMapValues { $0 })
            })
    }

    static func flagClass(_ flag: FunnelFlag) -> String? {
        switch flag {
        case .above95, .above998: "flag-above"
        case .below95, .below998: "flag-below"
        case .within: nil
        }
    }

    /// The p-chart's months.
    static func processChart(_ chart: ProcessChart, window: String) -> HTMLTable {
        var columns: [HTMLTable.Column] = [.init("Month"), .init("Audited", numeric: true), .init("Inadequate", numeric: true),
                                           .init("Rate", numeric: true), .init("p-chart limits", numeric: true), .init("Signal")]
        if chart.isOverdispersed { columns += [.init("Laney p′ limits", numeric: true), .init("Laney signal")] }
        return HTMLTable(
            id: "p-chart-table", caption: "p-chart: the authority's audits month by month, \(window) (centre line \(HTML.percent(chart.centre)))",
            columns: columns,
            rows: chart.points.map { point in
                var cells = [HTMLReport.month(index: point.month).description, String(point.audits), String(point.inadequate),
                             HTML.percent(point.rate), HTML.interval(point.limits.lower, point.limits.upper), point.signal.rawValue]
                var classes: [Int: String] = point.signal == .within ? [:] : [5: point.signal == .above ? "flag-above" : "flag-below"]
                if let laney = point.laneyLimits, let signal = point.laneySignal {
                    cells += [HTML.interval(laney.lower, laney.upper), signal.rawValue]
                    if signal != .within { classes[7] = signal == .above ? "flag-above" : "flag-below" }
                }
                return HTMLTable.Row(cells: cells, cellClasses: classes)
            })
    }

    /// The authority's share of audits grading each domain 3 or 4, weakest first.
    static func domains(_ map: DomainHeatMap, window: String) -> HTMLTable {
        let rank = Dictionary(uniqueKeysWithValues: map.report.weakest.enumerated().map { ($1, $0 + 1) })
        return HTMLTable(
            id: "domains-table", caption: "Domains graded requires improvement or inadequate, the authority, \(window)",
            columns: [.init("Domain"), .init("Audits grading it", numeric: true), .init("Graded 3 or 4", numeric: true),
                      .init("Share", numeric: true), .init("Teams", numeric: true), .init("Weakest", numeric: true)],
            rows: map.domains.map { domain in
                let cell = map.authority[domain] ?? .empty
                let teams = map.teams.filter { map.cell(team: $0, domain: domain).graded > 0 }.count
                return HTMLTable.Row(cells: [domain, String(cell.graded), String(cell.belowGood), cell.share.map { HTML.percent($0) } ?? "–",
                                             String(teams), rank[domain].map(String.init) ?? ""])
            })
    }
}
