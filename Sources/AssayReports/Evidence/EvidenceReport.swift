import AssayCore

/// `report evidence`: the evidence behind requires-improvement and inadequate grades, by
/// team and then by domain, for scrutiny to read why cases fail (docs/reports.md).
///
/// Teams by name; within a team, domains in template order; within a domain, inadequate
/// before requires improvement, then by month, audit and the question's place in the
/// template.
public struct EvidenceReport: Sendable {
    public struct Domain: Sendable {
        public let id: String
        public let title: String
        public let items: [GradeEvidence]
    }

    public struct Team: Sendable {
        public let team: String
        public let domains: [Domain]
        public var count: Int { domains.reduce(0) { $0 + $1.items.count } }
    }

    public let period: ReportPeriod
    /// The one domain asked for (`--domain`), by section id; nil for all.
    public let domain: String?
    public let teams: [Team]

    /// Every item in report order.
    public var items: [GradeEvidence] { teams.flatMap { $0.domains.flatMap(\.items) } }

    public init(evidence: [GradeEvidence], period: ReportPeriod, domain: String? = nil) {
        self.period = period
        self.domain = domain
        let kept = evidence.filter { item in
            period.from <= item.month && item.month <= period.to && domain.map { $0.lowercased() == item.domain.lowercased() } ?? true
        }
        var byTeam: [String: [GradeEvidence]] = [:]
        var teamNames: [String: String] = [:]
        for item in kept {
            let key = item.team.lowercased()
            byTeam[key, default: []].append(item)
            teamNames[key] = teamNames[key] ?? item.team
        }
        teams = byTeam.keys.sorted().map { key in
            let items = byTeam[key]!
            var byDomain: [String: [GradeEvidence]] = [:]
            for item in items { byDomain[item.domain, default: []].append(item) }
            let domains = byDomain.map { id, items -> Domain in
                Domain(id: id, title: items[0].domainTitle, items: items.sorted { a, b in
                    if a.grade != b.grade { return a.grade > b.grade }
                    if a.month != b.month { return a.month < b.month }
                    if a.auditID != b.auditID { return a.auditID < b.auditID }
                    return a.questionPosition < b.questionPosition
                })
            }.sorted { a, b in
                let x = a.items.map(\.sectionPosition).min()!, y = b.items.map(\.sectionPosition).min()!
                return x != y ? x < y : a.id < b.id
            }
            return Team(team: teamNames[key]!, domains: domains)
        }
    }

    public var footnotes: [String] {
        [
            "Answers to grade questions graded 3 (requires improvement) or 4 (inadequate) that have evidence, "
                + "from submitted audits of randomly drawn cases; ad-hoc audits and audits in progress are left out.",
            "Evidence is as the auditor wrote it; it may name people. Share it as you would the case file.",
        ]
    }
}
