import AssayCore

/// The months a report covers: one month (`--month`), or a range (`--from … --to …`).
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    public let from: Month
    public let to: Month

    public init(from: Month, to: Month) throws {
        guard from <= to else { throw ReportError.periodReversed(from: from, to: to) }
        self.from = from
        self.to = to
    }

    public init(month: Month) {
        from = month
        to = month
    }

    public var isOneMonth: Bool { from == to }

    /// The months in order, `from` first.
    public var months: [Month] {
        var out: [Month] = []
        var month = from
        while month <= to {
            out.append(month)
            month = month.adding(months: 1)
        }
        return out
    }

    public var description: String { isOneMonth ? from.description : "\(from) to \(to)" }
}
