/// Ofsted's four-point scale, numbered as Ofsted numbers it: a *lower* number is *better*.
///
/// Grades appear as these numbers everywhere a number is stored or printed (SQLite, CSV,
/// JSON), so that an analyst reading the database sees the same 1–4 an inspector uses.
public enum Grade: Int, CaseIterable, Sendable, Comparable, Codable {
    case outstanding = 1
    case good = 2
    case requiresImprovement = 3
    case inadequate = 4

    /// The words a report prints.
    public var name: String {
        switch self {
        case .outstanding: "outstanding"
        case .good: "good"
        case .requiresImprovement: "requires improvement"
        case .inadequate: "inadequate"
        }
    }

    /// The one-letter key an auditor types.
    public var key: Character {
        switch self {
        case .outstanding: "o"
        case .good: "g"
        case .requiresImprovement: "r"
        case .inadequate: "i"
        }
    }

    /// Reads a grade typed as a key (`i`), a name (`inadequate`, `Requires Improvement`)
    /// or a number (`4`). Returns nil for anything else.
    public init?(typed text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        if let number = Int(folded), let grade = Grade(rawValue: number) {
            self = grade
            return
        }
        guard let grade = Grade.allCases.first(where: {
            folded == String($0.key) || folded == $0.name
        }) else { return nil }
        self = grade
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
}

import Foundation
