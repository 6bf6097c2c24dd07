import AssayCore
import AssayStatistics

extension HTMLReport {
    /// The parts of the page, as the command reports them ("15 team charts", …).
    public var contents: [String] {
        var parts = ["summary", "\(teams.count) team chart\(teams.count == 1 ? "" : "s")"]
        if funnel != nil { parts.append("team funnel plot") }
        if (localityFunnel.plot?.teams.count ?? 0) > 1 { parts.append("locality funnel plot") }
        if processChart != nil { parts.append("month-by-month chart") }
        if !domains.domains.isEmpty { parts.append("domain heat map (\(domains.domains.count) domains)") }
        if let total = actions?.total { parts.append("actions (\(total.open) open, \(total.overdue) overdue)") }
        parts.append("\(tableIDs.count) tables")
        return parts
    }

    /// The ids of the tables the page holds, in page order.
    public var tableIDs: [String] {
        var ids: [String] = []
        if funnel != nil { ids.append("funnel-table") }
        let chunks = (window.months.count + 11) / 12
        ids += chunks == 1 ? ["team-months-table"] : (1...chunks).map { "team-months-table-\($0)" }
        if !yearRates.rows.isEmpty { ids.append("year-rates-table") }
        if (localityFunnel.plot?.teams.count ?? 0) > 1 { ids.append("locality-funnel-table") }
        if !yearLocalityRates.rows.isEmpty { ids.append("locality-rates-table") }
        if !localityTravel.year.rows.isEmpty { ids.append("locality-travel-table") }
        if processChart != nil { ids.append("p-chart-table") }
        if !teamTravel.year.rows.isEmpty { ids.append("trend-table") }
        if !domains.domains.isEmpty { ids += ["domain-heat-map", "domains-table"] }
        if actions != nil { ids.append("actions-table") }
        if !oldestOverdue.isEmpty { ids.append("oldest-overdue-table") }
        if !rates.rows.isEmpty { ids.append("rates-table") }
        return ids
    }

    /// The whole page. `produced` (say "2026-12-03") is printed under the title when given;
    /// `chainHead` (the audit log's `SEQ:HASH`) in the running footer of every printed page
    /// and at the foot, so a reader can later check that the record behind the figures was
    /// not rewritten (`assay verify --head`); `authority` names the council in the title and
    /// the running header.
    public func render(produced: String? = nil, chainHead: String? = nil, authority: String? = nil) -> String {
        let period = "12 months to \(ReadableFigures.month(month))"
        let title = "Case audit report: \(ReadableFigures.month(month))"
        var body = "<header class=\"page-head\">\n<h1>\(HTML.escape((authority.map { "\($0): " } ?? "") + title))</h1>\n<p class=\"lede\">"
        body += HTML.escape("How many audited cases were judged inadequate, team by team and locality by locality, and whether it is getting "
                            + "better: the \(period), with charts over \(ReadableFigures.months(window.from, window.to)).")
        if let produced { body += " " + HTML.escape("Produced by Assay on \(produced).") }
        body += "</p>\n</header>\n"
        let summary = LeadersSummary(self)
        // "About" right after the summary: what counts and how to check it come before the
        // detail, and the printed report never ends on a few lines of notes.
        body += summarySection(summary) + aboutSection(chainHead: chainHead) + teamsSection() + localitiesSection() + travelSection(summary)
            + domainsSection(summary) + actionsSection(summary) + monthSection()
        let running = (left: (authority.map { "\($0) · " } ?? "") + "Case audit report, \(period)",
                       right: produced.map { "Produced \($0)" } ?? "",
                       footer: chainHead.map { "Audit log head \($0)" } ?? "")
        return HTML.document(title: (authority.map { "\($0): " } ?? "") + title, body: body, running: running)
    }
}
