/// The one small-numbers rule every public report follows (issue 17, item 9).
///
/// A public version of a report, for papers published on a committee's agenda, must not let
/// a reader learn a count between 1 and K−1 (K is 5 unless `--suppress-below` says
/// otherwise): not from the count itself, not from "k of n", not from a rate or a
/// percentage made from it, and not by subtracting the figures that are shown from a total
/// that is shown. Zero is shown: "none" identifies no child.
///
/// - Primary suppression: a count from 1 to K−1.
/// - Secondary suppression, among counts that add up to a shown total (a row, a group):
///   when exactly one of them is suppressed, the next smallest non-zero one is suppressed
///   too (the smallest zero if none is left); when none is left to suppress with it, the
///   total is suppressed. In a table the rows and the columns are checked in turn until
///   nothing changes.
/// - A rate (k of n, a weighted rate estimated from k audits) is suppressed with its
///   numerator k, with its denominator n, and when n − k is small (n and the complement
///   would give k back).
///
/// Docs: docs/reports.md, "Public versions: small counts suppressed".
public struct SmallCountSuppression: Sendable, Equatable {
    /// K: counts from 1 to K−1 are suppressed.
    public let threshold: Int

    /// What a suppressed figure is shown as: the Government Statistical Service symbol for
    /// a confidential value.
    public static let marker = "[c]"
    public static let defaultThreshold = 5

    public init(threshold: Int = SmallCountSuppression.defaultThreshold) {
        precondition(threshold >= 1, "the threshold is at least 1")
        self.threshold = threshold
    }

    /// A count from 1 to K−1.
    public func isSmall(_ count: Int) -> Bool { count >= 1 && count < threshold }

    /// The count as printed: the count, or the marker.
    public func show(_ count: Int) -> String { isSmall(count) ? Self.marker : String(count) }

    // MARK: Rates

    /// Whether a rate k of n, and anything derived from it (its percentage, a weighted rate
    /// estimated from the same audits, its interval), must be suppressed.
    public func suppressesRate(numerator k: Int, denominator n: Int) -> Bool {
        isSmall(k) || isSmall(n) || isSmall(n - k)
    }

    // MARK: Counts adding up to a total

    /// Which of `cells` (counts that add up to a shown total) are suppressed, primary and
    /// secondary, and whether the total is suppressed too.
    public func suppress(cells: [Int]) -> (cells: [Bool], total: Bool) {
        var hidden = cells.map(isSmall)
        let total = secondary(cells, &hidden)
        return (hidden, total || isSmall(cells.reduce(0, +)))
    }

    /// Adds secondary suppression to one group: returns whether the group's total must be
    /// suppressed because no second cell could be.
    @discardableResult
    public func secondary(_ cells: [Int], _ hidden: inout [Bool]) -> Bool {
        guard hidden.filter({ $0 }).count == 1 else { return false }
        let candidates = cells.indices.filter { !hidden[$0] }
        let nonZero = candidates.filter { cells[$0] > 0 }
        let pool = nonZero.isEmpty ? candidates : nonZero
        guard let next = pool.min(by: { (cells[$0], $0) < (cells[$1], $1) }) else { return true }
        hidden[next] = true
        return false
    }

    /// A table whose rows and columns both add up to shown totals, and those totals to a
    /// grand total: which cells are suppressed, which row and column totals, and whether the
    /// grand total. Rows and columns (the margins too) are checked in turn until nothing
    /// changes, so no suppressed figure can be recovered from any total (`SuppressionGrid`).
    public func suppress(table: [[Int]]) -> Table {
        let columns = table.map(\.count).max() ?? 0
        guard !table.isEmpty, columns > 0 else {
            return Table(cells: table.map { _ in [] }, rowTotals: table.map { _ in false }, columnTotals: [], grandTotal: false)
        }
        var grid = SuppressionGrid(table, columns: columns, rule: self)
        grid.settle(self)
        let rows = table.count
        return Table(cells: (0..<rows).map { r in Array(grid.hidden[r][0..<columns]) },
                     rowTotals: (0..<rows).map { grid.hidden[$0][columns] },
                     columnTotals: Array(grid.hidden[rows][0..<columns]),
                     grandTotal: grid.hidden[rows][columns])
    }

    public struct Table: Sendable, Equatable {
        public let cells: [[Bool]]
        public let rowTotals: [Bool]
        public let columnTotals: [Bool]
        /// The total of the whole table (the authority's, adding up every row).
        public let grandTotal: Bool
    }

    // MARK: Rates of groups adding up to a total

    /// What is hidden in a list of rates, k of n each, of groups whose k and n add up to a
    /// shown total (the authority's): each group's k, n and rate, and the total's.
    public struct RateRows: Sendable, Equatable {
        public var numerators: [Bool]
        public var denominators: [Bool]
        public var rates: [Bool]
        public var totalNumerator = false
        public var totalDenominator = false
        public var totalRate = false
    }

    /// Primary and secondary suppression of rates: a rate is hidden with its numerator (and
    /// its numerator with it, since n and the rate give k back), the group's k and n are
    /// suppressed as counts adding up to the total's, and the whole is repeated until
    /// nothing changes.
    public func suppress(rates rows: [(k: Int, n: Int)], total: (k: Int, n: Int)) -> RateRows {
        var h = RateRows(numerators: rows.map { isSmall($0.k) }, denominators: rows.map { isSmall($0.n) },
                         rates: rows.map { suppressesRate(numerator: $0.k, denominator: $0.n) })
        h.totalNumerator = isSmall(total.k)
        h.totalDenominator = isSmall(total.n)
        var changed = true
        while changed {
            let before = h
            for i in rows.indices {
                if h.numerators[i] || h.denominators[i] { h.rates[i] = true }
                if h.rates[i] { h.numerators[i] = true }
            }
            if rows.count > 0 {
                if secondary(rows.map(\.k), &h.numerators) { h.totalNumerator = true }
                if secondary(rows.map(\.n), &h.denominators) { h.totalDenominator = true }
            }
            if h.totalNumerator || h.totalDenominator || suppressesRate(numerator: total.k, denominator: total.n) { h.totalRate = true }
            if h.totalRate { h.totalNumerator = true }
            changed = h != before
        }
        return h
    }

    // MARK: Saying so

    /// The plain sentence a public page or listing carries.
    public var statement: String {
        let range = threshold <= 2 ? "1" : "1 to \(threshold - 1)"
        return "This is a public version: counts of \(range) are shown as \(Self.marker), and so are some other figures "
            + "(a total, the next smallest count in a group, and any rate, percentage or interval worked out from a hidden count), "
            + "so that no hidden count can be worked out from what is shown and no child can be identified. "
            + "Zero is shown. This follows the statistics convention of suppressing counts under \(threshold) (docs/reports.md, Public versions)."
    }
}
