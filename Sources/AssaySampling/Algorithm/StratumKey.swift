/// The values of the `--by` fields for one stratum, in `--by` order.
///
/// Strata are ordered field by field, each field compared as UTF-8 bytes, so the order is
/// the same on every machine and in the independent script (docs/sampling.md §3).
public struct StratumKey: Hashable, Comparable, Sendable {
    public let values: [String]

    public init(_ values: [String]) { self.values = values }

    public static func < (a: StratumKey, b: StratumKey) -> Bool {
        for (x, y) in zip(a.values, b.values) where x != y {
            return Bytewise.less(x, y)
        }
        return a.values.count < b.values.count
    }

    /// `team / locality`, for tables.
    public var label: String { values.map { $0.isEmpty ? "(none)" : $0 }.joined(separator: " / ") }
}

/// Bytewise UTF-8 comparison (Swift's `<` on String compares Unicode canonical order).
enum Bytewise {
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
