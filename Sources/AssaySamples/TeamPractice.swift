/// How good a team's practice is underneath, on the grade scale (1 outstanding … 4
/// inadequate): the centre its cases' quality scatters around in generated audits.
///
/// Why teams differ on purpose: the reports exist to show that practice differs "between
/// teams" and to trigger analysis when it does, so the demo's audits need some teams clearly
/// weaker than others. In the invented county the East is stretched (high caseloads in
/// Children and Families East, Assessment East behind it), the early help hub is strong, and
/// most teams sit between good and requires improvement.
public enum TeamPractice {
    /// The invented county's teams (`CountyShape.county`), by name.
    static let county: [String: Double] = [
        "Front Door (MASH)": 2.05,
        "Assessment North": 2.0,
        "Assessment East": 2.45,
        "Assessment South and West": 2.15,
        "Children and Families North": 2.05,
        "Children and Families East": 2.75,
        "Children and Families South and West": 2.2,
        "Child Protection North": 2.1,
        "Child Protection South": 2.3,
        "Children in Care North": 2.0,
        "Children in Care, Permanence": 2.15,
        "Care Leavers (18+)": 2.25,
        "Disabled Children's Team": 2.2,
        "Early Help Hub": 1.8,
        "Early Help Outreach": 2.0,
    ]

    /// The team's underlying quality: the county's figure, or for any other team (a scaled
    /// register's "Team 017") a fixed value between 1.8 and 2.7 drawn from its name, so it is
    /// the same whatever the seed or the month.
    public static func quality(ofTeam team: String) -> Double {
        if let known = county[team] { return known }
        var random = SplitMix64(seed: StableHash.of(team))
        return 1.8 + 0.9 * random.fraction()
    }
}
