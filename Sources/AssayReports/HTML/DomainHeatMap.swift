import AssayCore

/// The domain heat map of `report html`, read off `report domains` (`DomainsReport` by
/// team): for each team and each domain (template section), the share of the team's audits
/// grading that domain that graded it requires improvement or inadequate (3 or 4), and the
/// same for the authority.
///
/// Raw counts over the report's window: an audit counts for a domain only when it graded
/// it (templates differ by service, so most teams meet only some domains). Domains are
/// named by their section id, which the templates share (`voice`, `oversight`).
public struct DomainHeatMap: Sendable {
    /// One cell: of `graded` audits that graded the domain, `belowGood` graded it 3 or 4.
    public struct Cell: Sendable, Equatable {
        public let graded: Int
        public let belowGood: Int

        /// belowGood / graded; nil when no audit graded the domain.
        public var share: Double? { graded == 0 ? nil : Double(belowGood) / Double(graded) }

        public static let empty = Cell(graded: 0, belowGood: 0)
    }

    /// Domains in the authority's order, weakest first (`DomainsReport`).
    public let domains: [String]
    /// Teams with audits grading some domain, by name.
    public let teams: [String]
    /// team → domain → cell (missing: no audit of the team graded the domain).
    public let cells: [String: [String: Cell]]
    /// domain → the authority's cell.
    public let authority: [String: Cell]
    /// The report it was read from (its weakest domains and footnotes).
    public let report: DomainsReport

    /// The heat map of a `DomainsReport` grouped by team.
    public init(_ report: DomainsReport) {
        self.report = report
        var domains: [String] = []
        var teams: [String] = []
        var cells: [String: [String: Cell]] = [:]
        var authority: [String: Cell] = [:]
        for row in report.rows {
            let cell = Cell(graded: row.audited, belowGood: row.requiresImprovement + row.inadequate)
            if row.group.isAuthority {
                domains.append(row.domain)
                authority[row.domain] = cell
            } else {
                if cells[row.group.description] == nil { teams.append(row.group.description) }
                cells[row.group.description, default: [:]][row.domain] = cell
            }
        }
        self.domains = domains
        self.teams = teams
        self.cells = cells
        self.authority = authority
    }

    /// The cell of `team` and `domain` (empty when the team never graded it).
    public func cell(team: String, domain: String) -> Cell { cells[team]?[domain] ?? .empty }
}
