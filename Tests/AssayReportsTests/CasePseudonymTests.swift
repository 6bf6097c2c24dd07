import AssayCore
@testable import AssayReports
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

/// Case pseudonyms: stable within a database, different between databases, never the case
/// id, from a secret made once per database and never shown; `--reveal` for leads only,
/// and logged.
@Suite struct CasePseudonymTests {
    static let lead = Identity(name: "Lena Lead", osLogin: "lena")
    static let caseIDs = (1...40).map { "CS1\(String(format: "%05d", $0 * 37))" }
    static func isPseudonym(_ text: String) -> Bool {
        text.count == 10 && text.hasPrefix("P-") && text.dropFirst(2).allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) }
    }

    func secretRows(_ store: Store) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM report_secret") ?? 0 }
    }

    @Test func pseudonymsAreStableWithinADatabase() throws {
        let dir = TemporaryDirectory()
        let first = try Store(path: dir.file("a.db"), identity: Self.lead)
        let once = try first.casePseudonyms()
        let twice = try first.casePseudonyms()
        // Another process (another open, another user) reads the same secret.
        let later = try Store(path: dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "ana")).casePseudonyms()
        for id in Self.caseIDs {
            let pseudonym = once.pseudonym(for: id)
            #expect(Self.isPseudonym(pseudonym), "\(pseudonym)")
            #expect(twice.pseudonym(for: id) == pseudonym)
            #expect(later.pseudonym(for: id) == pseudonym)
        }
        #expect(Set(Self.caseIDs.map(once.pseudonym(for:))).count == Self.caseIDs.count)
    }

    @Test func pseudonymsDifferBetweenDatabases() throws {
        let dir = TemporaryDirectory()
        let a = try Store(path: dir.file("a.db"), identity: Self.lead).casePseudonyms()
        let b = try Store(path: dir.file("b.db"), identity: Self.lead).casePseudonyms()
        for id in Self.caseIDs {
            #expect(a.pseudonym(for: id) != b.pseudonym(for: id))
        }
    }

    @Test func aPseudonymIsNotTheCaseIDNorHoldsIt() throws {
        let dir = TemporaryDirectory()
        let pseudonyms = try Store(path: dir.file("a.db"), identity: Self.lead).casePseudonyms()
        for id in Self.caseIDs + ["P-00000000", "1", ""] {
            let pseudonym = pseudonyms.pseudonym(for: id)
            #expect(pseudonym != id)
            #expect(id.isEmpty || !pseudonym.contains(id.dropFirst(2)))
        }
        #expect(CaseLabels.pseudonyms(pseudonyms).label("CS100001") == pseudonyms.pseudonym(for: "CS100001"))
        #expect(CaseLabels.revealed.label("CS100001") == "CS100001")
    }

    /// The documented algorithm, pinned: P- and Crockford base32 of the first 40 bits of
    /// HMAC-SHA256(secret, case id). Values from Python's hmac module with secret bytes 0…31.
    @Test func theAlgorithmIsTheDocumentedOne() {
        let pseudonyms = CasePseudonym(secret: Array(0..<32))
        #expect(pseudonyms.pseudonym(for: "CS102893") == "P-8R4SRCQR")
        #expect(pseudonyms.pseudonym(for: "C1") == "P-60ATS32N")
        #expect(CasePseudonym.base32([0, 0, 0, 0, 0]) == "00000000")
        #expect(CasePseudonym.base32([0xff, 0xff, 0xff, 0xff, 0xff]) == "ZZZZZZZZ")
    }

    @Test func theSecretIsMadeOnceAndKeptPrivate() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("a.db"), identity: Self.lead)
        #expect(try secretRows(store) == 0)  // made on first need, not when the database is
        let secret = try store.reportSecret()
        #expect(secret.count == 32)
        #expect(Set(secret).count > 8)  // random, not a constant
        _ = try store.casePseudonyms()
        let other = try Store(path: dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "ana"))
        #expect(try other.reportSecret() == secret)
        #expect(try secretRows(store) == 1)
        // Written once, through the audited write path.
        let logged = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log WHERE table_name = 'report_secret'") ?? 0 }
        #expect(logged == 1)
        // Never changed, never deleted, even by hand.
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE report_secret SET created_by = 'x'") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM report_secret") } }
        #expect(try store.reportSecret() == secret)
        // Printing or dumping the pseudonym maker does not show it.
        let pseudonyms = try store.casePseudonyms()
        let hex = secret.hexString
        var dumped = ""
        dump(pseudonyms, to: &dumped)
        for text in [String(describing: pseudonyms), String(reflecting: pseudonyms), dumped] {
            #expect(!text.contains(hex) && !text.contains(String(describing: secret)), "\(text)")
        }
        // The database that holds it is private.
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("a.db"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func onlyALeadMayRevealAndEachRevealIsLogged() throws {
        let dir = TemporaryDirectory()
        let lead = try Store(path: dir.file("a.db"), identity: Self.lead)
        try lead.addPerson(name: "Ana", role: .auditor, team: nil)
        let ana = try Store(path: dir.file("a.db"), identity: Identity(name: "Ana", osLogin: "ana"))
        #expect(throws: StoreError.roleRefused(action: "reveal case ids", allowed: [.lead], name: "Ana", role: .auditor)) { try ana.caseLabels(reveal: true, report: "evidence", arguments: ["--reveal"]) }
        #expect(try lead.reveals().isEmpty)
        #expect(try ana.caseLabels(reveal: false, report: "evidence", arguments: []).isRevealed == false)
        #expect(try lead.reveals().isEmpty)  // pseudonyms are not logged

        let labels = try lead.caseLabels(reveal: true, report: "evidence", arguments: ["--month", "2026-11", "--reveal"])
        #expect(labels.isRevealed)
        let reveals = try lead.reveals()
        #expect(reveals.count == 1)
        #expect(reveals.first?.revealedBy == "Lena Lead" && reveals.first?.osLogin == "lena")
        #expect(reveals.first?.report == "evidence")
        #expect(reveals.first?.arguments == ["--month", "2026-11", "--reveal"])
        let logged = try lead.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log WHERE table_name = 'reveal_log'") ?? 0 }
        #expect(logged == 1)
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM reveal_log") } }
    }
}
