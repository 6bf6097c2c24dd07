import AssayStatistics

/// The direction of travel over both horizons, a row per group (the authority first): for
/// each horizon, what the test saw at its two ends (its first and last six months pooled, as
/// counted), the reading in words, and then, for those who want them, the test's p and the
/// p adjusted for testing every group at once.
extension HTMLTables {
    static func travel(_ travel: DirectionOfTravel, id: String, caption: String, groupTitle: String) -> HTMLTable {
        let horizons = [travel.year] + (travel.longer.map { [$0] } ?? [])
        var groups: [ReportGroup] = []
        for report in horizons {
            for row in report.rows where !groups.contains(row.group) { groups.append(row.group) }
        }
        groups = groups.filter(\.isAuthority) + groups.filter { !$0.isAuthority }.sorted()
        var columns: [HTMLTable.Column] = [.init(groupTitle)]
        var heads: [(title: String, span: Int)] = [("", 1)]
        for report in horizons {
            let length = TrendReport.Row.halfLength(of: report.period)
            heads.append(("\(report.period.months.count) months, \(ReadableFigures.shortMonths(report.period.from, report.period.to))", 5))
            columns += [.init("First \(length) months", numeric: true), .init("Last \(length) months", numeric: true), .init("Reading"),
                        .init("p", numeric: true), .init("p adjusted", numeric: true)]
        }
        let rows = groups.map { group -> HTMLTable.Row in
            var cells = [group.isAuthority ? "Authority" : group.description]
            var classes: [Int: String] = [:]
            for report in horizons {
                guard let row = report.rows.first(where: { $0.group == group }) else {
                    cells += ["no audits", "", "", "", ""]
                    continue
                }
                let ends = row.ends(in: report.period)
                func pooled(_ p: PooledMonths) -> String {
                    p.audited == 0 ? "–" : p.audited >= ReadableFigures.countsBelow
                        ? "\(ReadableFigures.percentCell(Double(p.inadequate) / Double(p.audited))) (\(p.inadequate) of \(p.audited))"
                        : "\(p.inadequate) of \(p.audited)"
                }
                let direction = row.test.direction
                let reading = direction == .improving ? "▼ improving" : direction == .worsening ? "▲ worsening" : direction.rawValue
                classes[cells.count + 2] = (FlagWords.directionClass(direction) + " nowrap").trimmingCharacters(in: .whitespaces)
                cells += [pooled(ends.first), pooled(ends.last), reading, HTML.pValue(row.test.pValue),
                          group.isAuthority ? "–" : HTML.pValue(row.adjustedPValue)]
            }
            return HTMLTable.Row(cells: cells, classes: group.isAuthority ? "authority" : "", cellClasses: classes)
        }
        var table = HTMLTable(id: id, caption: caption, columns: columns, rows: rows)
        table.groups = heads
        return table
    }

    static let travelNotes = [
        "Reading: improving when the share judged inadequate falls across the months more steadily than chance would produce, worsening when it rises so; "
            + "otherwise no clear change, meaning the months moved up and down no more than chance explains.",
        "The first and last six months are pooled counts (inadequate of audited), to show what the test saw at each end; the test itself weighs every month "
            + "(Cochran–Armitage test for trend, two-sided p < 0.05).",
        "p adjusted: Benjamini–Hochberg across the groups of the table. With many teams tested, one reading of improving or worsening may be chance; "
            + "a large adjusted p says so. A group with no inadequate audit, or only inadequate ones, has nothing to test.",
    ]
}
