@testable import AssayAudits
import AssayCore
import AssayStore
import Foundation
import GRDB
import Testing

/// Every time a write stamps comes from the store's clock, once per transaction: the audit's
/// own `…_at` columns, its answers', its actions' and the audit log's `at` are one moment.
/// (Before, `Store+AuditWriting` read the machine's clock at several points of one submission.)
@Suite struct OneClockTests {
    let fx: AuditFixture
    init() throws { fx = try AuditFixture() }

    static let moment = Date(timeIntervalSince1970: 1_795_000_000.125)  // 2026-11-18T11:06:40.125Z

    @Test func aSubmissionStampsTheStoresClockEverywhere() throws {
        _ = try fx.store(as: "Ana")  // added by the lead, on the real clock
        let ana = try Store(path: fx.dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "login"), clock: .fixed(Self.moment))
        let theCase = try ana.auditedCase(fx.drawnCase(team: "CP North"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        let seq = try fx.lastLogSeq()
        let id = try ana.submitInOneStep(theCase, template: fx.mini, unsampled: false, answers: AuditStoreTests.completeAnswers,
                                         overall: .requiresImprovement, reason: "Plan drift.", actions: [AuditStoreTests.action])
        let stamp = Timestamp.iso8601(Self.moment)
        #expect(stamp == "2026-11-18T11:06:40.125Z")
        let stamped = try fx.lead.read { db in
            (audit: try Row.fetchOne(db, sql: "SELECT started_at, submitted_at FROM audit WHERE id = ?", arguments: [id])!,
             answers: try String.fetchAll(db, sql: "SELECT DISTINCT answered_at FROM audit_answer WHERE audit_id = ?", arguments: [id]),
             actions: try String.fetchAll(db, sql: "SELECT raised_at FROM audit_action WHERE audit_id = ?", arguments: [id]),
             log: try String.fetchAll(db, sql: "SELECT DISTINCT at FROM audit_log WHERE seq > ?", arguments: [seq]))
        }
        #expect(stamped.audit["started_at"] as String? == stamp)
        #expect(stamped.audit["submitted_at"] as String? == stamp)
        #expect(stamped.answers == [stamp])
        #expect(stamped.actions == [stamp])
        #expect(stamped.log == [stamp])
    }

    @Test func eachTransactionTakesItsOwnMoment() throws {
        _ = try fx.store(as: "Ana")
        let ticks = Ticks()
        let ana = try Store(path: fx.dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "login"), clock: Clock { ticks.next() })
        let theCase = try ana.auditedCase(fx.drawnCase(team: "Front Door"), month: fx.november, unsampled: false, fallbackMonth: fx.november)
        let (audit, _) = try ana.openAudit(of: theCase, template: fx.mini, unsampled: false)
        let question = try #require(fx.mini.questions.first { $0.id == "seen-alone" })
        try ana.saveAnswer(auditID: audit.id, questionID: "seen-alone", typed: try TypedAnswer.read("o", for: question).get())
        let row = try fx.lead.read { db in
            (started: try String.fetchOne(db, sql: "SELECT started_at FROM audit WHERE id = ?", arguments: [audit.id])!,
             answered: try String.fetchOne(db, sql: "SELECT answered_at FROM audit_answer WHERE audit_id = ?", arguments: [audit.id])!)
        }
        #expect(row.started == "2026-11-18T11:06:41.000Z")
        #expect(row.answered == "2026-11-18T11:06:42.000Z")
    }
}

/// A clock that moves one second each time it is read.
private final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Date {
        lock.lock(); defer { lock.unlock() }
        count += 1
        return Date(timeIntervalSince1970: 1_795_000_000 + Double(count))
    }
}
