import AssayCore

/// How a draw's total is shared between strata (docs/sampling.md §5).
public enum AllocationMethod: String, CaseIterable, Sendable {
    case proportional, equal, neyman
}

/// One stratum as the allocation sees it.
public struct AllocationInput: Sendable, Equatable {
    /// N_h: cases in the stratum.
    public let population: Int
    /// E_h: cases not excluded by recent draws.
    public let eligible: Int
    /// p_h for Neyman allocation (already clamped), nil otherwise.
    public let neymanP: Double?

    public init(population: Int, eligible: Int, neymanP: Double? = nil) {
        self.population = population
        self.eligible = eligible
        self.neymanP = neymanP
    }
}

/// Allocation algorithm `assay-draw-1`: minimums first, then the remainder by largest
/// remainder with caps at E_h, shared again until nothing moves. Integer weights are
/// handled exactly (no floating point), so ties are real ties; Neyman's real weights use
/// binary64 in the documented order, as the independent script does.
public enum Allocation {
    public enum Refusal: Error, Equatable {
        /// The minimums alone need more than the total.
        case minimumsExceedTotal(minimums: Int, total: Int)
    }

    /// n_h for a `--size` draw. `total` is the requested size; the result sums to
    /// min(total, ΣE_h).
    public static func allocate(_ strata: [AllocationInput], total requested: Int, minimum: Int,
                                method: AllocationMethod) throws(Refusal) -> [Int] {
        let total = min(requested, strata.reduce(0) { $0 + $1.eligible })
        var n = strata.map { min(minimum, $0.eligible) }
        let minimums = n.reduce(0, +)
        if minimums > total { throw .minimumsExceedTotal(minimums: minimums, total: total) }
        var remainder = total - minimums
        var active = strata.indices.filter { strata[$0].eligible - n[$0] > 0 }
        let base = n
        while remainder > 0 && !active.isEmpty {
            let shares = share(remainder, among: active, weights: weights(strata, method))
            let capped = active.filter { shares[$0]! > strata[$0].eligible - base[$0] }
            if capped.isEmpty {
                for h in active { n[h] = base[h] + shares[h]! }
                return n
            }
            for h in capped {
                n[h] = strata[h].eligible
                remainder -= strata[h].eligible - base[h]
            }
            active.removeAll { capped.contains($0) }
        }
        return n
    }

    /// n_h = min(K, E_h) for a `--per-stratum K` draw.
    public static func perStratum(_ strata: [AllocationInput], count: Int) -> [Int] {
        strata.map { min(count, $0.eligible) }
    }

    enum Weight {
        case integer(Int)
        case real(Double)
    }

    static func weights(_ strata: [AllocationInput], _ method: AllocationMethod) -> [Weight] {
        strata.map { s -> Weight in
            switch method {
            case .proportional: return .integer(s.population)
            case .equal: return .integer(1)
            case .neyman:
                let p = s.neymanP ?? 0.5
                return .real(Double(s.population) * (p * (1 - p)).squareRoot())
            }
        }
    }

    /// Largest-remainder shares of `seats` among `active` strata, ties to the earlier one.
    static func share(_ seats: Int, among active: [Int], weights: [Weight]) -> [Int: Int] {
        var floors: [Int: Int] = [:]
        // Fractional parts, compared exactly: as (numerator mod W) for integer weights.
        var fractions: [(h: Int, integer: Int, real: Double)] = []
        if active.allSatisfy({ if case .integer = weights[$0] { true } else { false } }) {
            let w = active.map { h -> Int in if case .integer(let v) = weights[h] { return v }; return 0 }
            let total = w.reduce(0, +)
            for (i, h) in active.enumerated() {
                let numerator = seats * w[i]
                floors[h] = total == 0 ? 0 : numerator / total
                fractions.append((h, total == 0 ? 0 : numerator % total, 0))
            }
        } else {
            let w = active.map { h -> Double in
                switch weights[h] {
                case .real(let v): v
                case .integer(let v): Double(v)
                }
            }
            var total = 0.0
            for v in w { total += v }
            for (i, h) in active.enumerated() {
                let quota = (Double(seats) * w[i]) / total
                let whole = quota.rounded(.down)
                floors[h] = Int(whole)
                fractions.append((h, 0, quota - whole))
            }
        }
        let left = seats - floors.values.reduce(0, +)
        let order = fractions.enumerated().sorted { a, b in
            if a.element.integer != b.element.integer { return a.element.integer > b.element.integer }
            if a.element.real != b.element.real { return a.element.real > b.element.real }
            return a.offset < b.offset
        }
        for entry in order.prefix(left) { floors[entry.element.h]! += 1 }
        return floors
    }
}
