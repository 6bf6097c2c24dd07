import AssayAudits
import AssayCore
import AssayStore
import AssayTemplates

/// The values a person types that live in the database — case and audit ids, months,
/// teams, localities, people, templates, sections — for Tab completion and for "did you
/// mean". The store reads them (`Store+NamesInUse.swift` in AssayAudits; the shell holds no
/// SQL); this merges and de-duplicates. Only reads, on a store that is already open, so
/// looking something up can never create or change a database.
struct Vocabulary {
    let store: Store

    /// Case ids, the user's own first: their open assigned cases (soonest due first) and
    /// their audits in progress, then every case drawn in `month`, then every other case in
    /// a register or an audit.
    func caseIDs(for user: String, month: Month) throws -> [String] {
        Self.unique(try store.caseIDsInUse(preferring: user, month: month))
    }

    /// Audit ids, the user's own first (in progress, then submitted), then everyone's, newest first.
    func auditIDs(for user: String) throws -> [String] {
        Self.unique(try store.auditIDsInUse(preferring: user).map(String.init))
    }

    /// Months that hold something: draws, audits, past audits, registers' as-of months.
    func months() throws -> [String] { try store.monthsInUse() }

    /// Teams in registers, on people, and in audits (current and past).
    func teams() throws -> [String] { try store.teamsInUse() }

    func localities() throws -> [String] { try store.localitiesInUse() }

    /// The database's people: whom work can be given to.
    func people() throws -> [String] {
        try store.people().map(\.name)
    }

    /// Everyone named as an auditor anywhere (people, assignments, audits, past audits): what
    /// a filter such as `audits --auditor` may match.
    func auditorNames() throws -> [String] { try store.auditorNamesInUse() }

    func templateIDs() throws -> [String] {
        Self.unique(try store.registeredTemplates().map(\.templateID))
    }

    /// Section (domain) ids of every registered template's latest version.
    func sectionIDs() throws -> [String] {
        Self.unique(try templateIDs().flatMap { try store.template(id: $0).sections.map(\.id) }).sorted()
    }

    /// Question ids of every registered template's latest version.
    func questionIDs() throws -> [String] {
        Self.unique(try templateIDs().flatMap { try store.template(id: $0).questions.map(\.id) }).sorted()
    }

    /// Fields a draw can be stratified by: the register's own, and any column kept at import.
    func drawFields() throws -> [String] {
        let kept = try store.keptAttributeNames()
        return Self.unique(["team", "locality", "service", "worker"] + kept.sorted())
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
