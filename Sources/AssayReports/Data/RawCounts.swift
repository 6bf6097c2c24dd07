import AssayCore
import Foundation

/// The audits reports count, as raw counts by month and group: all that the direction of
/// travel, the funnel plot and the p-chart read (they count audits as they are, unweighted).
///
/// Counted either from audits in memory (`init(audits:grouping:)`) or by SQLite
/// (`Store.rawCounts`, from the monthly tallies SQLite keeps: ten years of a region's
/// audits, a million rows, are about 120,000 tallies) without reading each audit into Swift. The two must agree; a test
/// checks that they do.
public struct RawCounts: Sendable, Equatable {
    /// The audits of one month that share a group and their inadequate ones.
    public struct Cell: Sendable, Equatable {
        public let month: Month
        /// nil: the audits belong to no group of the grouping (e.g. no service), though
        /// they count for the authority.
        public let group: ReportGroup?
        public let audited: Int
        public let inadequate: Int

        public init(month: Month, group: ReportGroup?, audited: Int, inadequate: Int) {
            self.month = month
            self.group = group
            self.audited = audited
            self.inadequate = inadequate
        }
    }

    public let grouping: ReportGrouping?
    /// Months in order; within a month, the cell without a group first, then groups in
    /// `ReportGroup` order. No cell is empty.
    public let cells: [Cell]
    /// Some of the audits are imported history.
    public let includesHistory: Bool

    /// Adds up cells (several may name the same month and group: drawn audits and imported
    /// history of one month) into the canonical order.
    public init(grouping: ReportGrouping?, cells: [Cell], includesHistory: Bool) {
        struct Key: Hashable {
            let month: Month
            let group: ReportGroup?
        }
        var totals: [Key: (audited: Int, inadequate: Int)] = [:]
        for cell in cells {
            let key = Key(month: cell.month, group: cell.group)
            let total = totals[key, default: (0, 0)]
            totals[key] = (total.audited + cell.audited, total.inadequate + cell.inadequate)
        }
        self.grouping = grouping
        // The groups ranked once (`ReportGroup`'s order lowers every value it compares, and a
        // team page's twelve months are thousands of cells), the cells then sorted by rank.
        let groups = Set(totals.keys.compactMap(\.group)).sorted { x, y in x < y || (!(y < x) && x.description < y.description) }
        let rank = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        var ranked: [(cell: Cell, rank: Int)] = []
        for (key, total) in totals where total.audited > 0 {
            let cell = Cell(month: key.month, group: key.group, audited: total.audited, inadequate: total.inadequate)
            ranked.append((cell, key.group.map { rank[$0]! } ?? -1))
        }
        ranked.sort { a, b in a.cell.month != b.cell.month ? a.cell.month < b.cell.month : a.rank < b.rank }
        self.cells = ranked.map(\.cell)
        self.includesHistory = includesHistory
    }

    /// Counts `audits` (each counts once) by month and by `grouping`'s group.
    public init(audits: [ReportedAudit], grouping: ReportGrouping?) {
        // Slices of the audits at once on the machine's cores, each folding its runs of
        // audits of one month and group into one cell (a window may hold a million audits,
        // read in month and stratum order); the cells are then added up as any others.
        let slices = Parallel.slices(of: audits.indices, count: ProcessInfo.processInfo.activeProcessorCount)
        let cells = Parallel.map(slices.count) { slice in
            var cells: [Cell] = []
            // The last cell's group's values, to tell an audit of the same group without
            // building its group (most audits continue the run before them).
            var lastValues: [String]?
            for audit in audits[slices[slice]] {
                let inadequate = audit.inadequate ? 1 : 0
                if let last = cells.last, last.month == audit.month, let grouping, let values = lastValues, grouping.audit(audit, hasValues: values) {
                    cells[cells.count - 1] = Cell(month: last.month, group: last.group, audited: last.audited + 1, inadequate: last.inadequate + inadequate)
                    continue
                }
                let group = grouping?.group(of: audit)
                lastValues = group?.values.map(\.value)
                if let last = cells.last, last.month == audit.month, last.group == group {
                    cells[cells.count - 1] = Cell(month: last.month, group: group, audited: last.audited + 1, inadequate: last.inadequate + inadequate)
                } else {
                    cells.append(Cell(month: audit.month, group: group, audited: 1, inadequate: inadequate))
                }
            }
            return cells
        }
        self.init(grouping: grouping, cells: cells.flatMap { $0 }, includesHistory: audits.contains { $0.origin == .imported })
    }

    /// All audits, and the inadequate ones.
    public var audited: Int { cells.reduce(0) { $0 + $1.audited } }
    public var inadequate: Int { cells.reduce(0) { $0 + $1.inadequate } }

    /// The authority's counts month by month (months without audits left out).
    public var authorityByMonth: [(month: Month, audited: Int, inadequate: Int)] {
        var out: [(month: Month, audited: Int, inadequate: Int)] = []
        for cell in cells {
            if let last = out.last, last.month == cell.month {
                out[out.count - 1] = (last.month, last.audited + cell.audited, last.inadequate + cell.inadequate)
            } else {
                out.append((cell.month, cell.audited, cell.inadequate))
            }
        }
        return out
    }

    /// Each group's counts month by month, groups in order.
    public var groupsByMonth: [(group: ReportGroup, months: [(month: Month, audited: Int, inadequate: Int)])] {
        var byGroup: [ReportGroup: [(month: Month, audited: Int, inadequate: Int)]] = [:]
        for cell in cells {
            guard let group = cell.group else { continue }
            byGroup[group, default: []].append((cell.month, cell.audited, cell.inadequate))
        }
        return byGroup.keys.sorted().map { ($0, byGroup[$0]!) }
    }

    /// Each group's counts over all months, groups in order.
    public var groupTotals: [(group: ReportGroup, audited: Int, inadequate: Int)] {
        groupsByMonth.map { group, months in
            (group, months.reduce(0) { $0 + $1.audited }, months.reduce(0) { $0 + $1.inadequate })
        }
    }
}
