import AssayTestSupport
import Foundation
import Testing

/// Issue 16: the same audit submitted by several processes at once. Whether the case already
/// has an audit is decided inside the write transaction, so exactly one submission is stored
/// and every other is told the case already has that audit — never SQLite's raw
/// "UNIQUE constraint failed".
@Suite(.serialized) struct AuditRaceTests {
    /// The workspace and process helpers of the concurrency tests: cases C1…Cn drawn whole for
    /// 2026-11, the mini template, Worker 1…8 (leads) and `good.yaml`.
    let race = ConcurrencyAndCrashTests()
    static let rounds = 8
    static let racers = 4

    @Test func fourProcessesSubmittingOneCaseStoreOneAuditAndTellTheOthersWhy() throws {
        try race.prepare(cases: Self.rounds)
        for round in 1...Self.rounds {
            let scripts = (1...Self.racers).map { w in ("Worker \(w)", "audit C\(round) --month 2026-11 --answers good.yaml\n") }
            let results = try race.runAtOnce(scripts)
            let stored = results.filter { $0.0 == 0 }
            #expect(stored.count == 1, "round \(round): exactly one submission is stored: \(results.map { "\($0.0) \($0.2)" })")
            for (status, _, err) in results where status != 0 {
                #expect(err.contains("Case C\(round) already has audit"), "round \(round): \(err)")
                #expect(err.contains("nothing was stored"), "round \(round): \(err)")
                #expect(!err.contains("UNIQUE"), "round \(round): \(err)")
                #expect(!err.lowercased().contains("sqlite"), "round \(round): \(err)")
            }
        }
        let audits = try AuditWorkspace.audits(race.work)
        #expect(audits.count == Self.rounds)
        #expect(Set(audits.compactMap { $0["case_id"] as? String }).count == Self.rounds, "each case audited exactly once")
        #expect(try sqlite3(race.work, "SELECT count(*) FROM audit_answer") == String(Self.rounds * 3), "no answers of a refused twin")
        let verified = try AuditWorkspace.run(race.work, as: AuditWorkspace.lead, ["verify"])
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
