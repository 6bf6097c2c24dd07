import AssayCore
import AssayStatistics

/// The teams month by month as counts: for each team (the authority first) and month of the
/// window, k of n audits judged inadequate — what each team chart and each direction-of-travel
/// test saw. From ten audits in a month, the weighted rate the chart plots follows the counts.
/// A long window is cut into tables of twelve months, so each fits a printed page.
extension HTMLTables {
    static func teamMonths(authority: [HTMLReport.MonthPoint], teams: [HTMLReport.TeamSeries], window: ReportPeriod) -> [HTMLTable] {
        let months = window.months
        let chunks = stride(from: 0, to: months.count, by: 12).map { Array(months[$0..<min(months.count, $0 + 12)]) }
        return chunks.enumerated().map { index, chunk in
            let set = Set(chunk)
            func cells(_ points: [HTMLReport.MonthPoint]) -> [String] {
                let inChunk = points.filter { set.contains($0.month) }
                let k = inChunk.reduce(0) { $0 + ($1.estimate?.inadequate ?? 0) }, n = inChunk.reduce(0) { $0 + ($1.estimate?.audited ?? 0) }
                return inChunk.map { point in
                    guard let e = point.estimate else { return "–" }
                    let counts = "\(e.inadequate) of \(e.audited)"
                    return e.audited >= ReadableFigures.countsBelow ? "\(counts) · \(ReadableFigures.percentCell(e.rate))" : counts
                } + [n == 0 ? "–" : "\(k) of \(n)"]
            }
            let rows = [HTMLTable.Row(cells: ["Authority"] + cells(authority), classes: "authority")]
                + teams.map { HTMLTable.Row(cells: [$0.team] + cells($0.points)) }
            let span = ReadableFigures.months(chunk.first!, chunk.last!)
            return HTMLTable(
                id: chunks.count == 1 ? "team-months-table" : "team-months-table-\(index + 1)",
                caption: "Audits judged inadequate, team by team and month by month (k of n), \(span)",
                columns: [.init("Team")] + chunk.map { .init(SVG.monthLabel($0, short: true), numeric: true) } + [.init("Total", numeric: true)],
                rows: rows)
        }
    }

    static let teamMonthsNote = "k of n: inadequate of audited, as counted. From 10 audits in a month the weighted rate the team chart plots follows "
        + "(weighted for how cases were drawn, so it need not equal k ÷ n); under 10, the counts say more than a percentage would."
}
