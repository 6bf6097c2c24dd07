import AssayStatistics
import Foundation

/// A funnel plot's groups as a table, numbered as on the chart: counts, the plain share, the
/// limits at the group's number of audits, and which side of them it lies, in words and with
/// the chart's mark (▲ more inadequate than expected, ▼ fewer), so nothing rests on colour.
extension HTMLTables {
    static func funnel(_ funnel: FunnelPlot, id: String, caption: String, groupTitle: String) -> HTMLTable {
        let inflated = funnel.inflationFactor != nil
        var columns: [HTMLTable.Column] = [.init(groupTitle), .init("#", numeric: true), .init("Audits", numeric: true),
                                           .init("Inadequate", numeric: true), .init("Share", numeric: true),
                                           .init("95% limits", numeric: true), .init("99.8% limits", numeric: true),
                                           .init(inflated ? "Against exact limits" : "Reading")]
        if inflated { columns += [.init("Widened 95% limits", numeric: true), .init("Reading (widened limits)")] }
        return HTMLTable(
            id: id, caption: caption, columns: columns,
            rows: funnel.teams.enumerated().map { i, team in
                let l = team.limits
                // Whole percentages, unless the share would then look equal to a limit it is
                // flagged against (or inside): then one decimal, for that row.
                let edges = [l.exact95.lower, l.exact95.upper, l.exact998.lower, l.exact998.upper]
                    + [l.inflated95?.lower, l.inflated95?.upper].compactMap { $0 }
                let decimals = edges.contains { ReadableFigures.percentCell($0) == ReadableFigures.percentCell(team.rate) && $0 != team.rate } ? 1 : 0
                func pct(_ x: Double) -> String { decimals == 0 ? ReadableFigures.percentCell(x) : HTML.percent(x) }
                func limits(_ c: ControlLimits) -> String { decimals == 0 ? ReadableFigures.intervalCell(c.lower, c.upper) : "\(pct(c.lower))–\(pct(c.upper))" }
                let share = team.audits >= ReadableFigures.countsBelow ? pct(team.rate) : "\(team.inadequate) of \(team.audits)"
                var cells = [team.label, String(i + 1), String(team.audits), String(team.inadequate), share,
                             limits(l.exact95), limits(l.exact998), flagCell(team.exact)]
                var classes = [7: flagClass(team.exact)]
                if inflated {
                    cells += [l.inflated95.map(limits) ?? "–", team.inflated.map(flagCell) ?? "–"]
                    classes[9] = team.inflated.map(flagClass)
                }
                return HTMLTable.Row(cells: cells, cellClasses: classes.compactMapValues { $0 })
            })
    }

    /// "▲ more than expected", "within", "▼ fewer than expected".
    static func flagCell(_ flag: FunnelFlag) -> String {
        switch FlagWords.side(flag) {
        case .more: "▲ " + FlagWords.cell(flag)
        case .within: FlagWords.cell(flag)
        case .fewer: "▼ " + FlagWords.cell(flag)
        }
    }

    static func flagClass(_ flag: FunnelFlag) -> String? {
        switch FlagWords.side(flag) {
        case .more: "more nowrap"
        case .within: "nowrap"
        case .fewer: "fewer nowrap"
        }
    }
}
