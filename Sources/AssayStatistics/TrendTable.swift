/// The direction of travel of every group in a table (the teams of a locality, the
/// localities of an authority), each with its Benjamini–Hochberg adjusted p-value.
///
/// Each row's `direction` is read from its own two-sided p at α, as the issue asks; the
/// adjusted p is shown beside it so that a reader can tell a lone "worsening" among many
/// teams from one that survives the multiplicity of the table. Degenerate rows (a team
/// with no inadequate audit, or only inadequate ones) have neither p and are left out of
/// the adjustment.
public struct TrendTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let label: String
        public let test: TrendTest
        /// The Benjamini–Hochberg adjusted p-value across the table's tested rows.
        public let adjustedPValue: Double?
    }

    public let rows: [Row]

    /// Tests each group's months and adjusts the p-values across the groups, in the
    /// order given.
    public init(groups: [(label: String, months: [MonthlyCount])], alpha: Double = 0.05) {
        let tests = groups.map { TrendTest(months: $0.months, alpha: alpha) }
        let adjusted = BenjaminiHochberg.adjust(tests.map(\.pValue))
        rows = groups.indices.map { Row(label: groups[$0].label, test: tests[$0], adjustedPValue: adjusted[$0]) }
    }
}
