import AssayCore
import AssayStore
import GRDB

extension Store {
    /// Every team reports know: those of audits (any status), of imported past audits, and
    /// of the latest register. Sorted by name, one spelling each (case is ignored). Found by
    /// skipping through the indexes by team (`DistinctValues`), not by reading every audit:
    /// `report team` resolves its team here before anything else.
    public func reportTeams() throws -> [String] {
        let names = try read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE \(DistinctValues.skipping("teams_audited", column: "team", in: "audit")),
                \(DistinctValues.skipping("teams_imported", column: "team", in: "imported_audit")),
                \(DistinctValues.skipping("teams_registered", column: "team", in: "frame_case", within: "frame_id", of: "SELECT max(id) AS id FROM frame"))
                SELECT value FROM teams_audited WHERE value IS NOT NULL
                UNION SELECT value FROM teams_imported WHERE value IS NOT NULL
                UNION SELECT value FROM teams_registered WHERE value IS NOT NULL
                """)
        }
        var seen: [String: String] = [:]
        for name in names.sorted() where seen[name.lowercased()] == nil { seen[name.lowercased()] = name }
        return seen.values.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// `text` as Assay spells the team (case is ignored); refuses an unknown team, listing
    /// the known ones.
    public func resolveTeam(_ text: String) throws -> String {
        let teams = try reportTeams()
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let team = teams.first(where: { $0.lowercased() == wanted }) { return team }
        throw ReportError.noTeam(text, known: teams)
    }
}
