/// "Domains": what fails in the audited cases, team by team (the heat map, a table with each
/// cell's count), and the authority's figures with the weakest among domains graded often
/// enough to tell.
extension HTMLReport {
    func domainsSection(_ summary: LeadersSummary) -> String {
        let windowWords = ReadableFigures.months(window.from, window.to)
        guard !domains.domains.isEmpty else {
            return PageSection.render(id: "domains", heading: "Domains: where practice falls short",
                                      content: PageSection.paragraph("No audit in \(windowWords) graded a domain.", classes: "empty"))
        }
        var content = PageSection.paragraphs(Array((summary.answer("weakest")?.sentences ?? []).prefix(1)))
        content += PageSection.paragraph(
            "For each domain (a section of the audit form) and team, the share of the audits grading the domain that graded it requires "
                + "improvement or inadequate (3 or 4), \(windowWords), counted as graded (not weighted). Domains graded in at least "
                + "\(weakest.minimum) audits come first, most often graded 3 or 4 first.")
        content += HTMLTables.domainHeatMap(domains, weakest: weakest, names: domainTitles,
                                            caption: "Share of audits grading each domain requires improvement or inadequate, by team, \(windowWords)")
        content += HTMLTables.notes(HTMLTables.heatMapNotes)
        content += HTMLTables.domains(domains, weakest: weakest, names: domainTitles,
                                      caption: "The authority's domains, \(windowWords)").render()
        var notes = [
            "Raw shares of the audits that graded each domain (no weighting, no interval): domain grades describe the audits; "
                + "the weighted rates with intervals are for the overall grade.",
            "Weakest: among domains graded in at least \(weakest.minimum) audits, the largest share graded requires improvement or inadequate "
                + "(ties: the larger share inadequate). A domain graded less often is marked too rarely graded to rank.",
        ]
        if let combined = domainTitles.combinedNote(for: domains.domains) { notes.append(combined) }
        if domains.report.auditsWithoutDomainGrades > 0 {
            notes.append("\(domains.report.auditsWithoutDomainGrades) of \(domains.report.audits) audits carry no domain grades "
                         + "(for example imported without domain columns) and are in no cell.")
        }
        content += HTMLTables.notes(notes)
        return PageSection.render(id: "domains", heading: "Domains: where practice falls short", content: content)
    }
}
