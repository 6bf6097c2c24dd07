import AssayHub
import AssayReturn
import Foundation
import Testing

/// A hub an older Assay made, upgraded by this one on the real server (`PostgresCluster`):
/// migration 3 (`return_domain_month`, the domains report's month-and-section totals) must
/// total the returns a version-2 hub already holds, lose nothing, and give the domains report
/// a fresh hub gives for the same returns (docs/regional.md, "The hub").
@Suite struct HubUpgradeTests {
    let cluster: PostgresCluster
    /// Northmoor sends an exact return and, a second later, a correction that supersedes it;
    /// Southmere a suppressed one (K 3: most of its counts `[c]`, so tally rows are hidden).
    let north = Workspace(), south = Workspace()
    let files: [String]

    init() throws {
        cluster = try PostgresCluster.start()
        for (work, name) in [(north, "Northmoor"), (south, "Southmere")] {
            try TwoTeamWorkspace.prepare(work)
            try Self.ok(TwoTeamWorkspace.run(work, ["keys", "init", "--authority", name]))
            try Self.ok(TwoTeamWorkspace.run(work, ["keys", "export-public", "--out", "key.pub"]))
        }
        func export(_ work: Workspace, _ name: String, _ counts: [String]) throws -> String {
            try Self.ok(TwoTeamWorkspace.run(work, ["export", "return", "--from", "2026-11", "--to", "2026-11", "--out", name] + counts))
            return work.file(name)
        }
        let first = try export(north, "north-1.json", ["--exact-counts"])
        let suppressed = try export(south, "south.json", ["--suppress-below", "3"])
        sleep(1)  // made a second later, so it supersedes the first
        let correction = try export(north, "north-2.json", ["--exact-counts"])
        files = [first, suppressed, correction]
    }

    @discardableResult
    static func ok(_ result: AssayBinary.Result) throws -> AssayBinary.Result {
        try #require(result.status == 0, "\(result.stderr)")
        return result
    }

    func assay(_ arguments: [String], hub url: String) throws -> AssayBinary.Result {
        var assay = north.assay
        assay.environment["ASSAY_HUB_URL"] = url
        return try assay.run(arguments)
    }

    func sql(_ database: String, _ query: String, as user: String = PostgresCluster.admin) throws -> String {
        let result = try cluster.psql(cluster.url(database, user: user), query)
        try #require(result.status == 0, "\(query): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every row of the tables version 2 has, as text: what the upgrade must leave as it was.
    func version2Rows(_ database: String) throws -> [String: String] {
        var rows: [String: String] = [:]
        for table in ["hub_schema_version", "authority", "authority_return", "return_stratum", "return_domain", "authority_month", "hub_log"] {
            rows[table] = try sql(database, "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t")
        }
        return rows
    }

    /// The returns as a version-2 hub held them: made by migrations 1 and 2 alone, the
    /// authorities, a login and the returns stored by the importer. Version 2's importer
    /// stored exactly what today's does but the month-and-section totals, which it had no
    /// table for; today's last step, `SELECT hub_total_domains(return)`, is given a function
    /// that does nothing while the returns go in, dropped before the upgrade, so the hub left
    /// behind has version 2's schema and rows and no totals.
    func makeVersion2Hub(login: String) throws -> String {
        let database = try cluster.makeDatabase()
        let url = cluster.url(database)
        #expect(try HubMigrations.migrate(PostgresConnection(url: url), through: 2) == [1, 2])
        try sql(database, "CREATE FUNCTION hub_total_domains(ret bigint) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$")
        let hub = try Hub(url: url, requireSchema: false)
        _ = try hub.addAuthority(name: "Northmoor", key: PublicReturnKey.read(from: north.file("key.pub")), neighbours: "Moors")
        _ = try hub.addAuthority(name: "Southmere", key: PublicReturnKey.read(from: south.file("key.pub")), neighbours: "Meres")
        for file in files {
            _ = try hub.importReturn(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file))), source: file)
        }
        try hub.addLogin(login, authority: "Southmere")
        try sql(database, "DROP FUNCTION hub_total_domains(bigint)")
        return database
    }

    @Test func aVersion2HubWithReturnsIsUpgradedLosingNothingAndReportsDomainsAsAFreshHub() throws {
        let login = "bi_" + UUID().uuidString.lowercased().prefix(8)
        let old = try makeVersion2Hub(login: login)
        #expect(try sql(old, "SELECT string_agg(version::text, ',' ORDER BY version) FROM hub_schema_version") == "1,2")
        #expect(try sql(old, "SELECT to_regclass('return_domain_month') IS NULL") == "t")
        #expect(try sql(old, "SELECT count(*) FROM authority_return") == "3")
        #expect(try sql(old, "SELECT count(*) FROM return_domain WHERE num_nulls(grade1, grade2, grade3, grade4) > 0") != "0", "the suppressed return hides tallies")
        let before = try version2Rows(old)

        // The analyst's first command with the new Assay upgrades the hub before it reports.
        let domains = ["hub", "report", "domains", "--from", "2026-11", "--to", "2026-11", "--format", "csv"]
        let upgraded = try Self.ok(assay(domains, hub: cluster.url(old)))
        #expect(try sql(old, "SELECT max(version) FROM hub_schema_version") == "3")
        #expect(try version2Rows(old).filter { $0.key != "hub_schema_version" } == before.filter { $0.key != "hub_schema_version" })
        #expect(try sql(old, "SELECT count(*) FROM hub_schema_version WHERE version <= 2") == "2")

        // The same returns into a hub this Assay makes, in the same order.
        let fresh = try cluster.makeDatabase()
        let freshURL = cluster.url(fresh)
        try Self.ok(assay(["hub", "init"], hub: freshURL))
        try Self.ok(assay(["hub", "authority", "add", "Northmoor", "--key", north.file("key.pub"), "--neighbours", "Moors"], hub: freshURL))
        try Self.ok(assay(["hub", "authority", "add", "Southmere", "--key", south.file("key.pub"), "--neighbours", "Meres"], hub: freshURL))
        try Self.ok(assay(["hub", "import"] + files, hub: freshURL))
        let expected = try Self.ok(assay(domains, hub: freshURL))

        // Every return's totals, the superseded one's too, exactly as the fresh hub made them at import.
        let totals = "SELECT string_agg(concat_ws(',', return_id, authority_id, month, section, graded, requires_improvement, inadequate, hidden_rows), ';' ORDER BY return_id, section) FROM return_domain_month"
        #expect(try sql(old, totals) == sql(fresh, totals))
        #expect(try sql(old, "SELECT count(DISTINCT return_id) FROM return_domain_month") == "3")
        #expect(try sql(old, "SELECT sum(hidden_rows) FROM return_domain_month WHERE authority_id = 2") != "0")

        // The domains report: the same bytes, with Northmoor's correction counted and Southmere's hidden rows said.
        #expect(upgraded.stdout == expected.stdout)
        let lines = upgraded.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("safety,Northmoor,4,") })
        #expect(lines.contains { $0.hasPrefix("safety,Southmere,") && !$0.hasSuffix(",0") })
        for report in [["rates"], ["trend"], ["funnel"]] {
            let arguments = ["hub", "report"] + report + ["--format", "csv"]
            #expect(try Self.ok(assay(arguments, hub: cluster.url(old))).stdout == Self.ok(assay(arguments, hub: freshURL)).stdout, "\(report)")
        }

        // A login made before the upgrade reads its own authority's totals alone.
        #expect(try sql(old, "SELECT string_agg(DISTINCT authority_id::text, ',') FROM return_domain_month", as: login) == "2")
    }
}
