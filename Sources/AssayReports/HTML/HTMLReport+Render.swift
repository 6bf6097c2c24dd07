import AssayCore
import AssayStatistics

extension HTMLReport {
    /// The parts of the page, as the command reports them ("15 team charts", …).
    public var contents: [String] {
        var parts = ["summary", "\(teams.count) team chart\(teams.count == 1 ? "" : "s")"]
        if funnel != nil { parts.append("funnel plot") }
        if processChart != nil { parts.append("p-chart") }
        if !domains.domains.isEmpty { parts.append("domain heat map (\(domains.domains.count) domains)") }
        if let total = actions?.total { parts.append("actions (\(total.open) open, \(total.overdue) overdue)") }
        parts.append("\(tableIDs.count) tables")
        return parts
    }

    /// The ids of the tables the page holds, in page order.
    public var tableIDs: [String] {
        var ids: [String] = []
        if funnel != nil { ids.append("funnel-table") }
        if processChart != nil { ids.append("p-chart-table") }
        if !domains.domains.isEmpty { ids.append("domains-table") }
        if actions != nil { ids.append("actions-table") }
        if !rates.rows.isEmpty { ids.append("rates-table") }
        if !trend.rows.isEmpty { ids.append("trend-table") }
        return ids
    }

    /// The whole page. `produced` (say "2026-12-03") is printed under the title when given;
    /// `chainHead` (the audit log's `SEQ:HASH`) at its foot, so a reader can later check that
    /// the record behind the figures was not rewritten (`assay verify --head`).
    public func render(produced: String? = nil, chainHead: String? = nil) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let title = "Case audit report: \(names[month.month - 1]) \(month.year)"
        var body = "<header>\n<h1>\(HTML.escape(title))</h1>\n<p class=\"lede\">"
        body += HTML.escape("The share of audited cases judged inadequate, team by team: \(month), "
                            + "with the \(window.months.count) month\(window.months.count == 1 ? "" : "s") from \(window.from) to \(window.to).")
        if let produced { body += " " + HTML.escape("Produced by Assay on \(produced).") }
        body += "</p>\n</header>\n"
        body += summarySection() + teamsSection() + funnelSection() + processSection() + domainsSection() + actionsSection() + tablesSection()
        if let chainHead {
            body += "<footer id=\"chain-head\"><p class=\"notes\">" + HTML.escape("Audit log head \(chainHead). Check that the record behind these figures is unchanged with: assay verify --head \(chainHead)") + "</p></footer>\n"
        }
        return HTML.document(title: title, body: body)
    }

    // MARK: Sections

    private func section(_ id: String, _ heading: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTML.escape(heading))</h2>\n\(content)</section>\n"
    }

    private func paragraph(_ text: String, classes: String = "") -> String {
        (classes.isEmpty ? "<p>" : "<p class=\"\(classes)\">") + HTML.escape(text) + "</p>\n"
    }

    private func keyFigure(_ label: String, _ value: String, valueClass: String = "", _ detail: String) -> String {
        "<div><span class=\"label\">\(HTML.escape(label))</span><span class=\"value\(valueClass.isEmpty ? "" : " " + valueClass)\">"
            + HTML.escape(value) + "</span><span class=\"detail\">\(HTML.escape(detail))</span></div>\n"
    }

    private var windowText: String { "\(window.months.count) months, \(window)" }

    private func summarySection() -> String {
        var figures = ""
        if let authority = rates.rows.first?.estimate {
            figures += keyFigure("Inadequate rate, \(month)", HTML.percent(authority.rate),
                                 "95% interval \(HTML.interval(authority.ciLow, authority.ciHigh)) · \(authority.inadequate) of \(authority.audited) audits (weighted estimate)")
        } else {
            figures += keyFigure("Inadequate rate, \(month)", "no audits", "No audit counts in \(month); the charts show the window.")
        }
        if let row = trend.rows.first(where: { $0.group.isAuthority }) {
            let first = row.months.first, last = row.months.last
            var detail = row.test.pValue.map { "p = \(HTML.pValue($0)) (Cochran–Armitage)" } ?? "nothing to test"
            if let first, let last { detail += " · \(first.inadequate)/\(first.audited) in \(first.month), \(last.inadequate)/\(last.audited) in \(last.month)" }
            let direction = row.test.direction.rawValue
            figures += keyFigure("Direction of travel, \(windowText)", direction,
                                 valueClass: direction == "no clear change" ? "" : direction, detail)
        }
        if let chart = processChart {
            let outside = chart.points.filter { ProcessChartSVG.signal($0) != .within }
            let value = outside.isEmpty ? "no month outside its limits" : "\(outside.count) month\(outside.count == 1 ? "" : "s") outside the limits"
            var detail = outside.map { "\(HTMLReport.month(index: $0.month)) \(ProcessChartSVG.signal($0).rawValue)" }.joined(separator: ", ")
            if !detail.isEmpty { detail += " · " }
            detail += "centre line \(HTML.percent(chart.centre))"
            detail += chart.isOverdispersed ? " · months over-dispersed: Laney p′ limits" : " · 3-sigma p-chart limits"
            figures += keyFigure("Monthly p-chart, \(windowText)", value, valueClass: outside.isEmpty ? "" : "alarm", detail)
        }
        if let funnel {
            let flagged = funnel.teams.map { ($0.label, $0.inflated ?? $0.exact) }.filter { $0.1 != .within }
            let above = flagged.filter { $0.1 == .above95 || $0.1 == .above998 }, below = flagged.filter { $0.1 == .below95 || $0.1 == .below998 }
            let value = flagged.isEmpty ? "every team within the 95% limits"
                : [above.isEmpty ? nil : "\(above.count) above", below.isEmpty ? nil : "\(below.count) below"].compactMap { $0 }.joined(separator: ", ")
                    + " the limits"
            var detail = flagged.map { "\($0.0) (\($0.1.rawValue))" }.joined(separator: "; ")
            if !detail.isEmpty { detail += " · " }
            detail += "\(funnel.teams.count) teams against the authority's rate \(HTML.percent(funnel.target))"
            if funnel.inflationFactor != nil { detail += "; over-dispersed, so the inflated limits are read" }
            figures += keyFigure("Teams on the funnel plot, \(windowText)", value, valueClass: above.isEmpty ? "" : "alarm", detail)
        }
        var content = "<div class=\"key-figures\">\n\(figures)</div>\n"
        let worst = domains.report.weakest.compactMap { domain -> String? in
            guard let cell = domains.authority[domain], let share = cell.share else { return nil }
            return "\(domain) \(HTML.percent(share, decimals: 0)) (\(cell.belowGood) of \(cell.graded))"
        }
        if !worst.isEmpty {
            content += paragraph("Domains most often graded requires improvement or inadequate over the \(windowText): \(worst.joined(separator: "; ")).")
        }
        content += paragraph("\(audited) audits in the window, \(teams.count) teams.")
        content += "<nav aria-label=\"Contents\"><h3>Contents</h3><ol>"
        for (id, name) in [("teams", "Teams month by month"), ("funnel", "Funnel plot"), ("p-chart", "p-chart"),
                           ("domains", "Domains"), ("actions", "Actions"), ("tables", "Rates and direction of travel")] {
            content += "<li><a href=\"#\(id)\">\(HTML.escape(name))</a></li>"
        }
        content += "</ol></nav>\n<h3>Notes</h3>\n" + HTMLTables.notes(footnotes)
        return section("summary", "Summary", content)
    }

    private func teamsSection() -> String {
        var content = paragraph("Each team's inadequate rate month by month (a weighted estimate from that month's sample), "
                                + "the shaded band its 95% interval, the dashed line the authority's rate. All charts share the same scales; "
                                + "a gap is a month without audits. A team of a few audits a month has a wide band: read the band, not the line.")
        content += "<p class=\"legend\"><span class=\"swatch\" style=\"background:#9ecae1\"></span>95% interval"
            + "<span class=\"swatch\" style=\"background:#08519c;height:.6mm\"></span>team's rate"
            + "<span class=\"swatch\" style=\"border-top:1.5px dashed #888;height:0\"></span>authority's rate</p>\n"
        content += TeamCharts.figures(self)
        return section("teams", "Teams month by month", content)
    }

    private func funnelSection() -> String {
        guard let funnel else { return section("funnel", "Funnel plot", paragraph("No team has audits in the window.", classes: "empty")) }
        var content = paragraph("Each team's share of audits judged inadequate over the \(windowText), against its number of audits. "
                                + "The limits narrow as audits grow: a team inside them differs from the others by no more than chance explains; "
                                + "outside the 99.8% limits, about one team in a thousand would be there by chance (Spiegelhalter 2005).")
        if let dispersion = funnel.overdispersion, funnel.inflationFactor != nil {
            content += paragraph("The teams differ by more than binomial chance (over-dispersion φ = \(String(format: "%.2f", dispersion.phi)), p = \(HTML.pValue(dispersion.pValue))), "
                                 + "so the limits are also drawn inflated (dotted), and a team is flagged against those.")
        }
        content += "<figure>\(FunnelChart.chart(funnel, window: window.description))"
            + "<figcaption>\(HTML.escape("Raw counts over the window; a diamond is a team outside its limits. Hover a point for its figures."))</figcaption></figure>\n"
        content += HTMLTables.funnel(funnel, window: window.description).render()
        content += HTMLTables.notes(funnelReport.footnotes)
        return section("funnel", "Funnel plot: which teams differ", content)
    }

    private func processSection() -> String {
        guard let chart = processChart else { return section("p-chart", "p-chart", paragraph("No audits in the window.", classes: "empty")) }
        var content = paragraph("The authority's share of audits judged inadequate, month by month, with 3-sigma control limits around the window's rate. "
                                + "A month inside the limits moved by no more than its number of audits explains; a month outside them needs a reason.")
        if chart.isOverdispersed {
            content += paragraph("The months vary more than binomial chance explains (σz = \(String(format: "%.2f", chart.sigmaZ ?? 0))), "
                                 + "so Laney's p′ limits are drawn too (dashed) and a month is flagged against those.")
        }
        content += "<figure>\(ProcessChartSVG.chart(chart, window: window))"
            + "<figcaption>\(HTML.escape("Raw counts; months without audits are left out. Hover a point for its figures."))</figcaption></figure>\n"
        content += HTMLTables.processChart(chart, window: window.description).render()
        return section("p-chart", "p-chart: the authority month by month", content)
    }

    private func domainsSection() -> String {
        guard !domains.domains.isEmpty else {
            return section("domains", "Domains", paragraph("No audit in the window graded a domain.", classes: "empty"))
        }
        var content = paragraph("For each team and domain (a section of the audit template), the share of the team's audits that graded the domain "
                                + "requires improvement or inadequate over the \(windowText). Domains are ordered worst first for the authority; "
                                + "grey cells are domains the team's audits did not grade (templates differ by service). "
                                + "A share of a handful of audits says little: hover a cell for its counts.")
        content += "<figure>\(HeatMapChart.chart(domains, window: window.description))</figure>\n"
        content += HTMLTables.domains(domains, window: window.description).render()
        content += HTMLTables.notes(domains.report.footnotes)
        return section("domains", "Domains: where practice falls short", content)
    }

    private func tablesSection() -> String {
        var content = ""
        if rates.rows.isEmpty {
            content += paragraph("No audits in \(month).", classes: "empty")
        } else {
            content += HTMLTables.rates(rates).render() + HTMLTables.notes(rates.footnotes)
        }
        if !trend.rows.isEmpty {
            content += HTMLTables.trend(trend).render() + HTMLTables.notes(trend.footnotes)
        }
        return section("tables", "Rates and direction of travel", content)
    }
}
