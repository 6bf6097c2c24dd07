import AssayCore

extension StratifiedCounts {
    /// Counts a sample audit by audit, as `StratifiedSample` takes it, without keeping the
    /// audits: each stratum's N_h, n_h and y_h, in the order its first audit comes (the order
    /// the estimator's sums run in, so the estimates are the sample's, digit for digit).
    ///
    /// Why: a report's month of audits had been turned into one labelled observation each,
    /// a dictionary apiece, only to be counted again per stratum; a team page does that for
    /// twelve months (docs/performance.md, "The team page").
    public struct Tally: Sendable {
        // Inlinable, so that a report's module gets it specialised for its own strata: called
        // generically it looked up metadata and witnesses for every audit.
        /// The strata counted so far, in the order their first audits came.
        public var rows: [Row] { counted }
        @usableFromInline var counted: [Row] = []
        @usableFromInline var places: [Stratum: Int] = [:]
        @usableFromInline var last: Int?

        @inlinable public init() {}

        /// Counts one audit and returns its stratum's row. Refuses, as `StratifiedSample`
        /// does, a population below 1 and a stratum given two populations.
        @inlinable public mutating func add(stratum: Stratum, population: Int?, inadequate: Bool) throws -> Int {
            if let population, population < 1 {
                throw StatisticsError.inconsistentStratum("\(stratum)", problem: "its population (cases in the frame) must be at least 1; got \(population).")
            }
            // Audits mostly come stratum by stratum: the last one's row is tried before the
            // table (hashing each audit's stratum was most of a month's design).
            let known: Int?
            if let last, counted[last].stratum == stratum { known = last } else { known = places[stratum] }
            if let place = known {
                last = place
                guard counted[place].population == population else {
                    throw StatisticsError.inconsistentStratum("\(stratum)", problem: "its audits give two different populations, \(Self.describe(counted[place].population)) and \(Self.describe(population)); a stratum has one.")
                }
                counted[place].audited += 1
                if inadequate { counted[place].inadequate += 1 }
                return place
            }
            places[stratum] = counted.count
            last = counted.count
            counted.append(Row(stratum: stratum, population: population, audited: 1, inadequate: inadequate ? 1 : 0))
            return counted.count - 1
        }

        /// The counts, checked as `StratifiedCounts.init` checks them (n_h ≤ N_h above all).
        @inlinable public func counts() throws -> StratifiedCounts { try StratifiedCounts(counted, eachStratumOnce: true) }

        @usableFromInline static func describe(_ population: Int?) -> String { population.map(String.init) ?? "unknown" }
    }
}
