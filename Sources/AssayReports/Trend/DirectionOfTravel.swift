import AssayCore
import AssayStatistics

/// The direction of travel over two horizons: the last 12 months, and a longer view (36
/// months, or all the history there is when that is shorter), each `report trend`'s test by
/// group (docs/reports.md, "`report html`", "Direction of travel").
///
/// One horizon can mislead: a year's audits may be too few to show a slow fall that three
/// years show plainly, and three years may hide that the last year has stalled. Leaders are
/// told both, in words, with what each test saw.
public struct DirectionOfTravel: Sendable {
    /// The short horizon, in months.
    public static let yearMonths = 12
    /// The long horizon, in months (or all history when shorter).
    public static let longerMonths = 36

    /// The 12 months ending at the report's month.
    public let year: TrendReport
    /// The longer horizon; nil when the history is no longer than the year (it would repeat it).
    public let longer: TrendReport?

    /// The two horizons ending at `month`, from counts by one grouping (the authority's rows
    /// come with them) that reach back at least `longerMonths` months where history allows.
    public init(counts: RawCounts, month: Month) throws {
        let yearFrom = month.adding(months: -(Self.yearMonths - 1))
        let year = try ReportPeriod(from: yearFrom, to: month)
        self.year = TrendReport(counts: counts.within(year), period: year)
        let earliest = counts.cells.first { $0.month <= month }?.month ?? month
        let longerFrom = max(month.adding(months: -(Self.longerMonths - 1)), earliest)
        if longerFrom < yearFrom {
            let longer = try ReportPeriod(from: longerFrom, to: month)
            self.longer = TrendReport(counts: counts.within(longer), period: longer)
        } else {
            longer = nil
        }
    }

    /// Whether the longer horizon is all the history there is (shorter than `longerMonths`).
    public var longerIsAllHistory: Bool {
        guard let longer else { return false }
        return longer.period.months.count < Self.longerMonths
    }
}

/// Several consecutive months' audits pooled: what a reader can check a trend against.
public struct PooledMonths: Sendable, Equatable {
    public let from: Month
    public let to: Month
    public let audited: Int
    public let inadequate: Int

    /// inadequate / audited; nil without audits.
    public var rate: Double? { audited == 0 ? nil : Double(inadequate) / Double(audited) }
}

extension TrendReport.Row {
    /// How many months each end of a horizon pools: six, or half the horizon when shorter.
    public static func halfLength(of period: ReportPeriod) -> Int { max(1, min(6, period.months.count / 2)) }

    /// The horizon's first and last months pooled (six each, or half a short horizon each),
    /// by the calendar: what the test saw at each end, in a form a reader can check.
    public func ends(in period: ReportPeriod) -> (first: PooledMonths, last: PooledMonths) {
        let months = period.months, length = Self.halfLength(of: period)
        func pool(_ range: ArraySlice<Month>) -> PooledMonths {
            let set = Set(range)
            let inside = self.months.filter { set.contains($0.month) }
            return PooledMonths(from: range.first!, to: range.last!, audited: inside.reduce(0) { $0 + $1.audited },
                                inadequate: inside.reduce(0) { $0 + $1.inadequate })
        }
        return (pool(months.prefix(length)), pool(months.suffix(length)))
    }

    /// The row's audits and inadequate audits over its horizon.
    public var audited: Int { months.reduce(0) { $0 + $1.audited } }
    public var inadequate: Int { months.reduce(0) { $0 + $1.inadequate } }
}

extension RawCounts {
    /// The cells of the months in `period` only.
    public func within(_ period: ReportPeriod) -> RawCounts {
        RawCounts(grouping: grouping, cells: cells.filter { $0.month >= period.from && $0.month <= period.to },
                  includesHistory: includesHistory)
    }
}
