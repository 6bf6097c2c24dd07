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
        let frameCases = try FrameCases.load(store, frame: frame, byFields: request.byFields, services: request.services)
        guard !frameCases.cases.isEmpty else { throw SamplingError.emptyFrame(frame.id, servicesAsked: request.services != nil) }
        let excluded = try request.storedExclusions ?? recentlyDrawn(before: request.month, months: request.excludeRecentMonths)

        // Strata in bytewise key order, with their population and eligible cases.
        var population = [Int](repeating: 0, count: frameCases.strata.count)
        var eligibleCases = [[String]](repeating: [], count: frameCases.strata.count)
        var exclusions: [(caseID: String, month: Month)] = []
        for c in frameCases.cases {
            population[c.stratum] += 1
            if !excluded.isEmpty, let month = excluded[c.caseID] {
                exclusions.append((c.caseID, month))
            } else {
                eligibleCases[c.stratum].append(c.caseID)
            }
        }
        exclusions.sort { $0.caseID.utf8.lexicographicallyPrecedes($1.caseID.utf8) }
        let order = frameCases.strata.indices.sorted { frameCases.strata[$0] < frameCases.strata[$1] }
        let keys = order.map { frameCases.strata[$0] }
        var byKey: [StratumKey: (population: Int, eligible: [String])] = [:]
        for i in order { byKey[frameCases.strata[i]] = (population[i], eligibleCases[i]) }
        eligibleCases = []

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
        let inputs = keys.map { AllocationInput(population: byKey[$0]!.population, eligible: byKey[$0]!.eligible.count, neymanP: neymanP[$0]) }
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
        let picks = Ticket.select(inStrata: keys.map { byKey[$0]!.eligible }, counts: sizes, seed: seed)
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
