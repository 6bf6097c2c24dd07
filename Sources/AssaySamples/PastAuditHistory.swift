import AssayCore
import AssayTemplates

/// One made-up audit from before Assay: a row of the history file `import audits` reads.
public struct PastAuditRecord: Sendable, Equatable {
    public let month: Month
    public let caseID: String
    public let team: String
    public let locality: String
    public let service: Service
    /// The service as the file spells it (display name, code or constant; all fold to `service`).
    public let serviceAsWritten: String
    public let overall: Grade
    /// Empty when the old record did not say who audited the case.
    public let auditor: String
    /// Section id → grade for the domains of the template for the case's service; a domain
    /// the old audit did not grade is missing.
    public let domainGrades: [String: Grade]
}

/// Makes up three years of audits made before Assay (2023-11 … 2026-10) in the invented
/// county of the sample register, for `import audits`, so that reports have a history whose
/// trends are known in advance and can be checked:
///
/// - **The authority improves.** The expected inadequate rate is 0.26 in the first month
///   and falls along a smooth S-curve towards 0.05: about 0.24 over the first year, about
///   0.06 over the last.
/// - **One team stays stubbornly high**: `stubbornTeam` (Assessment East) has an inadequate
///   rate of 0.28 in every month.
/// - **One locality worsens**: cases in `worseningLocality` (Wrenfield) hold at 0.04
///   inadequate through the first year, then rise in a straight line to 0.40 in the last
///   month, while everything else improves: from the county's best locality to its worst,
///   so that a trend test on its roughly 70 audits a year finds the rise beyond doubt
///   (Cochran–Armitage p well under 0.001).
///
/// Every other case's rate is what makes the authority's expected rate follow the curve,
/// given each group's share of the audits, but never below 0.005: from 2026-05 on,
/// Assessment East and Wrenfield alone would take the authority above the curve, so its
/// expected rate bottoms out at about 0.054 and ends at about 0.062 (still falling over
/// the three years by any test). Each month has 50 to 60 audits, drawn over the
/// register's team × locality strata in proportion to their sizes. In each of the three
/// groups the month's number of inadequate audits is its expected number rounded up or
/// down at random, so a year's rates stay close to those built in. Each audit's service is
/// drawn from its team's mix, and its domain grades are the sections of the template for
/// that service (`AuditTemplates`), each the overall grade plus a normal scatter (sd 0.55),
/// rounded and kept within 1–4; an inadequate audit has at least one inadequate domain,
/// and one domain in 25 was not graded (left empty). Among audits that are not
/// inadequate, outstanding and good grow more common over the years.
///
/// Deterministic: the same seed and templates give the same bytes (`SplitMix64`); each
/// month draws from its own stream.
public struct PastAuditHistoryGenerator: Sendable {
    public static let defaultSeed: UInt64 = 20_231_101
    public static let firstMonth = Month(year: 2023, month: 11)!
    public static let monthCount = 36
    public static var lastMonth: Month { firstMonth.adding(months: monthCount - 1) }
    /// The team whose inadequate rate stays high throughout.
    public static let stubbornTeam = "Assessment East"
    public static let stubbornRate = 0.28
    /// The locality whose inadequate rate rises while the rest improve.
    public static let worseningLocality = "Wrenfield"
    /// Its expected rate until `worseningStart`, and in the last month.
    public static let worseningRates = (first: 0.04, last: 0.40)
    /// The month index (12: 2024-11) from which `worseningLocality` worsens.
    public static let worseningStart = 12

    public let templates: [AuditTemplate]
    public let seed: UInt64

    public init(templates: [AuditTemplate], seed: UInt64 = defaultSeed) {
        self.templates = templates.sorted { $0.id < $1.id }
        self.seed = seed
    }

    /// The authority's expected inadequate rate in month `index` (0 … 35): 0.26 falling
    /// along a smoothstep to 0.05 at nine tenths of the way, then level.
    public static func authorityRate(monthIndex index: Int) -> Double {
        let u = min(1, Double(index) / Double(monthCount - 1) / 0.9)
        return 0.05 + 0.21 * (1 - (3 * u * u - 2 * u * u * u))
    }

    /// The expected inadequate rate of `worseningLocality` in month `index`: level at
    /// `worseningRates.first` up to `worseningStart`, then a straight line to
    /// `worseningRates.last` in the last month.
    public static func worseningRate(monthIndex index: Int) -> Double {
        let t = Double(max(0, index - worseningStart)) / Double(monthCount - 1 - worseningStart)
        return worseningRates.first + (worseningRates.last - worseningRates.first) * t
    }

    /// The template for `service`: the first, by id, whose `applies_to` holds it.
    public func template(for service: Service) -> AuditTemplate? {
        templates.first { $0.appliesTo.contains(service) }
    }

