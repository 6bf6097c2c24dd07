/// "The month by team": the report month's own weighted rates by team (`report rates --month M
/// --by team`). One month gives a team a handful of audits, so most rows are counts.
extension HTMLReport {
    func monthSection() -> String {
        let name = ReadableFigures.month(month)
        var content = PageSection.paragraph("\(name) on its own. One month gives most teams a handful of audits: read these rows with "
                                            + "the 12 months and the charts, not instead of them.")
        if rates.rows.isEmpty {
            content += PageSection.paragraph("No audits in \(name).", classes: "empty")
        } else {
            content += HTMLTables.rates(rates, id: "rates-table", caption: "Inadequate rate by team, \(name) (weighted)", groupTitle: "Team").render()
            content += HTMLTables.notes(HTMLTables.ratesNotes)
        }
        return PageSection.render(id: "month", heading: "The month by team", content: content)
    }

    /// "About these figures": what counts, the notes every figure depends on, and the audit
    /// log's chain head with the command that checks it.
    func aboutSection(chainHead: String?, publicVersion: Bool = false) -> String {
        var content = HTMLTables.notes(footnotes(publicVersion: publicVersion))
        content += PageSection.paragraph("Methods and their references: docs/statistics.md (weighted estimates and Korn–Graubard intervals; "
                                         + "Cochran–Armitage test for trend with Benjamini–Hochberg adjustment; funnel plots with exact binomial "
                                         + "limits and Spiegelhalter's over-dispersion; p-charts and Laney's p′; beta-binomial pooling).",
                                         classes: "muted")
        if let chainHead {
            content += "<p class=\"muted\" id=\"chain-head\">" + HTML.escape("Audit log head \(chainHead). Anyone can check later that the record behind "
                                                                               + "these figures was not changed: assay verify --head \(chainHead)") + "</p>\n"
        }
        return PageSection.render(id: "about", heading: "About these figures", content: content)
    }
}
