import AssayCore

/// Everything the lead asked for in `assay draw` (docs/sampling.md §1).
public struct DrawRequest: Sendable {
    public enum Size: Sendable, Equatable {
        case total(Int)
        case perStratum(Int)
    }

    public var month: Month
    public var frameID: Int64?
    public var byFields: [String] = ["team", "locality"]
    public var services: [Service]?
    public var size: Size
    public var allocation: AllocationMethod = .proportional
    public var minimumPerStratum = 1
    public var excludeRecentMonths = 3
    /// nil: a fresh seed from the secure random source.
    public var seed: String?
    /// For `draw verify`: the exclusions and Neyman p_h stored with the draw, used as
    /// inputs instead of being looked up again.
    var storedExclusions: [String: Month]?
    var storedNeymanP: [StratumKey: Double]?

    public init(month: Month, size: Size) {
        self.month = month
        self.size = size
    }
}

/// One stratum's line of the allocation table.
public struct StratumAllocation: Sendable, Equatable {
    public let key: StratumKey
    public let population: Int
    public let eligible: Int
    public let sample: Int
    public let neymanP: Double?

    /// n_h / E_h: each eligible case's chance of selection in this stratum.
    public var inclusionProbability: Double? { eligible == 0 ? nil : Double(sample) / Double(eligible) }
}

/// A selected case.
public struct DrawnCase: Sendable, Equatable {
    public let caseID: String
    public let stratumPosition: Int
    public let ticket: String
}

/// A computed draw: inputs, allocation and selection (stored, or shown by `--dry-run`).
public struct Draw: Sendable {
    public static let algorithm = "assay-draw-1"

    public let month: Month
    public let frameID: Int64
    public let frameSourceSHA256: String
    public let frameRowsSHA256: String
    public let seed: String
    public let seedGiven: Bool
    public let byFields: [String]
    public let services: [Service]?
    public let size: DrawRequest.Size
    public let allocationRequested: AllocationMethod
    /// `per-stratum`, or the method actually used (proportional when Neyman had no history).
    public let allocationUsed: String
    public let minimumPerStratum: Int
    public let excludeRecentMonths: Int
    public let strata: [StratumAllocation]
    /// Excluded case ids with the month whose draw excluded each.
    public let exclusions: [(caseID: String, month: Month)]
    public let cases: [DrawnCase]
    /// Things the lead should know (e.g. Neyman fell back to proportional).
    public let notes: [String]

    public var total: Int { cases.count }
}
