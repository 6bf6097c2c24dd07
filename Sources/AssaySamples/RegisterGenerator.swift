import AssayCore

/// Generates a synthetic case register: the open cases of an invented children's service on
/// an as-of date, as a case-management system would export them.
///
/// Why: Assay's import, sampling and reports need realistic registers to be developed,
/// demonstrated and benchmarked against, and real registers hold personal data that must never
/// leave the authority. Everything here is invented, and the same seed, size and date always
/// give the same bytes (see `SplitMix64`), so samples can be committed and checked by tests.
///
/// Rows are produced one at a time (`forEachCase`, `writeCSV`), so a million-row register
/// for a benchmark never sits in memory; `cases()` and `csv()` collect them for small ones.
public struct RegisterGenerator: Sendable {
    public static let defaultSeed: UInt64 = 20_261_101
    public static let defaultAsOf = CalendarDate(year: 2026, month: 11, day: 1)!

    public let seed: UInt64
    public let caseCount: Int
    public let asOf: CalendarDate
    public let shape: CountyShape
    /// Every stratum with its case count, in the order the shape lays them out.
    public let strata: [Stratum]

    /// A register of the invented county (`CountyShape.county`), or, given `strata`, of a
    /// region-sized frame with exactly that many team × locality strata
    /// (`CountyShape.scaled(strata:seed:)`).
    ///
    /// Throws when `caseCount` is below one or below the number of strata: every stratum
    /// holds at least one case.
    public init(seed: UInt64 = defaultSeed, caseCount: Int = CountyShape.countyCaseCount,
                asOf: CalendarDate = defaultAsOf, strata: Int? = nil) throws {
        if let strata, strata < 1 {
            throw SamplesError.tooFewStrata(strata)
        }
        let shape = strata.map { CountyShape.scaled(strata: $0, seed: seed) } ?? .county
        guard caseCount >= max(1, shape.strataCount) else {
            throw SamplesError.tooFewCases(caseCount, strata: shape.strataCount)
        }
        self.seed = seed
        self.caseCount = caseCount
        self.asOf = asOf
        self.shape = shape
        self.strata = StratumPlan.allocate(caseCount, among: shape.plans)
    }

    /// Calls `body` with each case in file order. Every call produces the same cases.
    public func forEachCase(_ body: (OpenCase) throws -> Void) rethrows {
        var random = SplitMix64.stream(seed, 2)
        var ids = CaseIDs(caseCount: caseCount, random: SplitMix64.stream(seed, 3))
        let workers = workerPools()
        var remaining = RemainingCases(strata.map(\.caseCount))
        while remaining.total > 0 {
            let index = remaining.take(using: &random)
            try body(makeCase(in: strata[index], id: ids.next(), workers: workers[strata[index].team]!,
                              using: &random))
        }
    }

    /// All the cases, in file order. For small registers; large ones should stream.
    public func cases() -> [OpenCase] {
        var all: [OpenCase] = []
        all.reserveCapacity(caseCount)
        forEachCase { all.append($0) }
        return all
    }

    private func makeCase(in stratum: Stratum, id: String, workers: [String],
                          using random: inout SplitMix64) -> OpenCase {
        let service = random.pick(stratum.kind.serviceMix)
        let opened = service.openedDate(before: asOf, using: &random)
        let worker = random.chance(perMille: stratum.kind.unallocatedPerMille)
            ? "" : workers[random.below(workers.count)]
        return OpenCase(
            caseID: id, team: stratum.team, locality: stratum.locality, service: service,
            serviceAsWritten: RegisterSpelling.service(service, using: &random),
            worker: worker, opened: opened,
            openedAsWritten: RegisterSpelling.date(opened, using: &random),
            primaryNeed: random.pick(service.primaryNeedMix),
            legalStatus: random.pick(service.legalStatusMix))
    }

    /// Each team's workers, sized to its cases and the caseload its kind carries, with the
    /// shape's named workers (names the CSV must quote) first in their teams.
    private func workerPools() -> [String: [String]] {
        var casesByTeam: [String: Int] = [:]
        for stratum in strata { casesByTeam[stratum.team, default: 0] += stratum.caseCount }
        let sizes = shape.teams.map { team in
            max(1, (casesByTeam[team.name, default: 0] + team.kind.caseload - 1) / team.kind.caseload)
        }
        var names = WorkerNames(expectedCount: sizes.reduce(0, +), random: SplitMix64.stream(seed, 4))
        var pools: [String: [String]] = [:]  // looked up by team; never iterated into output
        for (team, size) in zip(shape.teams, sizes) {
            let named = shape.namedWorkers.filter { $0.team == team.name }.map(\.worker)
            pools[team.name] = named + (named.count..<max(size, named.count)).map { _ in names.next() }
        }
        return pools
    }
}
