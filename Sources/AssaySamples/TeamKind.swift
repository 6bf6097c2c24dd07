import AssayCore

/// What a team does, which decides the services its cases belong to, how many cases a worker
/// holds, and how often a case waits unallocated.
///
/// Modelled on the way county children's services are usually organised: a front door
/// (multi-agency safeguarding hub) takes contacts, assessment teams assess, children and
/// families teams hold children in need and some child protection plans, and so on.
public enum TeamKind: String, CaseIterable, Sendable {
    case frontDoor = "front door"
    case assessment
    case childrenAndFamilies = "children and families"
    case childProtection = "child protection"
    case childrenInCare = "children in care"
    case careLeavers = "care leavers"
    case disabledChildren = "disabled children"
    case earlyHelp = "early help"

    /// The services the team's cases belong to, with relative weights.
    var serviceMix: [(Service, Int)] {
        switch self {
        case .frontDoor: [(.frontDoor, 100)]
        case .assessment: [(.assessment, 100)]
        case .childrenAndFamilies: [(.childInNeed, 82), (.childProtection, 18)]
        case .childProtection: [(.childProtection, 88), (.childInNeed, 12)]
        case .childrenInCare: [(.childInCare, 100)]
        // Teams for care leavers often take young people in care from 16.
        case .careLeavers: [(.careLeaver, 85), (.childInCare, 15)]
        case .disabledChildren: [(.disabledChildren, 80), (.childInCare, 12), (.childProtection, 8)]
        case .earlyHelp: [(.earlyHelp, 100)]
        }
    }

    /// The services this kind of team holds.
    public var services: [Service] { serviceMix.map(\.0) }

    /// Typical cases per worker, which sizes the team's pool of workers.
    var caseload: Int {
        switch self {
        case .frontDoor: 30
        case .assessment: 20
        case .childrenAndFamilies: 18
        case .childProtection: 16
        case .childrenInCare: 15
        case .careLeavers: 22
        case .disabledChildren: 20
        case .earlyHelp: 22
        }
    }

    /// Cases in a thousand with no allocated worker: contacts at the front door often wait,
    /// elsewhere an unallocated case is rare (and is what an audit should find).
    var unallocatedPerMille: Int {
        switch self {
        case .frontDoor: 60
        case .assessment: 25
        default: 8
        }
    }

    /// The order in which a region's teams repeat in scaled registers: one county's mix.
    static let regionalPattern: [TeamKind] = [
        .frontDoor, .assessment, .assessment, .assessment,
        .childrenAndFamilies, .childrenAndFamilies, .childrenAndFamilies,
        .childProtection, .childProtection, .childrenInCare, .childrenInCare,
        .careLeavers, .disabledChildren, .earlyHelp, .earlyHelp,
    ]
}
