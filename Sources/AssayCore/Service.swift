/// The fixed list of service codes a case can belong to (see docs/register.md).
///
/// A register exported from a case-management system spells services in many ways
/// ("Child in Need", "CHILD_IN_NEED", "child-in-need"); all fold to one code. Local names
/// that do not fold ("Youth Justice Team") are mapped by the importer's `--map-service`.
public enum Service: String, CaseIterable, Sendable, Codable {
    case frontDoor = "front-door"
    case assessment = "assessment"
    case childInNeed = "child-in-need"
    case childProtection = "child-protection"
    case childInCare = "child-in-care"
    case careLeaver = "care-leaver"
    case disabledChildren = "disabled-children"
    case earlyHelp = "early-help"

    /// The code, as stored and as typed in scripts.
    public var code: String { rawValue }

    /// The name a report prints.
    public var displayName: String {
        switch self {
        case .frontDoor: "Front door"
        case .assessment: "Assessment"
        case .childInNeed: "Child in need"
        case .childProtection: "Child protection"
        case .childInCare: "Child in care"
        case .careLeaver: "Care leaver"
        case .disabledChildren: "Disabled children"
        case .earlyHelp: "Early help"
        }
    }

    /// Matches a code or display name, ignoring case, spaces, hyphens and underscores.
    public init?(matching text: String) {
        guard let service = Service.byFoldedName[Service.fold(text)] else { return nil }
        self = service
    }

    private static let byFoldedName: [String: Service] = {
        var map: [String: Service] = [:]
        for service in allCases {
            map[fold(service.code)] = service
            map[fold(service.displayName)] = service
        }
        return map
    }()

    /// The comparison key: lower case with spaces, hyphens and underscores removed.
    public static func fold(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !" \t-_".unicodeScalars.contains($0) })
    }
}
