/// The distinct values of an indexed column, read by skipping through the index: one search
/// for each value (the smallest value above the last one found) rather than a visit to every
/// row. A hundred teams over 100,000 audits are a hundred searches, under a millisecond,
/// where `SELECT DISTINCT team FROM audit` reads all 100,000 (docs/performance.md). Only
/// worth it, and only fast, where an index starts with the column (or with `group` and then
/// the column) and the values are few beside the rows.
///
/// Each function gives a common table expression for a `WITH RECURSIVE` clause; its
/// `value` column holds each distinct value once, in the column's order, and one NULL row
/// (a table or group without rows), which a caller leaves out with `WHERE value IS NOT NULL`.
/// Comparisons are the column's own collation (`min` and `>`), so the values are exactly
/// those `SELECT DISTINCT` gives.
public enum DistinctValues {
    /// `name(value)`: the distinct values of `column` in `table`.
    public static func skipping(_ name: String, column: String, in table: String) -> String {
        """
        \(name)(value) AS (SELECT min(\(column)) FROM \(table)
            UNION ALL SELECT (SELECT min(\(column)) FROM \(table) WHERE \(column) > \(name).value) FROM \(name) WHERE \(name).value IS NOT NULL)
        """
    }

    /// `name(grp, value)`: the distinct values of `column` within each value of `group` that
    /// `groups` (a query of one column) lists: an index on (`group`, `column`, …) is searched
    /// once a value of each group. The column must hold text (a STRICT TEXT column): its
    /// first search within a group asks for values `>= ''`, which every text is, so that
    /// SQLite's plan reads as the one-entry range it is, not as a walk of the whole group
    /// (`QueryPlanTests` fails a plan that walks a register by `frame_id` alone).
    public static func skipping(_ name: String, column: String, in table: String, within group: String, of groups: String) -> String {
        """
        \(name)(grp, value) AS (SELECT g.id, (SELECT min(\(column)) FROM \(table) WHERE \(group) = g.id AND \(column) >= '') FROM (\(groups)) g
            UNION ALL SELECT \(name).grp, (SELECT min(\(column)) FROM \(table) WHERE \(group) = \(name).grp AND \(column) > \(name).value)
            FROM \(name) WHERE \(name).value IS NOT NULL)
        """
    }
}
