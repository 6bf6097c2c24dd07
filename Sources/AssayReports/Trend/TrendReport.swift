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
        self.init(counts: RawCounts(audits: audits, grouping: grouping), period: period)
    }

    /// The report from counts already made (`Store.rawCounts` folds them in SQLite).
    public init(counts: RawCounts, period: ReportPeriod) {
        self.period = period
        grouping = counts.grouping
        includesHistory = counts.includesHistory
        func tests(_ months: [(month: Month, audited: Int, inadequate: Int)]) -> [MonthlyCount] {
            months.map { MonthlyCount(month: $0.month, inadequate: $0.inadequate, audits: $0.audited) }
        }
        var rows: [Row] = []
        let authority = counts.authorityByMonth
        if !authority.isEmpty {
            rows.append(Row(group: .authority, months: authority, test: TrendTest(months: tests(authority)), adjustedPValue: nil))
        }
        if grouping != nil {
            let groups = counts.groupsByMonth
            let table = TrendTable(groups: groups.map { ($0.group.description, tests($0.months)) })
            for (group, row) in zip(groups, table.rows) {
                rows.append(Row(group: group.group, months: group.months, test: row.test, adjustedPValue: row.adjustedPValue))
            }
        }
        self.rows = rows
    }

    /// Plain words first, the test's name after (docs/reports.md, "Numbers for people").
    public var footnotes: [String] {
        var notes = [
            "Improving or worsening: the share of audited cases judged inadequate fell or rose steadily across the months, "
                + "more than chance would produce. No clear change: the months went up and down no more than chance explains; "
                + "it is not proof that nothing changed, and few audits can hide a real change. "
                + "(Cochran–Armitage test for trend on the raw monthly counts, two-sided p < 0.05; months without audits left out.)",
            "p adjusted: the p-value allowing for testing every group of the table at once (Benjamini–Hochberg), so that one "
                + "worsening team among forty is not read as a finding when chance alone would give one.",
            "A group with no inadequate audit, or only inadequate ones, has nothing to test: no clear change, no p-value.",
        ]
        if includesHistory {
            notes.append("Includes audits imported from before Assay.")
        }
        return notes
    }
}
