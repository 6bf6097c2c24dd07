import AssayCore
import GRDB

/// Someone who uses Assay, with the role that says what they may do.
public struct Person: Sendable, Equatable {
    public let name: String
    public let role: Role
    public let team: String?
    public let addedAt: String
    public let addedBy: String
    /// The operating-system login bound to this person, if any (docs/deployment.md).
    public let login: String?

    init(row: Row) {
        name = row["name"]
        role = Role(rawValue: row["role"]) ?? .auditor
        team = row["team"]
        addedAt = row["added_at"]
        addedBy = row["added_by"]
        login = row.hasColumn("login") ? row["login"] : nil
    }
}
