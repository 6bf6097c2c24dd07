import Foundation
import Testing

/// The report suites' database, whose figures can be worked out by hand: team Alpha has 10
/// cases and team Beta 4, two drawn from each (an Alpha audit stands for 5 cases, a Beta
/// audit for 2), all four audited with the mini template, the first Alpha audit inadequate.
enum TwoTeamWorkspace {
    static let lead = "Lena Lead"

    static func prepare(_ work: Workspace) throws {
        var rows = ["case_id,team,locality,service"]
        rows += (1...10).map { "A\($0),Alpha,Northmoor,front-door" }
        rows += (1...4).map { "B\($0),Beta,Northmoor,front-door" }
        work.write("cases.csv", rows.joined(separator: "\n") + "\n")
        work.write("mini.yaml", AuditWorkspace.template)
        for command in [
            ["init"],
            ["import", "cases", "cases.csv", "--as-of", "2026-11-01"],
            ["draw", "--month", "2026-11", "--per-stratum", "2", "--by", "team", "--seed", "report"],
            ["template", "register", "mini.yaml"],
        ] {
            let result = try run(work, command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let sample = try run(work, ["sample", "2026-11", "--format", "json"])
        let drawn = (try? JSONSerialization.jsonObject(with: Data(sample.stdout.utf8))) as? [[String: Any]] ?? []
        let ids = drawn.compactMap { $0["case_id"] as? String }.sorted()
        try #require(ids.count == 4)
        for (n, id) in ids.enumerated() {
            let grade = n == 0 ? "i" : "g"  // the first Alpha case is inadequate
            work.write("\(id).yaml", "answers:\n  risk: \(grade)\n  seen: yes\n  plan-quality: \(grade)\noverall: \(grade)\n")
            let audit = try run(work, ["audit", id, "--template", "mini", "--answers", "\(id).yaml"])
            try #require(audit.status == 0, "\(id): \(audit.stderr)")
        }
    }

    /// `assay --db qa.db --as "Lena Lead" ARGS`, without the shipped templates.
    @discardableResult
    static func run(_ work: Workspace, _ arguments: [String]) throws -> AssayBinary.Result {
        var assay = work.assay
        assay.environment["ASSAY_TEMPLATES"] = work.file("no-shipped-templates")
        return try assay.run(["--db", "qa.db", "--as", lead] + arguments)
    }
}