    /// The domain columns: every section id of the templates, first appearance first
    /// (templates by id, sections in template order).
    public var sectionIDs: [String] {
        var ids: [String] = []
        for template in templates {
            for section in template.sections where !ids.contains(section.id) { ids.append(section.id) }
        }
        return ids
    }

    /// Every audit, month by month.
    public func audits() -> [PastAuditRecord] {
        let plans = CountyShape.county.plans
        let total = Double(plans.reduce(0) { $0 + $1.weight })
        func share(_ group: Group) -> Double {
            Double(plans.filter { Group(of: $0) == group }.reduce(0) { $0 + $1.weight }) / total
        }
        let stubbornShare = share(.stubbornTeam), worseningShare = share(.worseningLocality)
        var names = WorkerNames(expectedCount: 6, random: SplitMix64.stream(seed, 11))
        let auditors = (0..<6).map { _ in names.next() }

        var all: [PastAuditRecord] = []
        for index in 0..<Self.monthCount {
            let month = Self.firstMonth.adding(months: index)
            let t = Double(index) / Double(Self.monthCount - 1)
            let worsening = Self.worseningRate(monthIndex: index)
            let others = max(0.005, (Self.authorityRate(monthIndex: index) - stubbornShare * Self.stubbornRate - worseningShare * worsening)
                / (1 - stubbornShare - worseningShare))
            let rates: [Group: Double] = [.stubbornTeam: Self.stubbornRate, .worseningLocality: worsening, .others: others]
            var random = SplitMix64.stream(seed, 100 + UInt64(index))

            // The month's cases, over the strata in proportion to their sizes.
            let count = 50 + random.below(11)
            var ids = Set<Int>()  // membership only; never iterated into output
            var cases: [(plan: StratumPlan, number: Int, service: Service)] = []
            for _ in 0..<count {
                let plan = random.pick(plans.map { ($0, $0.weight) })
                var number = 0
                repeat { number = 100_000 + random.below(900_000) } while !ids.insert(number).inserted
                cases.append((plan, number, random.pick(plan.kind.serviceMix)))
            }
            // Which are inadequate: in each group, its expected number rounded up or down at
            // random (so each month is right on average and a year's rate stays close to what
            // is built in), chosen at random among the group's cases.
            var inadequate = Array(repeating: false, count: count)
            for group in Group.allCases {
                var pool = cases.indices.filter { Group(of: cases[$0].plan) == group }
                let expected = Double(pool.count) * rates[group]!
                var k = Int(expected.rounded(.down))
                if random.fraction() < expected - Double(k) { k += 1 }
                for i in 0..<min(k, pool.count) {
                    pool.swapAt(i, i + random.below(pool.count - i))
                    inadequate[pool[i]] = true
                }
            }
            for (position, drawn) in cases.enumerated() {
                let overall: Grade
                if inadequate[position] {
                    overall = .inadequate
                } else {
                    let u = random.fraction()
                    overall = u < 0.06 + 0.06 * t ? .outstanding : u < 0.56 + 0.18 * t ? .good : .requiresImprovement
                }
                let spelled = RegisterSpelling.service(drawn.service, using: &random)
                let auditor = random.chance(perMille: 20) ? "" : auditors[random.below(auditors.count)]
                all.append(PastAuditRecord(
                    month: month, caseID: "CS" + String(drawn.number), team: drawn.plan.team, locality: drawn.plan.locality,
                    service: drawn.service, serviceAsWritten: spelled, overall: overall, auditor: auditor,
                    domainGrades: domainGrades(service: drawn.service, overall: overall, using: &random)))
            }
        }
        return all
    }

    /// The three groups whose inadequate rates are built in separately.
    private enum Group: CaseIterable {
        case stubbornTeam, worseningLocality, others

        init(of plan: StratumPlan) {
            self = plan.team == PastAuditHistoryGenerator.stubbornTeam ? .stubbornTeam
                : plan.locality == PastAuditHistoryGenerator.worseningLocality ? .worseningLocality : .others
        }
    }

    /// The domain grades of one audit, around its overall grade (see the type's notes).
    private func domainGrades(service: Service, overall: Grade, using random: inout SplitMix64) -> [String: Grade] {
        guard let template = template(for: service) else { return [:] }
        var grades: [String: Grade] = [:]
        var worst: (id: String, raw: Double)?
        for section in template.sections {
            let raw = Double(overall.rawValue) + 0.55 * random.normal()
            if random.chance(perMille: 40) { continue }  // not graded in the old audit
            grades[section.id] = Grade(rawValue: min(4, max(1, Int((raw + 0.5).rounded(.down)))))!
            if worst == nil || raw > worst!.raw { worst = (section.id, raw) }
        }
        if overall == .inadequate, !grades.values.contains(.inadequate), let worst {
            grades[worst.id] = .inadequate
        }
        return grades
    }
}
