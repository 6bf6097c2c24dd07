@testable import AssayAudits
import AssayCore
import AssayRegister
import AssaySampling
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// The JSON columns are written in one canonical spelling (docs/integrity.md, "JSON columns"):
/// their bytes are hashed into the audit log, so they must not depend on which encoder a
/// module happened to use. Each check below would fail with the encoders used before
/// (Foundation's `.sortedKeys` order, `\/` for a slash).
@Suite struct JSONColumnTests {
    let fx: AuditFixture
    init() throws { fx = try AuditFixture() }

    @Test func aReopenedAuditsSnapshotIsCanonical() throws {
        let ana = try fx.store(as: "Ana")
        let theCase = try ana.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        var answers = AuditStoreTests.completeAnswers
        answers[0] = Answer(questionID: "seen-alone", value: "1", grade: .outstanding, skipped: false,
                            evidence: "Seen alone 2/3 visits; said \"fine\"\tthen cried. Zoë's room.", reason: nil)
        let id = try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: answers,
                                         overall: .requiresImprovement, reason: "Plan drift.", actions: [])
        try fx.lead.amend(auditID: id, reason: "Regrade.")
        let stored = try #require(try fx.lead.read { try String.fetchOne($0, sql: "SELECT submitted_json FROM audit_amendment") })
        #expect(stored.contains(#""evidence":"Seen alone 2/3 visits; said \"fine\"\tthen cried. Zoë's room.""#))
        #expect(!stored.contains(#"\/"#))
        #expect(!stored.contains(" :") && !stored.contains(", "))
        // Parsed and written again, it is the same bytes: it was canonical already.
        #expect(try StrictJSONReader.parse(Array(stored.utf8), source: "t").canonicalText == stored)
        #expect(stored.hasPrefix(#"{"answers":{"assessment":"#))
    }

    @Test func keptAttributesAreSortedByCodeUnitsNotByFoundationsOrder() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("b.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        let csv = try dir.write("r.csv", "case_id,team,locality,service,worker,Zeta,éclair,alpha\nA-1,Front Door,Central,front-door,Wyn,z/1,é,a\n")
        _ = try RegisterImporter(store: store).importFile(csv, options: RegisterImportOptions(
            asOf: CalendarDate(year: 2026, month: 11, day: 1)!, keep: ["Zeta", "éclair", "alpha"]))
        let stored = try store.read { db in
            (attributes: try String.fetchOne(db, sql: "SELECT attributes FROM frame_case")!,
             kept: try String.fetchOne(db, sql: "SELECT kept_attributes FROM frame")!)
        }
        #expect(stored.attributes == #"{"Zeta":"z/1","alpha":"a","éclair":"é"}"#)
        #expect(stored.kept == #"["Zeta","éclair","alpha"]"#)
    }

    @Test func aStratumKeyKeepsTheByOrder() throws {
        var request = DrawRequest(month: Month("2026-12")!, size: .total(2))
        request.seed = "json"
        request.byFields = ["team", "locality"]
        let draw = try DrawMaker(store: fx.lead).make(request)
        let id = try fx.lead.saveDraw(draw, replaceReason: nil)
        let keys = try fx.lead.read { db in
            try String.fetchAll(db, sql: "SELECT stratum_key FROM draw_stratum WHERE draw_id = ? ORDER BY position", arguments: [id])
        }
        #expect(keys == [#"{"team":"CP North","locality":"North"}"#, #"{"team":"Front Door","locality":"Central"}"#])
        #expect(try fx.lead.read { try String.fetchOne($0, sql: "SELECT by_fields FROM draw WHERE id = ?", arguments: [id]) } == #"["team","locality"]"#)
    }
}
