import Foundation
import Testing

/// The database `report html`'s end-to-end tests read: four teams (one named "Gamma &
/// Delta") in two localities, six months of imported history with domain grades, and the
/// November draw audited. Beta is worse than the rest every month, so the page must name it
/// as having more inadequate audits than expected.
struct ReportHTMLWorkspace {
    let work = Workspace()
    static let lead = "Lena Lead"
    static let teams = ["Alpha", "Beta", "Gamma & Delta", "Epsilon North"]

    init() throws {
        // The November register: six cases a team, ids that are easy to look for.
        var rows = ["case_id,team,locality,service"]
        for (t, team) in Self.teams.enumerated() {
            rows += (1...6).map { "CASE-\(t)\($0),\(team),\(t < 2 ? "Northmoor" : "Southdale"),front-door" }
        }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        // Six months of history, four audits a team a month, Beta worse than the rest.
        var past = ["month,case_id,team,locality,service,overall,auditor,domain_safety,domain_plan"]
        var n = 0
        for month in 5...10 {
            for (t, team) in Self.teams.enumerated() {
                for k in 0..<4 {
                    n += 1
                    let overall = t == 1 ? (k < 2 ? 4 : 3) : (k == 0 && month % 2 == 0 ? 4 : 2)
                    let locality = t < 2 ? "Northmoor" : "Southdale"
                    past.append("2026-\(String(format: "%02d", month)),PAST-\(n),\(team),\(locality),front-door,\(overall),Ann,\(overall),\(min(4, overall + k % 2))")
                }
            }
        }
        work.write("past.csv", past.joined(separator: "\n") + "\n")
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["template", "register", "mini.yaml"],
            ["import", "audits", "past.csv"],
            ["draw", "--month", "2026-11", "--per-stratum", "3", "--by", "team", "--seed", "html"],
        ] {
            let result = try run(command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let drawn = try JSONSerialization.jsonObject(with: Data(try run(["sample", "2026-11", "--format", "json"]).stdout.utf8))
        let cases = (drawn as? [[String: Any]] ?? []).compactMap { row -> (String, String)? in
            guard let id = row["case_id"] as? String, let team = row["team"] as? String else { return nil }
            return (id, team)
        }
        try #require(cases.count == 12)
        for (i, (id, team)) in cases.enumerated() {
            let grade = team == "Beta" ? "i" : (i % 4 == 0 ? "r" : "g")
            work.write("\(id).yaml", "answers:\n  risk: \(grade)\n  seen: yes\n  plan-quality: \(grade)\noverall: \(grade)\n")
            let result = try run(["audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(result.status == 0, "\(id): \(result.stderr)")
        }
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", Self.lead] + arguments)
    }

    func file(_ name: String) -> String { work.file(name) }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
}
