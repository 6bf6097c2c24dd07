import AssayCore
import AssayOutput
import AssayReports

/// `report team TEAM --html FILE`: the team's page as HTML in the HTML report's page frame,
/// for the team manager's meeting; the same figures as the text page (docs/reports.md).
extension ReportTeamCommand {
    func htmlPage(_ r: TeamReport, labels: CaseLabels) -> String {
        let e = TeamPageFrame.escape
        func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
            "<table>\n<thead><tr>" + headers.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                + rows.map { row in
                    "<tr>" + row.enumerated().map { i, v in numeric.contains(i) ? "<td class=\"num\">\(e(v))</td>" : "<td>\(e(v))</td>" }.joined() + "</tr>\n"
                }.joined() + "</tbody>\n</table>\n"
        }
        var body = "<main>\n<h1>Team \(e(r.team)) · \(e(r.month.description))</h1>\n"
        body += "<section id=\"rate\">\n<h2>Inadequate rate, \(e(r.month.description))</h2>\n"
        if let row = r.rate {
            let x = row.estimate
            let headline = x.audited < ShareText.fewestForPercent
                ? "\(x.inadequate) of \(x.audited) audited were inadequate (too few audits for a percentage)"
                : "\(ShareText.percent(x.rate)) (\(x.inadequate) of \(x.audited) audited)"
            body += "<p>\(e(headline)); 95% interval \(e(ShareText.interval(x.ciLow, x.ciHigh))).</p>\n"
            body += "<p>The rate is weighted for how cases were drawn, so it can differ from inadequate ÷ audited.</p>\n"
        } else {
            body += "<p>No submitted audits of drawn cases in \(e(r.month.description)).</p>\n"
        }
        if let a = r.authority?.estimate {
            body += "<p>The authority: \(e(a.audited < ShareText.fewestForPercent ? "\(a.inadequate) of \(a.audited)" : "\(ShareText.percent(a.rate)) (\(a.inadequate) of \(a.audited))")).</p>\n"
        }
        body += "</section>\n<section id=\"travel\">\n<h2>Direction of travel, \(e(r.window.description))</h2>\n"
        if let trend = r.trend {
            body += "<p>\(e(trend.test.direction.rawValue)) over \(trend.months.count) months with audits.</p>\n"
            body += table(["Month", "Team \(r.team)", "Authority"], zip(r.teamMonths, r.authorityMonths).map { t, a in
                [t.month.description, t.audited == 0 ? "–" : "\(t.inadequate) of \(t.audited)",
                 a.audited == 0 ? "–" : ShareText.counted(a.inadequate, of: a.audited)]
            })
        } else {
            body += "<p>No audits in \(e(r.window.description)).</p>\n"
        }
        body += "</section>\n<section id=\"domains\">\n<h2>Domains graded requires improvement or inadequate, \(e(r.month.description))</h2>\n"
        body += r.domains.isEmpty ? "<p>No domain grades in \(e(r.month.description)).</p>\n"
            : table(["Domain", "Audited", "RI", "Inadequate", "RI or inadequate", "Authority"], r.domains.map { d in
                [d.title, String(d.audited), String(d.requiresImprovement), String(d.inadequate),
                 ShareText.share(d.requiresImprovement + d.inadequate, of: d.audited),
                 d.authorityAudited.map { ShareText.share(d.authorityPoor ?? 0, of: $0) } ?? ""]
            }, numeric: [1, 2, 3])
        body += "</section>\n<section id=\"actions\">\n<h2>Escalations, challenges and actions</h2>\n"
        body += "<p>Open escalations: \(r.openEscalations.count). Open challenges: \(r.openChallenges). "
            + "Open actions: \(r.openActions), overdue: \(r.overdueActions.count) (as of \(e(r.today.description))).</p>\n"
        if !r.overdueActions.isEmpty {
            body += "<p>\(e(labels.notice))</p>\n"
            body += table(["Case", "Month", "What", "Owner", "Due", "Days over"], r.overdueActions.map { a in
                [labels.label(a.caseID), a.month.description, a.what, a.owner, a.due.description, String(a.daysOverdue)]
            }, numeric: [5])
        }
        body += "</section>\n</main>\n"
        return TeamPageFrame.document(title: "Team \(r.team), \(r.month)", body: body,
                                      running: (left: "Team \(r.team)", right: r.month.description, footer: "Assay · report team"))
    }
}
