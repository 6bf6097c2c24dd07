import AssayCore
import AssayRegister
@testable import AssaySampling
import AssaySamples
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import Testing

@Suite struct DrawTests {
    let dir = TemporaryDirectory()
    let store: Store
    let november = Month("2026-11")!

    init() throws {
        store = try Store(path: dir.file("a.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
    }

    func importRegister(_ rows: [String], name: String = "r.csv", store: Store? = nil) throws {
        let text = "case_id,team,locality,service\n" + rows.joined(separator: "\n") + "\n"
        _ = try RegisterImporter(store: store ?? self.store).importFile(dir.write(name, text), options: RegisterImportOptions(asOf: CalendarDate(year: 2026, month: 10, day: 1)!))
    }

    func syntheticRows(count: Int = 600) -> [String] {
        (0..<count).map { "C\(1000 + $0),Team \($0 % 5),Area \($0 % 3),\($0 % 4 == 0 ? "child-in-care" : "child-in-need")" }
    }

    func request(_ month: Month, size: Int = 40, seed: String? = "seed") -> DrawRequest {
        var r = DrawRequest(month: month, size: .total(size))
        r.seed = seed
        return r
    }

    @Test func theSameSeedGivesTheSameCasesAndNoCaseTwice() throws {
        try importRegister(syntheticRows())
        let a = try DrawMaker(store: store).make(request(november))
        let b = try DrawMaker(store: store).make(request(november))
        #expect(a.cases == b.cases)
        #expect(Set(a.cases.map(\.caseID)).count == a.cases.count)
        #expect(a.total == 40)
        let c = try DrawMaker(store: store).make(request(november, seed: "another"))
        #expect(Set(c.cases.map(\.caseID)) != Set(a.cases.map(\.caseID)))
    }

    @Test func shufflingTheRegisterDoesNotChangeTheDraw() throws {
        let rows = syntheticRows()
        try importRegister(rows)
        let other = try Store(path: dir.file("b.db"), identity: Identity(name: "Lena Lead", osLogin: "lena"))
        var random = SplitMix64(seed: 7)
        try importRegister(rows.shuffled(using: &random), name: "shuffled.csv", store: other)
        let a = try DrawMaker(store: store).make(request(november))
        let b = try DrawMaker(store: other).make(request(november))
        #expect(a.cases.map(\.caseID) == b.cases.map(\.caseID))
    }

    @Test func addingCasesElsewhereNeverReordersAStratum() throws {
        let t1 = Ticket.select(["A1", "A2", "A3", "A4", "A5"], count: 5, seed: "s").map(\.caseID)
        let t2 = Ticket.select(["A1", "A2", "X9", "A3", "A4", "A5", "X8"], count: 7, seed: "s").map(\.caseID).filter { $0.hasPrefix("A") }
        #expect(t1 == t2)
    }

    @Test func selectingInManyStrataAtOncePicksWhatOneStratumAtATimePicks() {
        let strata = (0..<40).map { s in (0..<(s * 13 % 50)).map { "S\(s)-\($0)" } }
        let counts = strata.indices.map { min($0 % 4, strata[$0].count) }
        let together = Ticket.select(inStrata: strata, counts: counts, seed: "many")
        #expect(together.count == strata.count)
        for (i, stratum) in strata.enumerated() {
            let alone = Ticket.select(stratum, count: counts[i], seed: "many")
            #expect(together[i].map(\.caseID) == alone.map(\.caseID))
            #expect(together[i].map(\.ticket.bytes) == alone.map(\.ticket))
        }
    }

    @Test func theTicketIsTheDocumentedHash() {
        // python3 -c "import hashlib,struct; s=b'seed'; c=b'C1'; print(hashlib.sha256(struct.pack('>Q',len(s))+s+struct.pack('>Q',len(c))+c).hexdigest())"
        #expect(Ticket.of(caseID: "C1", seed: "seed").hexString == "92e07b4a03fdda1d5e767e38d433e5fb213e1de689ba46f15aca4d1e69c04752")
        // docs/sampling.md §6's worked examples: lengths are UTF-8 bytes ("août" is 5), and a
        // generated seed is hashed as its 64 hex digits.
        #expect(Ticket.of(caseID: "CS1", seed: "août").hexString == "2cee68a2ffe779d54cc9931b0c2442a2ed5445a17b0fa70d3a3fa7b7d507fa63")
        #expect(Ticket.of(caseID: "C01", seed: "769a20c8f65f59b1247bbef6adca5076fb67caa32bbfcbcbf58f885035a69dab").hexString
                == "1b0898ee1b1029c3d9ccb380ec6edf38fdefe6774a5e182a4ead7f876892bf7a")
    }

    @Test func ticketsCompareAsTheirBytesDo() {
        // The draw compares tickets as four 64-bit words; the order must be the bytewise
        // order of the 32 bytes that docs/sampling.md and the independent script use.
        var machine = Ticket.Machine(seed: "order")
        let tickets = (0..<400).map { machine.ticket(for: "C\($0)") }
        for (a, b) in zip(tickets, tickets.dropFirst().reversed()) {
            #expect((a < b) == a.bytes.lexicographicallyPrecedes(b.bytes))
            #expect((a == b) == (a.bytes == b.bytes))
        }
        #expect(tickets[7].bytes == Ticket.of(caseID: "C7", seed: "order"))
        #expect(tickets[7].hexString == Ticket.of(caseID: "C7", seed: "order").hexString)
    }

    @Test func recentlyDrawnCasesAreExcludedOverARunOfMonths() throws {
        try importRegister(syntheticRows(count: 300))
        var history: [Month: Set<String>] = [:]
        for offset in 0..<8 {
            let month = Month("2026-01")!.adding(months: offset)
            let draw = try DrawMaker(store: store).make(request(month, size: 30, seed: "s\(offset)"))
            try store.saveDraw(draw, replaceReason: nil)
            let drawn = Set(draw.cases.map(\.caseID))
            for back in 1...3 {
                if let earlier = history[month.adding(months: -back)] { #expect(drawn.isDisjoint(with: earlier), "\(month) repeats \(back) months back") }
            }
            if offset >= 3 { #expect(draw.exclusions.count == 90) }
            history[month] = drawn
        }
    }

    @Test func aMonthHasOneCurrentDrawAndReplacedDrawsAreKept() throws {
        try importRegister(syntheticRows())
        let first = try DrawMaker(store: store).make(request(november))
        let firstID = try store.saveDraw(first, replaceReason: nil)
        #expect(throws: SamplingError.alreadyDrawn(month: november, draw: firstID)) { try store.saveDraw(first, replaceReason: nil) }
        let second = try DrawMaker(store: store).make(request(november, seed: "other"))
        let secondID = try store.saveDraw(second, replaceReason: "frame was the wrong month")
        #expect(try store.storedDraw(month: november).id == secondID)
        let old = try store.storedDraw(month: nil, id: firstID)
        #expect(old.status == "replaced")
        #expect(old.draw.cases == first.cases)
        #expect(try store.storedDraw(month: november).replaceReason == "frame was the wrong month")
    }

    /// A draw and the cases it adds for re-audit are one transaction (issue 21): when writing
    /// an addition fails after the draw's own rows were written, neither is stored, and the
    /// audit log records nothing of it.
    @Test func aDrawAndItsReauditAdditionsAreSavedTogetherOrNotAtAll() throws {
        try importRegister(syntheticRows())
        let draw = try DrawMaker(store: store).make(request(november))
        let logged = { try self.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log") ?? 0 } }
        let before = try logged()
        // An addition naming an audit that does not exist: its foreign key fails on insert.
        let broken = DrawReaudit(caseID: "not-drawn", lastAuditID: 999_999, lastMonth: november.adding(months: -2))
        #expect(throws: (any Error).self) { try store.saveDraw(draw, reaudits: [broken], replaceReason: nil) }
        #expect(throws: StoreError.self) { try store.storedDraw(month: november) }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM draw") } == 0)
        #expect(try logged() == before)
        // The same draw is stored once its additions are sound (here, none).
        _ = try store.saveDraw(draw, reaudits: [], replaceReason: nil)
        #expect(try store.storedDraw(month: november).draw.cases == draw.cases)
    }

    /// A stored draw says when it was drawn with its transaction's one timestamp, the `at`
    /// of its audit-log entries, not a second reading of the clock (issue 21, "One clock").
    @Test func aDrawIsStampedWithItsTransactionsTimestamp() throws {
        try importRegister(syntheticRows())
        let id = try store.saveDraw(try DrawMaker(store: store).make(request(november)), replaceReason: nil)
        let (drawnAt, logged) = try store.read { db in
            (try String.fetchOne(db, sql: "SELECT drawn_at FROM draw WHERE id = ?", arguments: [id]),
             try String.fetchAll(db, sql: "SELECT DISTINCT at FROM audit_log WHERE table_name IN ('draw', 'draw_stratum', 'draw_case')"))
        }
        #expect(logged.count == 1)
        #expect(drawnAt == logged.first)
    }

    @Test func verifyFindsAStoredDrawIdenticalAndNoticesTampering() throws {
        try importRegister(syntheticRows())
        let id = try store.saveDraw(try DrawMaker(store: store).make(request(november)), replaceReason: nil)
        #expect(try DrawVerifier(store: store).verify(store.storedDraw(month: november)) == [])
        let raw = try DatabaseQueue(path: dir.file("a.db"))
        try raw.write { try $0.execute(sql: "UPDATE draw_case SET case_id = 'C9999' WHERE draw_id = ? AND id = (SELECT min(id) FROM draw_case WHERE draw_id = ?)", arguments: [id, id]) }
        try raw.close()
        let problems = try DrawVerifier(store: store).verify(store.storedDraw(month: november))
        #expect(problems.contains { $0.contains("C9999") })
    }

    @Test func servicesAndOtherStrataAreHonoured() throws {
        try importRegister(syntheticRows())
        var r = request(november, size: 20)
        r.services = [.childInCare]
        r.byFields = ["team"]
        let draw = try DrawMaker(store: store).make(r)
        #expect(draw.strata.map(\.key.values) == [["Team 0"], ["Team 1"], ["Team 2"], ["Team 3"], ["Team 4"]])
        #expect(draw.strata.reduce(0) { $0 + $1.population } == 150)
        r.byFields = ["colour"]
        let unknown = #expect(throws: SamplingError.self) { try DrawMaker(store: store).make(r) }
        #expect(unknown?.place == .argument("by"))
        #expect(unknown?.description.hasPrefix("colour is not a register field") == true)
    }

    @Test func neymanWithoutHistoryFallsBackToProportionalAndSaysSo() throws {
        try importRegister(syntheticRows())
        var r = request(november)
        r.allocation = .neyman
        let draw = try DrawMaker(store: store).make(r)
        #expect(draw.allocationUsed == "proportional")
        #expect(draw.notes.contains { $0.contains("fell back to proportional") })
    }

    @Test func onlyALeadDraws() throws {
        try importRegister(syntheticRows())
        try store.addPerson(name: "Sam", role: .auditor, team: nil)
        let sam = try Store(path: dir.file("a.db"), identity: Identity(name: "Sam", osLogin: "sam"))
        #expect(throws: StoreError.self) { try sam.saveDraw(try DrawMaker(store: sam).make(request(november)), replaceReason: nil) }
    }

    @Test func strataAreInBytewiseOrder() {
        let keys = [StratumKey(["b"]), StratumKey(["B"]), StratumKey(["a", "z"]), StratumKey(["a", "Z"]), StratumKey(["É"])].sorted()
        #expect(keys.map(\.values) == [["B"], ["a", "Z"], ["a", "z"], ["b"], ["É"]])
    }
}
