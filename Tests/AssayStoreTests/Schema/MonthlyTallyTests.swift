import AssayCore
import AssaySamples
@testable import AssayStore
import Foundation
import GRDB
import Testing

/// `audit_tally` (migration `v20-monthly-tally`): SQLite's triggers keep, for each month,
/// team, locality and service, how many counted audits there are and how many are officially
/// inadequate. Reports of the direction of travel read it instead of every audit, so it must
/// equal a recount of the audits after any change; `verify` recounts it.
@Suite struct MonthlyTallyTests {
    /// A database with Assay's schema and no log or foreign keys in the way: the triggers act
    /// on whatever changes `audit` and `moderation`, so the test changes them directly.
    func rawDatabase(_ dir: TemporaryDirectory) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: dir.file("a.db"), configuration: configuration)
        try Migrations.migrator.migrate(queue)
        return queue
    }

    static func insertAudit(_ db: Database, id: Int64, month: String, team: String, locality: String, service: String?,
                            status: String, unsampled: Int, reaudit: Int, overall: Int?, drawID: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO audit (id, month, case_id, draw_id, unsampled, team, locality, service, template_id, template_version,
                               template_sha256, auditor, status, overall, started_at, reaudit)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'standard', 1, 'x', 'Ann', ?, ?, 't', ?)
            """, arguments: [id, month, "C\(id)", drawID, unsampled, team, locality, service, status, overall, reaudit])
    }

    func tally(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_tally ORDER BY month, team, locality, service").map { row in
            "\(row["month"] as String) \(row["team"] as String) \(row["locality"] as String) [\(row["service"] as String)] \(row["audits"] as Int)/\(row["inadequate"] as Int)"
        }
    }

    @Test func submittingReopeningModeratingAndDeletingMoveTheTally() throws {
        let dir = TemporaryDirectory()
        let queue = try rawDatabase(dir)
        try queue.write { db in
            try Self.insertAudit(db, id: 1, month: "2026-11", team: "Alpha", locality: "North", service: nil,
                                 status: "submitted", unsampled: 0, reaudit: 0, overall: 4, drawID: 1)
            try Self.insertAudit(db, id: 2, month: "2026-11", team: "Alpha", locality: "North", service: nil,
                                 status: "in_progress", unsampled: 0, reaudit: 0, overall: nil, drawID: 1)
            try Self.insertAudit(db, id: 3, month: "2026-11", team: "Alpha", locality: "North", service: "front-door",
                                 status: "submitted", unsampled: 1, reaudit: 0, overall: 4, drawID: 1)
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/1"], "the unsampled and the unfinished audits are not counted")

            try db.execute(sql: "UPDATE audit SET status = 'submitted', overall = 2 WHERE id = 2")
            #expect(try tally(db) == ["2026-11 Alpha North [] 2/1"])
            try db.execute(sql: "UPDATE audit SET team = 'Beta' WHERE id = 2")
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/1", "2026-11 Beta North [] 1/0"])
            try db.execute(sql: "INSERT INTO moderation (id, audit_id, moderator, moderated_at, blind_overall, agreed_overall) VALUES (1, 1, 'Mo', 't', 2, 2)")
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/0", "2026-11 Beta North [] 1/0"], "the agreed grade counts")
            try db.execute(sql: "UPDATE moderation SET agreed_overall = 4 WHERE id = 1")
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/1", "2026-11 Beta North [] 1/0"])
            try db.execute(sql: "UPDATE audit SET overall = 1 WHERE id = 1")
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/1", "2026-11 Beta North [] 1/0"], "still the agreed grade")
            try db.execute(sql: "DELETE FROM moderation WHERE id = 1")
            #expect(try tally(db) == ["2026-11 Alpha North [] 1/0", "2026-11 Beta North [] 1/0"], "the auditor's grade again")
            try db.execute(sql: "UPDATE audit SET status = 'in_progress' WHERE id = 1")
            #expect(try tally(db) == ["2026-11 Beta North [] 1/0"], "a reopened audit leaves its tally, which goes when empty")
            try db.execute(sql: "UPDATE audit SET reaudit = 1 WHERE id = 2")
            #expect(try tally(db).isEmpty)
            try db.execute(sql: "UPDATE audit SET unsampled = 0 WHERE id = 3")
            #expect(try tally(db) == ["2026-11 Alpha North [front-door] 1/1"])
            try db.execute(sql: "DELETE FROM audit WHERE id = 3")
            #expect(try tally(db).isEmpty)
            #expect(try TallyComparison.problems(db, limit: 10).isEmpty)
        }
    }

    /// A thousand random changes of every kind, from three seeds; after each, the tallies are
    /// a recount.
    @Test(arguments: [UInt64(1), 2, 3])
    func theTallyIsARecountAfterAnyChange(seed: UInt64) throws {
        let dir = TemporaryDirectory()
        let queue = try rawDatabase(dir)
        var rng = SplitMix64(seed: seed)
        let months = ["2026-10", "2026-11"], teams = ["Alpha", "Beta"], services: [String?] = [nil, "front-door", "child-in-need"]
        let statuses = ["submitted", "in_progress"]
        var sawDomainTallies = false
        try queue.write { db in
            for step in 0..<1000 {
                let id = Int64(rng.below(12) + 1)
                let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit WHERE id = ?)", arguments: [id])!
                let overall: Int? = rng.below(5) == 0 ? nil : rng.below(4) + 1
                let section = ["voice", "risk", "plan"][rng.below(3)]
                switch (exists, rng.below(10)) {
                case (false, _):
                    try Self.insertAudit(db, id: id, month: months[rng.below(2)], team: teams[rng.below(2)], locality: "North",
                                         service: services[rng.below(3)], status: statuses[rng.below(2)], unsampled: rng.below(4) == 0 ? 1 : 0,
                                         reaudit: rng.below(5) == 0 ? 1 : 0, overall: overall, drawID: rng.below(6) == 0 ? nil : 1)
                case (true, 0):
                    try db.execute(sql: "DELETE FROM moderation_section_grade WHERE moderation_id IN (SELECT id FROM moderation WHERE audit_id = ?)", arguments: [id])
                    try db.execute(sql: "DELETE FROM moderation WHERE audit_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM audit_section_grade WHERE audit_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM audit WHERE id = ?", arguments: [id])
                case (true, 1):
                    try db.execute(sql: """
                        INSERT INTO moderation (audit_id, moderator, moderated_at, blind_overall, agreed_overall) VALUES (?, 'Mo', 't', 1, ?)
                        ON CONFLICT (audit_id) DO UPDATE SET agreed_overall = excluded.agreed_overall
                        """, arguments: [id, rng.below(4) + 1])
                case (true, 2):
                    // Now and then the moderation goes with its domain grades still there (no foreign keys here).
                    if rng.below(2) == 0 {
                        try db.execute(sql: "DELETE FROM moderation_section_grade WHERE moderation_id IN (SELECT id FROM moderation WHERE audit_id = ?)", arguments: [id])
                    }
                    try db.execute(sql: "DELETE FROM moderation WHERE audit_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM moderation_section_grade WHERE moderation_id NOT IN (SELECT id FROM moderation)")
                case (true, 3):
                    try db.execute(sql: "UPDATE audit SET status = ?, overall = ? WHERE id = ?", arguments: [statuses[rng.below(2)], overall, id])
                case (true, 4):
                    try db.execute(sql: "UPDATE audit SET month = ?, team = ?, service = ? WHERE id = ?",
                                   arguments: [months[rng.below(2)], teams[rng.below(2)], services[rng.below(3)], id])
                case (true, 6):
                    try db.execute(sql: """
                        INSERT INTO audit_section_grade (audit_id, section_id, grade) VALUES (?, ?, ?)
                        ON CONFLICT (audit_id, section_id) DO UPDATE SET grade = excluded.grade
                        """, arguments: [id, section, rng.below(4) + 1])
                case (true, 7):
                    try db.execute(sql: "DELETE FROM audit_section_grade WHERE audit_id = ? AND section_id = ?", arguments: [id, section])
                case (true, 8):
                    guard let moderation = try Int64.fetchOne(db, sql: "SELECT id FROM moderation WHERE audit_id = ?", arguments: [id]) else { continue }
                    let agreed: Int? = rng.below(4) == 0 ? nil : rng.below(4) + 1
                    if rng.below(4) == 0 {
                        try db.execute(sql: "DELETE FROM moderation_section_grade WHERE moderation_id = ? AND section_id = ?", arguments: [moderation, section])
                    } else {
                        try db.execute(sql: """
                            INSERT INTO moderation_section_grade (moderation_id, section_id, agreed_grade) VALUES (?, ?, ?)
                            ON CONFLICT (moderation_id, section_id) DO UPDATE SET agreed_grade = excluded.agreed_grade
                            """, arguments: [moderation, section, agreed])
                    }
                default:
                    try db.execute(sql: "UPDATE audit SET unsampled = ?, reaudit = ?, draw_id = ? WHERE id = ?",
                                   arguments: [rng.below(3) == 0 ? 1 : 0, rng.below(3) == 0 ? 1 : 0, rng.below(5) == 0 ? nil : 1, id])
                }
                sawDomainTallies = try sawDomainTallies || Int.fetchOne(db, sql: "SELECT count(*) FROM audit_domain_tally")! > 0
                let problems = try TallyComparison.problems(db, limit: 5)
                #expect(problems.isEmpty, "seed \(seed), step \(step): \(problems)")
                if !problems.isEmpty { break }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_tally WHERE audits <= 0")! == 0, "no empty tally is left")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_domain_tally WHERE audits <= 0")! == 0, "no empty domain tally is left")
            #expect(sawDomainTallies, "the changes reached the domain tallies")
        }
    }

    /// A database from before the tally gets one counted from its audits when it is upgraded.
    @Test func anUpgradeCountsTheAuditsAlreadyThere() throws {
        let dir = TemporaryDirectory()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: dir.file("a.db"), configuration: configuration)
        try Migrations.migrator.migrate(queue, upTo: "v19-log-blocks")
        try queue.write { db in
            for id in Int64(1)...5 {
                try Self.insertAudit(db, id: id, month: "2026-11", team: id <= 3 ? "Alpha" : "Beta", locality: "North", service: nil,
                                     status: id == 5 ? "in_progress" : "submitted", unsampled: 0, reaudit: 0, overall: id == 5 ? nil : Int(id), drawID: 1)
            }
            try db.execute(sql: "INSERT INTO moderation (id, audit_id, moderator, moderated_at, blind_overall, agreed_overall) VALUES (1, 2, 'Mo', 't', 4, 4)")
            try db.execute(sql: """
                INSERT INTO audit_section_grade (audit_id, section_id, grade) VALUES (1, 'voice', 3), (1, 'risk', 4), (2, 'voice', 2), (4, 'voice', 3);
                INSERT INTO moderation_section_grade (moderation_id, section_id, agreed_grade) VALUES (1, 'voice', 4), (1, 'risk', NULL);
                """)
        }
        try Migrations.migrator.migrate(queue)
        let counted = try queue.read { try tally($0) }
        #expect(counted == ["2026-11 Alpha North [] 3/1", "2026-11 Beta North [] 1/1"], "audit 2 agreed inadequate; audit 4 inadequate")
        let domains = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT team, section_id, audits, requires_improvement, inadequate FROM audit_domain_tally ORDER BY team, section_id")
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as Int)/\($0[3] as Int)/\($0[4] as Int)" }
        }
        #expect(domains == ["Alpha risk 1/0/1", "Alpha voice 2/1/1", "Beta voice 1/1/0"], "audit 2's agreed grades in place of its first ones")
        let graded = try queue.read { try Int.fetchOne($0, sql: "SELECT sum(graded) FROM audit_tally") }
        #expect(graded == 3, "audits 1, 2 (by its agreed grade) and 4; audit 3 has none")
        #expect(try queue.read { try TallyComparison.problems($0, limit: 10) }.isEmpty)
    }

    @Test func verifyNamesATallyChangedOutsideAssay() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: lead)
        #expect(try store.verify().isIntact)
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try raw.write { try $0.execute(sql: "INSERT INTO audit_tally VALUES ('2026-11', 'Alpha', 'North', '', 2, 1, 0)") }
        try raw.close()
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.tallyProblems == ["the monthly tally for 2026-11, team Alpha, locality North holds 2 audits, 1 inadequate, 0 with domain grades, but a recount of its audits gives 0 audits, 0 inadequate, 0 with domain grades: it was changed outside Assay, and reports read it"])
        #expect(report.text.contains("NOT INTACT: 1 problem found"))
    }
}
