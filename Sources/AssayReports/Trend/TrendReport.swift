import AssayCore
import AssayStatistics

/// `report trend`: the direction of travel of the authority and of each group over a
/// window of months — the raw monthly counts, the Cochran–Armitage test for trend, and a
/// Benjamini–Hochberg adjusted p-value across the groups (docs/reports.md).
///
/// Raw counts, not weighted estimates: the test's question ("does the share of audited
/// cases judged inadequate change with time?") is about the audits themselves.
public struct TrendReport: Sendable {
    public struct Row: Sendable {
        public let group: ReportGroup
        /// The months of the window that have audits, in order.
        public let months: [(month: Month, audited: Int, inadequate: Int)]
        public let test: TrendTest
        /// Adjusted across the table's groups; nil for the authority row (not one of the
        /// family) and for groups with nothing to test.
        public let adjustedPValue: Double?
    }

    public let period: ReportPeriod
    public let grouping: ReportGrouping?
    public let rows: [Row]
    public let includesHistory: Bool

    public init(audits: [ReportedAudit], period: ReportPeriod, grouping: ReportGrouping?) {
        self.period = period
        self.grouping = grouping
        includesHistory = audits.contains { $0.origin == .imported }
        var byGroup: [ReportGroup: [Month: (audited: Int, inadequate: Int)]] = [:]
        for audit in audits {
            var keys = [ReportGroup.authority]
            if let group = grouping?.group(of: audit) { keys.append(group) }
            for key in keys {
                var count = byGroup[key, default: [:]][audit.month, default: (0, 0)]
                count.audited += 1
                if audit.inadequate { count.inadequate += 1 }
                byGroup[key, default: [:]][audit.month] = count
            }
        }
        func series(_ group: ReportGroup) -> [(month: Month, audited: Int, inadequate: Int)] {
            (byGroup[group] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value.audited, $0.value.inadequate) }
        }
        func counts(_ months: [(month: Month, audited: Int, inadequate: Int)]) -> [MonthlyCount] {
            months.map { MonthlyCount(month: $0.month, inadequate: $0.inadequate, audits: $0.audited) }
        }
        var rows: [Row] = []
        if byGroup[.authority] != nil {
            let months = series(.authority)
            rows.append(Row(group: .authority, months: months, test: TrendTest(months: counts(months)), adjustedPValue: nil))
        }
        if grouping != nil {
            let groups = byGroup.keys.filter { !$0.isAuthority }.sorted()
            let table = TrendTable(groups: groups.map { ($0.description, counts(series($0))) })
            for (group, row) in zip(groups, table.rows) {
                rows.append(Row(group: group, months: series(group), test: row.test, adjustedPValue: row.adjustedPValue))
            }
        }
        self.rows = rows
    }

    public var footnotes: [String] {
        var notes = [
            "Direction: Cochran–Armitage test for trend on the raw monthly counts (months on the calendar; months without audits left out); "
                + "improving or worsening when the two-sided p < 0.05. p_adjusted: Benjamini–Hochberg across the groups of this table.",
            "A group with no inadequate audit, or only inadequate ones, has nothing to test: no clear change, no p-value.",
        ]
        if includesHistory {
            notes.append("Includes audits imported from before Assay.")
        }
        return notes
    }
}
