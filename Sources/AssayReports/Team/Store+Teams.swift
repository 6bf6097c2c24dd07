import AssayCore
import AssayStore
import GRDB

extension Store {
    /// Every team reports know: those of audits (any status), of imported past audits, and
    /// of the latest register. Sorted by name, one spelling each (case is ignored).
    public func reportTeams() throws -> [String] {
        let names = try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT team FROM audit
                UNION SELECT DISTINCT team FROM imported_audit
                UNION SELECT DISTINCT team FROM frame_case WHERE frame_id = (SELECT max(id) FROM frame)
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
