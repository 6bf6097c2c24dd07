/// The weighted rates of a period by group (teams or localities): a row for the authority,
/// then one per group, each with its counts, its weighted rate, its 95% interval and its
/// pooled rate, in people's numbers (`ReadableFigures`: whole percentages, counts under ten
/// audits).
extension HTMLTables {
    static func rates(_ report: RatesReport, id: String, caption: String, groupTitle: String) -> HTMLTable {
        HTMLTable(
            id: id, caption: caption,
            columns: [.init(groupTitle), .init("Audits", numeric: true), .init("Inadequate", numeric: true),
                      .init("Rate (weighted)", numeric: true), .init("95% interval", numeric: true),
                      .init("Pooled rate", numeric: true), .init("Interval method")],
            rows: report.rows.map { row in
                let e = row.estimate
                return HTMLTable.Row(
                    cells: [row.group.isAuthority ? "Authority" : row.group.description, String(e.audited), String(e.inadequate),
                            ReadableFigures.rateCell(e.rate, inadequate: e.inadequate, audited: e.audited),
                            ReadableFigures.intervalCell(e.ciLow, e.ciHigh), row.pooledRate.map(ReadableFigures.percentCell) ?? "–",
                            e.ciMethod.rawValue],
                    classes: row.group.isAuthority ? "authority" : "")
            })
    }

    /// What the rates tables' columns mean, under each of them.
    static let ratesNotes = [
        "Rate (weighted): weighted for how cases were drawn (each audit stands for the open cases of the team and locality it was drawn from), "
            + "so it need not equal inadequate ÷ audits. Under 10 audits the rate is given as the counts.",
        "Pooled rate: the group's plain share drawn towards the authority's by as much as its number of audits warrants "
            + "(beta-binomial empirical Bayes), so a group of three audits is not ranked on noise.",
        "Interval method: korn-graubard for a sample; clopper-pearson where every audit of a sampled group is alike; census where every case was audited (docs/statistics.md).",
    ]
}
