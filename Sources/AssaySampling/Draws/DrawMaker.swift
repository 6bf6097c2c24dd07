import AssayCore
import AssayStore
import GRDB

/// Computes a draw from a request and the database: frame, strata, eligibility, allocation,
/// selection. Stores nothing (see `Store.saveDraw`), so `--dry-run` and `draw verify` use
/// the very same code as a real draw.
public struct DrawMaker {
    let store: Store
    let history: InadequacyHistory

    /// `history` nil: the audits stored in `store`.
    public init(store: Store, history: InadequacyHistory? = nil) {
        self.store = store
        self.history = history ?? StoredInadequacyHistory(store: store)
    }

    public func make(_ request: DrawRequest) throws -> Draw {
        if case .total(let n) = request.size, n < 1 { throw SamplingError.sizeTooSmall(n) }
        if case .perStratum(let k) = request.size, k < 1 { throw SamplingError.perStratumTooSmall(k) }
        guard request.minimumPerStratum >= 0 else { throw SamplingError.negativeMinimumPerStratum(request.minimumPerStratum) }
        guard request.excludeRecentMonths >= 0 else { throw SamplingError.negativeExcludeRecent(request.excludeRecentMonths) }
        let frame = try store.frame(id: request.frameID)
        guard let rowsHash = frame.rowsSHA256 else { throw SamplingError.incompleteFrame(frame.id) }
        let candidates = try DrawCandidates.load(store, frame: frame, byFields: request.byFields, services: request.services)
        guard candidates.count > 0 else { throw SamplingError.emptyFrame(frame.id, servicesAsked: request.services != nil) }
        let excluded = try request.storedExclusions ?? recentlyDrawn(before: request.month, months: request.excludeRecentMonths)

        // Strata in bytewise key order, with their population and eligible cases (counted:
        // a String is made for a case only if it is excluded or drawn).
        var population = [Int](repeating: 0, count: candidates.strata.count)
        var eligibleCount = [Int](repeating: 0, count: candidates.strata.count)
        var eligible: [Bool]?
        var exclusions: [(caseID: String, month: Month)] = []
        if excluded.isEmpty {
            for s in candidates.stratumOf { population[Int(s)] += 1 }
            eligibleCount = population
        } else {
            var mask = [Bool](repeating: true, count: candidates.count)
            for (i, s) in candidates.stratumOf.enumerated() {
                population[Int(s)] += 1
                let caseID = candidates.caseID(i)
                if let month = excluded[caseID] {
                    exclusions.append((caseID, month))
                    mask[i] = false
                } else {
                    eligibleCount[Int(s)] += 1
                }
            }
            eligible = mask
        }
        exclusions.sort { $0.caseID.utf8.lexicographicallyPrecedes($1.caseID.utf8) }
        let order = candidates.strata.indices.sorted { candidates.strata[$0] < candidates.strata[$1] }
        let keys = order.map { candidates.strata[$0] }
        var byKey: [StratumKey: (population: Int, eligible: Int)] = [:]
        for i in order { byKey[candidates.strata[i]] = (population[i], eligibleCount[i]) }

        var notes: [String] = []
        var method = request.allocation
        var neymanP: [StratumKey: Double] = [:]
        if method == .neyman {
            let window = request.month.adding(months: -12)...request.month.adding(months: -1)
            if let stored = request.storedNeymanP {
                neymanP = stored
            } else if let rates = try history.inadequateRates(months: window, byFields: request.byFields, services: request.services) {
                let clamp = { (p: Double) in min(0.95, max(0.05, p)) }
                for key in keys { neymanP[key] = clamp(rates.perStratum[key] ?? rates.authority) }
            } else {
                method = .proportional
                notes.append("No inadequate-rate history in the 12 months before \(request.month): Neyman allocation fell back to proportional.")
            }
        }
        let inputs = keys.map { AllocationInput(population: byKey[$0]!.population, eligible: byKey[$0]!.eligible, neymanP: neymanP[$0]) }
        let sizes: [Int]
        switch request.size {
        case .perStratum(let k):
            sizes = Allocation.perStratum(inputs, count: k)
        case .total(let n):
            do {
                sizes = try Allocation.allocate(inputs, total: n, minimum: request.minimumPerStratum, method: method)
            } catch .minimumsExceedTotal(let minimums, let total) {
                throw SamplingError.minimumsExceedTotal(minimum: request.minimumPerStratum, needed: minimums, strata: keys.count, total: total)
            }
            if n > inputs.reduce(0, { $0 + $1.eligible }) {
                notes.append("Only \(inputs.reduce(0) { $0 + $1.eligible }) cases are eligible; the draw takes all of them.")
            }
        }
        let seed = request.seed ?? Ticket.freshSeed()
        var cases: [DrawnCase] = []
        // Sizes are in key order; the candidates number their strata as they first appear.
        var counts = [Int](repeating: 0, count: candidates.strata.count)
        for (position, stratum) in order.enumerated() { counts[stratum] = sizes[position] }
        let picked = candidates.select(counts: counts, eligible: eligible, seed: seed)
        let picks = order.map { picked[$0] }
        for (position, picked) in picks.enumerated() {
            for pick in picked {
                cases.append(DrawnCase(caseID: pick.caseID, stratumPosition: position, ticket: pick.ticket.hexString))
            }
        }
        let strata = keys.enumerated().map { position, key in
            StratumAllocation(key: key, population: inputs[position].population, eligible: inputs[position].eligible,
                              sample: sizes[position], neymanP: neymanP[key])
        }
        let allocationUsed: String = if case .perStratum = request.size { "per-stratum" } else { method.rawValue }
        return Draw(month: request.month, frameID: frame.id, frameSourceSHA256: frame.sourceSHA256, frameRowsSHA256: rowsHash,
                    seed: seed, seedGiven: request.seed != nil, byFields: request.byFields, services: request.services,
                    size: request.size, allocationRequested: request.allocation, allocationUsed: allocationUsed,
                    minimumPerStratum: request.minimumPerStratum, excludeRecentMonths: request.excludeRecentMonths,
                    strata: strata, exclusions: exclusions, cases: cases, notes: notes)
    }

    /// Case ids selected by the current draws of the `months` months before `month`, each
    /// with the latest month that drew it: `AuditRules.recentlyDrawnCases`.
    func recentlyDrawn(before month: Month, months: Int) throws -> [String: Month] {
        guard months > 0 else { return [:] }
        let first = month.adding(months: -months), last = month.adding(months: -1)
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: AuditRules.recentlyDrawnCases, arguments: [first, last])
        }
        var result: [String: Month] = [:]
        for row in rows { result[row["case_id"]] = Month(row["month"] as String) }
        return result
    }
}
