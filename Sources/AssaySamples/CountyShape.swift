/// The teams and localities a generated register is spread over.
///
/// The default is one invented county shaped like a real children's service (see
/// `CountyShape.county`); `CountyShape.scaled(strata:seed:)` builds a region-sized frame of
/// numbered teams for benchmarks.
public struct CountyShape: Sendable {
    /// Locality names, in the order they were laid out.
    public let localities: [String]
    /// Team names with what each does, in the order they were laid out.
    public let teams: [(name: String, kind: TeamKind)]
    let plans: [StratumPlan]
    /// Workers placed in a team by name (first in its pool), for values the CSV must quote.
    var namedWorkers: [(team: String, worker: String)] = []

    /// The number of team × locality strata.
    public var strataCount: Int { plans.count }
}

extension CountyShape {
    /// An invented county: six localities, fifteen teams, 43 strata. The weights are the
    /// case counts of the bundled 4,000-case sample; other sizes are shared in proportion.
    ///
    /// Some teams serve the whole county (front door, disabled children), most serve one to
    /// three localities, and three strata hold one to three cases: children whose case sits
    /// with a team outside their home locality.
    public static let county: CountyShape = {
        let north = "Northmoor", east = "Eastbridge", ashcombe = "Ashcombe Vale"
        let wren = "Wrenfield", harrow = "Harrowdene", sallow = "Sallow Marsh"
        let layout: [(String, TeamKind, [(String, Int)])] = [
            ("Front Door (MASH)", .frontDoor,
             [(north, 62), (east, 55), (ashcombe, 41), (wren, 30), (harrow, 24), (sallow, 18)]),
            ("Assessment North", .assessment, [(north, 190), (wren, 95)]),
            ("Assessment East", .assessment, [(east, 170), (sallow, 62)]),
            ("Assessment South and West", .assessment, [(ashcombe, 140), (harrow, 88)]),
            ("Children and Families North", .childrenAndFamilies, [(north, 260), (wren, 140)]),
            ("Children and Families East", .childrenAndFamilies, [(east, 375)]),
            ("Children and Families South and West", .childrenAndFamilies,
             [(ashcombe, 190), (harrow, 120), (sallow, 55)]),
            ("Child Protection North", .childProtection, [(north, 150), (wren, 90), (east, 2)]),
            ("Child Protection South", .childProtection, [(ashcombe, 120), (harrow, 80), (sallow, 70)]),
            ("Children in Care North", .childrenInCare, [(north, 200), (east, 170), (wren, 3)]),
            // A comma in a team name: the CSV must quote it.
            ("Children in Care, Permanence", .childrenInCare, [(ashcombe, 150), (harrow, 110), (sallow, 45)]),
            ("Care Leavers (18+)", .careLeavers, [(north, 120), (east, 95), (ashcombe, 80)]),
            ("Disabled Children's Team", .disabledChildren,
             [(north, 55), (east, 45), (ashcombe, 38), (wren, 22), (harrow, 14), (sallow, 1)]),
            ("Early Help Hub", .earlyHelp, [(north, 85), (east, 70), (wren, 40)]),
            ("Early Help Outreach", .earlyHelp, [(sallow, 30)]),
        ]
        return CountyShape(
            localities: [north, east, ashcombe, wren, harrow, sallow],
            teams: layout.map { ($0.0, $0.1) },
            plans: layout.flatMap { team, kind, cells in
                cells.map { StratumPlan(team: team, locality: $0.0, kind: kind, weight: $0.1) }
            },
            namedWorkers: [
                ("Children and Families East", WorkerNames.quotedNickname),
                ("Front Door (MASH)", WorkerNames.surnameFirst),
            ])
    }()

    /// The default county's size: the bundled sample's case count.
    public static let countyCaseCount = 4_000

    /// A region-sized frame of exactly `strata` team × locality strata, for benchmarks:
    /// numbered teams ("Team 017") of the county's kinds in the county's proportions, each
    /// serving one to three neighbouring numbered localities ("Locality 07"), about 25 strata
    /// per locality. Stratum sizes are skewed (many small, a few large) and about one in two
    /// hundred is tiny; the same seed gives the same shape.
    public static func scaled(strata: Int, seed: UInt64) -> CountyShape {
        precondition(strata > 0, "a register needs at least one stratum")
        var random = SplitMix64.stream(seed, 1)
        let localityCount = max(6, strata / 25)
        let localityWidth = max(2, String(localityCount).count)
        let localities = (1...localityCount).map { "Locality " + zeroPadded($0, localityWidth) }

        var cells: [(team: Int, locality: Int)] = []
        var teamCount = 0
        while cells.count < strata {
            let served = min(1 + random.below(3), strata - cells.count)
            let first = random.below(localityCount)
            for offset in 0..<served {
                cells.append((teamCount, (first + offset) % localityCount))
            }
            teamCount += 1
        }
        let teamWidth = max(3, String(teamCount).count)
        let teams = (0..<teamCount).map {
            ("Team " + zeroPadded($0 + 1, teamWidth), TeamKind.regionalPattern[$0 % TeamKind.regionalPattern.count])
        }
        let plans = cells.map { cell -> StratumPlan in
            // Cubing a fraction skews sizes: most strata small, a few large. Weight 0 ends up
            // as a single case after allocation.
            let u = random.fraction()
            let weight = random.chance(perMille: 5) ? 0 : 10 + Int(990 * u * u * u)
            return StratumPlan(team: teams[cell.team].0, locality: localities[cell.locality],
                               kind: teams[cell.team].1, weight: weight)
        }
        return CountyShape(localities: localities, teams: teams, plans: plans)
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
